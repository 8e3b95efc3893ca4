import { sql } from 'kysely';
import { IdParams } from '../../../contracts/common.js';
import {
  Accommodation,
  AccommodationDetail,
  AccommodationInput,
  AccommodationList,
  AccommodationPatch,
  LongStayList,
  Placement,
  PlacementInput,
  PlacementPatch,
  type AccommodationPlacement,
  type LongStay,
} from '../../../contracts/housing.js';
import { addMonths } from '../../../domain/casework/calendar-day.js';
import { livingSituationOfPlacement, occupancy, stayMonths, stayProblems, type Stay } from '../../../domain/housing/register.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Tx } from '../../platform/db/tenant.js';
import { invalidInput } from '../../platform/http/errors.js';
import { route } from '../../platform/http/route.js';
import { loadCaseForActor } from '../cases/access.js';
import { changedFields, householdNames, householdSizes, inHousingTx, municipalityRef, orNull, ownForChange, patched, saveVersioned, today } from './store.js';

/*
 * The shelter register (Unterbringung): accommodations are district information — every
 * organisation reads them with their occupancy, the owner organisation keeps them up to date.
 * Placements name households: only the placing organisation sees them (row-level security says
 * so too); other organisations learn counts through accommodation_occupancy(), never who.
 * Every read of placements is on record, like a case read.
 */

const TAGS = ['housing'];

/** May the actor change this organisation's accommodations? */
const mayManage = (actor: Actor, ownerOrgId: string) => actor.permissions.has('housing.manage') && ownerOrgId === actor.orgId;

// ---- accommodations --------------------------------------------------------------------------

function accommodationsQuery(tx: Tx) {
  return tx.db
    .selectFrom('accommodations as a')
    .innerJoin('organisations as o', 'o.id', 'a.org_id')
    .innerJoin('municipalities as mu', 'mu.id', 'a.municipality_id')
    // Counts across every organisation placing households there (the function reads past row-level security, and returns counts only).
    .leftJoin(sql<{ accommodation_id: string; households: number; persons: number }>`accommodation_occupancy()`.as('occ'), (j) =>
      j.onRef('occ.accommodation_id', '=', 'a.id'),
    )
    .select([
      'a.id', 'a.org_id', 'a.kind', 'a.name', 'a.provider', 'a.street', 'a.house_number', 'a.postal_code', 'a.city', 'a.municipality_id',
      'a.places', 'a.active', 'a.note', 'a.version', 'a.provision_type', 'a.provider_type', 'a.welfare_association', 'o.name as org_name', 'mu.name as municipality_name',
      'occ.households', 'occ.persons',
    ]);
}
type AccommodationRow = Awaited<ReturnType<ReturnType<typeof accommodationsQuery>['executeTakeFirstOrThrow']>>;

/** § 4 WoBerichtsG: the welfare association is named for a voluntary provider, and only then. */
function checkWelfareAssociation(providerType: string, association: string | null): string | null {
  if (providerType === 'voluntary' && !association) throw invalidInput([{ path: 'welfareAssociation', key: 'housing.welfare_association_required' }]);
  if (providerType !== 'voluntary' && association) throw invalidInput([{ path: 'welfareAssociation', key: 'housing.welfare_association_only_voluntary' }]);
  return association;
}

function presentAccommodation(r: AccommodationRow, actor: Actor): Accommodation {
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    kind: r.kind,
    name: r.name,
    provider: r.provider,
    street: r.street,
    houseNumber: r.house_number,
    postalCode: r.postal_code,
    city: r.city,
    municipality: { id: r.municipality_id, name: r.municipality_name },
    places: r.places,
    active: r.active,
    note: r.note,
    provisionType: r.provision_type,
    providerType: r.provider_type,
    welfareAssociation: r.welfare_association as Accommodation['welfareAssociation'],
    occupancy: occupancy(r.places, Number(r.households ?? 0), Number(r.persons ?? 0)),
    canEdit: mayManage(actor, r.org_id),
    version: r.version,
  };
}

async function loadAccommodation(tx: Tx, id: string) {
  return ownForChange(await accommodationsQuery(tx).where('a.id', '=', id).executeTakeFirst(), undefined);
}

/** An accommodation of the actor's organisation, for changing it (another organisation's is "not found"). */
async function loadOwnAccommodation(tx: Tx, actor: Actor, id: string, version: number) {
  return ownForChange(await accommodationsQuery(tx).where('a.id', '=', id).where('a.org_id', '=', actor.orgId).executeTakeFirst(), version);
}

/** Names are unique within an organisation (the register lists them side by side). */
async function assertNameFree(tx: Tx, actor: Actor, name: string, exceptId: string | null) {
  let q = tx.db.selectFrom('accommodations').select('id').where('org_id', '=', actor.orgId).where(sql<boolean>`lower(name) = lower(${name})`);
  if (exceptId) q = q.where('id', '<>', exceptId);
  if (await q.executeTakeFirst()) throw invalidInput([{ path: 'name', key: 'housing.accommodation_name_taken' }]);
}

// ---- placements ------------------------------------------------------------------------------

function placementsQuery(tx: Tx) {
  return tx.db
    .selectFrom('shelter_placements as p')
    .innerJoin('accommodations as a', 'a.id', 'p.accommodation_id')
    .innerJoin('municipalities as mu', 'mu.id', 'a.municipality_id')
    .select([
      'p.id', 'p.org_id', 'p.case_id', 'p.persons', 'p.moved_in_on', 'p.moved_out_on', 'p.move_out_reason', 'p.note', 'p.version',
      'a.id as accommodation_id', 'a.name as accommodation_name', 'a.kind as accommodation_kind', 'mu.name as municipality_name',
    ]);
}
type PlacementRow = Awaited<ReturnType<ReturnType<typeof placementsQuery>['executeTakeFirstOrThrow']>>;

const stayOf = (r: { moved_in_on: unknown; moved_out_on: unknown }): Stay => ({
  movedInOn: String(r.moved_in_on),
  movedOutOn: r.moved_out_on ? String(r.moved_out_on) : null,
});

function presentPlacement(r: PlacementRow, day: string): Placement {
  const stay = stayOf(r);
  return {
    id: r.id,
    caseId: r.case_id,
    accommodation: { id: r.accommodation_id, name: r.accommodation_name, kind: r.accommodation_kind, municipalityName: r.municipality_name },
    persons: r.persons,
    movedInOn: stay.movedInOn,
    movedOutOn: stay.movedOutOn,
    moveOutReason: r.move_out_reason,
    note: r.note,
    months: stayMonths(stay, day),
    version: r.version,
  };
}

/**
 * A case's shelter stays, the current one first, then the earlier ones latest first. The caller
 * has loaded the case for the actor (so it is the actor's organisation's) and puts the read on
 * record with its own answer.
 */
export async function placementsOfCase(tx: Tx, caseId: string, day: string): Promise<Placement[]> {
  const rows = await placementsQuery(tx)
    .where('p.case_id', '=', caseId)
    .orderBy(sql`p.moved_out_on is null`, 'desc')
    .orderBy('p.moved_in_on', 'desc')
    .orderBy('p.id')
    .execute();
  return rows.map((r) => presentPlacement(r, day));
}

/** The other stays of the case, to check a new or changed one against. */
async function otherStays(tx: Tx, caseId: string, exceptId: string | null): Promise<Stay[]> {
  let q = tx.db.selectFrom('shelter_placements').select(['moved_in_on', 'moved_out_on']).where('case_id', '=', caseId);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return (await q.execute()).map(stayOf);
}

function refuseStay(stay: Stay, others: Stay[], day: string) {
  const problems = stayProblems(stay, others, day);
  if (problems.length) throw invalidInput(problems);
}

async function placementAnswer(tx: Tx, id: string, day: string) {
  return presentPlacement(await placementsQuery(tx).where('p.id', '=', id).executeTakeFirstOrThrow(), day);
}

/** The own organisation's households in an accommodation now, with their case numbers and names. */
async function currentPlacements(tx: Tx, actor: Actor, accommodationId: string, day: string): Promise<AccommodationPlacement[]> {
  const rows = await placementsQuery(tx)
    .innerJoin('cases as c', 'c.id', 'p.case_id')
    .select('c.case_number')
    .where('p.accommodation_id', '=', accommodationId)
    .where('p.org_id', '=', actor.orgId)
    .where('p.moved_out_on', 'is', null)
    .orderBy('p.moved_in_on')
    .orderBy('c.case_number')
    .execute();
  const names = await householdNames(tx, rows.map((r) => r.case_id));
  return rows.map((r) => ({ ...presentPlacement(r, day), caseNumber: r.case_number, householdName: names.get(r.case_id) ?? '' }));
}

// ---- long stays ------------------------------------------------------------------------------

/**
 * The own organisation's households in a shelter for at least `threshold` whole months, longest
 * first: the priority group of the brokerage. Each with its current search, if it has one.
 */
async function longStays(tx: Tx, actor: Actor, threshold: number, day: string): Promise<LongStay[]> {
  // The index (org_id, moved_in_on) narrows to the stays begun at least threshold − 1 months ago;
  // whole months (month ends, leap days) are then counted exactly.
  const rows = await tx.db
    .selectFrom('shelter_placements as p')
    .innerJoin('accommodations as a', 'a.id', 'p.accommodation_id')
    .innerJoin('cases as c', 'c.id', 'p.case_id')
    .select(['p.case_id', 'p.persons', 'p.moved_in_on', 'a.id as accommodation_id', 'a.name as accommodation_name', 'a.kind as accommodation_kind', 'c.case_number'])
    .where('p.org_id', '=', actor.orgId)
    .where('p.moved_out_on', 'is', null)
    .where('p.moved_in_on', '<=', addMonths(day, -(threshold - 1)))
    .orderBy('p.moved_in_on')
    .orderBy('c.case_number')
    .execute();
  const long = rows.filter((r) => stayMonths(stayOf({ moved_in_on: r.moved_in_on, moved_out_on: null }), day) >= threshold);
  const caseIds = long.map((r) => r.case_id);
  const names = await householdNames(tx, caseIds);
  const sizes = await householdSizes(tx, caseIds, day);
  const searches = await currentSearches(tx, caseIds);
  return long.map((r) => ({
    caseId: r.case_id,
    caseNumber: r.case_number,
    householdName: names.get(r.case_id) ?? '',
    persons: r.persons,
    children: sizes.get(r.case_id)?.children ?? 0,
    accommodation: { id: r.accommodation_id, name: r.accommodation_name, kind: r.accommodation_kind },
    movedInOn: String(r.moved_in_on),
    months: stayMonths(stayOf({ moved_in_on: r.moved_in_on, moved_out_on: null }), day),
    search: searches.get(r.case_id) ?? null,
  }));
}

/** Each case's search: the running one (active or paused), else the latest. */
async function currentSearches(tx: Tx, caseIds: string[]) {
  const out = new Map<string, NonNullable<LongStay['search']>>();
  if (!caseIds.length) return out;
  const rows = await tx.db
    .selectFrom('housing_searches')
    .select(['id', 'case_id', 'status'])
    .where('case_id', 'in', caseIds)
    .orderBy(sql`status in ('active', 'paused')`, 'desc')
    .orderBy('started_on', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
  for (const r of rows) if (!out.has(r.case_id)) out.set(r.case_id, { id: r.id, status: r.status });
  return out;
}

// ---- routes ----------------------------------------------------------------------------------

export const shelterRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/housing/accommodations',
    access: 'housing.read',
    summary: 'The shelter register of the district: every accommodation with its occupancy across all organisations (counts only), active ones first',
    tags: TAGS,
    response: AccommodationList,
    handler: (ctx) =>
      inHousingTx(ctx, async (tx, actor) => {
        const rows = await accommodationsQuery(tx).orderBy('a.active', 'desc').orderBy('mu.name').orderBy('a.name').orderBy('a.id').execute();
        return { items: rows.map((r) => presentAccommodation(r, actor)) };
      }),
  }),
  route({
    method: 'POST',
    url: '/api/v1/housing/accommodations',
    access: 'housing.manage',
    summary: 'Add an accommodation of the own organisation to the shelter register (kind, operator, address, municipality, places)',
    tags: TAGS,
    body: AccommodationInput,
    status: 201,
    response: Accommodation,
    handler: (ctx) =>
      inHousingTx(ctx, async (tx, actor) => {
        const b = ctx.body;
        const municipality = await municipalityRef(tx, b.municipalityId);
        await assertNameFree(tx, actor, b.name, null);
        const welfareAssociation = checkWelfareAssociation(b.providerType, b.welfareAssociation ?? null);
        const { id } = await tx.db
          .insertInto('accommodations')
          .values({
            org_id: actor.orgId,
            kind: b.kind,
            name: b.name,
            provider: orNull(b.provider),
            street: orNull(b.street),
            house_number: orNull(b.houseNumber),
            postal_code: orNull(b.postalCode),
            city: orNull(b.city),
            municipality_id: municipality.id,
            places: b.places,
            active: b.active,
            note: orNull(b.note),
            provision_type: b.provisionType,
            provider_type: b.providerType,
            welfare_association: welfareAssociation,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        tx.audit({ action: 'housing.accommodation.create', entityType: 'accommodation', entityId: id, details: { kind: b.kind, places: b.places } });
        return presentAccommodation(await loadAccommodation(tx, id), actor);
      }),
  }),
  route({
    method: 'GET',
    url: '/api/v1/housing/accommodations/:id',
    access: 'housing.read',
    summary: "One accommodation with its occupancy, and the own organisation's households placed there now (every organisation reads it; placements only its own)",
    tags: TAGS,
    params: IdParams,
    response: AccommodationDetail,
    handler: (ctx) =>
      inHousingTx(ctx, async (tx, actor, now) => {
        const accommodation = presentAccommodation(await loadAccommodation(tx, ctx.params.id), actor);
        const placements = await currentPlacements(tx, actor, accommodation.id, today(now));
        // The households placed there are client data: their reading is on record.
        tx.audit({ action: 'housing.accommodation.read', entityType: 'accommodation', entityId: accommodation.id, details: { cases: placements.map((p) => p.caseId) } });
        return { accommodation, placements };
      }),
  }),
  route({
    method: 'PATCH',
    url: '/api/v1/housing/accommodations/:id',
    access: 'housing.manage',
    summary: "Change an accommodation of the own organisation: data, places, active (optimistic locking by version; another organisation's is not found)",
    tags: TAGS,
    params: IdParams,
    body: AccommodationPatch,
    response: Accommodation,
    handler: (ctx) =>
      inHousingTx(ctx, async (tx, actor) => {
        const b = ctx.body;
        const a = await loadOwnAccommodation(tx, actor, ctx.params.id, b.version);
        const municipalityId = b.municipalityId ? (await municipalityRef(tx, b.municipalityId)).id : a.municipality_id;
        if (b.name !== undefined) await assertNameFree(tx, actor, b.name, a.id);
        const providerType = b.providerType ?? a.provider_type;
        // Another provider type drops the association unless one is sent; a voluntary provider needs one.
        const welfareAssociation = checkWelfareAssociation(
          providerType,
          b.welfareAssociation !== undefined ? b.welfareAssociation : providerType === 'voluntary' ? a.welfare_association : null,
        );
        await saveVersioned(tx, 'accommodations', a.id, b.version, {
          provision_type: b.provisionType ?? a.provision_type,
          provider_type: providerType,
          welfare_association: welfareAssociation,
          kind: b.kind ?? a.kind,
          name: b.name ?? a.name,
          provider: patched(b.provider, a.provider),
          street: patched(b.street, a.street),
          house_number: patched(b.houseNumber, a.house_number),
          postal_code: patched(b.postalCode, a.postal_code),
          city: patched(b.city, a.city),
          municipality_id: municipalityId,
          places: b.places ?? a.places,
          active: b.active ?? a.active,
          note: patched(b.note, a.note),
        });
        tx.audit({ action: 'housing.accommodation.update', entityType: 'accommodation', entityId: a.id, details: { fields: changedFields(b) } });
        return presentAccommodation(await loadAccommodation(tx, a.id), actor);
      }),
  }),
  route({
    method: 'POST',
    url: '/api/v1/cases/:id/placements',
    access: 'housing.manage',
    summary:
      "Place the case's household in an active accommodation of the register (any organisation's) from a day not after today; " +
      'a household lives in one place at a time, so a second open placement is refused',
    tags: TAGS,
    params: IdParams,
    body: PlacementInput,
    status: 201,
    response: Placement,
    handler: (ctx) =>
      inHousingTx(ctx, async (tx, actor, now) => {
        const b = ctx.body;
        const day = today(now);
        const c = await loadCaseForActor(tx, actor, ctx.params.id);
        const accommodation = await tx.db.selectFrom('accommodations').select(['id', 'active', 'kind']).where('id', '=', b.accommodationId.toLowerCase()).executeTakeFirst();
        if (!accommodation) throw invalidInput([{ path: 'accommodationId', key: 'housing.unknown_accommodation' }]);
        if (!accommodation.active) throw invalidInput([{ path: 'accommodationId', key: 'housing.accommodation_inactive' }]);
        refuseStay({ movedInOn: b.movedInOn, movedOutOn: null }, await otherStays(tx, c.id, null), day);
        const { id } = await tx.db
          .insertInto('shelter_placements')
          .values({
            org_id: actor.orgId,
            case_id: c.id,
            accommodation_id: accommodation.id,
            persons: b.persons,
            moved_in_on: b.movedInOn,
            note: orNull(b.note),
            created_by: actor.userId,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        // The case file says where the household lives now (a new version: an open edit of the
        // case file gets a conflict instead of writing the old situation back).
        await tx.db
          .updateTable('cases')
          .set({ living_situation: livingSituationOfPlacement(accommodation.kind).situation, living_situation_since: b.movedInOn, version: sql`version + 1`, updated_at: sql`now()` })
          .where('id', '=', c.id)
          .execute();
        tx.audit({ action: 'housing.placement.create', entityType: 'case', entityId: c.id, details: { placement: id, accommodation: accommodation.id, persons: b.persons } });
        return placementAnswer(tx, id, day);
      }),
  }),
  route({
    method: 'PATCH',
    url: '/api/v1/housing/placements/:id',
    access: 'housing.manage',
    summary: 'Change a placement of the own organisation: persons, days, note; moving out needs the day and the reason (optimistic locking by version)',
    tags: TAGS,
    params: IdParams,
    body: PlacementPatch,
    response: Placement,
    handler: (ctx) =>
      inHousingTx(ctx, async (tx, actor, now) => {
        const b = ctx.body;
        const day = today(now);
        const p = ownForChange(await placementsQuery(tx).where('p.id', '=', ctx.params.id).where('p.org_id', '=', actor.orgId).executeTakeFirst(), b.version);
        const stay: Stay = { movedInOn: b.movedInOn ?? String(p.moved_in_on), movedOutOn: patched(b.movedOutOn, stayOf(p).movedOutOn) };
        const reason = patched(b.moveOutReason, p.move_out_reason);
        // A move-out is recorded with its reason, and a reason only with a move-out.
        if (stay.movedOutOn !== null && reason === null) throw invalidInput([{ path: 'moveOutReason', key: 'housing.move_out_reason_required' }]);
        if (stay.movedOutOn === null && reason !== null) throw invalidInput([{ path: 'moveOutReason', key: 'housing.move_out_reason_without_move_out' }]);
        refuseStay(stay, await otherStays(tx, p.case_id, p.id), day);
        await saveVersioned(tx, 'shelter_placements', p.id, b.version, {
          persons: b.persons ?? p.persons,
          moved_in_on: stay.movedInOn,
          moved_out_on: stay.movedOutOn,
          move_out_reason: reason,
          note: patched(b.note, p.note),
        });
        const action = stay.movedOutOn && !p.moved_out_on ? 'housing.placement.move_out' : 'housing.placement.update';
        tx.audit({ action, entityType: 'case', entityId: p.case_id, details: { placement: p.id, fields: changedFields(b), reason } });
        return placementAnswer(tx, p.id, day);
      }),
  }),
  route({
    method: 'GET',
    url: '/api/v1/housing/long-stays',
    access: 'housing.read',
    summary: "The own organisation's households in a shelter for at least the configured number of months (BLEIBE_LONG_STAY_MONTHS), longest first, each with its housing search",
    tags: TAGS,
    response: LongStayList,
    handler: (ctx) =>
      inHousingTx(ctx, async (tx, actor, now) => {
        const thresholdMonths = ctx.services.config.longStayMonths;
        const items = await longStays(tx, actor, thresholdMonths, today(now));
        tx.audit({ action: 'housing.long_stays.list', entityType: 'case', details: { thresholdMonths, ids: items.map((i) => i.caseId) } });
        return { items, thresholdMonths };
      }),
  }),
];
