import { describe, expect, it } from 'vitest';
import { damerauLevenshtein, isAdjacentSwap, jaro, jaroWinkler, withinOneEdit } from './similarity.js';

describe('jaro and jaroWinkler', () => {
  it.each([
    // Textbook values (Winkler 1990 and the usual references).
    ['martha', 'marhta', 0.944, 0.961],
    ['dwayne', 'duane', 0.822, 0.84],
    ['dixon', 'dicksonx', 0.767, 0.813],
    ['jellyfish', 'smellyfish', 0.896, 0.896],
    ['abc', 'abc', 1, 1],
    ['abc', 'xyz', 0, 0],
    ['', 'abc', 0, 0],
    ['', '', 0, 0],
  ])('%s / %s → jaro %d, jaro-winkler %d', (a, b, j, jw) => {
    expect(jaro(a, b)).toBeCloseTo(j, 3);
    expect(jaroWinkler(a, b)).toBeCloseTo(jw, 3);
  });

  it('is symmetric', () => {
    for (const [a, b] of [
      ['mueller', 'muller'],
      ['schmidt', 'schmitt'],
      ['anna', 'hanna'],
    ])
      expect(jaroWinkler(a, b)).toBe(jaroWinkler(b, a));
  });
});

describe('damerauLevenshtein', () => {
  it.each([
    ['19850312', '19850312', 0],
    ['19850312', '19850313', 1], // one digit
    ['19850312', '19580312', 1], // neighbouring digits swapped
    ['19850312', '19851203', 4], // day and month swapped is not a small edit
    ['mueller', 'muller', 1],
    ['ca', 'abc', 3], // optimal string alignment, not unrestricted Damerau
    ['', 'abc', 3],
    ['abc', '', 3],
  ])('%s / %s → %d', (a, b, d) => {
    expect(damerauLevenshtein(a, b)).toBe(d);
  });
});

describe('withinOneEdit', () => {
  it.each([
    ['anna', 'anna', true],
    ['anna', 'ana', true],
    ['anna', 'annna', true],
    ['anna', 'anne', true],
    ['anna', 'nana', true],
    ['anna', 'nnaa', false],
    ['anna', 'an', false],
    ['abcd', 'acbe', false],
  ])('%s / %s → %s', (a, b, expected) => {
    expect(withinOneEdit(a, b)).toBe(expected);
    expect(withinOneEdit(a, b)).toBe(damerauLevenshtein(a, b) <= 1);
  });
});

describe('isAdjacentSwap', () => {
  it.each([
    ['cem', 'cme', true],
    ['ali', 'ail', true],
    ['tim', 'tom', false],
    ['jan', 'jan', false],
    ['jan', 'jana', false],
  ])('%s / %s → %s', (a, b, expected) => {
    expect(isAdjacentSwap(a, b)).toBe(expected);
  });
});
