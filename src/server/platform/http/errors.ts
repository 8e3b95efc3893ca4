import type { z } from 'zod';
import type { Translate } from '../i18n/translate.js';

export interface FieldProblem {
  path: string;
  /** A key below errors.field (e.g. "required", "password.too_short") and its parameters. */
  key: string;
  params?: Record<string, unknown>;
}

/**
 * An expected failure with an HTTP status and a stable code. The message is looked up in the
 * error catalogue (src/i18n/<lang>/errors.json) in the requester's language when it is sent.
 */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    readonly fields?: FieldProblem[],
  ) {
    super(code);
    this.name = 'AppError';
  }

  /** The same failure under a more specific code (e.g. validation_failed → password_policy). */
  withCode(code: string) {
    return new AppError(this.statusCode, code, this.fields);
  }
}

export const notFound = () => new AppError(404, 'not_found');
export const forbidden = () => new AppError(403, 'forbidden');
export const versionConflict = () => new AppError(409, 'version_conflict');
export const invalidInput = (fields: FieldProblem[], status = 422) =>
  new AppError(status, 'validation_failed', fields);

function formatFor(issue: z.core.$ZodIssue): string {
  if (issue.code !== 'invalid_format') return 'invalid_format';
  if (issue.format === 'email') return 'invalid_email';
  if (issue.format === 'date' || issue.format === 'datetime') return 'invalid_date';
  if (issue.format === 'uuid' || issue.format === 'guid') return 'invalid_uuid';
  return 'invalid_format';
}

/** Maps zod issues to field problems with catalogue keys, so every language gets its wording. */
export function fieldsFromZod(error: z.ZodError, prefix?: string): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const issue of error.issues) {
    const base = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    switch (issue.code) {
      case 'invalid_type':
        out.push(
          issue.input === undefined
            ? { path: base, key: 'required' }
            : { path: base, key: 'invalid_type', params: { expected: issue.expected } },
        );
        break;
      case 'too_small':
      case 'too_big': {
        const kind = issue.origin === 'string' ? 'string' : issue.origin === 'array' || issue.origin === 'set' ? 'array' : 'number';
        const bound = issue.code === 'too_small' ? { minimum: issue.minimum } : { maximum: issue.maximum };
        out.push({ path: base, key: `${issue.code}_${kind}`, params: Object.fromEntries(Object.entries(bound).map(([k, v]) => [k, String(v)])) });
        break;
      }
      case 'invalid_format':
        out.push({ path: base, key: formatFor(issue) });
        break;
      case 'invalid_value':
        out.push({ path: base, key: 'invalid_value', params: { options: issue.values.map(String).join(', ') } });
        break;
      case 'unrecognized_keys':
        for (const k of issue.keys) out.push({ path: [base, k].filter(Boolean).join('.'), key: 'unrecognized_keys' });
        break;
      case 'invalid_union':
        out.push({ path: base, key: 'invalid_union' });
        break;
      case 'custom':
        out.push({ path: base, key: issue.message && /^[a-z_.]+$/.test(issue.message) ? issue.message : 'invalid_format' });
        break;
      default:
        out.push({ path: base, key: 'invalid_format' });
    }
  }
  return out;
}

// A NUL character, or one half of a UTF-16 surrogate pair without the other.
const UNSTORABLE = /\u0000|\p{Cs}/u;

/**
 * Strings in validated input that PostgreSQL cannot store (text refuses NUL, JSON refuses a lone
 * surrogate, text silently mangles it), named field by field so they are a 400 like any bad value.
 */
export function unstorableStrings(value: unknown, path: string[] = []): FieldProblem[] {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? [{ path: path.join('.'), key: 'invalid_format' }] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => unstorableStrings(v, [...path, String(i)]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => unstorableStrings(v, [...path, k]));
  return [];
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Parameters in the reader's language: the expected type of an invalid_type problem ("Zahl", not
 * "number"), a day as the reader writes it (21.11.2026), a list of data categories by their names.
 */
function localisedParams(params: Record<string, unknown> | undefined, t: Translate) {
  if (!params) return {};
  const out = { ...params };
  if (typeof out.expected === 'string') out.expected = t(`field.types.${out.expected}`, { defaultValue: out.expected });
  const day = typeof out.date === 'string' ? ISO_DAY.exec(out.date) : null;
  if (day) out.date = t('field.format.day', { y: day[1], m: day[2], d: day[3] });
  if (Array.isArray(out.categories)) out.categories = out.categories.map((c) => t(`field.consent.category.${String(c)}`, { defaultValue: String(c) })).join(', ');
  return out;
}

export function renderError(err: AppError, t: Translate, requestId: string) {
  return {
    error: {
      code: err.code,
      message: t(err.code),
      ...(err.fields
        ? { fields: err.fields.map((f) => ({ path: f.path, message: t(`field.${f.key}`, localisedParams(f.params, t)) })) }
        : {}),
      requestId,
    },
  };
}
