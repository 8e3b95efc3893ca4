import { describe, expect, it } from 'vitest';
import type { SessionStage } from '../../contracts/auth.js';
import { nextStage, type AccountState, type CompletedStep } from './stages.js';

const state = (totpEnabled: boolean, mustChangePassword: boolean, twoFactorRequired: boolean): AccountState => ({
  totpEnabled,
  mustChangePassword,
  twoFactorRequired,
});

// [completed step, totpEnabled, mustChangePassword, twoFactorRequired, expected next stage]
type Row = [CompletedStep, boolean, boolean, boolean, SessionStage];

describe('nextStage', () => {
  it.each<Row>([
    // After the password: the second factor comes first whenever the account has one.
    ['password', false, false, false, 'active'],
    ['password', false, true, false, 'password_change'],
    ['password', false, false, true, 'totp_enrolment'],
    ['password', false, true, true, 'totp_enrolment'],
    ['password', true, false, false, 'totp'],
    ['password', true, true, false, 'totp'],
    ['password', true, false, true, 'totp'],
    ['password', true, true, true, 'totp'],
    // After the TOTP code: an administrator-issued password must still be replaced.
    ['totp', true, false, false, 'active'],
    ['totp', true, true, false, 'password_change'],
    ['totp', true, false, true, 'active'],
    ['totp', true, true, true, 'password_change'],
    // After enrolling the second factor.
    ['totp_enrolment', true, false, true, 'active'],
    ['totp_enrolment', true, true, true, 'password_change'],
    ['totp_enrolment', true, false, false, 'active'],
    ['totp_enrolment', true, true, false, 'password_change'],
    // After replacing the password: never asked to change it again, but an admin without a
    // second factor must still enrol.
    ['password_change', false, false, false, 'active'],
    ['password_change', false, true, false, 'active'],
    ['password_change', true, false, false, 'active'],
    ['password_change', true, true, true, 'active'],
    ['password_change', false, false, true, 'totp_enrolment'],
    ['password_change', false, true, true, 'totp_enrolment'],
  ])('after %s (totp %s, must change %s, 2FA required %s) → %s', (step, totp, mustChange, required, expected) => {
    expect(nextStage(step, state(totp, mustChange, required))).toBe(expected);
  });

  it('reaches active from every starting state in at most three further steps', () => {
    const bools = [false, true];
    for (const totp of bools)
      for (const mustChange of bools)
        for (const required of bools) {
          let a = state(totp, mustChange, required);
          let stage = nextStage('password', a);
          const path: SessionStage[] = [stage];
          for (let i = 0; i < 3 && stage !== 'active'; i++) {
            // Completing a stage changes the account the way the server does.
            if (stage === 'totp_enrolment') a = { ...a, totpEnabled: true };
            if (stage === 'password_change') a = { ...a, mustChangePassword: false };
            stage = nextStage(stage as CompletedStep, a);
            path.push(stage);
          }
          expect(stage, `${JSON.stringify({ totp, mustChange, required })}: ${path.join(' → ')}`).toBe('active');
        }
  });
});
