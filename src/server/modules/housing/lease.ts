import { sql } from 'kysely';
import { addMonths } from '../../../domain/casework/calendar-day.js';
import { rentTotal } from '../../../domain/casework/casefile.js';
import { FOLLOW_UP_MONTHS } from '../../../domain/housing/outcomes.js';
import { OPEN_PROPOSAL_STATUSES } from '../../../domain/housing/proposals.js';
import { blockingKeys } from '../../../domain/matching/index.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Tx } from '../../platform/db/tenant.js';
import { invalidInput, versionConflict } from '../../platform/http/errors.js';
import { addressKey, recomputeDeadlines } from '../intake/pipeline.js';
import type { ProposalRow } from './brokerage-store.js';
import { addressLine, saveVersioned } from './store.js';

/*
 * The signed lease (Mietvertrag unterschrieben): everything that follows from it happens in the
 * request's one transaction, so a household is never half housed — either all of it is written
 * or, on any refusal or conflict, none of it:
 *
 * - the proposal: lease signed, with the day and the tenancy start;
 * - the offer: let; its other open proposals: withdrawn (and the household's open proposals for
 *   other flats: withdrawn too, it is housed now);
 * - the search: housed, ended on the day the lease was signed;
 * - the household's open shelter placement: ends the day the tenancy begins (moved to an own flat);
 * - the case: living situation "housed, own tenancy" since the tenancy start; its tenancy (landlord,
 *   rent split, start, floor area) and the household's address, municipality and address key
 *   become the new flat's; the members' match keys follow the address (intake matching finds them
 *   there); the deadlines are recomputed from the case's facts, as every edit of the file does;
 * - tenancy follow-ups after 6 and 12 months;
 * - an audit entry for each of these.
 */

export interface LeaseFacts {
  leaseSignedOn: string;
  tenancyStart: string;
}

/** A text cut to the length a case-file field takes. */
const fit = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** The landlord as the case file's tenancy names it: name, postal address, a contact (person, phone or e-mail). */
async function landlordForCaseFile(tx: Tx, landlordId: string) {
  const l = await tx.db
    .selectFrom('landlords')
    .select(['name', 'street', 'house_number', 'postal_code', 'city', 'phone', 'email'])
    .where('id', '=', landlordId)
    .executeTakeFirst();
  if (!l) return null;
  const person = await tx.db
    .selectFrom('landlord_contacts')
    .select(['name', 'phone', 'email'])
    .where('landlord_id', '=', landlordId)
    .orderBy('position')
    .executeTakeFirst();
  const contact = [person?.name, person?.phone ?? l.phone, person?.email ?? l.email].filter(Boolean).join(', ');
  const address = addressLine(l);
  return { name: fit(l.name, 200), ...(address ? { address: fit(address, 300) } : {}), ...(contact ? { contact: fit(contact, 300) } : {}) };
}

/** Withdraws open proposals (not `except`) of an offer or of a search; their ids. */
async function withdrawOpen(tx: Tx, column: 'offer_id' | 'search_id', id: string, except: string) {
  const rows = await tx.db
    .updateTable('offer_proposals')
    .set({ status: 'withdrawn', version: sql`version + 1`, updated_at: sql`now()` })
    .where(column, '=', id)
    .where('id', '!=', except)
    .where('status', 'in', [...OPEN_PROPOSAL_STATUSES])
    .returning(['id', 'case_id'])
    .execute();
  return rows;
}

/** The household members' blocking keys at the new address (name, birth date and phone stay as they are). */
async function refreshMatchKeys(tx: Tx, householdId: string, address: { street: string; houseNumber: string; postalCode: string; city: string }) {
  const persons = await tx.db
    .selectFrom('household_members as m')
    .innerJoin('persons as p', 'p.id', 'm.person_id')
    .select(['p.id', 'p.org_id', 'p.first_name', 'p.last_name', 'p.birth_date', 'p.phone'])
    .where('m.household_id', '=', householdId)
    .execute();
  for (const p of persons) {
    const keys = [...new Set(blockingKeys({ firstName: p.first_name, lastName: p.last_name, birthDate: p.birth_date ? String(p.birth_date) : null, phone: p.phone, ...address }))];
    await tx.db.deleteFrom('person_match_keys').where('person_id', '=', p.id).execute();
    if (keys.length) await tx.db.insertInto('person_match_keys').values(keys.map((key) => ({ org_id: p.org_id, key, person_id: p.id }))).execute();
  }
  return persons.length;
}

/**
 * Writes the lease and all it entails. The proposal's own change (status, days, note, version
 * check) is passed in `proposalValues`; the caller has checked the step with the domain rules.
 */
export async function signLease(tx: Tx, actor: Actor, p: ProposalRow, version: number, lease: LeaseFacts, proposalValues: Record<string, unknown>) {
  const placement = await tx.db
    .selectFrom('shelter_placements')
    .select(['id', 'moved_in_on'])
    .where('case_id', '=', p.case_id)
    .where('moved_out_on', 'is', null)
    .executeTakeFirst();
  if (placement && lease.tenancyStart < String(placement.moved_in_on)) {
    throw invalidInput([{ path: 'tenancyStart', key: 'housing.before_move_in', params: { date: String(placement.moved_in_on) } }]);
  }

  // The offer first: its row lock orders two leases of one flat, and the second finds it let.
  const offer = await tx.db
    .updateTable('flat_offers')
    .set({ status: 'let', version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', p.offer_id)
    .where('status', 'in', ['open', 'reserved'])
    .returning(['id', 'landlord_id', 'street', 'house_number', 'postal_code', 'city', 'municipality_id', 'base_rent', 'service_charges', 'heating_costs', 'floor_area'])
    .executeTakeFirst();
  if (!offer) throw versionConflict();
  await saveVersioned(tx, 'offer_proposals', p.id, version, proposalValues as never);
  const othersOfOffer = await withdrawOpen(tx, 'offer_id', p.offer_id, p.id);
  const othersOfSearch = await withdrawOpen(tx, 'search_id', p.search_id, p.id);

  await tx.db
    .updateTable('housing_searches')
    .set({ status: 'housed', ended_on: lease.leaseSignedOn, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', p.search_id)
    .execute();
  if (placement) {
    await tx.db
      .updateTable('shelter_placements')
      .set({ moved_out_on: lease.tenancyStart, move_out_reason: 'own_flat', version: sql`version + 1`, updated_at: sql`now()` })
      .where('id', '=', placement.id)
      .execute();
  }

  // The case file: its version moves on, so an edit begun on the old file is a conflict, not an overwrite.
  const c = await tx.db
    .updateTable('cases')
    .set({ living_situation: 'own_tenancy', living_situation_since: lease.tenancyStart, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', p.case_id)
    .returning(['id', 'org_id', 'household_id'])
    .executeTakeFirstOrThrow();
  const landlord = await landlordForCaseFile(tx, offer.landlord_id);
  const split = { baseRent: Number(offer.base_rent), serviceCharges: Number(offer.service_charges), heatingCosts: Number(offer.heating_costs) };
  const tenancy = {
    landlord: landlord ? JSON.stringify(landlord) : null,
    base_rent: split.baseRent,
    service_charges: split.serviceCharges,
    heating_costs: split.heatingCosts,
    monthly_rent: rentTotal(split, null),
    tenancy_start: lease.tenancyStart,
    floor_area: Number(offer.floor_area),
  };
  await tx.db
    .insertInto('case_legal')
    .values({ case_id: c.id, org_id: c.org_id, ...tenancy } as never)
    .onConflict((oc) => oc.column('case_id').doUpdateSet({ ...tenancy, version: sql`case_legal.version + 1` } as never))
    .execute();
  await recomputeDeadlines(tx, c.id);

  const address = { street: offer.street, houseNumber: offer.house_number, postalCode: offer.postal_code, city: offer.city };
  await tx.db
    .updateTable('households')
    .set({
      street: address.street,
      house_number: address.houseNumber,
      postal_code: address.postalCode,
      city: address.city,
      municipality_id: offer.municipality_id,
      address_key: addressKey(address),
      version: sql`version + 1`,
      updated_at: sql`now()`,
    })
    .where('id', '=', c.household_id)
    .execute();
  const members = await refreshMatchKeys(tx, c.household_id, address);

  await tx.db
    .insertInto('tenancy_followups')
    .values(FOLLOW_UP_MONTHS.map((months) => ({ proposal_id: p.id, org_id: p.org_id, months, due_on: addMonths(lease.tenancyStart, months) })))
    .execute();

  const caseId = p.case_id;
  tx.audit({ action: 'housing.proposal.lease', entityType: 'offer_proposal', entityId: p.id, details: { caseId, offerId: p.offer_id, ...lease } });
  tx.audit({ action: 'housing.offer.let', entityType: 'flat_offer', entityId: p.offer_id, details: { caseId, proposalId: p.id } });
  const withdrawn = [...othersOfOffer, ...othersOfSearch];
  if (withdrawn.length) {
    tx.audit({ action: 'housing.proposal.withdraw', entityType: 'offer_proposal', details: { reason: 'lease_signed', ids: withdrawn.map((w) => w.id), caseIds: [...new Set(withdrawn.map((w) => w.case_id))] } });
  }
  tx.audit({ action: 'housing.search.housed', entityType: 'housing_search', entityId: p.search_id, details: { caseId, endedOn: lease.leaseSignedOn } });
  if (placement) tx.audit({ action: 'housing.placement.end', entityType: 'shelter_placement', entityId: placement.id, details: { caseId, movedOutOn: lease.tenancyStart, reason: 'own_flat' } });
  tx.audit({ action: 'case.housed', entityType: 'case', entityId: caseId, details: { livingSituation: 'own_tenancy', since: lease.tenancyStart, tenancy: Object.keys(tenancy), address: true, matchKeysOf: members } });
  tx.audit({ action: 'housing.follow_up.create', entityType: 'offer_proposal', entityId: p.id, details: { caseId, months: [...FOLLOW_UP_MONTHS] } });
}
