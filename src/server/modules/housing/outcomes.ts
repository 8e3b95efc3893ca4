import { FollowUp, FollowUpList, FollowUpParams, FollowUpPatch, HousingOutcomes, OutcomesQuery } from '../../../contracts/housing.js';
import { addDays } from '../../../domain/casework/appointments.js';
import { housingOutcomes, MAX_OUTCOME_MONTHS, monthsBetween } from '../../../domain/housing/outcomes.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Tx } from '../../platform/db/tenant.js';
import { invalidInput, notFound } from '../../platform/http/errors.js';
import { route } from '../../platform/http/route.js';
import { offerAddress } from './brokerage-store.js';
import { householdNames, inHousingTx, orNull, today } from './store.js';

/*
 * What brokerage achieved: leases per month, days from the search's start to the lease, and the
 * tenancies still in place at the 6- and 12-month follow-ups (figures: domain/housing/outcomes),
 * and the follow-ups themselves, answered one by one. The organisation's own only.
 */

const TAGS = ['housing'];

/** Follow-ups show this far ahead of their day, so the call can be planned. */
const DUE_AHEAD_DAYS = 30;
/** … and stay on the list this long after they were answered. */
const CHECKED_SHOWN_DAYS = 90;

function followUpsQuery(tx: Tx, actor: Actor) {
  return tx.db
    .selectFrom('tenancy_followups as f')
    .innerJoin('offer_proposals as p', 'p.id', 'f.proposal_id')
    .innerJoin('cases as c', 'c.id', 'p.case_id')
    .innerJoin('flat_offers as o', 'o.id', 'p.offer_id')
    .select([
      'f.proposal_id', 'f.months', 'f.due_on', 'f.in_place', 'f.checked_on', 'f.note', 'p.case_id', 'p.tenancy_start', 'c.case_number',
      'o.street', 'o.house_number', 'o.postal_code', 'o.city',
    ])
    .where('f.org_id', '=', actor.orgId);
}
type FollowUpRow = Awaited<ReturnType<ReturnType<typeof followUpsQuery>['executeTakeFirstOrThrow']>>;

async function presentFollowUps(tx: Tx, rows: readonly FollowUpRow[]): Promise<FollowUp[]> {
  const names = await householdNames(tx, [...new Set(rows.map((r) => r.case_id))]);
  return rows.map((r) => ({
    proposalId: r.proposal_id,
    caseId: r.case_id,
    caseNumber: r.case_number,
    householdName: names.get(r.case_id) ?? '',
    address: offerAddress(r),
    months: r.months,
    dueOn: String(r.due_on),
    inPlace: r.in_place,
    checkedOn: r.checked_on ? String(r.checked_on) : null,
    note: r.note,
  }));
}

export const outcomeRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/housing/outcomes',
    access: 'housing.read',
    summary:
      "The organisation's brokerage results for a period: leases signed per month, days from the search's start to the lease (median and quartiles), " +
      'and how many tenancies are still in place at the 6- and 12-month follow-ups due by the period end',
    tags: TAGS,
    query: OutcomesQuery,
    response: HousingOutcomes,
    handler: (ctx) =>
      inHousingTx(ctx, async (tx, actor) => {
        const { from, to } = ctx.query;
        if (to < from) throw invalidInput([{ path: 'to', key: 'housing.to_before_from' }], 400);
        if (monthsBetween(from, to).length > MAX_OUTCOME_MONTHS) throw invalidInput([{ path: 'to', key: 'housing.period_too_long', params: { max: MAX_OUTCOME_MONTHS } }], 400);
        const leases = await tx.db
          .selectFrom('offer_proposals as p')
          .innerJoin('housing_searches as s', 's.id', 'p.search_id')
          .select(['s.started_on', 'p.lease_signed_on'])
          .where('p.org_id', '=', actor.orgId)
          .where('p.status', '=', 'lease_signed')
          .where('p.lease_signed_on', '>=', from)
          .where('p.lease_signed_on', '<=', to)
          .execute();
        const followUps = await tx.db
          .selectFrom('tenancy_followups')
          .select(['months', 'due_on', 'in_place'])
          .where('org_id', '=', actor.orgId)
          .where('due_on', '<=', to)
          .execute();
        return housingOutcomes(
          from,
          to,
          leases.map((l) => ({ startedOn: String(l.started_on), leaseSignedOn: String(l.lease_signed_on) })),
          followUps.map((f) => ({ months: f.months, dueOn: String(f.due_on), inPlace: f.in_place })),
        );
      }),
  }),
  route({
    method: 'GET',
    url: '/api/v1/housing/follow-ups',
    access: 'housing.read',
    summary: `Follow-ups of brokered tenancies: those due (and those due within ${DUE_AHEAD_DAYS} days), soonest first, then those answered in the last ${CHECKED_SHOWN_DAYS} days`,
    tags: TAGS,
    response: FollowUpList,
    handler: (ctx) =>
      inHousingTx(ctx, async (tx, actor, now) => {
        const day = today(now);
        const rows = await followUpsQuery(tx, actor)
          .where((eb) =>
            eb.or([
              eb.and([eb('f.in_place', 'is', null), eb('f.due_on', '<=', addDays(day, DUE_AHEAD_DAYS))]),
              eb('f.checked_on', '>=', addDays(day, -CHECKED_SHOWN_DAYS)),
            ]),
          )
          .orderBy((eb) => eb.case().when('f.in_place', 'is', null).then(0).else(1).end())
          .orderBy('f.due_on')
          .orderBy('c.case_number')
          .orderBy('f.months')
          .execute();
        const items = await presentFollowUps(tx, rows);
        tx.audit({ action: 'housing.follow_up.list', entityType: 'case', details: { ids: [...new Set(items.map((i) => i.caseId))] } });
        return { items };
      }),
  }),
  route({
    method: 'PATCH',
    url: '/api/v1/housing/follow-ups/:proposalId/:months',
    access: 'housing.manage',
    summary: 'Answer a follow-up 6 or 12 months after a brokered tenancy began: is the household still living in the flat, checked on which day',
    tags: TAGS,
    params: FollowUpParams,
    body: FollowUpPatch,
    response: FollowUp,
    handler: (ctx) =>
      inHousingTx(ctx, async (tx, actor, now) => {
        const { proposalId, months } = ctx.params;
        const b = ctx.body;
        const row = await followUpsQuery(tx, actor).where('f.proposal_id', '=', proposalId.toLowerCase()).where('f.months', '=', months as 6 | 12).executeTakeFirst();
        if (!row) throw notFound();
        if (b.checkedOn > today(now)) throw invalidInput([{ path: 'checkedOn', key: 'housing.date_in_future' }]);
        if (row.tenancy_start && b.checkedOn < String(row.tenancy_start)) {
          throw invalidInput([{ path: 'checkedOn', key: 'housing.before_tenancy_start', params: { date: String(row.tenancy_start) } }]);
        }
        await tx.db
          .updateTable('tenancy_followups')
          .set({ in_place: b.inPlace, checked_on: b.checkedOn, note: orNull(b.note) })
          .where('proposal_id', '=', row.proposal_id)
          .where('months', '=', row.months)
          .execute();
        tx.audit({ action: 'housing.follow_up.update', entityType: 'offer_proposal', entityId: row.proposal_id, details: { caseId: row.case_id, months, inPlace: b.inPlace } });
        const [answer] = await presentFollowUps(tx, [await followUpsQuery(tx, actor).where('f.proposal_id', '=', row.proposal_id).where('f.months', '=', row.months).executeTakeFirstOrThrow()]);
        return answer;
      }),
  }),
];
