import { describe, expect, it } from 'vitest';
import { urgency, type UrgencyInput } from './urgency.js';

const base: UrgencyInput = { today: '2026-11-21', nextDeadline: null, children: 0, vulnerable: false, firstContactDue: '2026-11-25', firstContactAttempted: false };

describe('urgency of a case in the work queue', () => {
  it.each([
    ['no deadline, nothing special', {}, 0, null, []],
    ['deadline passed', { nextDeadline: { kind: 'schonfrist_end', date: '2026-11-20' } }, 1000, -1, ['deadline_passed']],
    ['deadline today', { nextDeadline: { kind: 'eviction', date: '2026-11-21' } }, 1000, 0, ['deadline_within_7_days']],
    ['deadline in 10 days', { nextDeadline: { kind: 'schonfrist_end', date: '2026-12-01' } }, 900, 10, ['deadline_within_14_days']],
    ['deadline in 60 days', { nextDeadline: { kind: 'schonfrist_end', date: '2027-01-20' } }, 400, 60, []],
    ['deadline beyond 100 days adds nothing', { nextDeadline: { kind: 'schonfrist_end', date: '2027-06-01' } }, 0, 192, []],
    ['children', { children: 2 }, 150, null, ['children']],
    ['vulnerable', { vulnerable: true }, 150, null, ['vulnerable']],
    ['first contact overdue', { firstContactDue: '2026-11-20' }, 200, null, ['first_contact_overdue']],
    ['first contact due today is not overdue yet', { firstContactDue: '2026-11-21' }, 0, null, []],
    ['attempted contact is never overdue', { firstContactDue: '2026-11-01', firstContactAttempted: true }, 0, null, []],
  ])('%s', (_label, over, score, daysLeft, reasons) => {
    const u = urgency({ ...base, ...(over as Partial<UrgencyInput>) });
    expect(u.score).toBe(score);
    expect(u.daysLeft).toBe(daysLeft);
    expect(u.reasons).toEqual(reasons);
  });

  it('a near deadline outranks children and vulnerability together', () => {
    const near = urgency({ ...base, nextDeadline: { kind: 'eviction', date: '2026-11-24' } });
    const family = urgency({ ...base, children: 3, vulnerable: true, nextDeadline: { kind: 'schonfrist_end', date: '2027-01-15' } });
    expect(near.score).toBeGreaterThan(family.score);
  });
});
