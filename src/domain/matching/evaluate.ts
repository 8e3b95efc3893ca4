/**
 * Measuring the engine (used by bench/matching.ts and quality.test.ts). Pure: the records come
 * in as arguments, nothing is read or timed here.
 */
import { blockingKeys } from './blocking.js';
import { matchRecord } from './match.js';
import { decide, DEFAULT_THRESHOLDS, prepareRecord, scorePair, type PersonRecord, type PreparedRecord, type Thresholds } from './score.js';
import type { TestRecord } from './testset.js';

/** An in-memory stand-in for the indexed blocking-key table. */
export class BlockingIndex<T> {
  private readonly byKey = new Map<string, T[]>();
  add(keys: readonly string[], item: T): void {
    for (const k of keys) {
      const list = this.byKey.get(k);
      if (list) list.push(item);
      else this.byKey.set(k, [item]);
    }
  }
  candidates(keys: readonly string[]): T[] {
    const seen = new Set<T>();
    for (const k of keys) for (const item of this.byKey.get(k) ?? []) seen.add(item);
    return [...seen];
  }
}

export interface SyntheticReport {
  records: number;
  /** Records for which an earlier record of the same person was on file. */
  shouldLink: number;
  links: number;
  correctLinks: number;
  wrongLinks: number;
  /** Wrong automatic links by what the two persons were (twin, namesake, family, other). */
  wrongLinksBy: Record<string, number>;
  precision: number;
  recall: number;
  reviews: number;
  reviewShare: number;
  /** True matches that were not linked but put in front of a caseworker with the right person. */
  reviewCaught: number;
  /** Share of the true matches not linked automatically that the review queue caught. */
  reviewCatchRate: number;
  /** True matches that ended up as a new person. */
  missedAsNew: number;
  /** True matches for which blocking offered no record of the right person. */
  blockingMisses: number;
  candidatesPerRecord: number;
  /**
   * True matches not linked automatically, by why: the conflicts of the best pair with a record
   * of the right person, or which evidence fell short of the link threshold.
   */
  notLinkedBy: Record<string, number>;
  /** Link rate of incoming variant records by the error they carry. */
  recallByError: Record<string, { n: number; linked: number; reviewed: number }>;
  /** What happened to the first record of each hard-negative person when its look-alike was on file. */
  hardNegatives: Record<string, { n: number; link: number; review: number; new: number }>;
  /** The same, for those whose look-alike's record on file has the same phone number or household identifier. */
  hardNegativesSharingHousehold: Record<string, { n: number; link: number; review: number; new: number }>;
}

interface Inserted {
  truth: string;
  cluster: number;
  record: PreparedRecord;
  negativeOf?: TestRecord['negativeOf'];
}

/**
 * Insert the records one by one in the given order, as the intake pipeline will: blocking keys →
 * candidates → matchRecord. A link attaches the record to the engine's person (cluster); a
 * review is resolved by an ideal caseworker (attach to the right person if offered, otherwise
 * new), so later decisions see the file a careful team would have.
 */
export function evaluateSynthetic(records: readonly TestRecord[], thresholds: Thresholds = DEFAULT_THRESHOLDS): SyntheticReport {
  const index = new BlockingIndex<Inserted>();
  const seenPersons = new Set<string>();
  let nextCluster = 0;
  let links = 0;
  let correctLinks = 0;
  let reviews = 0;
  let reviewCaught = 0;
  let shouldLink = 0;
  let missedAsNew = 0;
  let blockingMisses = 0;
  let candidateCount = 0;
  const wrongLinksBy: Record<string, number> = {};
  const recallByError: SyntheticReport['recallByError'] = {};
  const hardNegatives: SyntheticReport['hardNegatives'] = {};
  const hardNegativesSharingHousehold: SyntheticReport['hardNegativesSharingHousehold'] = {};
  const notLinkedBy: Record<string, number> = {};

  for (const t of records) {
    const record = prepareRecord(t.record);
    const keys = blockingKeys(record);
    const candidates = index.candidates(keys);
    candidateCount += candidates.length;
    const result = matchRecord(
      record,
      candidates.map((c) => ({ personId: c.cluster, record: c.record })),
      thresholds,
    );
    const truthOf = (cluster: number) => candidates.filter((c) => c.cluster === cluster).map((c) => c.truth);
    const isTrue = seenPersons.has(t.personId);
    if (isTrue) {
      shouldLink++;
      if (!candidates.some((c) => c.truth === t.personId)) blockingMisses++;
    }

    let cluster: number;
    if (result.decision === 'link') {
      links++;
      cluster = result.personId!;
      if (truthOf(cluster).includes(t.personId)) correctLinks++;
      else {
        const other = candidates.find((c) => c.cluster === cluster)!;
        const kind = relation(t, other);
        wrongLinksBy[kind] = (wrongLinksBy[kind] ?? 0) + 1;
      }
    } else if (result.decision === 'review') {
      reviews++;
      const right = result.review.find((p) => truthOf(p.personId).includes(t.personId));
      if (right) {
        reviewCaught++;
        cluster = right.personId;
      } else cluster = nextCluster++;
    } else {
      cluster = nextCluster++;
      if (isTrue) missedAsNew++;
    }

    if (isTrue && !(result.decision === 'link' && truthOf(cluster).includes(t.personId))) {
      const why = whyNotLinked(record, candidates.filter((c) => c.truth === t.personId).map((c) => c.record), thresholds);
      notLinkedBy[why] = (notLinkedBy[why] ?? 0) + 1;
    }
    if (isTrue && t.role === 'variant') {
      for (const e of t.errors.length ? t.errors : (['none'] as const)) {
        const r = (recallByError[e] ??= { n: 0, linked: 0, reviewed: 0 });
        r.n++;
        if (result.decision === 'link' && truthOf(cluster).includes(t.personId)) r.linked++;
        if (result.decision === 'review') r.reviewed++;
      }
    }
    if (t.negativeOf && !isTrue && seenPersons.has(t.negativeOf.personId)) {
      const h = (hardNegatives[t.negativeOf.kind] ??= { n: 0, link: 0, review: 0, new: 0 });
      h.n++;
      h[result.decision]++;
      const of = t.negativeOf.personId;
      if (candidates.some((c) => c.truth === of && sharesHousehold(record, c.record))) {
        const s = (hardNegativesSharingHousehold[t.negativeOf.kind] ??= { n: 0, link: 0, review: 0, new: 0 });
        s.n++;
        s[result.decision]++;
      }
    }

    seenPersons.add(t.personId);
    index.add(keys, { truth: t.personId, cluster, record, negativeOf: t.negativeOf });
  }

  const notLinked = shouldLink - correctLinks;
  return {
    records: records.length,
    shouldLink,
    links,
    correctLinks,
    wrongLinks: links - correctLinks,
    wrongLinksBy,
    precision: links ? correctLinks / links : 1,
    recall: shouldLink ? correctLinks / shouldLink : 1,
    reviews,
    reviewShare: reviews / records.length,
    reviewCaught,
    reviewCatchRate: notLinked ? reviewCaught / notLinked : 1,
    missedAsNew,
    blockingMisses,
    candidatesPerRecord: candidateCount / records.length,
    notLinkedBy,
    recallByError,
    hardNegatives,
    hardNegativesSharingHousehold,
  };
}

const sharesHousehold = (a: PreparedRecord, b: PreparedRecord) =>
  (a.phone !== '' && a.phone === b.phone) ||
  a.identifiers.some((i) => i.scope === 'household' && b.identifiers.some((j) => j.kind === i.kind && j.value === i.value));

function whyNotLinked(record: PreparedRecord, sameperson: PreparedRecord[], thresholds: Thresholds): string {
  if (sameperson.length === 0) return 'blocking offered no record of the person';
  const best = sameperson.map((c) => scorePair(record, c)).sort((a, b) => b.score - a.score)[0];
  if (decide(best, thresholds) === 'link') return 'ambiguous: another person also reached a link';
  if (best.conflicts.length > 0) return `conflict: ${best.conflicts.join(' + ')}`;
  const kind = (f: string) => best.reasons.find((r) => r.field === f)?.kind;
  const moved = kind('street') === 'exact' || kind('street') === 'typo' ? 'same street' : 'moved';
  return `below link threshold: birth date ${kind('birthDate')}, ${moved}`;
}

function relation(t: TestRecord, other: Inserted): string {
  if (t.negativeOf?.personId === other.truth) return t.negativeOf.kind;
  if (other.negativeOf?.personId === t.personId) return other.negativeOf.kind;
  if (t.negativeOf && other.negativeOf && t.negativeOf.personId === other.negativeOf.personId) return `${t.negativeOf.kind}+${other.negativeOf.kind}`;
  return 'other';
}

export interface LinkageReport {
  candidatePairs: number;
  truePairs: number;
  /** True pairs that share at least one blocking key. */
  blockedTruePairs: number;
  link: PrfCounts;
  linkOrReview: PrfCounts;
}

export interface PrfCounts {
  predicted: number;
  correct: number;
  precision: number;
  recall: number;
  f1: number;
}

function prf(predicted: number, correct: number, truePairs: number): PrfCounts {
  const precision = predicted ? correct / predicted : 1;
  const recall = truePairs ? correct / truePairs : 1;
  return { predicted, correct, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

/**
 * Two-file linkage (FEBRL style): index `left`, block each `right` record, score every
 * candidate pair and count the pairs decided link (and link or review) against the truth.
 */
export function evaluateLinkage<Id>(
  left: readonly { id: Id; record: PersonRecord }[],
  right: readonly { id: Id; record: PersonRecord }[],
  isMatch: (a: Id, b: Id) => boolean,
  truePairs: number,
  thresholds: Thresholds = DEFAULT_THRESHOLDS,
): LinkageReport {
  const index = new BlockingIndex<{ id: Id; record: PreparedRecord }>();
  for (const l of left) {
    const record = prepareRecord(l.record);
    index.add(blockingKeys(record), { id: l.id, record });
  }
  let candidatePairs = 0;
  let blockedTruePairs = 0;
  let linked = 0;
  let linkedCorrect = 0;
  let flagged = 0;
  let flaggedCorrect = 0;
  for (const r of right) {
    const record = prepareRecord(r.record);
    for (const c of index.candidates(blockingKeys(record))) {
      candidatePairs++;
      const match = isMatch(c.id, r.id);
      if (match) blockedTruePairs++;
      const d = decide(scorePair(record, c.record), thresholds);
      if (d === 'link') {
        linked++;
        if (match) linkedCorrect++;
      }
      if (d !== 'new') {
        flagged++;
        if (match) flaggedCorrect++;
      }
    }
  }
  return {
    candidatePairs,
    truePairs,
    blockedTruePairs,
    link: prf(linked, linkedCorrect, truePairs),
    linkOrReview: prf(flagged, flaggedCorrect, truePairs),
  };
}

