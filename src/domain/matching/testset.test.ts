import { describe, expect, it } from 'vitest';
import { normaliseIdentifier, normalisePhone } from './normalise.js';
import { generateTestSet, mulberry32, ocr, pensionNumber, typo, umlautSpelling } from './testset.js';

describe('mulberry32', () => {
  it('is deterministic per seed and stays in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(mulberry32(43)()).not.toBe(mulberry32(42)());
  });
});

describe('error generators', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('typo changes a name by one edit (seed %d)', (seed) => {
    const t = typo(mulberry32(seed), 'Schneider');
    expect(t).not.toBe('Schneider');
    expect(t[0]).toBe('S');
    expect(Math.abs(t.length - 9)).toBeLessThanOrEqual(1);
  });

  it.each([
    ['Müller', ['Mueller', 'Muller']],
    ['Groß', ['Gross']],
    ['Jürgen Köhler', ['Juergen Koehler', 'Jurgen Kohler']],
  ])('umlautSpelling(%s) is one of %j', (name, options) => {
    for (let seed = 0; seed < 10; seed++) expect(options).toContain(umlautSpelling(mulberry32(seed), name));
  });

  it('ocr keeps the first letter', () => {
    for (let seed = 0; seed < 20; seed++) expect(ocr(mulberry32(seed), 'Hermann')[0]).toBe('H');
  });
});

describe('generateTestSet', () => {
  const set = generateTestSet({ persons: 300, seed: 5 });

  it('is reproducible', () => {
    expect(generateTestSet({ persons: 300, seed: 5 })).toEqual(set);
    expect(generateTestSet({ persons: 300, seed: 6 })).not.toEqual(set);
  });

  it('has the base persons, their variants and hard negatives of every kind', () => {
    const roles = new Set(set.records.map((r) => r.role));
    expect(roles).toEqual(new Set(['base', 'variant', 'twin', 'namesake', 'family']));
    expect(set.records.filter((r) => r.role === 'base')).toHaveLength(300);
    expect(set.records.length).toBeGreaterThan(600);
  });

  it('uses only the unassigned 05xxx postal area', () => {
    for (const r of set.records) if (r.record.postalCode) expect(r.record.postalCode).toMatch(/^0?5\d{3}$/);
  });

  it('builds hard negatives as described', () => {
    const byPerson = new Map(set.records.filter((r) => r.role === 'base').map((r) => [r.personId, r.record]));
    for (const r of set.records.filter((x) => x.role !== 'base' && x.role !== 'variant')) {
      const original = byPerson.get(r.negativeOf!.personId)!;
      if (r.role === 'twin') {
        expect(r.record).toMatchObject({ lastName: original.lastName, birthDate: original.birthDate, street: original.street });
        expect(r.record.firstName).not.toBe(original.firstName);
      }
      if (r.role === 'namesake') {
        expect(r.record).toMatchObject({ firstName: original.firstName, lastName: original.lastName });
        expect(r.record.birthDate).not.toBe(original.birthDate);
      }
      if (r.role === 'family') {
        expect(r.record).toMatchObject({ lastName: original.lastName, street: original.street });
        expect(r.record.firstName).not.toBe(original.firstName);
        expect(r.record.birthDate).not.toBe(original.birthDate);
      }
    }
  });

  it('gives a share of the records phone numbers, BG numbers and pension numbers', () => {
    const share = (f: (r: (typeof set.records)[number]) => boolean) => set.records.filter(f).length / set.records.length;
    const has = (kind: string) => (r: (typeof set.records)[number]) => (r.record.identifiers ?? []).some((i) => i.startsWith(`${kind}:`));
    expect(share((r) => !!r.record.phone)).toBeGreaterThan(0.25);
    expect(share((r) => !!r.record.phone)).toBeLessThan(0.5);
    expect(share(has('bg'))).toBeGreaterThan(0.1);
    expect(share(has('rv'))).toBeGreaterThan(0.04);
  });

  it('shares BG numbers within households only, and pension numbers never between persons', () => {
    const first = set.records.filter((r) => r.role !== 'variant');
    const ids = (r: (typeof first)[number], kind: string) => (r.record.identifiers ?? []).map(normaliseIdentifier).filter((i) => i.startsWith(`${kind}:`));
    const owner = new Map<string, string>();
    for (const r of first) {
      for (const bg of ids(r, 'bg')) {
        const household = r.negativeOf && r.role !== 'namesake' ? r.negativeOf.personId : r.personId;
        expect(owner.get(bg) ?? household).toBe(household);
        owner.set(bg, household);
      }
      for (const rv of ids(r, 'rv')) {
        expect(owner.get(rv) ?? r.personId).toBe(r.personId);
        owner.set(rv, r.personId);
      }
    }
    // Family members and twins give the household's phone number in many cases.
    const byPerson = new Map(first.map((r) => [r.personId, r.record]));
    const members = first.filter((r) => (r.role === 'family' || r.role === 'twin') && r.record.phone);
    expect(members.filter((r) => normalisePhone(r.record.phone) === normalisePhone(byPerson.get(r.negativeOf!.personId)!.phone)).length).toBeGreaterThan(0);
  });

  it('builds pension numbers as the DRV does', () => {
    // The commonly cited example: area 65, born 17.08.1939, birth surname J…, serial 00, check digit 3.
    expect(pensionNumber('65', '1939-08-17', 'Jäger', 0)).toBe('65170839J003');
  });

  it('includes names with umlauts, ß, particles, double names and non-German origins', () => {
    const names = set.records.map((r) => `${r.record.firstName} ${r.record.lastName}`).join('\n');
    for (const re of [/[äöü]/, /ß/, /\b(von|van|de|zu)\b/, /\p{L}-\p{L}/u, /[şçğı]/, /[łśżźąę]/, /enko\b/, /\bAl-/]) expect(names).toMatch(re);
  });
});
