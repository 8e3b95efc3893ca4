import { sql, type UpdateObject } from 'kysely';
import type { MemberRelation } from '../../../contracts/casefile.js';
import { householdFacts } from '../../../domain/casework/casefile.js';
import { localDay } from '../../../domain/casework/calendar-day.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { DB } from '../../platform/db/schema.js';
import { inTenantTx, type Tx } from '../../platform/db/tenant.js';
import { invalidInput, notFound, versionConflict } from '../../platform/http/errors.js';
import { signedIn, type RequestContext } from '../../platform/http/route.js';

/*
 * What the housing areas (shelters, landlords, adequacy, brokerage, outcomes) share: the tenant
 * transaction with the clock, optimistic locking of their versioned tables, "not found" for
 * another organisation's record, and the few facts of a case (household name, children) their
 * lists show. Row-level security says the same as these checks; the checks give the answers.
 */

/** Europe/Berlin day of an instant: "today" for stays, validity periods and adequacy tables. */
export const today = (now: Date) => localDay(now);

/** A handler's work in the actor's tenant transaction, with the clock's "now". */
export function inHousingTx<T>(ctx: RequestContext<unknown, unknown, unknown>, fn: (tx: Tx, actor: Actor, now: Date) => Promise<T>): Promise<T> {
  const actor = signedIn(ctx);
  const now = ctx.services.now();
  return inTenantTx(ctx.services.db, actor, ctx.requestId, (tx) => fn(tx, actor, now));
}

/** The fields a change sent, for the audit record (never their values; the version only guards it). */
export const changedFields = (body: object) => Object.keys(body).filter((k) => k !== 'version');

/** Optional text as stored: trimmed by the contract, empty means none. */
export const orNull = (s: string | null | undefined) => (s ? s : null);

/** A patched optional value: absent keeps the stored one, null or empty clears it. */
export function patched<T>(sent: T | null | undefined, stored: T | null): T | null {
  if (sent === undefined) return stored;
  return sent === '' ? null : (sent ?? null);
}

/**
 * A record loaded for changing it: one the actor may not change is "not found" (a refused write
 * tells nobody more than reading does); when the version the change was made on is given, an
 * older one is a conflict.
 */
export function ownForChange<R extends { version: number }>(row: R | undefined, version: number | undefined): R {
  if (!row) throw notFound();
  if (version !== undefined && row.version !== version) throw versionConflict();
  return row;
}

type VersionedTable =
  | 'accommodations'
  | 'shelter_placements'
  | 'landlords'
  | 'landlord_agreements'
  | 'adequacy_areas'
  | 'adequacy_tables'
  | 'housing_searches'
  | 'flat_offers'
  | 'offer_proposals';

/**
 * Writes a change guarded by the version it was made on: someone who saved between loading and
 * writing makes it a conflict instead of being overwritten.
 */
export async function saveVersioned<T extends VersionedTable>(tx: Tx, table: T, id: string, version: number, values: UpdateObject<DB, T>) {
  // Kysely cannot build an update over a generic table name; the signature keeps the values checked against T.
  const updated = await tx.db
    .updateTable(table as 'accommodations')
    .set({ ...(values as UpdateObject<DB, 'accommodations'>), version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  if (!updated) throw versionConflict();
}

/** A municipality of the district by id, with its name; an unknown one is a problem of `path`. */
export async function municipalityRef(tx: Tx, id: string, path = 'municipalityId'): Promise<{ id: string; name: string }> {
  const row = await tx.db.selectFrom('municipalities').select(['id', 'name']).where('id', '=', id.toLowerCase()).executeTakeFirst();
  if (!row) throw invalidInput([{ path, key: 'housing.unknown_municipality' }]);
  return row;
}

/** "Street 5, 12345 Town" from whatever parts are known. */
export function addressLine(a: { street: string | null; house_number: string | null; postal_code: string | null; city: string | null }): string {
  const street = [a.street, a.house_number].filter(Boolean).join(' ');
  const town = [a.postal_code, a.city].filter(Boolean).join(' ');
  return [street, town].filter(Boolean).join(', ');
}

/**
 * How lists name a household: its tenants ("Erika Muster, Max Muster"), else its members; the
 * case number is beside it anyway. One query for any number of cases.
 */
export async function householdNames(tx: Tx, caseIds: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!caseIds.length) return out;
  const tenants = await tx.db
    .selectFrom('case_tenants as ct')
    .innerJoin('persons as p', 'p.id', 'ct.person_id')
    .select(['ct.case_id', 'p.first_name', 'p.last_name'])
    .where('ct.case_id', 'in', [...caseIds])
    .orderBy('p.last_name')
    .orderBy('p.first_name')
    .execute();
  const members = await tx.db
    .selectFrom('cases as c')
    .innerJoin('household_members as m', 'm.household_id', 'c.household_id')
    .innerJoin('persons as p', 'p.id', 'm.person_id')
    .select(['c.id as case_id', 'p.first_name', 'p.last_name'])
    .where('c.id', 'in', [...caseIds])
    .orderBy('m.position')
    .execute();
  for (const rows of [members, tenants]) {
    const names = new Map<string, string[]>();
    for (const r of rows) names.set(r.case_id, [...(names.get(r.case_id) ?? []), `${r.first_name} ${r.last_name}`]);
    // Tenants come last, so they win where both are known.
    for (const [caseId, list] of names) out.set(caseId, list.join(', '));
  }
  return out;
}

/** The household facts lists need of a case: its size and children, from the members where known. */
export interface HouseholdSize {
  size: number | null;
  children: number;
}

/**
 * Size and children of each case's household: counted from the members (children by age, as the
 * case file does), else the figures reported with the notice.
 */
export async function householdSizes(tx: Tx, caseIds: readonly string[], day: string): Promise<Map<string, HouseholdSize>> {
  const out = new Map<string, HouseholdSize>();
  if (!caseIds.length) return out;
  const reported = await tx.db
    .selectFrom('cases as c')
    .innerJoin('households as h', 'h.id', 'c.household_id')
    .select(['c.id', 'h.size', 'h.children', 'c.children as case_children'])
    .where('c.id', 'in', [...caseIds])
    .execute();
  const members = await tx.db
    .selectFrom('cases as c')
    .innerJoin('household_members as m', 'm.household_id', 'c.household_id')
    .innerJoin('persons as p', 'p.id', 'm.person_id')
    .select(['c.id as case_id', 'm.role', 'p.birth_date'])
    .where('c.id', 'in', [...caseIds])
    .execute();
  for (const r of reported) {
    const own = members.filter((m) => m.case_id === r.id);
    out.set(r.id, sizeOf(own.map((m) => ({ relation: m.role, birthDate: m.birth_date ? String(m.birth_date) : null })), { size: r.size, children: r.children ?? r.case_children }, day));
  }
  return out;
}

/** Members counted where any are recorded; the reported figures otherwise. */
export function sizeOf(members: readonly { relation: string; birthDate: string | null }[], reported: { size: number | null; children: number | null }, day: string): HouseholdSize {
  if (!members.length) return { size: reported.size, children: reported.children ?? 0 };
  const f = householdFacts(members.map((m) => ({ relation: m.relation as MemberRelation, birthDate: m.birthDate })), day);
  return { size: f.size, children: f.children };
}
