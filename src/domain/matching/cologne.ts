/**
 * Kölner Phonetik (Hans Joachim Postel, 1969): a phonetic code for German words, the German
 * counterpart of Soundex. Names that sound alike get the same digit string ("Meier", "Mayer",
 * "Maier" → "67"), so it catches spellings a clerk writes down from hearing.
 *
 * Implemented here rather than taken from npm: the algorithm is a dozen rules, and the one
 * package (cologne-phonetic 1.1.1) is an unmaintained regex port without types.
 *
 * Works on raw German text (ä/ö/ü are vowels, ß is S) and on the output of normaliseName
 * (ae/oe/ue, ss), which gives the same final code. Any other character separates words and is
 * ignored.
 */

const VOWELS = new Set(['a', 'e', 'i', 'j', 'o', 'u', 'y']);
/** Umlauts and ß are coded directly (as vowel and S), so raw text gives Postel's codes too. */
const LETTER = /^[a-zäöüß]$/;

/** The digit for one letter given its neighbours (Postel's table); '' for H and non-letters. */
function letterCode(prev: string, c: string, next: string, wordStart: boolean): string {
  if (VOWELS.has(c)) return '0';
  switch (c) {
    case 'ä':
    case 'ö':
    case 'ü':
      return '0';
    case 'ß':
      return '8';
    case 'h':
      return '';
    case 'b':
      return '1';
    case 'p':
      return next === 'h' ? '3' : '1';
    case 'd':
    case 't':
      return next === 'c' || next === 's' || next === 'z' ? '8' : '2';
    case 'f':
    case 'v':
    case 'w':
      return '3';
    case 'g':
    case 'k':
    case 'q':
      return '4';
    case 'c':
      if (wordStart) return 'ahkloqrux'.includes(next) && next !== '' ? '4' : '8';
      if (prev === 's' || prev === 'z') return '8';
      return 'ahkoqux'.includes(next) && next !== '' ? '4' : '8';
    case 'x':
      return prev === 'c' || prev === 'k' || prev === 'q' ? '8' : '48';
    case 'l':
      return '5';
    case 'm':
    case 'n':
      return '6';
    case 'r':
      return '7';
    case 's':
    case 'z':
      return '8';
    default:
      return '';
  }
}

/**
 * The letter-by-letter code before the clean-up steps (Postel's first stage), e.g.
 * "Müller-Lüdenscheidt" → "60550750206880022". Exposed for tests and explanations.
 */
export function colognePhoneticRaw(input: string): string {
  const s = input.normalize('NFC').toLowerCase();
  const letter = (c: string | undefined) => (c !== undefined && LETTER.test(c) ? c : '');
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = letter(s[i]);
    if (!c) continue;
    const prev = letter(s[i - 1]);
    out += letterCode(prev, c, letter(s[i + 1]), prev === '');
  }
  return out;
}

/**
 * The Kölner Phonetik code: raw code, runs of the same digit collapsed, then every "0" removed
 * except a leading one. "Wikipedia" → "3412", "Breschnew" → "17863".
 */
export function colognePhonetic(input: string): string {
  const raw = colognePhoneticRaw(input);
  let collapsed = '';
  for (const d of raw) if (d !== collapsed[collapsed.length - 1]) collapsed += d;
  return collapsed.length === 0 ? '' : collapsed[0] + collapsed.slice(1).replace(/0/g, '');
}
