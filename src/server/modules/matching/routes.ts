import { sql } from 'kysely';
import { z } from 'zod';
import { IdParams, Ok } from '../../../contracts/common.js';
import { MatchReviewList, MergeResult } from '../../../contracts/matching.js';
import type { Actor } from '../../platform/auth/actor.js';
import { inTenantTx, type Tx } from '../../platform/db/tenant.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { route, signedIn } from '../../platform/http/route.js';

async function describePersons(tx: Tx, ids: string[]) {
  if (!ids.length) return new Map();
  const rows = await tx.db
    .selectFrom('persons as p')
    .leftJoin('household_members as m', 'm.person_id', 'p.id')
    .leftJoin('households as h', 'h.id', 'm.household_id')
    .leftJoin('case_tenants as ct', 'ct.person_id', 'p.id')
    .leftJoin('cases as c', 'c.id', 'ct.case_id')
    .select(['p.id', 'p.first_name', 'p.last_name', 'p.birth_date', 'h.street', 'h.house_number', 'h.postal_code', 'h.city', 'c.case_number'])
    .where('p.id', 'in', ids)
    .execute();
  const out = new Map<string, z.input<typeof MatchReviewList>['items'][number]['person']>();
  for (const r of rows) {
    const p = out.get(r.id) ?? {
      id: r.id,
      firstName: r.first_name,
      lastName: r.last_name,
      birthDate: r.birth_date ? String(r.birth_date) : null,
      address: r.street ? `${r.street} ${r.house_number}, ${r.postal_code} ${r.city}` : null,
      caseNumbers: [],
    };
    if (r.case_number && !p.caseNumbers.includes(r.case_number)) p.caseNumbers.push(r.case_number);
    out.set(r.id, p);
  }
  return out;
}

/** "Not the same person", stored once per pair (ordered, so (a, b) and (b, a) are one decision). */
async function rememberDistinct(tx: Tx, actor: Actor, x: string, y: string) {
  const [a, b] = [x, y].sort();
  await tx.db
    .insertInto('person_distinct_pairs')
    .values({ org_id: actor.orgId, person_a: a, person_b: b, decided_by: actor.userId })
    .onConflict((oc) => oc.columns(['person_a', 'person_b']).doNothing())
    .execute();
}

async function openReview(tx: Tx, actor: Actor, id: string) {
  const review = await tx.db
    .selectFrom('match_reviews')
    .select(['id', 'person_id', 'candidate_id', 'status'])
    .where('id', '=', id)
    .where('org_id', '=', actor.orgId)
    .executeTakeFirst();
  if (!review) throw notFound();
  if (review.status !== 'open') throw new AppError(409, 'review_already_decided');
  return review;
}

export const matchingRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/match-reviews',
    access: 'matching.review',
    summary: 'Open person-matching reviews: both records side by side with the reasons of the score',
    tags: ['matching'],
    response: MatchReviewList,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const reviews = await tx.db
          .selectFrom('match_reviews')
          .select(['id', 'person_id', 'candidate_id', 'score', 'reasons', 'created_at'])
          .where('org_id', '=', actor.orgId)
          .where('status', '=', 'open')
          .orderBy('created_at')
          .limit(200)
          .execute();
        const persons = await describePersons(tx, reviews.flatMap((r) => [r.person_id, r.candidate_id]));
        tx.audit({ action: 'match_review.list', entityType: 'person', details: { ids: [...persons.keys()] } });
        return {
          items: reviews.map((r) => ({
            id: r.id,
            score: r.score,
            reasons: r.reasons as Record<string, unknown>[],
            createdAt: new Date(r.created_at).toISOString(),
            person: persons.get(r.person_id)!,
            candidate: persons.get(r.candidate_id)!,
          })),
        };
      });
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/match-reviews/:id/merge',
    access: 'matching.review',
    summary: 'The same person: the new record is merged into the existing one (reversible with split)',
    tags: ['matching'],
    params: IdParams,
    response: MergeResult,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const r = await openReview(tx, actor, ctx.params.id);
        // The merged record stays with all its links and only points at the survivor, so a split
        // restores exactly what was there.
        await tx.db.updateTable('persons').set({ merged_into: r.candidate_id, version: sql`version + 1` }).where('id', '=', r.person_id).execute();
        const merge = await tx.db
          .insertInto('person_merges')
          .values({ org_id: actor.orgId, survivor_id: r.candidate_id, merged_id: r.person_id, merged_by: actor.userId })
          .returning('id')
          .executeTakeFirstOrThrow();
        await tx.db.updateTable('match_reviews').set({ status: 'merged', decided_by: actor.userId, decided_at: sql`now()` }).where('id', '=', r.id).execute();
        tx.audit({ action: 'person.merge', entityType: 'person', entityId: r.candidate_id, details: { merged: r.person_id, review: r.id } });
        return { survivorId: r.candidate_id, mergedId: r.person_id, mergeId: merge.id };
      });
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/match-reviews/:id/distinct',
    access: 'matching.review',
    summary: 'Not the same person: remembered, never undone by automatic matching',
    tags: ['matching'],
    params: IdParams,
    response: Ok,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const r = await openReview(tx, actor, ctx.params.id);
        await rememberDistinct(tx, actor, r.person_id, r.candidate_id);
        await tx.db.updateTable('match_reviews').set({ status: 'distinct', decided_by: actor.userId, decided_at: sql`now()` }).where('id', '=', r.id).execute();
        tx.audit({ action: 'person.distinct', entityType: 'person', entityId: r.person_id, details: { other: r.candidate_id, review: r.id } });
        return { ok: true as const };
      });
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/person-merges/:id/split',
    access: 'matching.review',
    summary: 'Undo a merge: both records are separate again, and remembered as different persons',
    tags: ['matching'],
    params: IdParams,
    response: Ok,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const m = await tx.db
          .selectFrom('person_merges')
          .select(['id', 'survivor_id', 'merged_id', 'split_at'])
          .where('id', '=', ctx.params.id)
          .where('org_id', '=', actor.orgId)
          .executeTakeFirst();
        if (!m) throw notFound();
        if (m.split_at) throw new AppError(409, 'review_already_decided');
        await tx.db.updateTable('persons').set({ merged_into: null, version: sql`version + 1` }).where('id', '=', m.merged_id).execute();
        await tx.db.updateTable('person_merges').set({ split_by: actor.userId, split_at: sql`now()` }).where('id', '=', m.id).execute();
        await rememberDistinct(tx, actor, m.survivor_id, m.merged_id);
        tx.audit({ action: 'person.split', entityType: 'person', entityId: m.survivor_id, details: { merged: m.merged_id, merge: m.id } });
        return { ok: true as const };
      });
    },
  }),
];
