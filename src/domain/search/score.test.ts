import { describe, expect, it } from 'vitest';
import { nameTokens } from '../matching/index.js';
import { combinedScore, compareHits, scoreName, scoreStreet } from './score.js';

const tokens = (s: string) => nameTokens(s);

describe('scoreName: typed name words against a stored name', () => {
  const cases: [string, string, number | null, string | null][] = [
    // typed, stored (first + last), score, quality
    ['Hans Müller', 'Hans Müller', 1, 'exact'],
    ['Müller Hans', 'Hans Müller', 1, 'exact'], // swapped first and last name
    ['Mueller', 'Hans Müller', 1, 'exact'], // umlaut spelt out
    ['Muller', 'Hans Müller', 0.9, 'spelling'], // umlaut dropped
    ['Meyer', 'Anna Meier', 0.9, 'spelling'],
    ['Shevchenko', 'Taras Schewtschenko', 0.9, 'spelling'],
    ['Schmi', 'Peter Schmidt', 0.8, 'prefix'],
    ['Hans Müler', 'Hans Müller', 0.95, 'spelling'], // a doubled letter is a spelling variant
    ['Hans Mülelr', 'Hans Müller', null, 'similar'], // a typo: score checked below
    ['Peter Müller', 'Hans Müller', 0.5, 'similar'], // only the surname matches
    ['Yilmaz', 'Mehmet Yılmaz', 1, 'exact'],
    ['Özdemir', 'Ali Ozdemir', 0.9, 'spelling'],
    ['Zabokelu', 'Hans Müller', null, null],
  ];
  it.each(cases)('%j ~ %j', (typed, stored, score, quality) => {
    const s = scoreName(tokens(typed), tokens(stored));
    if (quality === null) return expect(s).toBeNull();
    expect(s?.quality).toBe(quality);
    if (score !== null) expect(s?.score).toBeCloseTo(score, 5);
  });

  it('a typo scores below a spelling variant and above a missing word', () => {
    const typo = scoreName(tokens('Hans Mülelr'), tokens('Hans Müller'))!.score;
    expect(typo).toBeGreaterThan(0.8);
    expect(typo).toBeLessThan(1);
    expect(scoreName(tokens('Peter Müller'), tokens('Hans Müller'))!.score).toBeLessThan(typo);
  });

  it('each stored word partners one typed word only', () => {
    expect(scoreName(tokens('Anna Anna'), tokens('Anna Schmidt'))!.score).toBeCloseTo(0.5, 5);
  });
});

describe('scoreStreet', () => {
  it.each([
    ['lindenstr', 'lindenstr', 1, 'exact'],
    ['linden', 'lindenstr', 0.8, 'prefix'],
    ['lindnstr', 'lindenstr', null, 'similar'],
    ['birkenweg', 'lindenstr', null, null],
  ] as const)('%j ~ %j', (typed, stored, score, quality) => {
    const s = scoreStreet(typed, stored);
    if (quality === null) return expect(s).toBeNull();
    expect(s?.quality).toBe(quality);
    if (score !== null) expect(s?.score).toBeCloseTo(score, 5);
  });
});

describe('ordering', () => {
  it('best score first, then open before closed, then newest', () => {
    const hits = [
      { id: 'closed-new', score: 1, status: 'closed', receivedOn: '2026-03-01', parts: [] },
      { id: 'open-old', score: 1, status: 'open', receivedOn: '2020-01-01', parts: [] },
      { id: 'open-new', score: 1, status: 'new', receivedOn: '2026-02-01', parts: [] },
      { id: 'weak', score: 0.6, status: 'open', receivedOn: '2026-04-01', parts: [] },
    ];
    expect([...hits].sort(compareHits).map((h) => h.id)).toEqual(['open-new', 'open-old', 'closed-new', 'weak']);
  });
  it('combinedScore is the mean of the parts', () => {
    expect(combinedScore([1, 0.8])).toBe(0.9);
    expect(combinedScore([])).toBe(0);
  });
});
