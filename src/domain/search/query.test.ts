import { describe, expect, it } from 'vitest';
import { caseNumberKey, criteriaOf, fileNumberKey, hasSearchTerms, looseName, parseQuery, type ParsedQuery } from './query.js';

const none: ParsedQuery = { caseNumber: null, courtFileNumber: null, name: [], street: null, houseNumber: null, postalCode: null, city: null, nameOrPlace: false };

describe('parseQuery: what counts as a file number, an address, a name', () => {
  const cases: [string, Partial<ParsedQuery>][] = [
    // Internal case numbers, however typed.
    ['2026-000123', { caseNumber: '2026-000123' }],
    ['2026-123', { caseNumber: '2026-000123' }],
    ['2026000123', { caseNumber: '2026-000123' }],
    [' 2026 / 42 ', { caseNumber: '2026-000042' }],
    // Court file numbers (Aktenzeichen).
    ['12 C 345/26', { courtFileNumber: '12C345/26' }],
    ['12c345/2026', { courtFileNumber: '12C345/26' }],
    ['3 H 12 / 25', { courtFileNumber: '3H12/25' }],
    ['41 Cs 7/2025', { courtFileNumber: '41CS7/25' }],
    // Names: titles dropped, umlauts folded, order kept.
    ['Müller', { name: ['mueller'], nameOrPlace: true }],
    ['Hans Müller', { name: ['hans', 'mueller'], nameOrPlace: true }],
    ['Müller, Hans', { name: ['mueller', 'hans'], nameOrPlace: true }],
    ['Dr. Jürgen Weiß', { name: ['juergen', 'weiss'], nameOrPlace: true }],
    ['Ayşe Yılmaz', { name: ['ayse', 'yilmaz'], nameOrPlace: true }],
    ['Anna-Lena Schmidt', { name: ['anna', 'lena', 'schmidt'], nameOrPlace: true }],
    ['Döring', { name: ['doering'], nameOrPlace: true }],
    // Addresses.
    ['Lindenstraße 5', { street: 'lindenstr', houseNumber: '5' }],
    ['Lindenstr. 12 a', { street: 'lindenstr', houseNumber: '12a' }],
    ['Lindenstrasse 12-14', { street: 'lindenstr', houseNumber: '12-14' }],
    ['Berliner Straße 7', { street: 'berlinerstr', houseNumber: '7' }],
    ['Am Markt 3', { street: 'ammarkt', houseNumber: '3' }],
    ['Birkenweg', { street: 'birkenweg' }],
    ['05101', { postalCode: '05101' }],
    ['05101 Musterstadt', { postalCode: '05101', city: 'musterstadt' }],
    ['Lindenstraße 5, 05101 Neustadt a. d. Kiesel', { street: 'lindenstr', houseNumber: '5', postalCode: '05101', city: 'neustadtadkiesel' }],
    ['Lindenstraße 5 Musterstadt', { street: 'lindenstr', houseNumber: '5', city: 'musterstadt' }],
    // Name and address together narrow the search.
    ['Müller Lindenstraße 5', { name: ['mueller'], street: 'lindenstr', houseNumber: '5' }],
    ['Hans Müller 05101', { name: ['hans', 'mueller'], postalCode: '05101' }],
    ['Erika Mustermann, Am Markt 3, 05101 Musterstadt', { name: ['erika', 'mustermann'], street: 'ammarkt', houseNumber: '3', postalCode: '05101', city: 'musterstadt' }],
    // Nothing to search by.
    ['', {}],
    ['   ', {}],
    ['!!!', {}],
    ['12', {}],
  ];
  it.each(cases)('%j', (input, expected) => {
    expect(parseQuery(input)).toEqual({ ...none, ...expected });
  });
});

describe('criteriaOf / hasSearchTerms', () => {
  it.each([
    ['2026-000123', ['caseNumber'], true],
    ['12 C 345/26', ['courtFileNumber'], true],
    ['Hans Müller 05101', ['name', 'postalCode'], true],
    ['Lindenstraße 5, 05101 Musterstadt', ['street', 'houseNumber', 'postalCode', 'city'], true],
    ['x', ['name'], false],
    ['12', [], false],
    ['', [], false],
  ] as const)('%j → %j', (input, criteria, searchable) => {
    expect(criteriaOf(parseQuery(input))).toEqual(criteria);
    expect(hasSearchTerms(input)).toBe(searchable);
  });
});

describe('keys', () => {
  it.each([
    ['12 C 345/26', '12C345/26'],
    ['12 c 345 / 2026', '12C345/26'],
    ['7 C 1/1999', '7C1/99'],
  ])('fileNumberKey(%j) = %j', (input, key) => expect(fileNumberKey(input)).toBe(key));
  it.each([
    ['2026-000123', '2026-000123'],
    ['2026-1', '2026-000001'],
    ['1850-1', null],
    ['2026-1234567', null],
    ['Müller', null],
  ])('caseNumberKey(%j) = %j', (input, key) => expect(caseNumberKey(input)).toBe(key));
  it.each([
    ['anna meyer', 'ana meier'],
    ['taras schewtschenko', 'taras shevchenko'],
    ['christoph mayer', 'kristof meier'],
    ['', ''],
  ])('looseName(%j) = %j', (input, key) => expect(looseName(input)).toBe(key));
});
