import { LETTER_LANGUAGES, type LetterLanguage, type LetterTemplateKey } from '../../contracts/letters.js';

export const isRtl = (lang: LetterLanguage) => lang === 'ar';

/** The locale used for dates, weekdays and times (Latin digits in Arabic too: they match the case files). */
export const LOCALE: Record<LetterLanguage, string> = {
  de: 'de-DE',
  de_easy: 'de-DE',
  en: 'en-GB',
  tr: 'tr-TR',
  ar: 'ar-u-nu-latn',
  uk: 'uk-UA',
};

/** The PDF's /Lang (screen readers pick their voice by it). */
export const PDF_LANG: Record<LetterLanguage, string> = { de: 'de-DE', de_easy: 'de-DE', en: 'en', tr: 'tr-TR', ar: 'ar', uk: 'uk-UA' };

/**
 * The letter language for a case's preferred language (an ISO 639-1 code, perhaps with a region:
 * "ar-SY", "uk_UA"). A language Bleibe has no letters in gets German, the language of the office.
 * Leichte Sprache is chosen by the caseworker, never derived: nobody's language is "easy German".
 */
export function letterLanguageFor(preferred: string | null | undefined): LetterLanguage {
  const base = (preferred ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return base !== 'de_easy' && (LETTER_LANGUAGES as readonly string[]).includes(base) ? (base as LetterLanguage) : 'de';
}

export interface TemplateText {
  subject: string;
  body: string;
}

export type TemplateSource = 'organisation' | 'default' | 'default_german';

/**
 * The text a letter is written from: the organisation's own wording in that language, else the
 * text that ships with Bleibe in that language, else (a language without shipped text) German.
 */
export function resolveTemplate(
  template: LetterTemplateKey,
  language: LetterLanguage,
  overrides: { template: string; language: string; subject: string; body: string }[],
  defaults: Record<LetterTemplateKey, Partial<Record<LetterLanguage, TemplateText>>>,
): TemplateText & { source: TemplateSource } {
  const own = overrides.find((o) => o.template === template && o.language === language);
  if (own) return { subject: own.subject, body: own.body, source: 'organisation' };
  const shipped = defaults[template][language];
  if (shipped) return { ...shipped, source: 'default' };
  const german = defaults[template].de;
  if (!german) throw new Error(`no German default text for ${template}`);
  return { ...german, source: 'default_german' };
}
