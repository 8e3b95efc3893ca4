import type { LetterTemplateKey } from '../../contracts/letters.js';

/**
 * Placeholders of letter texts: `{{name}}`, spaces inside the braces allowed. Anything else with
 * braces (a lone `{{`, `{{ 2 }}`) is ordinary text. Filling is a single pass over the template:
 * a value that itself contains `{{…}}` (a name typed that way) is printed as it is, never filled.
 */
const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;

const COMMON = ['recipient', 'address', 'caseNumber', 'date', 'organisation', 'office', 'officeAddress', 'officePhone', 'officeHours', 'caseworker', 'caseworkerEmail', 'caseworkerPhone'] as const;

/** Which placeholders each template may use. */
export const TEMPLATE_PLACEHOLDERS: Record<LetterTemplateKey, readonly string[]> = {
  first_contact: COMMON,
  appointment_confirmation: [...COMMON, 'appointmentDate', 'appointmentTime', 'appointmentPlace'],
  landlord: [...COMMON, 'tenants', 'tenantAddress', 'courtFileNumber'],
};

/** The placeholder names a text uses, in order of first appearance. */
export function placeholdersIn(text: string): string[] {
  const seen = new Set<string>();
  for (const m of text.matchAll(PLACEHOLDER)) seen.add(m[1]);
  return [...seen];
}

/** Placeholders a text uses that its template does not know (a typo would otherwise print as is). */
export function unknownPlaceholders(text: string, template: LetterTemplateKey): string[] {
  const known = TEMPLATE_PLACEHOLDERS[template];
  return placeholdersIn(text).filter((p) => !known.includes(p));
}

// C0/C1 controls, and the bidi controls (embeddings, overrides, isolates, marks): a value must not
// be able to reorder the letter around it (e.g. a name containing U+202E).
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** First strong isolate … pop directional isolate: the value is laid out on its own terms. */
export const FSI = '\u2068';
export const PDI = '\u2069';

/** One line of printable text: controls removed, line breaks become ", ", spaces collapsed. */
export function sanitiseValue(value: string): string {
  return value
    .replace(/\s*[\r\n]+\s*/g, ', ')
    .replace(CONTROLS, '')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

export interface FillResult {
  text: string;
  /** Placeholders the text used that had no value (printed as nothing). */
  missing: string[];
}

/**
 * Fills the placeholders of a template text. Each value is sanitised and wrapped in a directional
 * isolate, so a Latin name or a phone number inside Arabic text (or an Arabic name inside German
 * text) keeps its own order; the PDF writer lays isolates out and drops the marks themselves.
 */
export function fillPlaceholders(text: string, values: Record<string, string | null | undefined>): FillResult {
  const missing: string[] = [];
  const filled = text.replace(PLACEHOLDER, (_, name: string) => {
    const v = values[name];
    const clean = v == null ? '' : sanitiseValue(v);
    if (!clean) {
      if (!missing.includes(name)) missing.push(name);
      return '';
    }
    return FSI + clean + PDI;
  });
  return { text: filled, missing };
}
