import { sql } from 'kysely';
import type { z } from 'zod';
import { IdParams } from '../../../contracts/common.js';
import {
  CandidateList,
  CandidatesQuery,
  CaseHousing,
  OfferDetail,
  OfferInput,
  OfferList,
  OfferPatch,
  OffersQuery,
  Proposal,
  ProposalInput,
  ProposalPatch,
  Search,
  SearchInput,
  SearchPatch,
  type OfferFit,
  type Search as SearchT,
} from '../../../contracts/housing.js';
import { fit, rank } from '../../../domain/housing/matching.js';
import { checkProposalChange, OPEN_PROPOSAL_STATUSES } from '../../../domain/housing/proposals.js';
import { can, type Actor } from '../../platform/auth/actor.js';
import type { Tx } from '../../platform/db/tenant.js';
import { AppError, forbidden, invalidInput, type FieldProblem } from '../../platform/http/errors.js';
import { route } from '../../platform/http/route.js';
import { loadCaseForActor } from '../cases/access.js';
import { colleague } from '../casefile/colleagues.js';
import {
  adequacyTablesOf,
  limitsFor,
  loadOffer,
  loadProposal,
  loadSearch,
  offerAdequacy,
  offerFacts,
  offersQuery,
  presentOffer,
  presentProposals,
  presentSearches,
  proposalsQuery,
  searchesQuery,
  searchFacts,
  shelterSince,
} from './brokerage-store.js';
import { candidatesFor } from './candidates.js';
import { signLease } from './lease.js';
import { placementsOfCase } from './shelters.js';
import { changedFields, inHousingTx, municipalityRef, orNull, ownForChange, patched, saveVersioned, today } from './store.js';

/*
 * Brokerage (Wohnraumvermittlung): a household's search, the organisation's flat offers, the
 * households ranked for an offer, and proposals from the first contact with the landlord to the
 * signed lease. Searches, offers and proposals are the organisation's own (row-level security
 * says so too); the matching and the proposal steps are the domain's (domain/housing).
 */

const TAGS = ['housing'];

const lower = (id: string) => id.toLowerCase();

/** The preferred municipalities, each once; an unknown one is named by its position. */
async function checkedMunicipalities(tx: Tx, ids: readonly string[]): Promise<string[]> {
  const unique = [...new Set(ids.map(lower))];
  const known = new Set(unique.length ? (await tx.db.selectFrom('municipalities').select('id').where('id', 'in', unique).execute()).map((m) => m.id) : []);
  const problems: FieldProblem[] = [];
  ids.forEach((id, i) => {
    if (!known.has(lower(id))) problems.push({ path: `preferredMunicipalityIds.${i}`, key: 'housing.unknown_municipality' });
  });
  if (problems.length) throw invalidInput(problems);
  return unique;
}

/** A landlord the actor's organisation may offer flats of: its own, or one shared in the district. */
async function visibleLandlord(tx: Tx, id: string) {
  const row = await tx.db.selectFrom('landlords').select('id').where('id', '=', lower(id)).executeTakeFirst();
  if (!row) throw invalidInput([{ path: 'landlordId', key: 'housing.unknown_landlord' }]);
  return row.id;
}

async function searchAnswer(tx: Tx, id: string): Promise<SearchT> {
  const [s] = await presentSearches(tx, [await searchesQuery(tx).where('s.id', '=', id).executeTakeFirstOrThrow()]);
  return s;
}

async function proposalAnswer(tx: Tx, id: string) {
  const [p] = await presentProposals(tx, [await proposalsQuery(tx).where('p.id', '=', id).executeTakeFirstOrThrow()]);
  return p;
}

/** An offer with the adequacy of its rent for the household sizes it suits and its proposals. */
async function offerDetail(tx: Tx, actor: Actor, id: string, day: string): Promise<z.input<typeof OfferDetail>> {
  const offer = await loadOffer(tx, actor, id, day);
  const proposals = await presentProposals(tx, await proposalsQuery(tx).where('p.offer_id', '=', offer.id).orderBy('p.proposed_on', 'desc').orderBy('p.created_at', 'desc').execute());
  const { orgId: _org, ...shown } = offer;
  return {
    offer: shown,
    adequacy: offerAdequacy(offer, await adequacyTablesOf(tx, offer.municipality.id), day),
    proposals,
    canEdit: can(actor, 'housing.manage') && offer.status !== 'let',
  };
}

/**
 * The organisation's open offers for one household's active search, fitting ones first (best
 * first), then the others, closest to fitting first, each with its reasons: the same fit() and
 * rank() the candidate list of an offer uses, so both lists give the same reasons.
 */
async function offersForSearch(tx: Tx, actor: Actor, search: SearchT, since: string | null, day: string, longStayMonths: number): Promise<z.input<typeof OfferFit>[]> {
  const rows = await offersQuery(tx, day).where('o.org_id', '=', actor.orgId).where('o.status', '=', 'open').execute();
  const offers = rows.map(presentOffer);
  const tables = new Map<string, Awaited<ReturnType<typeof adequacyTablesOf>>>();
  for (const m of new Set(offers.map((o) => o.municipality.id))) tables.set(m, await adequacyTablesOf(tx, m));
  const facts = searchFacts(search, since);
  const ranked = rank(
    offers.map((o) => ({
      item: o,
      fit: fit(offerFacts(o), facts, { today: day, longStayMonths, limit: limitsFor(tables.get(o.municipality.id)!, o.availableFrom, day).limit(search.persons) }),
    })),
    (o) => o.availableFrom,
    (o) => o.id,
  );
  const proposed = new Map(
    (await tx.db.selectFrom('offer_proposals').select(['id', 'offer_id']).where('search_id', '=', search.id).execute()).map((p) => [p.offer_id, p.id]),
  );
  return [...ranked.fitting, ...ranked.nearMisses].map((p) => ({ offer: p.item, fit: p.fit, proposalId: proposed.get(p.item.id) ?? null }));
}

/** The open proposals of an offer or a search withdrawn (the offer was withdrawn, the search ended). */
async function withdrawOpenProposals(tx: Tx, column: 'offer_id' | 'search_id', id: string, reason: string) {
  const rows = await tx.db
    .updateTable('offer_proposals')
    .set({ status: 'withdrawn', version: sql`version + 1`, updated_at: sql`now()` })
    .where(column, '=', id)
    .where('status', 'in', [...OPEN_PROPOSAL_STATUSES])
    .returning(['id', 'case_id'])
    .execute();
  if (rows.length) {
    tx.audit({ action: 'housing.proposal.withdraw', entityType: 'offer_proposal', details: { reason, ids: rows.map((r) => r.id), caseIds: [...new Set(rows.map((r) => r.case_id))] } });
  }
}

const iso = (d: unknown) => (d ? new Date(d as string).toISOString() : null);
const dayOf = (d: unknown) => (d ? String(d) : null);

export const brokerageRoutes = [
  // ---- the case's housing -------------------------------------------------------------------
  route({
    method: 'GET',
    url: '/api/v1/cases/:id/housing',
    access: 'cases.read',
    summary:
      "A case's housing: shelter placements, the current search, the organisation's open offers ranked for it with their reasons, proposals and " +
      'past searches (needs housing.read too)',
    tags: TAGS,
    params: IdParams,
    response: CaseHousing,
    handler: (ctx) =>
      inHousingTx(ctx, async (tx, actor, now) => {
        // Both: the case is case work (cases.read), the brokerage is housing work (housing.read).
        if (!can(actor, 'housing.read')) throw forbidden();
        const c = await loadCaseForActor(tx, actor, ctx.params.id);
        const day = today(now);
        const searches = await presentSearches(tx, await searchesQuery(tx).where('s.case_id', '=', c.id).orderBy('s.started_on', 'desc').orderBy('s.created_at', 'desc').execute());
        const search = searches.find((s) => s.status === 'active' || s.status === 'paused') ?? null;
        const proposals = await presentProposals(tx, await proposalsQuery(tx).where('p.case_id', '=', c.id).orderBy('p.proposed_on', 'desc').orderBy('p.created_at', 'desc').execute());
        const offers = search?.status === 'active' ? await offersForSearch(tx, actor, search, await shelterSince(tx, c.id), day, ctx.services.config.longStayMonths) : [];
        tx.audit({ action: 'housing.case.read', entityType: 'case', entityId: c.id, details: { search: search?.id ?? null, offers: offers.length, proposals: proposals.length } });
        return {
          placements: await placementsOfCase(tx, c.id, day),
          search,
          offers,
          proposals,
          pastSearches: searches.filter((s) => s.status === 'housed' || s.status === 'ended'),
        };
      }),
  }),
  route({
    method: 'POST',
    url: '/api/v1/cases/:id/housing-search',
    access: 'housing.manage',
    summary: 'Start the housing search of a case: persons moving, children, minimum rooms, step-free access, WBS, preferred municipalities, the day it must move by (one active or paused search per case)',
    tags: TAGS,
    params: IdParams,
    body: SearchInput,
    status: 201,
    response: Search,
    handler: (ctx) =>
      inHousingTx(ctx, async (tx, actor, now) => {
        const c = await loadCaseForActor(tx, actor, ctx.params.id);
        if (c.status === 'closed') throw new AppError(409, 'case_already_closed');
        const b = ctx.body;
        if (b.startedOn > today(now)) throw invalidInput([{ path: 'startedOn', key: 'housing.date_in_future' }]);
        const municipalities = await checkedMunicipalities(tx, b.preferredMunicipalityIds);
        const running = await tx.db.selectFrom('housing_searches').select('id').where('case_id', '=', c.id).where('status', 'in', ['active', 'paused']).executeTakeFirst();
        if (running) throw new AppError(409, 'housing_search_exists');
        const { id } = await tx.db
          .insertInto('housing_searches')
          .values({
            org_id: actor.orgId,
            case_id: c.id,
            started_on: b.startedOn,
            persons: b.persons,
            children: b.children,
            min_rooms: b.minRooms ?? null,
            needs_step_free: b.needsStepFree,
            has_wbs: b.hasWbs,
            preferred_municipality_ids: municipalities,
            needed_by: b.neededBy ?? null,
            note: orNull(b.note),
            created_by: actor.userId,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        tx.audit({ action: 'housing.search.create', entityType: 'housing_search', entityId: id, details: { caseId: c.id, persons: b.persons } });
        return searchAnswer(tx, id);
      }),
  }),
  route({
    method: 'PATCH',
    url: '/api/v1/housing/searches/:id',
    access: 'housing.manage',
    summary: "Change a household's search, pause or end it (ending withdraws its open proposals); a housed or ended search stays as it is (optimistic locking by version)",
    tags: TAGS,
    params: IdParams,
    body: SearchPatch,
    response: Search,
    handler: (ctx) =>
      inHousingTx(ctx, async (tx, actor, now) => {
        const b = ctx.body;
        const s = ownForChange(await loadSearch(tx, actor, ctx.params.id), b.version);
        if (s.status === 'housed' || s.status === 'ended') throw new AppError(409, 'housing_search_closed');
        const persons = b.persons ?? s.persons;
        const children = b.children ?? s.children;
        if (children >= persons) throw invalidInput([{ path: b.children !== undefined ? 'children' : 'persons', key: 'housing.children_not_below_persons' }]);
        const municipalities = b.preferredMunicipalityIds ? await checkedMunicipalities(tx, b.preferredMunicipalityIds) : s.preferred_municipality_ids;
        const status = b.status ?? s.status;
        await saveVersioned(tx, 'housing_searches', s.id, b.version, {
          status,
          ended_on: status === 'ended' ? today(now) : null,
          persons,
          children,
          min_rooms: patched(b.minRooms, s.min_rooms === null ? null : Number(s.min_rooms)),
          needs_step_free: b.needsStepFree ?? s.needs_step_free,
          has_wbs: b.hasWbs ?? s.has_wbs,
          preferred_municipality_ids: municipalities,
          needed_by: patched(b.neededBy, dayOf(s.needed_by)),
          note: patched(b.note, s.note),
        });
        if (status === 'ended') await withdrawOpenProposals(tx, 'search_id', s.id, 'search_ended');
        tx.audit({ action: 'housing.search.update', entityType: 'housing_search', entityId: s.id, details: { caseId: s.case_id, fields: changedFields(b), status } });
        return searchAnswer(tx, s.id);
      }),
  }),

  // ---- offers ---------------------------------------------------------------------------------
  route({
    method: 'GET',
    url: '/api/v1/housing/offers',
    access: 'housing.read',
    summary: "The organisation's flat offers, soonest available first (optionally of one status)",
    tags: TAGS,
    query: OffersQuery,
    response: OfferList,
    handler: (ctx) =>
      inHousingTx(ctx, async (tx, actor, now) => {
        let q = offersQuery(tx, today(now)).where('o.org_id', '=', actor.orgId);
        if (ctx.query.status) q = q.where('o.status', '=', ctx.query.status);
        const rows = await q.orderBy('o.available_from').orderBy('o.created_at').orderBy('o.id').execute();
        return { items: rows.map(presentOffer) };
      }),
  }),
  route({
    method: 'POST',
    url: '/api/v1/housing/offers',
    access: 'housing.manage',
    summary: "Record a flat offer of a landlord (the organisation's own or a shared one): address, size, floor and access, rent split, deposit, WBS, available from",
    tags: TAGS,
    body: OfferInput,
    status: 201,
    response: OfferDetail,
    handler: (ctx) =>
      inHousingTx(ctx, async (tx, actor, now) => {
        const b = ctx.body;
        const landlordId = await visibleLandlord(tx, b.landlordId);
        const municipality = await municipalityRef(tx, b.municipalityId);
        const { id } = await tx.db
          .insertInto('flat_offers')
          .values({
            org_id: actor.orgId,
            landlord_id: landlordId,
            street: b.street,
            house_number: b.houseNumber,
            postal_code: b.postalCode,
            city: b.city,
            municipality_id: municipality.id,
            floor_area: b.floorArea,
            rooms: b.rooms,
            floor: b.floor,
            step_free: b.stepFree,
            lift: b.lift,
            base_rent: b.baseRent,
            service_charges: b.serviceCharges,
            heating_costs: b.heatingCosts,
            deposit: b.deposit ?? null,
            available_from: b.availableFrom,
            wbs_required: b.wbsRequired,
            note: orNull(b.note),
            created_by: actor.userId,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        tx.audit({ action: 'housing.offer.create', entityType: 'flat_offer', entityId: id, details: { landlordId, rooms: b.rooms } });
        return offerDetail(tx, actor, id, today(now));
      }),
  }),
  route({
    method: 'GET',
    url: '/api/v1/housing/offers/:id',
    access: 'housing.read',
    summary: 'One flat offer with the adequacy of its rent for each household size its rooms suit, and the households proposed for it',
    tags: TAGS,
    params: IdParams,
    response: OfferDetail,
    handler: (ctx) =>
      inHousingTx(ctx, async (tx, actor, now) => {
        const detail = await offerDetail(tx, actor, ctx.params.id, today(now));
        tx.audit({ action: 'housing.offer.read', entityType: 'flat_offer', entityId: detail.offer.id, details: { ids: [...new Set(detail.proposals.map((p) => p.caseId))] } });
        return detail;
      }),
  }),
  route({
    method: 'PATCH',
    url: '/api/v1/housing/offers/:id',
    access: 'housing.manage',
    summary: 'Change a flat offer, reserve or withdraw it (withdrawing withdraws its open proposals); a let offer changes only through its lease (optimistic locking by version)',
    tags: TAGS,
    params: IdParams,
    body: OfferPatch,
    response: OfferDetail,
    handler: (ctx) =>
      inHousingTx(ctx, async (tx, actor, now) => {
        const b = ctx.body;
        const day = today(now);
        const o = ownForChange(await loadOffer(tx, actor, ctx.params.id, day), b.version);
        if (o.status === 'let') throw new AppError(409, 'housing_offer_let');
        const landlordId = b.landlordId !== undefined ? await visibleLandlord(tx, b.landlordId) : o.landlord.id;
        const municipalityId = b.municipalityId !== undefined ? (await municipalityRef(tx, b.municipalityId)).id : o.municipality.id;
        await saveVersioned(tx, 'flat_offers', o.id, b.version, {
          landlord_id: landlordId,
          street: b.street ?? o.street,
          house_number: b.houseNumber ?? o.houseNumber,
          postal_code: b.postalCode ?? o.postalCode,
          city: b.city ?? o.city,
          municipality_id: municipalityId,
          floor_area: b.floorArea ?? o.floorArea,
          rooms: b.rooms ?? o.rooms,
          floor: b.floor ?? o.floor,
          step_free: b.stepFree ?? o.stepFree,
          lift: b.lift ?? o.lift,
          base_rent: b.baseRent ?? o.baseRent,
          service_charges: b.serviceCharges ?? o.serviceCharges,
          heating_costs: b.heatingCosts ?? o.heatingCosts,
          deposit: patched(b.deposit, o.deposit),
          available_from: b.availableFrom ?? o.availableFrom,
          wbs_required: b.wbsRequired ?? o.wbsRequired,
          status: b.status ?? o.status,
          note: patched(b.note, o.note),
        });
        if (b.status === 'withdrawn' && o.status !== 'withdrawn') await withdrawOpenProposals(tx, 'offer_id', o.id, 'offer_withdrawn');
        tx.audit({ action: 'housing.offer.update', entityType: 'flat_offer', entityId: o.id, details: { fields: changedFields(b), status: b.status ?? o.status } });
        return offerDetail(tx, actor, o.id, day);
      }),
  }),

  // ---- matching and proposals ---------------------------------------------------------------
  route({
    method: 'GET',
    url: '/api/v1/housing/offers/:id/candidates',
    access: 'housing.read',
    summary:
      "The organisation's searching households for a flat offer: those that fit, most urgent first, each with its reasons (shelter stay, children, " +
      'move-out day, wishes); how many do not fit, by reason; the closest of them with their reasons',
    tags: TAGS,
    params: IdParams,
    query: CandidatesQuery,
    response: CandidateList,
    handler: (ctx) =>
      inHousingTx(ctx, async (tx, actor, now) => {
        const list = await candidatesFor(tx, actor, ctx.params.id, { limit: ctx.query.limit, today: today(now), longStayMonths: ctx.services.config.longStayMonths });
        const ids = [...list.items, ...list.nearMisses].map((c) => c.caseId);
        tx.audit({ action: 'housing.candidates', entityType: 'case', details: { offerId: ctx.params.id, fitting: list.fitting, ids } });
        return list;
      }),
  }),
  route({
    method: 'POST',
    url: '/api/v1/housing/offers/:id/proposals',
    access: 'housing.manage',
    summary: "Propose a searching household for an open flat offer; a household that does not fit is refused with its reasons",
    tags: TAGS,
    params: IdParams,
    body: ProposalInput,
    status: 201,
    response: Proposal,
    handler: (ctx) =>
      inHousingTx(ctx, async (tx, actor, now) => {
        const day = today(now);
        const offer = await loadOffer(tx, actor, ctx.params.id, day);
        if (offer.status !== 'open' && offer.status !== 'reserved') throw new AppError(409, 'housing_offer_not_open');
        const row = await searchesQuery(tx).where('s.id', '=', lower(ctx.body.searchId)).where('s.org_id', '=', actor.orgId).executeTakeFirst();
        if (!row) throw invalidInput([{ path: 'searchId', key: 'housing.unknown_search' }]);
        if (row.status !== 'active') throw invalidInput([{ path: 'searchId', key: 'housing.search_not_active' }]);
        const [search] = await presentSearches(tx, [row]);
        const limit = limitsFor(await adequacyTablesOf(tx, offer.municipality.id), offer.availableFrom, day).limit(search.persons);
        const f = fit(offerFacts(offer), searchFacts(search, await shelterSince(tx, search.caseId)), { today: day, longStayMonths: ctx.services.config.longStayMonths, limit });
        // The landlord would refuse, or the Jobcenter would not pay: each reason named.
        if (!f.fits) throw invalidInput(f.blockers.map((b) => ({ path: 'searchId', key: `housing.blocker.${b}` })));
        const existing = await tx.db.selectFrom('offer_proposals').select('id').where('offer_id', '=', offer.id).where('search_id', '=', search.id).executeTakeFirst();
        if (existing) throw new AppError(409, 'housing_already_proposed');
        const { id } = await tx.db
          .insertInto('offer_proposals')
          .values({
            org_id: actor.orgId,
            offer_id: offer.id,
            search_id: search.id,
            case_id: search.caseId,
            proposed_on: day,
            note: orNull(ctx.body.note),
            created_by: actor.userId,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        tx.audit({ action: 'housing.proposal.create', entityType: 'offer_proposal', entityId: id, details: { caseId: search.caseId, offerId: offer.id, score: f.score } });
        return proposalAnswer(tx, id);
      }),
  }),
  route({
    method: 'PATCH',
    url: '/api/v1/housing/proposals/:id',
    access: 'housing.manage',
    summary:
      'The next step of a proposal: viewing planned (time, place, accompanying colleague), viewed, accepted or declined by the landlord, ' +
      'declined by the household (with a reason), withdrawn, lease signed — the lease lets the offer, houses the search, ends the shelter ' +
      "placement and makes the flat the case's tenancy and address, in one transaction (optimistic locking by version)",
    tags: TAGS,
    params: IdParams,
    body: ProposalPatch,
    response: Proposal,
    handler: (ctx) =>
      inHousingTx(ctx, async (tx, actor, now) => {
        const b = ctx.body;
        const day = today(now);
        const p = ownForChange(await loadProposal(tx, actor, ctx.params.id), b.version);
        const status = b.status ?? p.status;
        const deciding = status !== p.status && (status === 'accepted_by_landlord' || status === 'declined_by_landlord' || status === 'declined_by_household');
        const next = {
          status,
          viewingAt: b.viewingAt !== undefined ? iso(b.viewingAt) : iso(p.viewing_at),
          viewingPlace: patched(b.viewingPlace, p.viewing_place),
          accompaniedBy: b.accompaniedBy !== undefined ? (b.accompaniedBy ? lower(b.accompaniedBy) : null) : p.accompanied_by,
          // A decision without a day was taken today.
          decidedOn: patched(b.decidedOn, dayOf(p.decided_on)) ?? (deciding ? day : null),
          declineReason: patched(b.declineReason, p.decline_reason),
          leaseSignedOn: patched(b.leaseSignedOn, dayOf(p.lease_signed_on)),
          tenancyStart: patched(b.tenancyStart, dayOf(p.tenancy_start)),
          note: patched(b.note, p.note),
        };
        const stored: Record<keyof typeof next, unknown> = {
          status: p.status,
          viewingAt: iso(p.viewing_at),
          viewingPlace: p.viewing_place,
          accompaniedBy: p.accompanied_by,
          decidedOn: dayOf(p.decided_on),
          declineReason: p.decline_reason,
          leaseSignedOn: dayOf(p.lease_signed_on),
          tenancyStart: dayOf(p.tenancy_start),
          note: p.note,
        };
        const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== stored[k]);
        const search = await loadSearch(tx, actor, p.search_id);
        const problems = checkProposalChange({
          from: p.status,
          to: status,
          viewingAt: next.viewingAt,
          declineReason: next.declineReason,
          decidedOn: next.decidedOn,
          leaseSignedOn: next.leaseSignedOn,
          tenancyStart: next.tenancyStart,
          offerStatus: p.offer_status,
          searchStartedOn: String(search.started_on),
          today: day,
          changed,
        });
        if (problems.length) throw invalidInput(problems);
        if (next.accompaniedBy && changed.includes('accompaniedBy')) await colleague(tx, actor, next.accompaniedBy, 'accompaniedBy');
        const values = {
          status,
          viewing_at: next.viewingAt,
          viewing_place: next.viewingPlace,
          accompanied_by: next.accompaniedBy,
          decided_on: next.decidedOn,
          decline_reason: next.declineReason,
          lease_signed_on: next.leaseSignedOn,
          tenancy_start: next.tenancyStart,
          note: next.note,
        };
        if (status === 'lease_signed' && p.status !== 'lease_signed') {
          await signLease(tx, actor, p, b.version, { leaseSignedOn: next.leaseSignedOn!, tenancyStart: next.tenancyStart! }, values);
        } else {
          await saveVersioned(tx, 'offer_proposals', p.id, b.version, values);
          tx.audit({ action: 'housing.proposal.update', entityType: 'offer_proposal', entityId: p.id, details: { caseId: p.case_id, offerId: p.offer_id, status, fields: changed } });
        }
        return proposalAnswer(tx, p.id);
      }),
  }),
];
