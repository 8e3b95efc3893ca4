/**
 * Blocking keys: short strings under which a record is filed so that the database can fetch
 * the few candidates worth scoring instead of comparing a new notice with every person on file.
 * Two records are candidates when they share at least one key.
 *
 * Each key tolerates a different kind of error, so that a true match survives as long as one
 * key does:
 * - n:<code>:<year>   Kölner code of the first name, and of the surname, each with the birth
 *                     year. Both names use the same prefix, so a first/last swap still meets.
 *                     Survives a typo in the other name, a wrong address.
 * - nn:<code>:<code>  both name codes, sorted (swap-proof). Survives a missing or wrong birth date.
 * - d:<date>          birth date with day and month sorted (swap-proof). Survives typos in both
 *                     names as long as the date is intact.
 * - p:<postcode>:<code> postal code with each name code. Survives a missing birth date plus a
 *                     typo in one name.
 * - a:<street>:<no>   Kölner code of the street with the house number (without suffix).
 *                     Survives typos in both names together with a wrong or missing birth date,
 *                     as long as the person has not moved. Its buckets are households (larger
 *                     at shelter addresses, which stays cheap: scoring is microseconds).
 * - i:<kind>:<value>  each identifier of a known kind (person and household). Finds the person
 *                     after a change of name, birth date and address together; a household
 *                     identifier also fetches the household, as the address key does.
 * - t:<phone>         the normalised phone number. Survives everything the identifier key does,
 *                     for the many records without an identifier. Its buckets are households
 *                     (at a shelter: its residents).
 * Name codes are taken from the first core token (particles and titles dropped), so a dropped
 * second part of a double name ("Müller-Lüdenscheidt" → "Müller") keeps the key.
 */
import { colognePhonetic } from './cologne.js';
import { houseNumberBase } from './normalise.js';
import { prepareRecord, type PersonRecord, type PreparedName, type PreparedRecord } from './score.js';

function nameCode(n: PreparedName): string {
  const token = n.core[0] ?? n.tokens[0];
  return token ? colognePhonetic(token) : '';
}

/** A plausible four-digit birth year from YYYYMMDD, or ''. */
function birthYear(date: string): string {
  const y = date.slice(0, 4);
  return /^(18|19|20)\d\d$/.test(y) ? y : '';
}

export function blockingKeys(record: PersonRecord | PreparedRecord): string[] {
  const r = prepareRecord(record);
  const codes = [nameCode(r.first), nameCode(r.last)].filter((c) => c !== '');
  const keys = new Set<string>();
  const year = birthYear(r.birthDate);
  if (year) for (const c of codes) keys.add(`n:${c}:${year}`);
  if (codes.length === 2) keys.add(`nn:${[...codes].sort().join(':')}`);
  if (r.birthDate) {
    const [mm, dd] = [r.birthDate.slice(4, 6), r.birthDate.slice(6, 8)].sort();
    keys.add(`d:${r.birthDate.slice(0, 4)}${mm}${dd}`);
  }
  if (r.postalCode) for (const c of codes) keys.add(`p:${r.postalCode}:${c}`);
  const street = colognePhonetic(r.street);
  const number = houseNumberBase(r.houseNumber);
  if (street && number) keys.add(`a:${street}:${number}`);
  for (const id of r.identifiers) keys.add(`i:${id.kind}:${id.value}`);
  if (r.phone) keys.add(`t:${r.phone}`);
  return [...keys];
}
