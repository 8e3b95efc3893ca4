import type { SessionStage } from '../../contracts/auth.js';

export interface AccountState {
  totpEnabled: boolean;
  mustChangePassword: boolean;
  /** Admin accounts outside demo mode (see requiresTwoFactor). */
  twoFactorRequired: boolean;
}

export type CompletedStep = 'password' | 'totp' | 'totp_enrolment' | 'password_change';

/**
 * The sign-in is a small state machine: password → second factor (or its enrolment, for admins
 * who have none) → replacing an administrator-issued password → active.
 */
export function nextStage(step: CompletedStep, a: AccountState): SessionStage {
  if (step === 'password') {
    if (a.totpEnabled) return 'totp';
    if (a.twoFactorRequired) return 'totp_enrolment';
  }
  if (step !== 'password_change' && a.mustChangePassword) return 'password_change';
  if (a.twoFactorRequired && !a.totpEnabled) return 'totp_enrolment';
  return 'active';
}
