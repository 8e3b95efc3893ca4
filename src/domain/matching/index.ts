/**
 * Person matching: is a newly reported person someone already on file?
 *
 * A record is names, birth date and address, optionally a phone number and external
 * identifiers ("kind:value"; person identifiers such as the pension number are near-proof,
 * household identifiers such as the Jobcenter's BG number only say "same household").
 *
 * Intake pipeline (database side, see docs/benchmarks.md "Person matching"):
 * 1. `blockingKeys(record)` → look the keys up in the indexed key table → candidate records;
 * 2. `matchRecord(record, candidates)` (or `scorePair` + `decide` per candidate) →
 *    link automatically, put in the review queue with `reasons`, or create a new person;
 * 3. store the new record's blocking keys.
 */
export { blockingKeys } from './blocking.js';
export { colognePhonetic, colognePhoneticRaw } from './cologne.js';
export { matchRecord, type Candidate, type MatchResult, type ScoredPerson } from './match.js';
export {
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
} from './normalise.js';
export {
  compareBirthDates,
  compareIdentifiers,
  compareNames,
  decide,
  DEFAULT_THRESHOLDS,
  IDENTIFIER_KINDS,
  NEAR_MISS_MIN_LENGTH,
  prepareRecord,
  scorePair,
  WEIGHTS,
  type BirthDateLevel,
  type Conflict,
  type Decision,
  type IdentifierLevel,
  type IdentifierScope,
  type NameLevel,
  type PairScore,
  type PersonRecord,
  type PhoneLevel,
  type PreparedIdentifier,
  type PreparedRecord,
  type Reason,
  type ReasonField,
  type ReasonKind,
  type Thresholds,
} from './score.js';
export { damerauLevenshtein, jaro, jaroWinkler } from './similarity.js';
