import { sql } from 'kysely';
import type { AdequacyCheck, Offer, Proposal, Search } from '../../../contracts/housing.js';
import { checkAdequacy, grossColdRent, limitFor, tableOn, type AdequacyTableFacts, type Limit } from '../../../domain/housing/adequacy.js';
import { personsRange, type OfferFacts, type SearchFacts } from '../../../domain/housing/matching.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Tx } from '../../platform/db/tenant.js';
import { notFound } from '../../platform/http/errors.js';
import { addressLine, householdNames } from './store.js';

/*
 * Reading brokerage records: searches, flat offers and proposals of the actor's organisation, the
 * facts the matching weighs, and the adequacy tables that set the rent limit. Searches, offers and
 * proposals name households: only their organisation reads them (row-level security says so too),
 * and another organisation's record is "not found".
 */

const day = (d: unknown) => (d ? String(d) : null);

// ---- adequacy -----------------------------------------------------------------------------------

/** The adequacy tables of every comparison area a municipality belongs to, with their limits. */
export async function adequacyTablesOf(tx: Tx, municipalityId: string): Promise<AdequacyTableFacts[]> {
  const tables = await tx.db
    .selectFrom('adequacy_tables as t')
    .innerJoin('adequacy_areas as a', 'a.id', 't.area_id')
    .select(['t.id', 'a.name as area_name', 't.valid_from', 't.valid_until', 't.extra_person_rent', 't.extra_person_area'])
    .where(sql<boolean>`${municipalityId}::uuid = any(a.municipality_ids)`)
    .execute();
  if (!tables.length) return [];
  const limits = await tx.db
    .selectFrom('adequacy_limits')
    .select(['table_id', 'household_size', 'gross_cold_rent', 'floor_area'])
    .where('table_id', 'in', tables.map((t) => t.id))
    .orderBy('household_size')
    .execute();
  return tables.map((t) => ({
    areaName: t.area_name,
    validFrom: String(t.valid_from),
    validUntil: day(t.valid_until),
    extraPersonRent: t.extra_person_rent === null ? null : Number(t.extra_person_rent),
    extraPersonArea: t.extra_person_area === null ? null : Number(t.extra_person_area),
    limits: limits
      .filter((l) => l.table_id === t.id)
      .map((l) => ({ householdSize: l.household_size, grossColdRent: Number(l.gross_cold_rent), floorArea: Number(l.floor_area) })),
  }));
}

/**
 * The rent limit a flat is measured against: the table in force where it is, on the day it is
 * free — or today, when that day has passed (a flat free since last spring is let under today's
 * table). One lookup per household size, however many households are weighed.
 */
export function limitsFor(tables: readonly AdequacyTableFacts[], availableFrom: string, today: string) {
  const table = tableOn(tables, availableFrom > today ? availableFrom : today);
  const bySize = new Map<number, Limit | null>();
  return {
    table,
    limit(persons: number): Limit | null {
      if (!table) return null;
      if (!bySize.has(persons)) bySize.set(persons, limitFor(table, persons));
      return bySize.get(persons)!;
    },
  };
}

/** The adequacy of an offer's rent for each household size its rooms suit (OfferDetail.adequacy). */
export function offerAdequacy(offer: Offer, tables: readonly AdequacyTableFacts[], today: string): AdequacyCheck[] {
  const { table } = limitsFor(tables, offer.availableFrom, today);
  const sizes = personsRange(offer.rooms);
  const out: AdequacyCheck[] = [];
  for (let size = sizes.min; size <= sizes.max; size++) {
    out.push(checkAdequacy({ table, householdSize: size, grossColdRent: offer.grossColdRent, floorArea: offer.floorArea }));
  }
  return out;
}

// ---- offers -------------------------------------------------------------------------------------

/**
 * Offers as lists and details show them. A landlord with a cooperation agreement in force today
 * is "cooperating" (one the actor's organisation can see: its own, or a shared landlord's).
 */
export function offersQuery(tx: Tx, today: string) {
  return tx.db
    .selectFrom('flat_offers as o')
    .leftJoin('landlords as l', 'l.id', 'o.landlord_id')
    .innerJoin('municipalities as m', 'm.id', 'o.municipality_id')
    .select([
      'o.id', 'o.org_id', 'o.landlord_id', 'o.street', 'o.house_number', 'o.postal_code', 'o.city', 'o.municipality_id', 'o.floor_area', 'o.rooms',
      'o.floor', 'o.step_free', 'o.lift', 'o.base_rent', 'o.service_charges', 'o.heating_costs', 'o.deposit', 'o.available_from', 'o.wbs_required',
      'o.status', 'o.note', 'o.version', 'o.created_at',
      'l.name as landlord_name', 'l.kind as landlord_kind', 'm.name as municipality_name',
      sql<boolean>`exists (select 1 from landlord_agreements a where a.landlord_id = o.landlord_id
        and a.valid_from <= ${today}::date and (a.valid_until is null or a.valid_until >= ${today}::date))`.as('cooperating'),
      sql<number>`(select count(*)::int from offer_proposals p where p.offer_id = o.id)`.as('proposal_count'),
    ]);
}
export type OfferRow = Awaited<ReturnType<ReturnType<typeof offersQuery>['executeTakeFirstOrThrow']>>;

export function presentOffer(r: OfferRow): Offer {
  return {
    id: r.id,
    // A landlord its owner has since stopped sharing is still named by the offer's id only.
    landlord: { id: r.landlord_id, name: r.landlord_name ?? '', kind: r.landlord_kind ?? 'other', cooperating: Boolean(r.cooperating) },
    street: r.street,
    houseNumber: r.house_number,
    postalCode: r.postal_code,
    city: r.city,
    municipality: { id: r.municipality_id, name: r.municipality_name },
    floorArea: Number(r.floor_area),
    rooms: Number(r.rooms),
    floor: r.floor,
    stepFree: r.step_free,
    lift: r.lift,
    baseRent: Number(r.base_rent),
    serviceCharges: Number(r.service_charges),
    heatingCosts: Number(r.heating_costs),
    grossColdRent: grossColdRent(Number(r.base_rent), Number(r.service_charges)),
    deposit: r.deposit === null ? null : Number(r.deposit),
    availableFrom: String(r.available_from),
    wbsRequired: r.wbs_required,
    status: r.status,
    note: r.note,
    proposals: Number(r.proposal_count),
    version: r.version,
  };
}

/** What the matching weighs of a flat. */
export function offerFacts(o: Offer): OfferFacts {
  return {
    rooms: o.rooms,
    floor: o.floor,
    stepFree: o.stepFree,
    lift: o.lift,
    grossColdRent: o.grossColdRent,
    floorArea: o.floorArea,
    wbsRequired: o.wbsRequired,
    municipalityId: o.municipality.id,
    availableFrom: o.availableFrom,
  };
}

/** An offer of the actor's organisation; any other is "not found". */
export async function loadOffer(tx: Tx, actor: Actor, id: string, today: string): Promise<Offer & { orgId: string }> {
  const row = await offersQuery(tx, today).where('o.id', '=', id).where('o.org_id', '=', actor.orgId).executeTakeFirst();
  if (!row) throw notFound();
  return { ...presentOffer(row), orgId: row.org_id };
}

export const offerAddress = (o: { street: string; house_number: string; postal_code: string; city: string }) => addressLine(o);

// ---- searches -----------------------------------------------------------------------------------

export function searchesQuery(tx: Tx) {
  return tx.db
    .selectFrom('housing_searches as s')
    .select([
      's.id', 's.org_id', 's.case_id', 's.status', 's.started_on', 's.ended_on', 's.persons', 's.children', 's.min_rooms', 's.needs_step_free',
      's.has_wbs', 's.preferred_municipality_ids', 's.needed_by', 's.note', 's.version', 's.created_at',
    ]);
}
export type SearchRow = Awaited<ReturnType<ReturnType<typeof searchesQuery>['executeTakeFirstOrThrow']>>;

/** Searches with the names of their preferred municipalities (one query for all of them). */
export async function presentSearches(tx: Tx, rows: readonly SearchRow[]): Promise<Search[]> {
  const ids = [...new Set(rows.flatMap((r) => r.preferred_municipality_ids ?? []))];
  const names = new Map(
    ids.length ? (await tx.db.selectFrom('municipalities').select(['id', 'name']).where('id', 'in', ids).execute()).map((m) => [m.id, m.name] as const) : [],
  );
  return rows.map((r) => ({
    id: r.id,
    caseId: r.case_id,
    status: r.status,
    startedOn: String(r.started_on),
    endedOn: day(r.ended_on),
    persons: r.persons,
    children: r.children,
    minRooms: r.min_rooms === null ? null : Number(r.min_rooms),
    needsStepFree: r.needs_step_free,
    hasWbs: r.has_wbs,
    preferredMunicipalities: (r.preferred_municipality_ids ?? []).map((id) => ({ id, name: names.get(id) ?? '' })),
    neededBy: day(r.needed_by),
    note: r.note,
    version: r.version,
  }));
}

/** A search of the actor's organisation; any other is "not found". */
export async function loadSearch(tx: Tx, actor: Actor, id: string): Promise<SearchRow> {
  const row = await searchesQuery(tx).where('s.id', '=', id).where('s.org_id', '=', actor.orgId).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

/** The household's open shelter placement began on this day (null: it lives in none). */
export async function shelterSince(tx: Tx, caseId: string): Promise<string | null> {
  const p = await tx.db.selectFrom('shelter_placements').select('moved_in_on').where('case_id', '=', caseId).where('moved_out_on', 'is', null).executeTakeFirst();
  return p ? String(p.moved_in_on) : null;
}

/** What the matching weighs of a household's search. */
export function searchFacts(s: Search, since: string | null): SearchFacts {
  return {
    persons: s.persons,
    children: s.children,
    minRooms: s.minRooms,
    needsStepFree: s.needsStepFree,
    hasWbs: s.hasWbs,
    preferredMunicipalityIds: s.preferredMunicipalities.map((m) => m.id),
    neededBy: s.neededBy,
    startedOn: s.startedOn,
    shelterSince: since,
  };
}

// ---- proposals ----------------------------------------------------------------------------------

export function proposalsQuery(tx: Tx) {
  return tx.db
    .selectFrom('offer_proposals as p')
    .innerJoin('flat_offers as o', 'o.id', 'p.offer_id')
    .innerJoin('cases as c', 'c.id', 'p.case_id')
    .leftJoin('landlords as l', 'l.id', 'o.landlord_id')
    .leftJoin('users as u', 'u.id', 'p.accompanied_by')
    .select([
      'p.id', 'p.org_id', 'p.offer_id', 'p.search_id', 'p.case_id', 'p.status', 'p.proposed_on', 'p.viewing_at', 'p.viewing_place', 'p.accompanied_by',
      'p.decided_on', 'p.decline_reason', 'p.lease_signed_on', 'p.tenancy_start', 'p.note', 'p.version', 'p.created_at',
      'c.case_number', 'o.street', 'o.house_number', 'o.postal_code', 'o.city', 'o.status as offer_status', 'l.name as landlord_name',
      'u.display_name as accompanied_name',
    ]);
}
export type ProposalRow = Awaited<ReturnType<ReturnType<typeof proposalsQuery>['executeTakeFirstOrThrow']>>;

export async function presentProposals(tx: Tx, rows: readonly ProposalRow[]): Promise<Proposal[]> {
  const names = await householdNames(tx, [...new Set(rows.map((r) => r.case_id))]);
  return rows.map((r) => ({
    id: r.id,
    offerId: r.offer_id,
    searchId: r.search_id,
    caseId: r.case_id,
    caseNumber: r.case_number,
    householdName: names.get(r.case_id) ?? '',
    offerAddress: offerAddress(r),
    landlordName: r.landlord_name ?? '',
    status: r.status,
    proposedOn: String(r.proposed_on),
    viewingAt: r.viewing_at ? new Date(r.viewing_at).toISOString() : null,
    viewingPlace: r.viewing_place,
    accompaniedBy: r.accompanied_by ? { id: r.accompanied_by, name: r.accompanied_name ?? '' } : null,
    decidedOn: day(r.decided_on),
    declineReason: r.decline_reason,
    leaseSignedOn: day(r.lease_signed_on),
    tenancyStart: day(r.tenancy_start),
    note: r.note,
    version: r.version,
  }));
}

/** A proposal of the actor's organisation; any other is "not found". */
export async function loadProposal(tx: Tx, actor: Actor, id: string): Promise<ProposalRow> {
  const row = await proposalsQuery(tx).where('p.id', '=', id).where('p.org_id', '=', actor.orgId).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}
