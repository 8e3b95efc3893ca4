import { createHmac } from 'node:crypto';
import { ageGroup } from './official.js';

/*
 * Pseudonymisation for the evaluators' case export: keyed pseudonyms, coarsened dates, ages as
 * groups, rounded amounts. The key is the evaluator's: whoever holds it can link two exports made
 * with it, nobody can link exports made with different keys, and without the key a pseudonym
 * cannot be traced back to a case (HMAC-SHA256, a one-way keyed function).
 */

/** 16 hex characters (64 bits) of HMAC-SHA256(key, kind:id): collisions are negligible at district scale. */
export function pseudonym(key: string, kind: 'case' | 'household', id: string): string {
  // The kind separates the domains, so a case and a household with equal ids never share a pseudonym.
  return createHmac('sha256', key).update(`${kind}:${id}`).digest('hex').slice(0, 16);
}

/** YYYY-MM of an ISO date, or null. */
export function month(date: string | null): string | null {
  return date ? date.slice(0, 7) : null;
}

/** Amounts rounded to whole hundreds of euros: enough for an evaluation, too coarse to recognise a file. */
export function roundAmount(amount: number | null): number | null {
  return amount === null ? null : Math.round(amount / 100) * 100;
}

/** Ages as age groups, sorted, joined with '|'. */
export function ageGroups(ages: (number | null)[]): string {
  return ages
    .map(ageGroup)
    .sort()
    .join('|');
}

/** A list of catalogue codes, sorted and joined with '|' (empty: ''). */
export function codes(values: (string | null)[] | null): string {
  return [...new Set((values ?? []).filter((v): v is string => !!v))].sort().join('|');
}
