import { describe, expect, it } from 'vitest';
import {
  foldText,
  looseSpelling,
  nameTokens,
  normaliseBirthDate,
  normaliseCity,
  normaliseHouseNumber,
  normaliseIdentifier,
  normaliseName,
  normalisePhone,
  normalisePostalCode,
  normaliseStreet,
  ocrFold,
} from './normalise.js';

describe('normaliseName', () => {
  it.each([
    // Case, umlauts the German way (ä → ae before accents are stripped), ß → ss.
    ['Müller', 'mueller'],
    ['MUELLER', 'mueller'],
    ['Muller', 'muller'],
    ['Groß', 'gross'],
    ['Dörte', 'doerte'],
    ['u\u0308lrich', 'uelrich'], // decomposed ü (macOS file names, some PDFs)
    // Accents and letters NFKD does not decompose.
    ['José', 'jose'],
    ['Yıldız', 'yildiz'],
    ['Şahin', 'sahin'],
    ['Wiśniewski', 'wisniewski'],
    ['Łukasz', 'lukasz'],
    // Titles and forms of address go, also inside the field.
    ['Dr. Hans Meier', 'hans meier'],
    ['Prof. Dr. med. Anna-Lena von Bülow', 'anna lena von buelow'],
    ['Dipl.-Ing. Karl-Heinz Schmidt', 'karl heinz schmidt'],
    ['Dr. h.c. Erika Mustermann', 'erika mustermann'],
    ['Frau Ingrid Wolff', 'ingrid wolff'],
    ['Dr. rer. nat. Olena', 'olena'],
    // OCR digits inside a word are read as letters.
    ['Mü11er', 'mueller'],
    ['  Hans   Peter ', 'hans peter'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(normaliseName(input)).toBe(expected);
  });

  it('treats null and undefined as empty', () => {
    expect(normaliseName(null)).toBe('');
    expect(normaliseName(undefined)).toBe('');
  });
});

describe('nameTokens', () => {
  it.each<[string, string[]]>([
    // Hyphenated and double names become separate tokens.
    ['Anna-Lena', ['anna', 'lena']],
    ['Müller-Lüdenscheidt', ['mueller', 'luedenscheidt']],
    ['Anna Maria', ['anna', 'maria']],
    // Particles stay, as their own tokens.
    ['von Bülow', ['von', 'buelow']],
    ['van der Berg', ['van', 'der', 'berg']],
    ['de Vries', ['de', 'vries']],
    ['zu Wieseneck', ['zu', 'wieseneck']],
    ['Al-Hassan', ['al', 'hassan']],
    // Titles do not.
    ['Prof. Dr. Anna-Lena von Bülow', ['anna', 'lena', 'von', 'buelow']],
    ['Dipl.-Ing. Jörg', ['joerg']],
    // "Ing" is only a title right after one.
    ['Ing Wang', ['ing', 'wang']],
  ])('%j → %j', (input, expected) => {
    expect(nameTokens(input)).toEqual(expected);
  });
});

describe('normaliseStreet', () => {
  it.each([
    // Straße, Strasse, Str., str: one canonical form, glued or separate.
    ['Hauptstraße', 'hauptstr'],
    ['Hauptstrasse', 'hauptstr'],
    ['Hauptstr.', 'hauptstr'],
    ['Hauptstr', 'hauptstr'],
    ['Haupt-Str.', 'hauptstr'],
    ['Haupt Str', 'hauptstr'],
    ['Berliner Straße', 'berlinerstr'],
    ['Berliner Str.', 'berlinerstr'],
    ['Berlinerstr.', 'berlinerstr'],
    ['BERLINER STRASSE', 'berlinerstr'],
    // Other street types are left alone: they tell streets apart.
    ['Lindenweg', 'lindenweg'],
    ['Marktplatz', 'marktplatz'],
    ['Kastanienallee', 'kastanienallee'],
    ['Grüner Weg', 'gruenerweg'],
    ['Strandweg', 'strandweg'],
    ['Am Lindenhof', 'amlindenhof'],
    // A house number in the street field goes; numbers in the name stay.
    ['Hauptstr. 12a', 'hauptstr'],
    ['Hauptstraße 7', 'hauptstr'],
    ['Straße des 17. Juni', 'strdes17juni'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(normaliseStreet(input)).toBe(expected);
  });
});

describe('normaliseHouseNumber', () => {
  it.each([
    ['12', '12'],
    ['12a', '12a'],
    ['12A', '12a'],
    ['12 a', '12a'],
    [' 3 b ', '3b'],
    ['12-14', '12-14'],
    ['12 - 14', '12-14'],
    ['12/14', '12-14'],
    ['Nr. 7', '7'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(normaliseHouseNumber(input)).toBe(expected);
  });
});

describe('normalisePostalCode', () => {
  it.each([
    ['05123', '05123'],
    [' 05123 ', '05123'],
    ['D-05123', '05123'],
    // Spreadsheets drop the leading zero.
    ['5123', '05123'],
    ['abc', ''],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalisePostalCode(input)).toBe(expected);
  });
});

describe('normaliseBirthDate', () => {
  it.each([
    ['1985-03-12', '19850312'],
    ['19850312', '19850312'],
    ['12.03.1985', '19850312'],
    ['1.3.1985', '19850301'],
    // Impossible dates keep their digits: usually a typo, still evidence.
    ['1985-13-02', '19851302'],
    ['85-03-12', ''],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(normaliseBirthDate(input)).toBe(expected);
  });

  it('treats null as missing', () => {
    expect(normaliseBirthDate(null)).toBe('');
  });
});

describe('looseSpelling', () => {
  // Pairs that are the same name written differently.
  it.each([
    ['mueller', 'muller'],
    ['strauss', 'straus'],
    ['schewtschenko', 'shevchenko'],
    ['kowaltschuk', 'kovalchuk'],
    ['yurii', 'jurij'],
    ['yuliia', 'julija'],
    ['hannah', 'hanna'],
    ['stephan', 'stefan'],
    ['khaled', 'chaled'],
    ['carl', 'karl'],
    ['christian', 'kristian'],
    ['youssef', 'yusef'],
    ['noor', 'nur'],
    ['schmitt', 'schmidt'],
    ['meier', 'mayer'],
    ['meyer', 'maier'],
  ])('%s ~ %s', (a, b) => {
    expect(looseSpelling(a)).toBe(looseSpelling(b));
  });

  // Different names stay different.
  it.each([
    ['lena', 'lina'],
    ['meier', 'mohr'],
    ['paul', 'paula'],
  ])('%s ≁ %s', (a, b) => {
    expect(looseSpelling(a)).not.toBe(looseSpelling(b));
  });
});

describe('ocrFold', () => {
  it.each([
    ['amal', 'arnal'],
    ['philipp', 'phihpp'],
    ['michael', 'michaei'], // capital I read for l
    ['claudia', 'daudia'],
  ])('%s ~ %s', (a, b) => {
    expect(ocrFold(a)).toBe(ocrFold(b));
  });
});

describe('foldText and normaliseCity', () => {
  it('keeps digits and separates words with one space', () => {
    expect(foldText('Ü-Bahn  Nr. 5')).toBe('ue bahn nr 5');
  });
  it('glues city names together', () => {
    expect(normaliseCity('Lindenau a. d. Kiesel')).toBe('lindenauadkiesel');
    expect(normaliseCity('Birkenhain-Süd')).toBe('birkenhainsued');
  });
});

describe('normalisePhone', () => {
  it.each([
    ['0171 2345678', '1712345678'],
    ['0171/2345678', '1712345678'],
    ['0171-234 56 78', '1712345678'],
    ['+49 171 2345678', '1712345678'],
    ['+49 (0)171 2345678', '1712345678'],
    ['0049 171 2345678', '1712345678'],
    ['+49 0171 2345678', '1712345678'], // the trunk 0 written after the country code anyway
    ['Tel.: 030 / 123 456 7', '301234567'],
    ['+90 532 123 45 67', '00905321234567'], // foreign numbers keep their country code
    ['0090 532 1234567', '00905321234567'],
    ['110', ''], // too short to call back
    ['', ''],
    [null, ''],
  ])('%s → %s', (input, expected) => {
    expect(normalisePhone(input)).toBe(expected);
  });
});

describe('normaliseIdentifier', () => {
  it.each([
    ['bg:12345BG0001234', 'bg:12345BG0001234'],
    ['BG: 12345 bg 0001234', 'bg:12345BG0001234'],
    ['bg:12345-BG-0001234', 'bg:12345BG0001234'],
    ['rv:65 170839 j 003', 'rv:65170839J003'],
    ['12345BG0001234', ''], // no kind: not usable
    ['bg:', ''],
    ['b g:123', ''],
    ['', ''],
    [undefined, ''],
  ])('%s → %s', (input, expected) => {
    expect(normaliseIdentifier(input)).toBe(expected);
  });
});
