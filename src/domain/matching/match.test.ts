import { describe, expect, it } from 'vitest';
import { matchRecord } from './match.js';
import type { PersonRecord } from './score.js';

const anna: PersonRecord = { firstName: 'Anna', lastName: 'Müller', birthDate: '1985-03-12', street: 'Lindenweg', houseNumber: '5', postalCode: '05110' };
const v = (patch: Partial<PersonRecord>): PersonRecord => ({ ...anna, ...patch });

describe('matchRecord', () => {
  it('links to the one person that reaches a link', () => {
    const r = matchRecord(v({ lastName: 'Mueller' }), [
      { personId: 'p1', record: anna },
      { personId: 'p2', record: v({ firstName: 'Sophie' }) }, // her twin
    ]);
    expect(r).toMatchObject({ decision: 'link', personId: 'p1' });
  });

  it('counts a person with several records by the best one', () => {
    const r = matchRecord(v({ street: 'Birkenweg', houseNumber: '3' }), [
      { personId: 'p1', record: v({ birthDate: null }) },
      { personId: 'p1', record: anna },
    ]);
    expect(r).toMatchObject({ decision: 'link', personId: 'p1' });
  });

  it('asks for review when two persons on file both reach a link', () => {
    const r = matchRecord(anna, [
      { personId: 'p1', record: anna },
      { personId: 'p2', record: v({ lastName: 'Müler' }) },
    ]);
    expect(r.decision).toBe('review');
    expect(r.review.map((p) => p.personId)).toEqual(['p1', 'p2']);
  });

  it('puts look-alikes in the review queue with the reasons, best first', () => {
    const r = matchRecord(v({ firstName: 'Sophie' }), [
      { personId: 'p1', record: anna },
      { personId: 'p3', record: v({ firstName: 'Jonas', birthDate: '2010-06-30' }) },
    ]);
    expect(r.decision).toBe('review');
    expect(r.review).toHaveLength(1);
    expect(r.review[0]).toMatchObject({ personId: 'p1', decision: 'review', conflicts: ['first_name_different'] });
    expect(r.review[0].reasons.length).toBeGreaterThan(0);
  });

  it('creates a new person when nobody comes close', () => {
    expect(matchRecord(anna, [])).toEqual({ decision: 'new', review: [] });
    expect(matchRecord(anna, [{ personId: 'p9', record: { firstName: 'Mehmet', lastName: 'Yılmaz', birthDate: '1971-09-30' } }]).decision).toBe('new');
  });
});
