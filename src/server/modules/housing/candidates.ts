import { sql } from 'kysely';
import type { Candidate, CandidateList, Fit, FitBlocker } from '../../../contracts/housing.js';
import { fit, personsRange, rank, type MatchContext, type OfferFacts, type SearchFacts } from '../../../domain/housing/matching.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Tx } from '../../platform/db/tenant.js';
import { adequacyTablesOf, limitsFor, loadOffer, offerFacts } from './brokerage-store.js';
import { householdNames } from './store.js';

/*
 * The ranked households for one flat offer (GET /housing/offers/:id/candidates). Every active
 * search of the organisation is weighed by the domain's fit(), and the shown ones are ordered by
 * its rank(), so the reasons here are the reasons everywhere (the case's list of offers uses the
 * same two).
 *
 * It must stay fast for 50,000 searching households (bench/housing.ts):
 * - one indexed query (housing_searches_match_idx: organisation, household size, active only)
 *   fetches just what fit() reads, for the household sizes the flat's rooms suit (personsRange);
 *   the households of other sizes are counted in the same index by the few facts their blockers
 *   depend on (size, WBS, step-free need, minimum rooms), and fit() is asked once per such group,
 *   so the excluded counts are exactly those of weighing every household;
 * - fit() weighs each household once, and only its figures are kept (fits, score, number of
 *   reasons, first reason): 50,000 results kept in memory cost more in garbage collection than
 *   the weighing itself. rank() orders the fitting by score first and the near misses by their
 *   number of reasons, then score (matching.ts), so only the households that can reach a shown
 *   place on those keys are weighed again and handed to rank(), which places them exactly as it
 *   would among all (brokerage.test.ts compares both);
 * - names and case numbers are read for the shown rows only.
 */

/** How many non-fitting households the answer shows with their reasons. */
export const NEAR_MISSES = 20;

/** Most households name no preferred municipality: one shared empty list for all of them. */
const NONE: readonly string[] = Object.freeze([]);

/** What fit() reads of a search, and its id (the rest is read for the shown rows only). */
interface SearchMatch {
  id: string;
  facts: SearchFacts;
}

/**
 * The active searches whose household size the flat suits, each as one text of "|"-separated
 * fields (parseSearch): for 50,000 rows the driver's per-column parsing (ten values, an array of
 * municipality ids) cost more than the query itself.
 */
async function searchesInRange(tx: Tx, orgId: string, range: { min: number; max: number }): Promise<string[]> {
  const { rows } = await sql<{ r: string }>`
    select concat_ws('|', s.id, s.started_on, s.persons, s.children, coalesce(s.min_rooms::text, ''), s.needs_step_free::int, s.has_wbs::int,
        array_to_string(s.preferred_municipality_ids, ','), coalesce(s.needed_by::text, ''), coalesce(p.moved_in_on::text, '')) as r
    from housing_searches s
    left join shelter_placements p on p.case_id = s.case_id and p.moved_out_on is null
    where s.org_id = ${orgId} and s.status = 'active' and s.persons between ${range.min} and ${range.max}`.execute(tx.db);
  return rows.map((x) => x.r);
}

function parseSearch(r: string): SearchMatch {
  const [id, startedOn, persons, children, minRooms, stepFree, wbs, preferred, neededBy, shelterSince] = r.split('|');
  return {
    id,
    facts: {
      persons: Number(persons),
      children: Number(children),
      minRooms: minRooms === '' ? null : Number(minRooms),
      needsStepFree: stepFree === '1',
      hasWbs: wbs === '1',
      preferredMunicipalityIds: preferred === '' ? NONE : preferred.split(','),
      neededBy: neededBy || null,
      startedOn,
      shelterSince: shelterSince || null,
    },
  };
}

/** The other active searches, grouped by what their blockers depend on, with their counts. */
async function searchGroupsOutOfRange(tx: Tx, orgId: string, range: { min: number; max: number }) {
  return (
    await sql<{ persons: number; min_rooms: number | null; needs_step_free: boolean; has_wbs: boolean; n: number }>`
      select s.persons, s.min_rooms, s.needs_step_free, s.has_wbs, count(*)::int as n
      from housing_searches s
      where s.org_id = ${orgId} and s.status = 'active' and (s.persons < ${range.min} or s.persons > ${range.max})
      group by s.persons, s.min_rooms, s.needs_step_free, s.has_wbs`.execute(tx.db)
  ).rows;
}

/**
 * Excluded counts in the domain's order of reasons. The order is rank()'s own: it is asked once
 * with one stand-in per reason, so this list never orders reasons differently from a list that
 * weighed everybody.
 */
function excludedInDomainOrder(counts: Map<FitBlocker, number>) {
  const standIns = [...counts.keys()].map((blocker, i) => ({
    item: String(i),
    fit: { fits: false, score: 0, blockers: [blocker], notes: [], rentLimit: null, shelterMonths: null, searchMonths: 0 } as Fit,
  }));
  return rank(standIns, () => '', (x) => x).excluded.map(({ blocker }) => ({ blocker, count: counts.get(blocker)! }));
}

/** The lowest score among the `n` highest of `scores` (all of them when there are no more than `n`). */
function nthHighest(scores: Float64Array, n: number) {
  if (scores.length <= n) return -Infinity;
  return scores.sort()[scores.length - n];
}

/**
 * The households that can reach a shown place: the fitting ones scoring at least the `limit`-th
 * best fitting score, and the non-fitting ones with fewer reasons than the twentieth closest (or
 * as many, scoring at least as high). Ties stay in, so rank() breaks them as it would among all.
 */
function shortlist(score: Float64Array, reasons: Uint8Array, limit: number, nearMisses: number): number[] {
  const byReasons = new Map<number, number[]>();
  for (let i = 0; i < reasons.length; i++) {
    const list = byReasons.get(reasons[i]);
    if (list) list.push(i);
    else byReasons.set(reasons[i], [i]);
  }
  const scoresOf = (indexes: number[]) => Float64Array.from(indexes, (i) => score[i]);
  const fitting = byReasons.get(0) ?? [];
  const minFitting = nthHighest(scoresOf(fitting), limit);
  const chosen = fitting.filter((i) => score[i] >= minFitting);
  let wanted = nearMisses;
  for (const n of [...byReasons.keys()].filter((k) => k > 0).sort((a, b) => a - b)) {
    if (wanted <= 0) break;
    const same = byReasons.get(n)!;
    const min = nthHighest(scoresOf(same), wanted);
    chosen.push(...same.filter((i) => score[i] >= min));
    wanted -= same.length;
  }
  return chosen;
}

export interface CandidateOptions {
  limit: number;
  today: string;
  longStayMonths: number;
}

export async function candidatesFor(tx: Tx, actor: Actor, offerId: string, opts: CandidateOptions): Promise<CandidateList> {
  const offer = await loadOffer(tx, actor, offerId, opts.today);
  const facts: OfferFacts = offerFacts(offer);
  const limits = limitsFor(await adequacyTablesOf(tx, offer.municipality.id), offer.availableFrom, opts.today);
  // One context per household size (the limit depends on nothing else), not one per household.
  const contexts = new Map<number, MatchContext>();
  const ctx = (persons: number): MatchContext => {
    let c = contexts.get(persons);
    if (!c) contexts.set(persons, (c = { today: opts.today, longStayMonths: opts.longStayMonths, limit: limits.limit(persons) }));
    return c;
  };
  const weigh = (r: string) => {
    const s = parseSearch(r);
    return { item: s, fit: fit(facts, s.facts, ctx(s.facts.persons)) };
  };
  const range = personsRange(offer.rooms);

  // Every household of a suitable size weighed once; its figures kept, the rest let go.
  const rows = await searchesInRange(tx, actor.orgId, range);
  const score = new Float64Array(rows.length);
  const reasons = new Uint8Array(rows.length);
  const counts = new Map<FitBlocker, number>();
  let fitting = 0;
  for (let i = 0; i < rows.length; i++) {
    const f = weigh(rows[i]).fit;
    score[i] = f.score;
    reasons[i] = f.blockers.length;
    if (f.fits) fitting++;
    else counts.set(f.blockers[0], (counts.get(f.blockers[0]) ?? 0) + 1);
  }
  const ranked = rank(
    shortlist(score, reasons, opts.limit, NEAR_MISSES).map((i) => weigh(rows[i])),
    (s) => s.facts.startedOn,
    (s) => s.id,
  );

  // Households of other sizes: their blockers follow from size, WBS, step-free need and minimum
  // rooms alone, so fit() for one stand-in of each group gives every member's first reason.
  for (const g of await searchGroupsOutOfRange(tx, actor.orgId, range)) {
    const standIn: SearchFacts = {
      persons: g.persons,
      children: 0,
      minRooms: g.min_rooms === null ? null : Number(g.min_rooms),
      needsStepFree: g.needs_step_free,
      hasWbs: g.has_wbs,
      preferredMunicipalityIds: NONE,
      neededBy: null,
      startedOn: opts.today,
      shelterSince: null,
    };
    const first = fit(facts, standIn, ctx(g.persons)).blockers[0];
    if (!first) throw new Error(`a household of ${g.persons} fits ${offer.rooms} rooms outside personsRange`);
    counts.set(first, (counts.get(first) ?? 0) + g.n);
  }

  const items = ranked.fitting.slice(0, opts.limit);
  const nearMisses = ranked.nearMisses.slice(0, NEAR_MISSES);
  const details = await detailsOf(tx, offer.id, [...items, ...nearMisses].map((p) => p.item.id));
  const candidate = (p: (typeof items)[number]): Candidate => {
    const d = details.get(p.item.id)!;
    return {
      searchId: p.item.id,
      caseId: d.caseId,
      caseNumber: d.caseNumber,
      householdName: d.householdName,
      persons: p.item.facts.persons,
      children: p.item.facts.children,
      searchingSince: p.item.facts.startedOn,
      fit: p.fit,
      proposalId: d.proposalId,
    };
  };
  return { items: items.map(candidate), fitting, excluded: excludedInDomainOrder(counts), nearMisses: nearMisses.map(candidate) };
}

/** Case, name and an existing proposal for this offer, for the shown searches only. */
async function detailsOf(tx: Tx, offerId: string, searchIds: string[]) {
  const out = new Map<string, { caseId: string; caseNumber: string; householdName: string; proposalId: string | null }>();
  if (!searchIds.length) return out;
  const rows = await tx.db
    .selectFrom('housing_searches as s')
    .innerJoin('cases as c', 'c.id', 's.case_id')
    .leftJoin('offer_proposals as p', (j) => j.onRef('p.search_id', '=', 's.id').on('p.offer_id', '=', offerId))
    .select(['s.id', 's.case_id', 'c.case_number', 'p.id as proposal_id'])
    .where('s.id', 'in', searchIds)
    .execute();
  const names = await householdNames(tx, rows.map((r) => r.case_id));
  for (const r of rows) out.set(r.id, { caseId: r.case_id, caseNumber: r.case_number, householdName: names.get(r.case_id) ?? '', proposalId: r.proposal_id });
  return out;
}
