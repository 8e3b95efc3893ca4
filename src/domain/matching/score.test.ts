import { describe, expect, it } from 'vitest';
import {
  compareBirthDates,
  compareIdentifiers,
  compareNames,
  decide,
  DEFAULT_THRESHOLDS,
  prepareRecord,
  scorePair,
  type Decision,
  type PersonRecord,
} from './score.js';

// One person as the file has her, and the ways other channels write her down.
const anna: PersonRecord = {
  firstName: 'Anna-Lena',
  lastName: 'Müller',
  birthDate: '1985-03-12',
  street: 'Lindenstraße',
  houseNumber: '12a',
  postalCode: '05110',
  city: 'Lindenau an der Kiesel',
};
const elsewhere = { street: 'Birkenweg', houseNumber: '3', postalCode: '05401', city: 'Neustädtel' };
const v = (patch: Partial<PersonRecord>): PersonRecord => ({ ...anna, ...patch });

describe('decisions for realistic variants of the same person (link or review, never new)', () => {
  it.each<[string, PersonRecord, Decision]>([
    ['identical', anna, 'link'],
    ['umlaut written ue', v({ lastName: 'Mueller' }), 'link'],
    ['umlaut dropped', v({ lastName: 'Muller' }), 'link'],
    ['all capitals', v({ firstName: 'ANNA-LENA', lastName: 'MÜLLER' }), 'link'],
    ['typo in the surname', v({ lastName: 'Müler' }), 'link'],
    ['typo in the first name', v({ firstName: 'Anna-Lnea' }), 'link'],
    ['OCR digit in the surname', v({ lastName: 'Mül1er' }), 'link'],
    ['first and last name swapped', v({ firstName: 'Müller', lastName: 'Anna-Lena' }), 'link'],
    ['title added', v({ firstName: 'Dr. Anna-Lena' }), 'link'],
    ['hyphen dropped', v({ firstName: 'Anna Lena' }), 'link'],
    ['hyphen dropped, glued', v({ firstName: 'Annalena' }), 'link'],
    ['double name shortened', v({ firstName: 'Anna' }), 'link'],
    ['day and month swapped', v({ birthDate: '1985-12-03' }), 'link'],
    ['one digit of the birth date wrong', v({ birthDate: '1985-03-13' }), 'link'],
    ['birth date missing, same address', v({ birthDate: null }), 'link'],
    ['moved', v(elsewhere), 'link'],
    ['moved, typo in the surname', v({ ...elsewhere, lastName: 'Müler' }), 'link'],
    ['street abbreviated, house number and postal code reformatted', v({ street: 'Lindenstr.', houseNumber: '12 A', postalCode: '5110' }), 'link'],
    ['no first name, everything else agrees', v({ firstName: '' }), 'link'],
    ['married: other surname, same first name and birth date', v({ lastName: 'Schneider' }), 'link'],
    // Two doubts at once: a caseworker decides.
    ['birth date missing and moved', v({ ...elsewhere, birthDate: null }), 'review'],
    ['birth date one digit off and moved', v({ ...elsewhere, birthDate: '1985-03-17' }), 'review'],
    ['married and moved', v({ ...elsewhere, lastName: 'Schneider' }), 'review'],
    ['first name typo, birth date missing, moved', v({ ...elsewhere, firstName: 'Anna-Lnea', birthDate: null }), 'review'],
  ])('%s → %s', (_, record, expected) => {
    expect(decide(scorePair(anna, record))).toBe(expected);
    // The decision does not depend on which record is on file.
    expect(decide(scorePair(record, anna))).toBe(expected);
  });

  it.each<[string, PersonRecord, PersonRecord]>([
    ['Ukrainian name transliterated two ways', v({ firstName: 'Yurii', lastName: 'Shevchenko' }), v({ firstName: 'Jurij', lastName: 'Schewtschenko' })],
    ['Arabic name transliterated two ways', v({ firstName: 'Khaled', lastName: 'Al-Hassan' }), v({ firstName: 'Chaled', lastName: 'Alhassan' })],
    ['Turkish letters dropped', v({ firstName: 'Ayşe', lastName: 'Yıldız' }), v({ firstName: 'Ayse', lastName: 'Yildiz' })],
    ['particle dropped', v({ lastName: 'von Bülow' }), v({ lastName: 'Bülow' })],
  ])('%s → link', (_, a, b) => {
    expect(decide(scorePair(a, b))).toBe('link');
  });
});

describe('decisions for hard negatives (never link)', () => {
  it.each<[string, PersonRecord, PersonRecord, Decision]>([
    // Twins: same surname, birth date and address.
    ['twins with different names', anna, v({ firstName: 'Sophie' }), 'review'],
    ['twins Lena and Lina (both real names, one letter apart)', v({ firstName: 'Lena' }), v({ firstName: 'Lina' }), 'review'],
    ['twins Daniel and Daniela', v({ firstName: 'Daniel' }), v({ firstName: 'Daniela' }), 'review'],
    ['twins Jan and Jana', v({ firstName: 'Jan' }), v({ firstName: 'Jana' }), 'review'],
    // Namesakes: same name, other address, other birth date (same year or not).
    ['namesake born the same year', anna, v({ ...elsewhere, birthDate: '1985-07-21' }), 'review'],
    ['namesake born another year', anna, v({ ...elsewhere, birthDate: '1961-01-05' }), 'new'],
    ['namesake, birth date one digit off', anna, v({ ...elsewhere, birthDate: '1985-03-17' }), 'review'],
    // Household members.
    ['child in the household', anna, v({ firstName: 'Jonas', birthDate: '2010-06-30' }), 'new'],
    ['spouse in the household', v({ firstName: 'Peter', birthDate: '1983-11-02' }), v({ firstName: 'Petra', birthDate: '1984-02-19' }), 'new'],
    ['spouses Peter and Petra, one birth date missing', v({ firstName: 'Peter', birthDate: null }), v({ firstName: 'Petra' }), 'review'],
    ['father and son of the same name', v({ firstName: 'Hans', birthDate: '1960-08-14' }), v({ firstName: 'Hans', birthDate: '1988-05-01' }), 'review'],
    ['twins, both records with names swapped', v({ firstName: 'Müller', lastName: 'Sophie' }), v({ firstName: 'Müller', lastName: 'Anna-Lena' }), 'review'],
  ])('%s → %s', (_, a, b, expected) => {
    expect(decide(scorePair(a, b))).toBe(expected);
    expect(decide(scorePair(b, a))).toBe(expected);
  });
});

describe('phone numbers and identifiers', () => {
  const rv = 'rv:65120385M004';
  const bg = 'bg:05110BG0001234';
  const phone = '0171 2345678';
  const both = (a: Partial<PersonRecord>, b: Partial<PersonRecord>, expected: Decision) => {
    expect(decide(scorePair(v(a), v(b)))).toBe(expected);
    expect(decide(scorePair(v(b), v(a)))).toBe(expected);
  };

  it('a shared phone or BG number puts a moved record with a mistyped birth date in one household: link', () => {
    const moved = { ...elsewhere, birthDate: '1985-03-17' };
    both({}, moved, 'review'); // as without them (see above)
    both({ phone }, { ...moved, phone: '+49 171 2345678' }, 'link');
    both({ identifiers: [bg] }, { ...moved, identifiers: ['bg:05110 BG 0001234'] }, 'link');
    // A namesake elsewhere has another phone.
    both({ phone }, { ...moved, phone: '0160 9876543' }, 'review');
  });

  it('household evidence never separates or joins household members: twins and family sharing phone and BG number', () => {
    const home = { phone, identifiers: [bg] };
    both(home, { ...home, firstName: 'Sophie' }, 'review'); // twin
    both({ ...home, firstName: 'Lena' }, { ...home, firstName: 'Lina' }, 'review'); // twins, one letter apart
    both(home, { ...home, firstName: 'Jonas', birthDate: '2010-06-30' }, 'new'); // child
    both({ ...home, firstName: 'Peter', birthDate: null }, { ...home, firstName: 'Petra' }, 'review');
  });

  it('the same person identifier settles a look-alike conflict: link', () => {
    both({ identifiers: [rv] }, { firstName: 'Sophie', identifiers: [rv] }, 'link'); // a twin would have her own number
    both({ identifiers: [rv] }, { ...elsewhere, birthDate: '1985-07-21', identifiers: [rv] }, 'link');
    both({ identifiers: [rv] }, { ...elsewhere, birthDate: null, identifiers: ['rv:65 120385 m 004'] }, 'link');
    both({ identifiers: [rv] }, { lastName: 'Schneider', birthDate: '1985-03-13', identifiers: [rv] }, 'link');
  });

  it('but not when the first name and the birth date both disagree (a household member’s number on the wrong line)', () => {
    both({ identifiers: [rv] }, { firstName: 'Jonas', birthDate: '2010-06-30', identifiers: [rv] }, 'review');
  });

  it('a different person identifier counts against a link; a near miss counts for it without lifting conflicts', () => {
    // A namesake born the same day in another town: without numbers a link, with two numbers a review.
    both({}, { ...elsewhere }, 'link');
    both({ identifiers: [rv] }, { ...elsewhere, identifiers: ['rv:71120385M007'] }, 'review');
    // Everything else identical: a mistyped number does not stop the link.
    both({ identifiers: [rv] }, { identifiers: ['rv:65120385M005'] }, 'link');
    // Twins' pension numbers are one serial apart: a near miss, still a review.
    both({ identifiers: [rv] }, { firstName: 'Sophie', identifiers: ['rv:65120385M005'] }, 'review');
  });

  it('explains phone and identifier lines only when both records have one', () => {
    const kinds = (a: PersonRecord, b: PersonRecord) => scorePair(a, b).reasons.map((r) => `${r.field}:${r.kind}`);
    expect(kinds(v({ phone }), v({ phone: '+49 (0)171 2345678', identifiers: [rv, bg] }))).toEqual(expect.arrayContaining(['phone:exact']));
    expect(kinds(v({ phone }), v({ identifiers: [rv] })).filter((k) => /phone|Identifier/.test(k))).toEqual([]);
    expect(kinds(v({ identifiers: [rv, bg] }), v({ identifiers: [rv, 'bg:05110BG0009999'] }))).toEqual(
      expect.arrayContaining(['personIdentifier:exact', 'householdIdentifier:different']),
    );
  });
});

describe('compareIdentifiers', () => {
  const ids = (...xs: string[]) => prepareRecord({ firstName: '', lastName: '', identifiers: xs }).identifiers;
  it.each<[string[], string[], 'person' | 'household', string]>([
    [['rv:65120385M004'], ['rv:65 120385 M 004'], 'person', 'exact'],
    [['rv:65120385M004'], ['rv:65120385M040'], 'person', 'typo'], // two neighbours swapped
    [['rv:65120385M004'], ['rv:71120385M007'], 'person', 'different'],
    [['ssn:1234567'], ['ssn:1234568'], 'person', 'different'], // too short for a near miss
    [['rv:65120385M004'], ['kvnr:A123456789'], 'person', 'missing'], // kinds are never compared with each other
    [['rv:65120385M004', 'kvnr:A123456789'], ['rv:65120385M004', 'kvnr:B987654321'], 'person', 'conflicting'],
    [['bg:05110BG0001234'], ['bg:05110BG0001234'], 'person', 'missing'], // a household identifier is no person identifier
    [['bg:05110BG0001234'], ['bg:05110BG0001234'], 'household', 'exact'],
    [['club:42'], ['club:42'], 'person', 'missing'], // unknown kinds are ignored
  ])('%j / %j (%s) → %s', (a, b, scope, expected) => {
    expect(compareIdentifiers(ids(...a), ids(...b), scope)).toBe(expected);
  });
});

describe('scorePair reasons', () => {
  const kinds = (a: PersonRecord, b: PersonRecord) => scorePair(a, b).reasons.map((r) => `${r.field}:${r.kind}`);

  it.each<[string, PersonRecord, string[]]>([
    ['umlaut spelling', v({ lastName: 'Muller' }), ['lastName:spelling_variant']],
    ['phonetic match', v({ lastName: 'Möller' }), ['lastName:phonetic_match']],
    ['swapped names', v({ firstName: 'Müller', lastName: 'Anna-Lena' }), ['name:first_last_swapped', 'firstName:exact', 'lastName:exact']],
    ['day and month swapped', v({ birthDate: '1985-12-03' }), ['birthDate:day_month_swapped']],
    ['digit typo in the birth date', v({ birthDate: '1958-03-12' }), ['birthDate:digit_typo']],
    ['birth date missing', v({ birthDate: null }), ['birthDate:missing']],
    ['double name shortened', v({ firstName: 'Lena' }), ['firstName:partial']],
    ['same base house number', v({ houseNumber: '12' }), ['houseNumber:same_base_number']],
    ['moved', v(elsewhere), ['street:different', 'postalCode:different', 'city:different', 'houseNumber:not_compared']],
  ])('%s', (_, record, expected) => {
    expect(kinds(anna, record)).toEqual(expect.arrayContaining(expected));
  });

  it('explains the score: the reasons add up to it', () => {
    const s = scorePair(anna, v({ ...elsewhere, lastName: 'Mueller', birthDate: '1985-12-03' }));
    expect(s.score).toBeCloseTo(s.reasons.reduce((sum, r) => sum + r.weight, 0), 5);
  });

  it.each<[string, PersonRecord, PersonRecord, string[]]>([
    ['twins', anna, v({ firstName: 'Sophie' }), ['first_name_different']],
    ['namesake', anna, v({ ...elsewhere, birthDate: '1961-01-05' }), ['birth_date_different']],
    ['birth date missing and moved', anna, v({ ...elsewhere, birthDate: null }), ['birth_date_missing']],
    ['no first name and moved', anna, v({ ...elsewhere, firstName: '' }), ['first_name_missing']],
    ['other surname, birth date off by a digit', anna, v({ lastName: 'Schneider', birthDate: '1985-03-13' }), ['last_name_different']],
    ['identical', anna, anna, []],
  ])('conflicts: %s', (_, a, b, expected) => {
    expect(scorePair(a, b).conflicts).toEqual(expected);
  });

  it('accepts prepared records and gives the same result', () => {
    const b = v({ lastName: 'Mueller', birthDate: '1985-12-03' });
    expect(scorePair(prepareRecord(anna), prepareRecord(b))).toEqual(scorePair(anna, b));
  });
});

describe('compareNames', () => {
  const n = (s: string) => prepareRecord({ firstName: s, lastName: '' }).first;
  it.each([
    ['Müller', 'Mueller', false, 'exact'],
    ['Müller', 'Muller', false, 'spelling_variant'],
    ['Meier', 'Mayer', false, 'spelling_variant'],
    ['Meyer', 'Maier', false, 'spelling_variant'],
    ['Hoffmann', 'Hofmann', false, 'spelling_variant'],
    ['Schneider', 'Schnieder', false, 'phonetic_match'],
    ['Bergmann', 'Bergman', false, 'spelling_variant'],
    ['Kowalczyk', 'Kowalcyzk', false, 'typo'],
    ['Cem', 'Cme', true, 'typo'],
    ['Müller', 'Müller-Lüdenscheidt', false, 'partial'],
    ['Alex', 'Alexander', false, 'partial'],
    ['Amal', 'Arnal', true, 'typo'], // OCR: m read as rn
    // Two real given names are never a typo of each other.
    ['Lena', 'Lina', true, 'other_given_name'],
    ['Paul', 'Paula', true, 'other_given_name'],
    ['Peter', 'Petra', true, 'other_given_name'],
    ['Andreas', 'Andrea', true, 'other_given_name'],
    ['Jan', 'Janina', true, 'other_given_name'],
    // As surnames, or when one is not a known name, they are just close spellings.
    ['Lena', 'Lina', false, 'phonetic_match'],
    ['Anja', 'Anj', true, 'phonetic_match'],
    ['Phihpp', 'Philipp', true, 'typo'], // OCR: li read as h
    ['Tim', 'Tom', true, 'different'],
    ['Anna', 'Sophie', true, 'different'],
    ['', 'Anna', true, 'missing'],
  ])('%s / %s (given name: %s) → %s', (a, b, given, expected) => {
    expect(compareNames(n(a), n(b), given)).toBe(expected);
  });
});

describe('compareBirthDates', () => {
  it.each([
    ['19850312', '19850312', 'exact'],
    ['19850312', '19851203', 'day_month_swapped'],
    ['19850312', '19850313', 'digit_typo'],
    ['19850312', '19580312', 'digit_typo'],
    ['19850312', '19850721', 'near'],
    ['19850312', '19610105', 'different'],
    ['', '19850312', 'missing'],
  ])('%s / %s → %s', (a, b, expected) => {
    expect(compareBirthDates(a, b)).toBe(expected);
  });
});

describe('decide', () => {
  const t = DEFAULT_THRESHOLDS;
  it.each<[number, Decision]>([
    [t.link + 10, 'link'],
    [t.link, 'link'],
    [t.link - 0.5, 'review'],
    [t.review, 'review'],
    [t.review - 0.5, 'new'],
    [-20, 'new'],
  ])('bare score %d → %s', (score, expected) => {
    expect(decide(score)).toBe(expected);
  });

  it('turns a would-be link into a review when a blocking conflict is present', () => {
    expect(decide({ score: 30, reasons: [], conflicts: ['first_name_different'] })).toBe('review');
    expect(decide({ score: 30, reasons: [], conflicts: ['first_name_different'] }, { ...t, blockLinkOn: [] })).toBe('link');
  });

  it('uses configurable thresholds', () => {
    expect(decide(15, { ...t, link: 14 })).toBe('link');
    expect(decide(8, { ...t, review: 5 })).toBe('review');
  });

  it('keeps review below link in the default policy', () => {
    expect(t.review).toBeLessThan(t.link);
  });
});
