import { sql } from 'kysely';
import type { z } from 'zod';
import { IdParams } from '../../../contracts/common.js';
import {
  Landlord,
  LandlordAgreementInput,
  LandlordAgreementPatch,
  LandlordContactInput,
  LandlordInput,
  LandlordList,
  LandlordPatch,
  LandlordsQuery,
  type LandlordAgreement,
  type LandlordSummary,
} from '../../../contracts/housing.js';
import { agreementYear, countWithin } from '../../../domain/housing/register.js';
import { agreementValidity } from '../../../domain/network/network.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Tx } from '../../platform/db/tenant.js';
import { invalidInput, notFound } from '../../platform/http/errors.js';
import { route } from '../../platform/http/route.js';
import { addressLine, changedFields, inHousingTx, orNull, ownForChange, patched, saveVersioned, today } from './store.js';

/*
 * Landlords (Vermieterkartei): housing companies, cooperatives and private landlords the
 * organisation works with, their contact persons, cooperation agreements with a yearly quota of
 * flats, and the history of their offers. Landlords are not clients, but private landlords are
 * people: an organisation keeps its landlords to itself unless it shares one with the district
 * (row-level security says the same). Only the owner changes a landlord and its agreements;
 * everyone else gets "not found". Offers and lettings are always the reader's own organisation's.
 */

const TAGS = ['housing'];

const mayManage = (actor: Actor, ownerOrgId: string) => actor.permissions.has('housing.manage') && ownerOrgId === actor.orgId;

/** Landlords the actor's organisation sees: its own, and those shared within the district. */
function landlordsQuery(tx: Tx, actor: Actor, day: string) {
  return tx.db
    .selectFrom('landlords as l')
    .innerJoin('organisations as o', 'o.id', 'l.org_id')
    .select([
      'l.id', 'l.org_id', 'l.kind', 'l.name', 'l.street', 'l.house_number', 'l.postal_code', 'l.city', 'l.phone', 'l.email', 'l.shared', 'l.note',
      'l.version', 'o.name as org_name',
      sql<boolean>`exists (select 1 from landlord_agreements g where g.landlord_id = l.id and g.valid_from <= ${day}::date
        and (g.valid_until is null or g.valid_until >= ${day}::date))`.as('cooperating'),
      sql<number>`(select count(*)::int from flat_offers f where f.landlord_id = l.id and f.org_id = ${actor.orgId} and f.status = 'open')`.as('open_offers'),
    ])
    .where((eb) => eb.or([eb('l.org_id', '=', actor.orgId), eb('l.shared', '=', true)]));
}
type LandlordRow = Awaited<ReturnType<ReturnType<typeof landlordsQuery>['executeTakeFirstOrThrow']>>;

function presentSummary(r: LandlordRow, actor: Actor): LandlordSummary {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    city: r.city,
    orgName: r.org_name,
    shared: r.shared,
    cooperating: Boolean(r.cooperating),
    openOffers: Number(r.open_offers),
    canEdit: mayManage(actor, r.org_id),
  };
}

/** `%term%` for LIKE, with the pattern characters of the term taken literally. */
const likePattern = (term: string) => `%${term.toLowerCase().replace(/[\\%_]/g, (c) => '\\' + c)}%`;

async function loadLandlord(tx: Tx, actor: Actor, id: string, day: string): Promise<LandlordRow> {
  const row = await landlordsQuery(tx, actor, day).where('l.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

/** A landlord of the actor's organisation, for changing it (a shared one of another organisation is "not found"). */
async function loadOwnLandlord(tx: Tx, actor: Actor, id: string, day: string, version?: number): Promise<LandlordRow> {
  return ownForChange(await landlordsQuery(tx, actor, day).where('l.id', '=', id).where('l.org_id', '=', actor.orgId).executeTakeFirst(), version);
}

/** The landlord's page: contacts, agreements with their state and this year's lettings, the own organisation's offers. */
async function presentLandlord(tx: Tx, actor: Actor, r: LandlordRow, day: string): Promise<Landlord> {
  const contacts = await tx.db
    .selectFrom('landlord_contacts')
    .select(['name', 'function', 'phone', 'email'])
    .where('landlord_id', '=', r.id)
    .orderBy('position')
    .execute();
  const agreements = await tx.db
    .selectFrom('landlord_agreements')
    .select(['id', 'title', 'valid_from', 'valid_until', 'flats_per_year', 'subject', 'version'])
    .where('landlord_id', '=', r.id)
    .orderBy('valid_from', 'desc')
    .orderBy('id')
    .execute();
  const offers = await tx.db
    .selectFrom('flat_offers as f')
    .select([
      'f.id', 'f.street', 'f.house_number', 'f.postal_code', 'f.city', 'f.available_from', 'f.status',
      sql<string | null>`(select max(p.lease_signed_on)::text from offer_proposals p where p.offer_id = f.id and p.status = 'lease_signed')`.as('lease_signed_on'),
    ])
    .where('f.landlord_id', '=', r.id)
    .where('f.org_id', '=', actor.orgId)
    .orderBy('f.available_from', 'desc')
    .orderBy('f.created_at', 'desc')
    .execute();
  const leases = offers.map((o) => o.lease_signed_on).filter((d): d is string => d !== null);
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    kind: r.kind,
    name: r.name,
    street: r.street,
    houseNumber: r.house_number,
    postalCode: r.postal_code,
    city: r.city,
    phone: r.phone,
    email: r.email,
    shared: r.shared,
    note: r.note,
    contacts,
    agreements: agreements.map((g) => presentAgreement(g, leases, day)),
    offers: offers.map((o) => ({ id: o.id, address: addressLine(o), availableFrom: String(o.available_from), status: o.status, leaseSignedOn: o.lease_signed_on })),
    canEdit: mayManage(actor, r.org_id),
    version: r.version,
  };
}

function presentAgreement(
  g: { id: string; title: string; valid_from: string; valid_until: string | null; flats_per_year: number | null; subject: string | null; version: number },
  leases: readonly string[],
  day: string,
): LandlordAgreement {
  const from = String(g.valid_from);
  const until = g.valid_until ? String(g.valid_until) : null;
  return {
    id: g.id,
    title: g.title,
    validFrom: from,
    validUntil: until,
    flatsPerYear: g.flats_per_year,
    subject: g.subject,
    state: agreementValidity(from, until, day).state,
    lettingsThisYear: countWithin(leases, agreementYear(from, until, day)),
    version: g.version,
  };
}

/** Replaces a landlord's contact persons with the ones sent, in their order. */
async function writeContacts(tx: Tx, landlordId: string, orgId: string, contacts: z.output<typeof LandlordContactInput>[]) {
  await tx.db.deleteFrom('landlord_contacts').where('landlord_id', '=', landlordId).execute();
  if (!contacts.length) return;
  await tx.db
    .insertInto('landlord_contacts')
    .values(contacts.map((c, i) => ({ org_id: orgId, landlord_id: landlordId, position: i, name: c.name, function: orNull(c.function), phone: orNull(c.phone), email: orNull(c.email) })))
    .execute();
}

function assertValidity(validFrom: string, validUntil: string | null) {
  if (validUntil !== null && validUntil < validFrom) throw invalidInput([{ path: 'validUntil', key: 'housing.until_before_from' }]);
}

async function landlordAnswer(tx: Tx, actor: Actor, id: string, day: string) {
  return presentLandlord(tx, actor, await loadLandlord(tx, actor, id, day), day);
}

export const landlordRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/housing/landlords',
    access: 'housing.read',
    summary: "Landlords of the own organisation and those shared within the district, by name; q searches name and city. Each says whether an agreement is in force and counts the own organisation's open offers",
    tags: TAGS,
    query: LandlordsQuery,
    response: LandlordList,
    handler: (ctx) =>
      inHousingTx(ctx, async (tx, actor, now) => {
        let query = landlordsQuery(tx, actor, today(now));
        if (ctx.query.q) {
          const like = likePattern(ctx.query.q);
          query = query.where((eb) => eb.or([eb(sql`lower(l.name)`, 'like', like), eb(sql`lower(coalesce(l.city, ''))`, 'like', like)]));
        }
        const rows = await query.orderBy(sql`lower(l.name)`).orderBy('l.id').limit(500).execute();
        return { items: rows.map((r) => presentSummary(r, actor)) };
      }),
  }),
  route({
    method: 'POST',
    url: '/api/v1/housing/landlords',
    access: 'housing.manage',
    summary: 'Record a landlord of the own organisation with its contact persons; shared: the organisations of the district read it too',
    tags: TAGS,
    body: LandlordInput,
    status: 201,
    response: Landlord,
    handler: (ctx) =>
      inHousingTx(ctx, async (tx, actor, now) => {
        const b = ctx.body;
        const { id } = await tx.db
          .insertInto('landlords')
          .values({
            org_id: actor.orgId,
            kind: b.kind,
            name: b.name,
            street: orNull(b.street),
            house_number: orNull(b.houseNumber),
            postal_code: orNull(b.postalCode),
            city: orNull(b.city),
            phone: orNull(b.phone),
            email: orNull(b.email),
            shared: b.shared,
            note: orNull(b.note),
            created_by: actor.userId,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await writeContacts(tx, id, actor.orgId, b.contacts);
        tx.audit({ action: 'housing.landlord.create', entityType: 'landlord', entityId: id, details: { kind: b.kind, shared: b.shared, contacts: b.contacts.length } });
        return landlordAnswer(tx, actor, id, today(now));
      }),
  }),
  route({
    method: 'GET',
    url: '/api/v1/housing/landlords/:id',
    access: 'housing.read',
    summary: "A landlord of the own organisation or a shared one: contact persons, cooperation agreements with their state and this year's lettings, the own organisation's offers",
    tags: TAGS,
    params: IdParams,
    response: Landlord,
    handler: (ctx) =>
      inHousingTx(ctx, async (tx, actor, now) => {
        const answer = await landlordAnswer(tx, actor, ctx.params.id, today(now));
        // Private landlords and contact persons are named people: the reading is on record.
        tx.audit({ action: 'housing.landlord.read', entityType: 'landlord', entityId: answer.id });
        return answer;
      }),
  }),
  route({
    method: 'PATCH',
    url: '/api/v1/housing/landlords/:id',
    access: 'housing.manage',
    summary: "Change a landlord of the own organisation; contacts, when sent, replace the list (optimistic locking by version; another organisation's is not found)",
    tags: TAGS,
    params: IdParams,
    body: LandlordPatch,
    response: Landlord,
    handler: (ctx) =>
      inHousingTx(ctx, async (tx, actor, now) => {
        const b = ctx.body;
        const day = today(now);
        const l = await loadOwnLandlord(tx, actor, ctx.params.id, day, b.version);
        await saveVersioned(tx, 'landlords', l.id, b.version, {
          kind: b.kind ?? l.kind,
          name: b.name ?? l.name,
          street: patched(b.street, l.street),
          house_number: patched(b.houseNumber, l.house_number),
          postal_code: patched(b.postalCode, l.postal_code),
          city: patched(b.city, l.city),
          phone: patched(b.phone, l.phone),
          email: patched(b.email, l.email),
          shared: b.shared ?? l.shared,
          note: patched(b.note, l.note),
        });
        if (b.contacts) await writeContacts(tx, l.id, actor.orgId, b.contacts);
        tx.audit({ action: 'housing.landlord.update', entityType: 'landlord', entityId: l.id, details: { fields: changedFields(b), shared: b.shared ?? l.shared } });
        return landlordAnswer(tx, actor, l.id, day);
      }),
  }),
  route({
    method: 'POST',
    url: '/api/v1/housing/landlords/:id/agreements',
    access: 'housing.manage',
    summary: 'Record a cooperation agreement with a landlord of the own organisation: title, validity (validUntil null: indefinite), flats a year',
    tags: TAGS,
    params: IdParams,
    body: LandlordAgreementInput,
    status: 201,
    response: Landlord,
    handler: (ctx) =>
      inHousingTx(ctx, async (tx, actor, now) => {
        const b = ctx.body;
        const day = today(now);
        const l = await loadOwnLandlord(tx, actor, ctx.params.id, day);
        const validUntil = b.validUntil ?? null;
        assertValidity(b.validFrom, validUntil);
        const { id } = await tx.db
          .insertInto('landlord_agreements')
          .values({
            org_id: actor.orgId,
            landlord_id: l.id,
            title: b.title,
            valid_from: b.validFrom,
            valid_until: validUntil,
            flats_per_year: b.flatsPerYear ?? null,
            subject: orNull(b.subject),
            created_by: actor.userId,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        tx.audit({ action: 'housing.landlord_agreement.create', entityType: 'landlord', entityId: l.id, details: { agreement: id, validUntil, flatsPerYear: b.flatsPerYear ?? null } });
        return landlordAnswer(tx, actor, l.id, day);
      }),
  }),
  route({
    method: 'PATCH',
    url: '/api/v1/housing/landlord-agreements/:id',
    access: 'housing.manage',
    summary: "Change a cooperation agreement of the own organisation, e.g. extend or end it (optimistic locking by version; another organisation's is not found)",
    tags: TAGS,
    params: IdParams,
    body: LandlordAgreementPatch,
    response: Landlord,
    handler: (ctx) =>
      inHousingTx(ctx, async (tx, actor, now) => {
        const b = ctx.body;
        const g = ownForChange(
          await tx.db.selectFrom('landlord_agreements').selectAll().where('id', '=', ctx.params.id).where('org_id', '=', actor.orgId).executeTakeFirst(),
          b.version,
        );
        const validFrom = b.validFrom ?? String(g.valid_from);
        const validUntil = b.validUntil !== undefined ? b.validUntil : g.valid_until ? String(g.valid_until) : null;
        assertValidity(validFrom, validUntil);
        await saveVersioned(tx, 'landlord_agreements', g.id, b.version, {
          title: b.title ?? g.title,
          valid_from: validFrom,
          valid_until: validUntil,
          flats_per_year: b.flatsPerYear !== undefined ? b.flatsPerYear : g.flats_per_year,
          subject: patched(b.subject, g.subject),
        });
        tx.audit({ action: 'housing.landlord_agreement.update', entityType: 'landlord', entityId: g.landlord_id, details: { agreement: g.id, fields: changedFields(b), validUntil } });
        return landlordAnswer(tx, actor, g.landlord_id, today(now));
      }),
  }),
];
