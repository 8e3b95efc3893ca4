import { sql } from 'kysely';
import { IdParams } from '../../../contracts/common.js';
import {
  AdequacyArea,
  AdequacyAreaInput,
  AdequacyAreaList,
  AdequacyAreaPatch,
  AdequacyCheck,
  AdequacyQuery,
  AdequacyTableInput,
  AdequacyTablePatch,
  type AdequacyLimitRow,
  type AdequacyTable,
} from '../../../contracts/housing.js';
import { checkAdequacy, checkLimitRows, grossColdRent, tableOn, type AdequacyTableFacts } from '../../../domain/housing/adequacy.js';
import type { Permission } from '../../../contracts/roles.js';
import { can, type Actor } from '../../platform/auth/actor.js';
import type { Tx } from '../../platform/db/tenant.js';
import { forbidden, invalidInput, notFound, type FieldProblem } from '../../platform/http/errors.js';
import { route } from '../../platform/http/route.js';
import { loadCaseForActor } from '../cases/access.js';
import { changedFields, householdSizes, inHousingTx, municipalityRef, orNull, ownForChange, patched, saveVersioned, today } from './store.js';

/*
 * Rent-adequacy limits (Angemessenheitsgrenzen der KdU): comparison areas grouping municipalities,
 * each with tables replaced over time, each table a row per household size. District
 * configuration like the municipalities: every signed-in user reads it, those with
 * adequacy.manage (system administrators) maintain it. The check itself is the pure
 * domain/housing/adequacy; this file finds the table in force and the case's figures for it.
 */

const TAGS = ['housing'];

// ---- reading ---------------------------------------------------------------------------------

type Table = AdequacyTable & { areaId: string };

/** Areas with their municipalities and tables (latest first), limits by household size. */
async function loadAreas(tx: Tx, areaIds?: readonly string[]): Promise<AdequacyArea[]> {
  let q = tx.db.selectFrom('adequacy_areas').select(['id', 'name', 'municipality_ids', 'version']);
  if (areaIds) {
    if (!areaIds.length) return [];
    q = q.where('id', 'in', [...areaIds]);
  }
  const areas = await q.orderBy(sql`lower(name)`).orderBy('id').execute();
  if (!areas.length) return [];
  const tables = await tablesOf(tx, areas.map((a) => a.id));
  const municipalityIds = [...new Set(areas.flatMap((a) => a.municipality_ids))];
  const names = new Map(
    municipalityIds.length
      ? (await tx.db.selectFrom('municipalities').select(['id', 'name']).where('id', 'in', municipalityIds).execute()).map((m) => [m.id, m.name] as const)
      : [],
  );
  return areas.map((a) => ({
    id: a.id,
    name: a.name,
    municipalities: a.municipality_ids
      .filter((id) => names.has(id))
      .map((id) => ({ id, name: names.get(id)! }))
      .sort((x, y) => x.name.localeCompare(y.name, 'de')),
    tables: tables.filter((t) => t.areaId === a.id).map(({ areaId: _areaId, ...t }) => t),
    version: a.version,
  }));
}

async function tablesOf(tx: Tx, areaIds: readonly string[]): Promise<Table[]> {
  if (!areaIds.length) return [];
  const tables = await tx.db
    .selectFrom('adequacy_tables')
    .select(['id', 'area_id', 'valid_from', 'valid_until', 'source', 'extra_person_rent', 'extra_person_area', 'version'])
    .where('area_id', 'in', [...areaIds])
    .orderBy('valid_from', 'desc')
    .orderBy('id')
    .execute();
  const limits = tables.length
    ? await tx.db
        .selectFrom('adequacy_limits')
        .select(['table_id', 'household_size', 'gross_cold_rent', 'floor_area'])
        .where('table_id', 'in', tables.map((t) => t.id))
        .orderBy('household_size')
        .execute()
    : [];
  return tables.map((t) => ({
    id: t.id,
    areaId: t.area_id,
    validFrom: String(t.valid_from),
    validUntil: t.valid_until ? String(t.valid_until) : null,
    source: t.source,
    extraPersonRent: t.extra_person_rent === null ? null : Number(t.extra_person_rent),
    extraPersonArea: t.extra_person_area === null ? null : Number(t.extra_person_area),
    limits: limits
      .filter((l) => l.table_id === t.id)
      .map((l) => ({ householdSize: l.household_size, grossColdRent: Number(l.gross_cold_rent), floorArea: Number(l.floor_area) })),
    version: t.version,
  }));
}

/**
 * The adequacy tables of each municipality's comparison area (all of them; tableOn() picks the
 * one in force on a day). A municipality outside every area has none. For brokerage too: one
 * call for all the municipalities of a list of offers.
 */
export async function tablesByMunicipality(tx: Tx, municipalityIds: readonly string[]): Promise<Map<string, AdequacyTableFacts[]>> {
  const out = new Map<string, AdequacyTableFacts[]>();
  const ids = [...new Set(municipalityIds.map((id) => id.toLowerCase()))];
  if (!ids.length) return out;
  const areas = await tx.db
    .selectFrom('adequacy_areas')
    .select(['id', 'name', 'municipality_ids'])
    .where(sql<boolean>`municipality_ids && ${sql`${ids}::uuid[]`}`)
    .execute();
  const tables = await tablesOf(tx, areas.map((a) => a.id));
  for (const a of areas) {
    const facts = tables.filter((t) => t.areaId === a.id).map((t) => ({ areaName: a.name, ...t }));
    for (const m of a.municipality_ids) if (ids.includes(m)) out.set(m, facts);
  }
  return out;
}

/** The table in force for a municipality on a day (null: no area, or no table that day). */
export async function adequacyTableOn(tx: Tx, municipalityId: string, day: string): Promise<AdequacyTableFacts | null> {
  return tableOn((await tablesByMunicipality(tx, [municipalityId])).get(municipalityId.toLowerCase()) ?? [], day);
}

async function areaAnswer(tx: Tx, id: string): Promise<AdequacyArea> {
  const [area] = await loadAreas(tx, [id]);
  if (!area) throw notFound();
  return area;
}

/**
 * The figures of a case's current tenancy for the check: where the household lives, how many
 * it is (counted from the members, else as reported), the gross cold rent (base rent and service
 * charges, both needed) and the floor area.
 */
async function caseTenancy(tx: Tx, caseId: string, day: string) {
  const row = await tx.db
    .selectFrom('cases as c')
    .innerJoin('households as h', 'h.id', 'c.household_id')
    .leftJoin('case_legal as cl', 'cl.case_id', 'c.id')
    .select(['h.municipality_id', 'cl.base_rent', 'cl.service_charges', 'cl.floor_area'])
    .where('c.id', '=', caseId)
    .executeTakeFirstOrThrow();
  const size = (await householdSizes(tx, [caseId], day)).get(caseId)?.size ?? null;
  return {
    municipalityId: row.municipality_id,
    householdSize: size,
    grossColdRent: row.base_rent !== null && row.service_charges !== null ? grossColdRent(Number(row.base_rent), Number(row.service_charges)) : null,
    floorArea: row.floor_area === null ? null : Number(row.floor_area),
  };
}

// ---- writing ---------------------------------------------------------------------------------

/** Area names are unique (case-insensitively), like the unique index says. */
async function assertAreaNameFree(tx: Tx, name: string, exceptId: string | null) {
  let q = tx.db.selectFrom('adequacy_areas').select('id').where(sql<boolean>`lower(name) = lower(${name})`);
  if (exceptId) q = q.where('id', '<>', exceptId);
  if (await q.executeTakeFirst()) throw invalidInput([{ path: 'name', key: 'housing.area_name_taken' }]);
}

/**
 * The municipalities of an area, each once: they must exist, and belong to no other area (a
 * municipality has one price level, so the check must find exactly one table).
 */
async function checkedMunicipalities(tx: Tx, sent: readonly string[], exceptAreaId: string | null): Promise<string[]> {
  const ids = sent.map((id) => id.toLowerCase());
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  const known = new Set((await tx.db.selectFrom('municipalities').select('id').where('id', 'in', unique).execute()).map((m) => m.id));
  let others = tx.db.selectFrom('adequacy_areas').select(['id', 'municipality_ids']).where(sql<boolean>`municipality_ids && ${sql`${unique}::uuid[]`}`);
  if (exceptAreaId) others = others.where('id', '<>', exceptAreaId);
  const taken = new Set((await others.execute()).flatMap((a) => a.municipality_ids));
  const problems: FieldProblem[] = [];
  ids.forEach((id, i) => {
    if (!known.has(id)) problems.push({ path: `municipalityIds.${i}`, key: 'housing.unknown_municipality' });
    else if (taken.has(id)) problems.push({ path: `municipalityIds.${i}`, key: 'housing.municipality_in_other_area' });
  });
  if (problems.length) throw invalidInput(problems);
  return unique;
}

type TableValues = { validFrom: string; validUntil: string | null; limits: readonly AdequacyLimitRow[] };

/** A table as entered: its rows (each size once, from 1 without gaps), its validity, a start of its own within the area. */
async function checkTable(tx: Tx, areaId: string, t: TableValues, exceptTableId: string | null) {
  const problems: FieldProblem[] = [...checkLimitRows(t.limits)];
  if (t.validUntil !== null && t.validUntil < t.validFrom) problems.push({ path: 'validUntil', key: 'housing.until_before_from' });
  // Two tables starting on one day would leave it open which one is in force.
  let same = tx.db.selectFrom('adequacy_tables').select('id').where('area_id', '=', areaId).where('valid_from', '=', t.validFrom);
  if (exceptTableId) same = same.where('id', '<>', exceptTableId);
  if (await same.executeTakeFirst()) problems.push({ path: 'validFrom', key: 'housing.table_same_start' });
  if (problems.length) throw invalidInput(problems);
}

async function writeLimits(tx: Tx, tableId: string, limits: readonly AdequacyLimitRow[]) {
  await tx.db.deleteFrom('adequacy_limits').where('table_id', '=', tableId).execute();
  await tx.db
    .insertInto('adequacy_limits')
    .values(limits.map((l) => ({ table_id: tableId, household_size: l.householdSize, gross_cold_rent: l.grossColdRent, floor_area: l.floorArea })))
    .execute();
}

/** An optional amount as stored: absent or null is none. */
const amount = (n: number | null | undefined) => (n === undefined ? null : n);

function alsoNeeds(actor: Actor, permission: Permission) {
  if (!can(actor, permission)) throw forbidden();
}

// ---- routes ----------------------------------------------------------------------------------

export const adequacyRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/housing/adequacy',
    access: 'housing.read',
    summary: 'The comparison areas of the district with their municipalities and adequacy tables (latest first); canEdit: the caller maintains them',
    tags: TAGS,
    response: AdequacyAreaList,
    handler: (ctx) => inHousingTx(ctx, async (tx, actor) => ({ items: await loadAreas(tx), canEdit: actor.permissions.has('adequacy.manage') })),
  }),
  route({
    method: 'POST',
    url: '/api/v1/housing/adequacy/areas',
    access: 'adequacy.manage',
    summary: 'Add a comparison area (Vergleichsraum) with its municipalities; a municipality belongs to one area at most',
    tags: TAGS,
    body: AdequacyAreaInput,
    status: 201,
    response: AdequacyArea,
    handler: (ctx) =>
      inHousingTx(ctx, async (tx) => {
        const b = ctx.body;
        await assertAreaNameFree(tx, b.name, null);
        const municipalityIds = await checkedMunicipalities(tx, b.municipalityIds, null);
        const { id } = await tx.db.insertInto('adequacy_areas').values({ name: b.name, municipality_ids: municipalityIds }).returning('id').executeTakeFirstOrThrow();
        tx.audit({ action: 'housing.adequacy_area.create', entityType: 'adequacy_area', entityId: id, details: { municipalities: municipalityIds } });
        return areaAnswer(tx, id);
      }),
  }),
  route({
    method: 'PATCH',
    url: '/api/v1/housing/adequacy/areas/:id',
    access: 'adequacy.manage',
    summary: 'Rename a comparison area or change its municipalities (optimistic locking by version)',
    tags: TAGS,
    params: IdParams,
    body: AdequacyAreaPatch,
    response: AdequacyArea,
    handler: (ctx) =>
      inHousingTx(ctx, async (tx) => {
        const b = ctx.body;
        const a = ownForChange(await tx.db.selectFrom('adequacy_areas').selectAll().where('id', '=', ctx.params.id).executeTakeFirst(), b.version);
        if (b.name !== undefined) await assertAreaNameFree(tx, b.name, a.id);
        const municipalityIds = b.municipalityIds ? await checkedMunicipalities(tx, b.municipalityIds, a.id) : a.municipality_ids;
        await saveVersioned(tx, 'adequacy_areas', a.id, b.version, { name: b.name ?? a.name, municipality_ids: municipalityIds });
        tx.audit({ action: 'housing.adequacy_area.update', entityType: 'adequacy_area', entityId: a.id, details: { fields: changedFields(b), municipalities: municipalityIds } });
        return areaAnswer(tx, a.id);
      }),
  }),
  route({
    method: 'POST',
    url: '/api/v1/housing/adequacy/areas/:id/tables',
    access: 'adequacy.manage',
    summary:
      'Add an adequacy table to a comparison area: validity, source, a row per household size from 1 without gaps (gross cold rent, floor area), ' +
      'amounts per further person',
    tags: TAGS,
    params: IdParams,
    body: AdequacyTableInput,
    status: 201,
    response: AdequacyArea,
    handler: (ctx) =>
      inHousingTx(ctx, async (tx) => {
        const b = ctx.body;
        const area = ownForChange(await tx.db.selectFrom('adequacy_areas').select(['id', 'version']).where('id', '=', ctx.params.id).executeTakeFirst(), undefined);
        const validUntil = b.validUntil ?? null;
        await checkTable(tx, area.id, { validFrom: b.validFrom, validUntil, limits: b.limits }, null);
        const { id } = await tx.db
          .insertInto('adequacy_tables')
          .values({
            area_id: area.id,
            valid_from: b.validFrom,
            valid_until: validUntil,
            source: orNull(b.source),
            extra_person_rent: amount(b.extraPersonRent),
            extra_person_area: amount(b.extraPersonArea),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await writeLimits(tx, id, b.limits);
        tx.audit({ action: 'housing.adequacy_table.create', entityType: 'adequacy_area', entityId: area.id, details: { table: id, validFrom: b.validFrom, validUntil, rows: b.limits.length } });
        return areaAnswer(tx, area.id);
      }),
  }),
  route({
    method: 'PATCH',
    url: '/api/v1/housing/adequacy/tables/:id',
    access: 'adequacy.manage',
    summary: 'Change an adequacy table, e.g. end its validity when a new concept applies; limits, when sent, replace the rows (optimistic locking by version)',
    tags: TAGS,
    params: IdParams,
    body: AdequacyTablePatch,
    response: AdequacyArea,
    handler: (ctx) =>
      inHousingTx(ctx, async (tx) => {
        const b = ctx.body;
        const t = ownForChange(await tx.db.selectFrom('adequacy_tables').selectAll().where('id', '=', ctx.params.id).executeTakeFirst(), b.version);
        const [current] = await tablesOf(tx, [t.area_id]).then((all) => all.filter((x) => x.id === t.id));
        const values: TableValues = {
          validFrom: b.validFrom ?? current.validFrom,
          validUntil: b.validUntil !== undefined ? b.validUntil : current.validUntil,
          limits: b.limits ?? current.limits,
        };
        await checkTable(tx, t.area_id, values, t.id);
        await saveVersioned(tx, 'adequacy_tables', t.id, b.version, {
          valid_from: values.validFrom,
          valid_until: values.validUntil,
          source: patched(b.source, t.source),
          extra_person_rent: b.extraPersonRent !== undefined ? b.extraPersonRent : t.extra_person_rent,
          extra_person_area: b.extraPersonArea !== undefined ? b.extraPersonArea : t.extra_person_area,
        });
        if (b.limits) await writeLimits(tx, t.id, b.limits);
        tx.audit({ action: 'housing.adequacy_table.update', entityType: 'adequacy_area', entityId: t.area_id, details: { table: t.id, fields: changedFields(b), validUntil: values.validUntil } });
        return areaAnswer(tx, t.area_id);
      }),
  }),
  route({
    method: 'GET',
    url: '/api/v1/housing/adequacy/check',
    access: 'housing.read',
    summary:
      "Is a rent adequate? The limit for the household size in the municipality's comparison area on a day (default today), the excess, " +
      'and whether the floor area is above its limit (a note only: the rent decides)',
    tags: TAGS,
    query: AdequacyQuery,
    response: AdequacyCheck,
    handler: (ctx) =>
      inHousingTx(ctx, async (tx, _actor, now) => {
        const q = ctx.query;
        const municipality = await municipalityRef(tx, q.municipalityId);
        const table = await adequacyTableOn(tx, municipality.id, q.on ?? today(now));
        return checkAdequacy({ table, householdSize: q.householdSize, grossColdRent: q.grossColdRent ?? null, floorArea: q.floorArea ?? null });
      }),
  }),
  route({
    method: 'GET',
    url: '/api/v1/cases/:id/adequacy',
    access: 'cases.read',
    summary:
      "The adequacy check of the case's current tenancy today: the household's municipality, its size from the members, base rent plus service charges, " +
      'floor area (needs housing.read too)',
    tags: TAGS,
    params: IdParams,
    response: AdequacyCheck,
    handler: (ctx) =>
      inHousingTx(ctx, async (tx, actor, now) => {
        alsoNeeds(actor, 'housing.read');
        const day = today(now);
        const c = await loadCaseForActor(tx, actor, ctx.params.id);
        const t = await caseTenancy(tx, c.id, day);
        const table = t.municipalityId ? await adequacyTableOn(tx, t.municipalityId, day) : null;
        // A household of unknown size is checked as one person: the smallest limit, so an
        // "adequate" never rests on a guess in the household's favour.
        const check = checkAdequacy({ table, householdSize: t.householdSize ?? 1, grossColdRent: t.grossColdRent, floorArea: t.floorArea });
        tx.audit({ action: 'housing.adequacy.case', entityType: 'case', entityId: c.id, details: { verdict: check.verdict } });
        return check;
      }),
  }),
];
