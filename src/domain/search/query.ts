/**
 * What a search box entry means: a file number, an address, a name — or a name and an address
 * together ("Müller Lindenstraße 5"). Pure; the normalisation is that of domain/matching, so a
 * query is compared with the stored data in the same form the intake pipeline and the database
 * functions of migrations/010_search.sql give it.
 *
 * Rules, in order:
 * 1. The whole entry is a file number: the internal case number "2026-000123" (also "2026-123",
 *    "2026000123"), or a court file number (Aktenzeichen) "12 C 345/26" (register letters, serial,
 *    year with two or four digits; spaces and case do not matter).
 * 2. Otherwise the words are read as an address where they look like one: a five-digit number is
 *    the postal code and the words after it the town; a short number (with a letter or a range:
 *    "12", "12a", "12-14") after a word is the house number, and that word the street (with a
 *    preposition before it: "Am Markt 5"); a word ending in a street type ("…straße", "…str.",
 *    "…weg", "…platz" …, or the type on its own: "Berliner Straße") is a street even without a
 *    number; words after the house number are the town.
 * 3. The remaining words are a name (titles dropped, see nameTokens). Name and address together
 *    narrow the search: both must match.
 * 4. A name alone may also be a place ("Musterstadt", "Linden"): such words are searched as a name
 *    and as a town or street, and either may match.
 */
import { foldText, looseSpelling, nameTokens, normaliseCity, normaliseHouseNumber, normaliseStreet } from '../matching/index.js';

export interface ParsedQuery {
  /** The internal case number, canonical: "2026-000123". */
  caseNumber: string | null;
  /** A court file number in the form of fileNumberKey(): "12C345/26". */
  courtFileNumber: string | null;
  /** Folded name tokens, titles removed. */
  name: string[];
  /** normaliseStreet() form ("lindenstr"). */
  street: string | null;
  /** normaliseHouseNumber() form ("12a", "12-14"). */
  houseNumber: string | null;
  postalCode: string | null;
  /** normaliseCity() form ("neustadtadkiesel"). */
  city: string | null;
  /** The name words may also be a town or a street (nothing else was given). */
  nameOrPlace: boolean;
}

export type Criterion = 'caseNumber' | 'courtFileNumber' | 'name' | 'street' | 'houseNumber' | 'postalCode' | 'city';

const EMPTY: ParsedQuery = {
  caseNumber: null, courtFileNumber: null, name: [], street: null, houseNumber: null, postalCode: null, city: null, nameOrPlace: false,
};

const CASE_NUMBER = /^((?:19|20)\d\d)\s*[-/]?\s*(\d{1,6})$/;
// Serial (department), register letters (C, H, M, Cs …; up to two words), serial, year.
const COURT_FILE_NUMBER = /^\d{1,4}\s*[a-z]{1,4}(?:\s+[a-z]{1,3})?\s*\d{1,6}\s*\/\s*(?:\d{2}|\d{4})$/i;

/** A court file number as compared: no spaces, upper case, a four-digit year shortened ("12C345/26"). Mirrors search_file_number() in SQL. */
export function fileNumberKey(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase().replace(/\/(19|20)(\d\d)$/, '/$2');
}

/** The canonical internal case number ("2026-000123"), or null. */
export function caseNumberKey(input: string): string | null {
  const m = CASE_NUMBER.exec(input.trim());
  return m ? `${m[1]}-${m[2].padStart(6, '0')}` : null;
}

/** looseSpelling() per word of a folded text; mirrors search_loose() in SQL. */
export function looseName(folded: string): string {
  return folded
    .split(' ')
    .filter(Boolean)
    .map(looseSpelling)
    .join(' ');
}

/**
 * Street types that make a word a street without a house number ("Lindenstraße", "Hauptstr.",
 * "Birkenweg"). Not "…ring", "…markt", "…damm": surnames end so too (Döring, Hering); with a house
 * number such streets are recognised anyway ("Am Ring 5").
 */
const STREET_TYPE = /(strasse|strase|str|weg|platz|allee|gasse|chaussee|pfad|steig|stieg|promenade)$/;
const PREPOSITIONS = new Set(['am', 'an', 'auf', 'im', 'in', 'zum', 'zur', 'unter', 'hinter', 'vor', 'alte', 'alter', 'neue', 'neuer', 'grosse', 'kleine']);
const HOUSE_NUMBER = /^\d{1,4}\s?[a-z]?(?:[-/]\d{1,4}[a-z]?)?$/;
const POSTAL_CODE = /^\d{5}$/;

type Token = { raw: string; folded: string; used: boolean };

/** Parses a search entry. Total: any string gives a result (possibly with no criteria at all). */
export function parseQuery(input: string): ParsedQuery {
  const text = (input ?? '').normalize('NFC').trim().replace(/\s+/g, ' ');
  if (!text) return { ...EMPTY };
  const caseNumber = caseNumberKey(text);
  if (caseNumber) return { ...EMPTY, caseNumber };
  if (COURT_FILE_NUMBER.test(text)) return { ...EMPTY, courtFileNumber: fileNumberKey(text) };

  const tokens: Token[] = text
    .split(/[\s,;]+/)
    .map((raw) => ({ raw, folded: foldText(raw), used: false }))
    .filter((t) => t.folded !== '');
  const out: ParsedQuery = { ...EMPTY, name: [] };

  // Postal code; the words after it are the town.
  const postal = tokens.findIndex((t) => POSTAL_CODE.test(t.folded));
  let cityFrom = -1;
  if (postal >= 0) {
    out.postalCode = tokens[postal].folded;
    tokens[postal].used = true;
    cityFrom = postal + 1;
  }

  // Street and house number.
  const isWord = (t: Token | undefined) => t !== undefined && !t.used && /^[a-z][a-z ]*$/.test(t.folded);
  const house = tokens.findIndex((t, i) => !t.used && HOUSE_NUMBER.test(t.raw.toLowerCase()) && isWord(tokens[i - 1]));
  let streetEnd = -1;
  if (house >= 0) {
    // "12 a": the letter written apart still belongs to the number.
    const letter = tokens[house + 1] && /^[a-z]$/.test(tokens[house + 1].folded) ? tokens[house + 1] : null;
    out.houseNumber = normaliseHouseNumber(tokens[house].raw + (letter ? letter.raw : ''));
    tokens[house].used = true;
    if (letter) letter.used = true;
    streetEnd = house - 1;
    if (cityFrom < 0) cityFrom = house + 1;
  } else {
    streetEnd = tokens.findIndex((t) => isWord(t) && STREET_TYPE.test(t.folded.replace(/ /g, '')));
  }
  if (streetEnd >= 0) {
    let start = streetEnd;
    const typeAlone = /^(strasse|strase|str|weg|platz|allee|gasse|chaussee)$/.test(tokens[streetEnd].folded);
    if (typeAlone && isWord(tokens[start - 1])) start--;
    if (isWord(tokens[start - 1]) && PREPOSITIONS.has(tokens[start - 1].folded)) start--;
    const words = tokens.slice(start, streetEnd + 1);
    for (const w of words) w.used = true;
    out.street = normaliseStreet(words.map((w) => w.raw).join(' ')) || null;
  }

  // The town: the remaining words after the postal code or the house number.
  if (cityFrom >= 0) {
    const words = tokens.slice(cityFrom).filter((t) => !t.used && /^[a-z]/.test(t.folded));
    for (const w of words) w.used = true;
    out.city = normaliseCity(words.map((w) => w.raw).join(' ')) || null;
  }

  // Whatever is left is a name: words of letters only (a number on its own is no name, and
  // nameTokens would read digits inside a word as OCR errors, which a typed query does not have).
  out.name = nameTokens(tokens.filter((t) => !t.used && /^[a-z ]+$/.test(t.folded)).map((t) => t.raw).join(' '));
  out.nameOrPlace = out.name.length > 0 && !out.street && !out.houseNumber && !out.postalCode && !out.city;
  return out;
}

/** The criteria a parsed query searches by, for the answer and the audit log. */
export function criteriaOf(q: ParsedQuery): Criterion[] {
  const out: Criterion[] = [];
  if (q.caseNumber) out.push('caseNumber');
  if (q.courtFileNumber) out.push('courtFileNumber');
  if (q.name.length) out.push('name');
  if (q.street) out.push('street');
  if (q.houseNumber) out.push('houseNumber');
  if (q.postalCode) out.push('postalCode');
  if (q.city) out.push('city');
  return out;
}

/** Does the entry give anything to search by? (Letters or digits, at least two.) */
export function hasSearchTerms(input: string): boolean {
  return criteriaOf(parseQuery(input)).length > 0 && foldText(input).replace(/ /g, '').length >= 2;
}
