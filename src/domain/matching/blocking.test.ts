import { describe, expect, it } from 'vitest';
import { blockingKeys } from './blocking.js';
import type { PersonRecord } from './score.js';

const anna: PersonRecord = {
  firstName: 'Anna-Lena',
  lastName: 'Müller',
  birthDate: '1985-03-12',
  street: 'Lindenstraße',
  houseNumber: '12a',
  postalCode: '05110',
  city: 'Lindenau an der Kiesel',
};
const v = (patch: Partial<PersonRecord>): PersonRecord => ({ ...anna, ...patch });
const shareKey = (a: PersonRecord, b: PersonRecord) => blockingKeys(a).some((k) => blockingKeys(b).includes(k));

describe('blockingKeys', () => {
  it('returns a handful of short keys', () => {
    const keys = blockingKeys(anna);
    expect(keys.length).toBeGreaterThanOrEqual(4);
    expect(keys.length).toBeLessThanOrEqual(8);
    for (const k of keys) expect(k.length).toBeLessThanOrEqual(32);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('is deterministic and independent of formatting', () => {
    expect(blockingKeys(anna)).toEqual(blockingKeys(anna));
    expect(blockingKeys(v({ firstName: 'ANNA-LENA', lastName: 'Mueller', street: 'Lindenstr.', houseNumber: '12 A', postalCode: '5110' }))).toEqual(
      blockingKeys(anna),
    );
  });

  // Every realistic variant still meets the original under at least one key.
  it.each<[string, PersonRecord]>([
    ['typo in the surname', v({ lastName: 'Müler' })],
    ['typo in the first name', v({ firstName: 'Anan-Lena' })],
    ['first and last name swapped', v({ firstName: 'Müller', lastName: 'Anna-Lena' })],
    ['day and month swapped', v({ birthDate: '1985-12-03' })],
    ['birth date missing', v({ birthDate: null })],
    ['birth date missing and moved', v({ birthDate: null, street: 'Birkenweg', houseNumber: '3', postalCode: '05401' })],
    ['birth year mistyped and moved', v({ birthDate: '1958-03-12', street: 'Birkenweg', houseNumber: '3', postalCode: '05401' })],
    ['typos in both names', v({ firstName: 'Anan-Lena', lastName: 'Mülller' })],
    ['typos in both names and the birth date', v({ firstName: 'Anan-Lena', lastName: 'Mülelr', birthDate: '1985-03-13' })],
    ['double surname shortened', v({ lastName: 'Müller-Lüdenscheidt' })],
    ['title added', v({ firstName: 'Dr. Anna-Lena' })],
  ])('%s → shares a key', (_, record) => {
    expect(shareKey(anna, record)).toBe(true);
  });

  it('keeps unrelated people apart', () => {
    const other: PersonRecord = { firstName: 'Mehmet', lastName: 'Yılmaz', birthDate: '1971-09-30', street: 'Birkenweg', houseNumber: '3', postalCode: '05401' };
    expect(shareKey(anna, other)).toBe(false);
  });

  it('files identifiers of known kinds and the phone number under keys of their own', () => {
    const keys = blockingKeys(v({ phone: '+49 171 2345678', identifiers: ['rv:65 170839 J 003', 'bg:05110-BG-0001234', 'club:42'] }));
    expect(keys).toEqual(expect.arrayContaining(['i:rv:65170839J003', 'i:bg:05110BG0001234', 't:1712345678']));
    expect(keys.some((k) => k.includes('club'))).toBe(false);
  });

  it('finds the person by an identifier or phone when names, birth date and address all changed', () => {
    const changed: PersonRecord = { firstName: 'Lena', lastName: 'Schneider', birthDate: null, street: 'Birkenweg', houseNumber: '3', postalCode: '05401' };
    expect(shareKey(v({ identifiers: ['rv:65170839J003'] }), { ...changed, identifiers: ['rv:65 170839 J 003'] })).toBe(true);
    expect(shareKey(v({ phone: '0171/2345678' }), { ...changed, phone: '+49 171 2345678' })).toBe(true);
    expect(shareKey(anna, changed)).toBe(false);
  });

  it('copes with a record that has only a name', () => {
    expect(blockingKeys({ firstName: 'Anna', lastName: 'Müller' })).toEqual(['nn:06:657']);
    expect(blockingKeys({ firstName: '', lastName: '' })).toEqual([]);
  });
});
