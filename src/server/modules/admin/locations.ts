import { sql } from 'kysely';
import type { z } from 'zod';
import { IdParams } from '../../../contracts/common.js';
import { Location, LocationInput, LocationList, LocationListQuery, LocationPatch } from '../../../contracts/admin.js';
import { failStaleOrMissing } from '../../platform/db/optimistic.js';
import { inTenantTx, type Tx } from '../../platform/db/tenant.js';
import { invalidInput, notFound } from '../../platform/http/errors.js';
import { route, signedIn } from '../../platform/http/route.js';
import { assertMayWriteFor } from './access.js';
import { presentLocation } from './presenters.js';

const COLUMNS = [
  'l.id', 'l.org_id', 'o.name as org_name', 'l.name', 'l.street', 'l.house_number', 'l.postal_code', 'l.city',
  'l.phone', 'l.email', 'l.office_hours', 'l.municipality_ids', 'l.active', 'l.version',
] as const;

const select = (tx: Tx) => tx.db.selectFrom('locations as l').innerJoin('organisations as o', 'o.id', 'l.org_id').select([...COLUMNS]);

function toRow(input: Partial<z.output<typeof LocationInput>>) {
  const out: Record<string, unknown> = {};
  if (input.orgId !== undefined) out.org_id = input.orgId;
  if (input.name !== undefined) out.name = input.name;
  if (input.address !== undefined) {
    out.street = input.address.street;
    out.house_number = input.address.houseNumber;
    out.postal_code = input.address.postalCode;
    out.city = input.address.city;
  }
  if (input.phone !== undefined) out.phone = input.phone;
  if (input.email !== undefined) out.email = input.email;
  if (input.officeHours !== undefined) out.office_hours = JSON.stringify(input.officeHours);
  // UUIDs are case-insensitive: the same municipality in two spellings is stored once.
  if (input.municipalityIds !== undefined) out.municipality_ids = [...new Set(input.municipalityIds.map((id) => id.toLowerCase()))];
  if (input.active !== undefined) out.active = input.active;
  return out;
}

/** Every municipality a location claims to cover must exist. */
async function assertMunicipalitiesExist(tx: Tx, ids: string[] | undefined) {
  if (!ids?.length) return;
  const found = await tx.db.selectFrom('municipalities').select('id').where('id', 'in', ids).execute();
  const known = new Set(found.map((r) => r.id));
  // The database returns ids in lower case; the client may have sent them in upper case.
  const missing = ids.map((id, i) => ({ id, i })).filter((x) => !known.has(x.id.toLowerCase()));
  if (missing.length) throw invalidInput(missing.map((m) => ({ path: `municipalityIds.${m.i}`, key: 'invalid_uuid' })));
}

// Locations (Beratungsstellen): offices with address, office hours and the municipalities they serve.
export const locationRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/locations',
    access: 'locations.read',
    summary: 'List counselling locations, optionally of one organisation',
    tags: ['admin'],
    query: LocationListQuery,
    response: LocationList,
    handler: (ctx) =>
      inTenantTx(ctx.services.db, signedIn(ctx), ctx.requestId, async (tx) => {
        let q = select(tx).orderBy('o.name').orderBy('l.name');
        if (ctx.query.orgId) q = q.where('l.org_id', '=', ctx.query.orgId);
        return { items: (await q.execute()).map(presentLocation) };
      }),
  }),
  route({
    method: 'GET',
    url: '/api/v1/locations/:id',
    access: 'locations.read',
    summary: 'One counselling location',
    tags: ['admin'],
    params: IdParams,
    response: Location,
    handler: (ctx) =>
      inTenantTx(ctx.services.db, signedIn(ctx), ctx.requestId, async (tx) => {
        const row = await select(tx).where('l.id', '=', ctx.params.id).executeTakeFirst();
        if (!row) throw notFound();
        return presentLocation(row);
      }),
  }),
  route({
    method: 'POST',
    url: '/api/v1/locations',
    access: 'locations.write',
    summary: 'Create a counselling location for the own organisation',
    tags: ['admin'],
    body: LocationInput,
    status: 201,
    response: Location,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      assertMayWriteFor(actor, ctx.body.orgId);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        await assertMunicipalitiesExist(tx, ctx.body.municipalityIds);
        const { id } = await tx.db.insertInto('locations').values(toRow(ctx.body) as never).returning('id').executeTakeFirstOrThrow();
        tx.audit({ action: 'location.create', entityType: 'location', entityId: id });
        return presentLocation((await select(tx).where('l.id', '=', id).executeTakeFirst())!);
      });
    },
  }),
  route({
    method: 'PATCH',
    url: '/api/v1/locations/:id',
    access: 'locations.write',
    summary: 'Change a counselling location (optimistic locking by version)',
    tags: ['admin'],
    params: IdParams,
    body: LocationPatch,
    response: Location,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const current = await select(tx).where('l.id', '=', ctx.params.id).executeTakeFirst();
        if (!current) throw notFound();
        assertMayWriteFor(actor, current.org_id);
        const { version, ...patch } = ctx.body;
        await assertMunicipalitiesExist(tx, patch.municipalityIds);
        const updated = await tx.db
          .updateTable('locations')
          .set({ ...toRow(patch), updated_at: sql`now()`, version: sql`version + 1` } as never)
          .where('id', '=', ctx.params.id)
          .where('version', '=', version)
          .returning('id')
          .executeTakeFirst();
        if (!updated) return failStaleOrMissing(tx, 'locations', ctx.params.id);
        tx.audit({ action: 'location.update', entityType: 'location', entityId: ctx.params.id, details: { fields: Object.keys(patch) } });
        return presentLocation((await select(tx).where('l.id', '=', ctx.params.id).executeTakeFirst())!);
      });
    },
  }),
];
