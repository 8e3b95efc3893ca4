/**
 * Normalisation of the fields a person is matched on. Every function is pure and total: any
 * input (empty, null, garbage) gives a string, never an exception, because notices arrive from
 * OCR, Jobcenter exports and hand-typed walk-in forms alike.
 *
 * Names become lower-case ASCII tokens. German umlauts are transliterated the German way
 * (ä → ae, ö → oe, ü → ue, ß → ss) BEFORE accents are stripped: "Müller" and "Mueller" are the
 * same spelling for a German clerk, whereas stripping first would turn "Müller" into "Muller",
 * a different (if phonetically equal) spelling. The remaining diacritics (é, ş, ł, ą …) are
 * dropped, since German registers commonly write Turkish, Polish and French names without them.
 */

/** Letters that NFKD does not decompose into base letter + combining mark. */
const SPECIAL_LETTERS: Record<string, string> = {
  ä: 'ae',
  ö: 'oe',
  ü: 'ue',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  å: 'a',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i', // Turkish dotless i (Yıldız)
  ĸ: 'k',
};
const SPECIAL_RE = /[äöüßæœøåłđðþıĸ]/g;

/**
 * Lower-case ASCII with German transliteration; everything that is not a letter or digit
 * becomes a single space. Combining marks are removed after NFKD decomposition.
 */
export function foldText(input: string | null | undefined): string {
  if (!input) return '';
  // NFC first so that a decomposed "u + ¨" is recognised as ü and transliterated to "ue".
  const lower = input.normalize('NFC').toLowerCase();
  return lower
    .replace(SPECIAL_RE, (c) => SPECIAL_LETTERS[c])
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * Academic and courtesy titles. They are added or dropped between notices ("Dr. Meier" vs
 * "Meier") and never tell two people apart, so they are removed.
 */
const TITLES = new Set(['dr', 'prof', 'professor', 'dipl', 'diplom', 'herr', 'frau', 'hr', 'fr', 'mag', 'magister', 'priv', 'doz', 'pd']);
/** Qualifiers that only count as part of a title right after one ("Dr. med.", "Dipl.-Ing."). */
const TITLE_QUALIFIERS = new Set([
  'med', 'dent', 'vet', 'rer', 'nat', 'pol', 'oec', 'phil', 'jur', 'theol', 'paed', 'ing', 'kfm', 'kff', 'psych',
  'soz', 'pad', 'inform', 'biol', 'chem', 'phys', 'math', 'habil', 'h', 'c', 'hc', 'mult', 'sc', 'oek', 'agr',
]);

/**
 * Name particles. They stay as tokens (they are part of the name: "van der Berg" is not
 * "Berg" in the register), but the scorer also compares names without them, because forms
 * often drop them.
 */
export const PARTICLES: ReadonlySet<string> = new Set([
  'von', 'vom', 'van', 'der', 'den', 'de', 'zu', 'zum', 'zur', 'ten', 'ter', 'la', 'le', 'du', 'da', 'di', 'del',
  'della', 'dos', 'al', 'el', 'bin', 'ibn', 'ben', 'abu', 'mac', 'und',
]);

/** Digits that OCR reads for letters in names ("Mü11er", "5chmidt"). */
const DIGIT_LETTERS: Record<string, string> = { '0': 'o', '1': 'l', '3': 'e', '4': 'a', '5': 's', '8': 'b' };

/**
 * Tokens of a name: titles removed, hyphenated and double names split ("Anna-Lena" →
 * ["anna", "lena"]), particles kept as separate tokens ("von Bülow" → ["von", "buelow"]).
 * Digits inside a word are read as the letters OCR mistakes them for ("Mü11er" → "mueller");
 * other digits are dropped.
 */
export function nameTokens(input: string | null | undefined): string[] {
  // "h.c." would otherwise leave the stray tokens "h" and "c" when it is not after a title.
  const raw = foldText(input?.replace(/\bh\.\s*c\./gi, ' '))
    .replace(/(?<=[a-z])[013458]+|[013458]+(?=[a-z])/g, (d) => [...d].map((c) => DIGIT_LETTERS[c]).join(''))
    .replace(/[0-9]+/g, ' ')
    .split(' ');
  const out: string[] = [];
  let afterTitle = false;
  for (const t of raw) {
    if (!t) continue;
    if (TITLES.has(t)) {
      afterTitle = true;
      continue;
    }
    if (afterTitle && TITLE_QUALIFIERS.has(t)) continue;
    afterTitle = false;
    out.push(t);
  }
  return out;
}

/** The normalised name as one space-separated string (titles removed, see nameTokens). */
export function normaliseName(input: string | null | undefined): string {
  return nameTokens(input).join(' ');
}

/**
 * Street names, canonical and without spaces: "Hauptstraße", "Hauptstrasse", "Hauptstr.",
 * "Haupt-Str." and "Haupt Str" all become "hauptstr"; "Berliner Straße" and "Berliner Str."
 * become "berlinerstr". Spaces and hyphens are removed because whether the suffix is glued on
 * is a spelling choice, not a different street. Other street types (Platz, Weg, Allee, Ring …)
 * are left as written: they distinguish real streets ("Lindenweg" ≠ "Lindenallee"). A house
 * number at the end of the field ("Hauptstr. 12a") is dropped; numbers inside the name stay
 * ("Straße des 17. Juni").
 */
export function normaliseStreet(input: string | null | undefined): string {
  const folded = foldText(input);
  if (!folded) return '';
  return folded
    .replace(/( \d+ ?[a-z]?)+$/, '') // a house number written into the street field
    .split(' ')
    .map((w) => w.replace(/(strasse|strase|str)$/, 'str'))
    .join('');
}

/**
 * House numbers: "12 a", "12A", "12a" → "12a"; "12-14", "12 - 14", "12/14" → "12-14";
 * "Nr. 7" → "7". Anything else is folded to lower-case alphanumerics.
 */
export function normaliseHouseNumber(input: string | null | undefined): string {
  const folded = foldText(input).replace(/\bnr\b/g, ' ').trim();
  if (!folded) return '';
  const range = /^(\d+)\s*[a-z]?\s+(\d+)\s*[a-z]?$/.exec(folded);
  if (range && (input ?? '').match(/[-/–]/)) return `${range[1]}-${range[2]}`;
  const single = /^(\d+)\s*([a-z]?)$/.exec(folded);
  if (single) return `${single[1]}${single[2]}`;
  return folded.replace(/ /g, '');
}

/** The leading number of a house number ("12a" → "12"), or '' if there is none. */
export function houseNumberBase(normalised: string): string {
  return /^\d+/.exec(normalised)?.[0] ?? '';
}

/**
 * Postal codes: digits only ("D-05123" → "05123"). A four-digit code gets its leading zero back,
 * because spreadsheets drop it ("5123" is 05123 in Germany).
 */
export function normalisePostalCode(input: string | null | undefined): string {
  const digits = (input ?? '').replace(/^\s*d\s*-\s*/i, '').replace(/\D+/g, '');
  if (digits.length === 4) return `0${digits}`;
  return digits;
}

/** City names: folded, spaces removed ("Neustadt a. d. Kiesel" → "neustadtadkiesel"). */
export function normaliseCity(input: string | null | undefined): string {
  return foldText(input).replace(/ /g, '');
}

/**
 * A coarser spelling key for names: different ways of writing the same name collapse onto one
 * key. Used to recognise spelling variants, never for display.
 * - umlaut transliterations and ß: mueller, muller → muler; strauss, straus → straus
 * - transliterations from Cyrillic and Arabic as German and English authorities write them:
 *   Schewtschenko/Shevchenko, Yurii/Jurij, Kowalenko/Kovalenko, Khaled/Chaled, Youssef/Yusef
 * - homophones and silent or doubled letters: Meier/Maier/Mayer/Meyer, Hannah/Hanna,
 *   Schmitt/Schmit, Stephan/Stefan, Carl/Karl
 */
export function looseSpelling(normalised: string): string {
  return normalised
    .replace(/ /g, '')
    .replace(/ae/g, 'a')
    .replace(/oe/g, 'o')
    .replace(/ue/g, 'u')
    .replace(/sch/g, 'sh')
    .replace(/tsh/g, 'ch')
    .replace(/kh/g, 'ch')
    .replace(/^chr/, 'kr')
    .replace(/c(?=[aoulrk])/g, 'k')
    .replace(/ck/g, 'k')
    .replace(/q/g, 'k')
    .replace(/ph/g, 'f')
    .replace(/th/g, 't')
    .replace(/dt/g, 't')
    .replace(/w/g, 'v')
    .replace(/[yj]/g, 'i')
    .replace(/ai/g, 'ei')
    .replace(/ou|oo/g, 'u')
    .replace(/([aeiou])h$/, '$1')
    .replace(/(.)\1+/g, '$1');
}

/**
 * Letters that scanners confuse ("rn" read as "m", "cl" as "d", "li" as "h", "l" as "I"),
 * collapsed so that an OCR error counts as a single typo.
 */
export function ocrFold(normalised: string): string {
  return normalised.replace(/rn/g, 'm').replace(/cl/g, 'd').replace(/vv/g, 'w').replace(/li/g, 'h').replace(/l/g, 'i');
}

/**
 * Birth dates as eight digits YYYYMMDD, or '' when missing or not eight digits. Accepts
 * "YYYY-MM-DD", "YYYYMMDD" and "DD.MM.YYYY". Impossible dates ("1985-13-02") are kept: their
 * digits still carry evidence, and a typo is the usual reason for them.
 */
export function normaliseBirthDate(input: string | null | undefined): string {
  if (!input) return '';
  const s = input.trim();
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  if (german) return `${german[3]}${german[2].padStart(2, '0')}${german[1].padStart(2, '0')}`;
  const digits = s.replace(/[-/.\s]/g, '');
  return /^\d{8}$/.test(digits) ? digits : '';
}

/**
 * Telephone numbers as digits, in one form for German numbers however they were written:
 * "+49 171 2345678", "0049 (0)171-2345678", "0171/2345678" and "0171 234 56 78" all become
 * "1712345678" (the national number without the trunk 0). Foreign numbers keep their
 * international form ("+90 532 …" → "0090532…"). Fewer than six digits is not a number one
 * could call back ('').
 */
export function normalisePhone(input: string | null | undefined): string {
  if (!input) return '';
  // "+49 (0)30 …": the bracketed 0 is the trunk prefix written for callers inside Germany.
  const s = input.trim().replace(/\(\s*0\s*\)/g, '');
  let digits = s.replace(/\D+/g, '');
  if (s.startsWith('+')) digits = `00${digits}`;
  if (digits.startsWith('0049')) digits = digits.slice(4).replace(/^0/, '');
  else if (!digits.startsWith('00')) digits = digits.replace(/^0/, '');
  return digits.length >= 6 ? digits : '';
}

/**
 * External identifiers are written "kind:value" ("bg:12345BG0001234", "rv:65 170839 J 003"):
 * the kind lower-case, the value with spaces and hyphens removed and upper-cased
 * ("bg:12345BG0001234", "rv:65170839J003"). Without a kind or a value: ''.
 */
export function normaliseIdentifier(input: string | null | undefined): string {
  const s = input ?? '';
  const colon = s.indexOf(':');
  if (colon < 0) return '';
  const kind = s.slice(0, colon).trim().toLowerCase();
  const value = s
    .slice(colon + 1)
    .replace(/[\s\-‐‑–]+/g, '')
    .toUpperCase();
  return /^[a-z][a-z0-9_]*$/.test(kind) && value ? `${kind}:${value}` : '';
}
