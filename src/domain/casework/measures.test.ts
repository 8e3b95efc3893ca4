import { describe, expect, it } from 'vitest';
import { checkTransition, initialStatuses, isFinal, MEASURE_CATEGORIES, rentDebtWarnings, statusesOf, type RentDebtFacts } from './measures.js';

describe('measure status transitions', () => {
  it.each([
    // rent-debt assumption: the caseworker submits and withdraws, the deciding organisation decides
    ['rent_debt_assumption', 'draft', 'applied', 'case', { ok: true }],
    ['rent_debt_assumption', 'draft', 'approved', 'case', { ok: false, reason: 'not_allowed' }],
    ['rent_debt_assumption', 'draft', 'applied', 'deciding', { ok: false, reason: 'other_side' }],
    ['rent_debt_assumption', 'applied', 'approved', 'deciding', { ok: true }],
    ['rent_debt_assumption', 'applied', 'partly_approved', 'deciding', { ok: true }],
    ['rent_debt_assumption', 'applied', 'rejected', 'deciding', { ok: true }],
    ['rent_debt_assumption', 'applied', 'approved', 'case', { ok: false, reason: 'other_side' }],
    ['rent_debt_assumption', 'applied', 'withdrawn', 'case', { ok: true }],
    ['rent_debt_assumption', 'applied', 'withdrawn', 'deciding', { ok: false, reason: 'other_side' }],
    ['rent_debt_assumption', 'rejected', 'approved', 'deciding', { ok: true }], // objection upheld
    ['rent_debt_assumption', 'approved', 'applied', 'deciding', { ok: false, reason: 'not_allowed' }],
    ['rent_debt_assumption', 'withdrawn', 'applied', 'case', { ok: false, reason: 'not_allowed' }],
    ['rent_debt_assumption', 'approved', 'approved', 'deciding', { ok: true }], // unchanged status, corrected amount
    ['rent_debt_assumption', 'planned', 'applied', 'case', { ok: false, reason: 'unknown_status' }],
    // work steps
    ['instalment_agreement', 'planned', 'in_progress', 'case', { ok: true }],
    ['instalment_agreement', 'in_progress', 'done', 'case', { ok: true }],
    ['instalment_agreement', 'done', 'in_progress', 'case', { ok: false, reason: 'not_allowed' }],
    ['landlord_negotiation', 'failed', 'planned', 'case', { ok: true }],
    ['direct_payment', 'cancelled', 'planned', 'case', { ok: false, reason: 'not_allowed' }],
    ['accompaniment', 'planned', 'approved', 'case', { ok: false, reason: 'unknown_status' }],
    // referrals
    ['referral', 'planned', 'referred', 'case', { ok: true }],
    ['referral', 'referred', 'attended', 'case', { ok: true }],
    ['referral', 'not_attended', 'referred', 'case', { ok: true }],
    ['referral', 'attended', 'referred', 'case', { ok: false, reason: 'not_allowed' }],
    ['referral', 'planned', 'attended', 'case', { ok: false, reason: 'not_allowed' }],
    // benefit applications: the household's own, decided elsewhere and recorded by the caseworker
    ['benefit_application', 'planned', 'applied', 'case', { ok: true }],
    ['benefit_application', 'applied', 'approved', 'case', { ok: true }],
    ['benefit_application', 'approved', 'rejected', 'case', { ok: false, reason: 'not_allowed' }],
    ['benefit_application', 'planned', 'approved', 'case', { ok: false, reason: 'not_allowed' }],
  ] as const)('%s: %s → %s by the %s side: %o', (category, from, to, side, expected) => {
    expect(checkTransition(category, from, to, side)).toEqual(expected);
  });

  it('every category starts somewhere it knows and can reach a final status', () => {
    for (const category of MEASURE_CATEGORIES) {
      const statuses = statusesOf(category);
      for (const s of initialStatuses(category)) expect(statuses, category).toContain(s);
      expect(statuses.some(isFinal), category).toBe(true);
      expect(statuses.filter((s) => !isFinal(s)).length, category).toBeGreaterThan(0);
    }
  });
});

describe('rent-debt assumption against the Schonfrist end', () => {
  const base: RentDebtFacts = { status: 'approved', schonfristEnd: '2026-04-10', commitmentOn: null, today: '2026-03-01', warningDays: 7 };
  it.each([
    // the commitment: after the end (ineffective), on the last day, and around the margin of 7 days
    ['commitment a day after the end', { commitmentOn: '2026-04-11' }, [{ code: 'commitment_after_schonfrist', days: -1 }]],
    ['commitment on the last day', { commitmentOn: '2026-04-10' }, [{ code: 'commitment_close_to_schonfrist', days: 0 }]],
    ['commitment 6 days before', { commitmentOn: '2026-04-04' }, [{ code: 'commitment_close_to_schonfrist', days: 6 }]],
    ['commitment exactly 7 days before', { commitmentOn: '2026-04-03' }, []],
    ['commitment well before', { commitmentOn: '2026-03-10' }, []],
    ['margin 14: 10 days before is close', { commitmentOn: '2026-03-31', warningDays: 14 }, [{ code: 'commitment_close_to_schonfrist', days: 10 }]],
    ['margin 0: the last day is fine', { commitmentOn: '2026-04-10', warningDays: 0 }, []],
    ['late even when the application was rejected and approved again', { status: 'approved', commitmentOn: '2026-05-01' }, [{ code: 'commitment_after_schonfrist', days: -21 }]],
    // undecided while the end approaches
    ['applied, 7 days left', { status: 'applied', today: '2026-04-03' }, []],
    ['applied, 6 days left', { status: 'applied', today: '2026-04-04' }, [{ code: 'undecided_schonfrist_near', days: 6 }]],
    ['draft, last day', { status: 'draft', today: '2026-04-10' }, [{ code: 'undecided_schonfrist_near', days: 0 }]],
    ['applied, a day after the end', { status: 'applied', today: '2026-04-11' }, [{ code: 'schonfrist_passed_without_commitment', days: -1 }]],
    // approved, but the commitment has not reached the landlord
    ['approved, no commitment, 3 days left', { today: '2026-04-07' }, [{ code: 'commitment_missing_schonfrist_near', days: 3 }]],
    ['partly approved, no commitment, 20 days left', { status: 'partly_approved', today: '2026-03-21' }, []],
    ['approved, no commitment, past the end', { today: '2026-04-12' }, [{ code: 'schonfrist_passed_without_commitment', days: -2 }]],
    // nothing to say
    ['rejected, past the end', { status: 'rejected', today: '2026-04-12' }, []],
    ['withdrawn, 1 day left', { status: 'withdrawn', today: '2026-04-09' }, []],
    ['no Schonfrist known (no suit served)', { schonfristEnd: null, status: 'applied', today: '2026-04-09' }, []],
    ['no Schonfrist known, with a commitment', { schonfristEnd: null, commitmentOn: '2026-04-09' }, []],
  ] as const)('%s', (_label, over, expected) => {
    expect(rentDebtWarnings({ ...base, ...over } as RentDebtFacts)).toEqual(expected);
  });
});
