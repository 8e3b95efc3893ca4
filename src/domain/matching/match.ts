/**
 * Deciding for one incoming record against the candidates the blocking keys fetched. Candidates
 * are records of persons already on file; a person with several records counts with its best
 * one (a notice may match the Jobcenter record of someone but not the court's).
 */
import { decide, DEFAULT_THRESHOLDS, prepareRecord, scorePair, type Decision, type PairScore, type PersonRecord, type PreparedRecord, type Thresholds } from './score.js';

export interface Candidate<Id> {
  personId: Id;
  record: PersonRecord | PreparedRecord;
}

export interface ScoredPerson<Id> extends PairScore {
  personId: Id;
  decision: Decision;
}

export interface MatchResult<Id> {
  decision: Decision;
  /** The person to attach the record to, when decision is 'link'. */
  personId?: Id;
  /** Persons for the review queue, best first (when decision is 'review'). */
  review: ScoredPerson<Id>[];
}

/**
 * link when exactly one person reaches a link; review when two or more do (the new record
 * cannot belong to both, so someone has to look) or when any person reaches review; new
 * otherwise.
 */
export function matchRecord<Id>(
  record: PersonRecord | PreparedRecord,
  candidates: readonly Candidate<Id>[],
  thresholds: Thresholds = DEFAULT_THRESHOLDS,
): MatchResult<Id> {
  const incoming = prepareRecord(record);
  const best = new Map<Id, ScoredPerson<Id>>();
  for (const c of candidates) {
    const s = scorePair(incoming, c.record);
    const d = decide(s, thresholds);
    const prev = best.get(c.personId);
    if (!prev || rank(d) > rank(prev.decision) || (rank(d) === rank(prev.decision) && s.score > prev.score)) {
      best.set(c.personId, { ...s, personId: c.personId, decision: d });
    }
  }
  const persons = [...best.values()].sort((a, b) => rank(b.decision) - rank(a.decision) || b.score - a.score);
  const links = persons.filter((p) => p.decision === 'link');
  if (links.length === 1) return { decision: 'link', personId: links[0].personId, review: [] };
  const review = persons.filter((p) => p.decision !== 'new');
  if (review.length > 0) return { decision: 'review', review };
  return { decision: 'new', review: [] };
}

const rank = (d: Decision) => (d === 'link' ? 2 : d === 'review' ? 1 : 0);
