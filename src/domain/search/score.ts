/**
 * Ranking search hits: how well a stored name or address matches what was typed, and how it
 * matched (the answer shows it, so a caseworker sees why a case came up). Pure.
 *
 * Names: each typed word is compared with each word of the stored first and last names (so the
 * order of first and last name does not matter) and counts with its best partner:
 *   exact (same folded word)                                  1.0
 *   same spelling variant (looseSpelling) or Kölner Phonetik  0.9   "Meyer" ~ "Meier", "Müller" ~ "Mueller"
 *   a beginning of the word, three letters or more            0.8   "Schmi" ~ "Schmidt"
 *   Jaro-Winkler ≥ 0.85 (typos)                               0.85 × similarity
 * The name's score is the mean over the typed words; a typed word nobody matches pulls it down.
 */
import { colognePhonetic, jaroWinkler, looseSpelling } from '../matching/index.js';

export type MatchQuality = 'exact' | 'spelling' | 'prefix' | 'similar';

export interface NameScore {
  score: number;
  quality: MatchQuality;
}

const RANK: Record<MatchQuality, number> = { exact: 0, spelling: 1, prefix: 2, similar: 3 };
const worst = (a: MatchQuality, b: MatchQuality): MatchQuality => (RANK[a] >= RANK[b] ? a : b);

function wordScore(typed: string, stored: string): { score: number; quality: MatchQuality } {
  if (typed === stored) return { score: 1, quality: 'exact' };
  if (looseSpelling(typed) === looseSpelling(stored) || (typed.length >= 3 && colognePhonetic(typed) === colognePhonetic(stored))) {
    return { score: 0.9, quality: 'spelling' };
  }
  if (typed.length >= 3 && stored.startsWith(typed)) return { score: 0.8, quality: 'prefix' };
  const jw = jaroWinkler(typed, stored);
  return jw >= 0.85 ? { score: 0.85 * jw, quality: 'similar' } : { score: 0, quality: 'similar' };
}

/**
 * How well the typed name words match a stored name (its folded tokens, first and last name
 * together). Each stored word partners at most one typed word. Null: no typed word matches.
 */
export function scoreName(typed: readonly string[], stored: readonly string[]): NameScore | null {
  if (!typed.length || !stored.length) return null;
  const free = new Set(stored.map((_, i) => i));
  let total = 0;
  let quality: MatchQuality = 'exact';
  let matched = 0;
  // Longest typed words first: they say the most and should get their partner.
  for (const t of [...typed].sort((a, b) => b.length - a.length)) {
    let best = { score: 0, quality: 'similar' as MatchQuality, index: -1 };
    for (const i of free) {
      const s = wordScore(t, stored[i]);
      if (s.score > best.score) best = { ...s, index: i };
    }
    if (best.index >= 0) {
      free.delete(best.index);
      matched++;
      quality = worst(quality, best.quality);
    } else quality = 'similar';
    total += best.score;
  }
  if (!matched) return null;
  return { score: total / typed.length, quality };
}

/**
 * How well a typed street matches a stored one (both normaliseStreet form): exact 1, a beginning
 * 0.8 ("linden" ~ "lindenstr"), else Jaro-Winkler (typos) from 0.85, scaled.
 */
export function scoreStreet(typed: string, stored: string): NameScore | null {
  if (!typed || !stored) return null;
  if (typed === stored) return { score: 1, quality: 'exact' };
  if (looseSpelling(typed) === looseSpelling(stored)) return { score: 0.9, quality: 'spelling' };
  if (typed.length >= 3 && stored.startsWith(typed)) return { score: 0.8, quality: 'prefix' };
  const jw = jaroWinkler(typed, stored);
  return jw >= 0.85 ? { score: 0.85 * jw, quality: 'similar' } : null;
}

export interface HitParts {
  /** Scores of the criteria the query gave (1 for an exact file number, postal code, town). */
  parts: number[];
  status: 'new' | 'open' | 'closed' | string;
  receivedOn: string;
}

/** Order of hits: best score first; on a tie open cases before closed ones, then the newest. */
export function compareHits(a: HitParts & { score: number }, b: HitParts & { score: number }): number {
  return b.score - a.score || Number(a.status === 'closed') - Number(b.status === 'closed') || b.receivedOn.localeCompare(a.receivedOn);
}

/** A hit's score: the mean of its parts (every criterion given must have matched). */
export function combinedScore(parts: readonly number[]): number {
  return parts.length ? Math.round((parts.reduce((s, x) => s + x, 0) / parts.length) * 1000) / 1000 : 0;
}
