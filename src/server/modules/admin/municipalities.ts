import { sql } from 'kysely';
import type { z } from 'zod';
import { IdParams } from '../../../contracts/common.js';
import { Municipality, MunicipalityInput, MunicipalityList, MunicipalityPatch } from '../../../contracts/admin.js';
import { failStaleOrMissing } from '../../platform/db/optimistic.js';
import { inTenantTx } from '../../platform/db/tenant.js';
import { notFound } from '../../platform/http/errors.js';
import { route, signedIn } from '../../platform/http/route.js';
import { presentMunicipality } from './presenters.js';

const COLUMNS = ['id', 'name', 'ags', 'postal_codes', 'version'] as const;

function toRow(input: Partial<z.output<typeof MunicipalityInput>>) {
  return {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.ags !== undefined ? { ags: input.ags } : {}),
    ...(input.postalCodes !== undefined ? { postal_codes: [...new Set(input.postalCodes)].sort() } : {}),
  };
}

// Municipalities (name, AGS, postal codes) are the district's reference data for routing.
export const municipalityRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/municipalities',
    access: 'municipalities.read',
    summary: 'List the municipalities of the district',
    tags: ['admin'],
    response: MunicipalityList,
    handler: (ctx) =>
      inTenantTx(ctx.services.db, signedIn(ctx), ctx.requestId, async (tx) => ({
        items: (await tx.db.selectFrom('municipalities').select([...COLUMNS]).orderBy('name').execute()).map(presentMunicipality),
      })),
  }),
  route({
    method: 'GET',
    url: '/api/v1/municipalities/:id',
    access: 'municipalities.read',
    summary: 'One municipality',
    tags: ['admin'],
    params: IdParams,
    response: Municipality,
    handler: (ctx) =>
      inTenantTx(ctx.services.db, signedIn(ctx), ctx.requestId, async (tx) => {
        const row = await tx.db.selectFrom('municipalities').select([...COLUMNS]).where('id', '=', ctx.params.id).executeTakeFirst();
        if (!row) throw notFound();
        return presentMunicipality(row);
      }),
  }),
  route({
    method: 'POST',
    url: '/api/v1/municipalities',
    access: 'municipalities.write',
    summary: 'Create a municipality',
    tags: ['admin'],
    body: MunicipalityInput,
    status: 201,
    response: Municipality,
    handler: (ctx) =>
      inTenantTx(ctx.services.db, signedIn(ctx), ctx.requestId, async (tx) => {
        const row = await tx.db
          .insertInto('municipalities')
          .values(toRow(ctx.body) as never)
          .returning([...COLUMNS])
          .executeTakeFirstOrThrow();
        tx.audit({ action: 'municipality.create', entityType: 'municipality', entityId: row.id });
        return presentMunicipality(row);
      }),
  }),
  route({
    method: 'PATCH',
    url: '/api/v1/municipalities/:id',
    access: 'municipalities.write',
    summary: 'Change a municipality (optimistic locking by version)',
    tags: ['admin'],
    params: IdParams,
    body: MunicipalityPatch,
    response: Municipality,
    handler: (ctx) =>
      inTenantTx(ctx.services.db, signedIn(ctx), ctx.requestId, async (tx) => {
        const { version, ...patch } = ctx.body;
        const row = await tx.db
          .updateTable('municipalities')
          .set({ ...toRow(patch), updated_at: sql`now()`, version: sql`version + 1` } as never)
          .where('id', '=', ctx.params.id)
          .where('version', '=', version)
          .returning([...COLUMNS])
          .executeTakeFirst();
        if (!row) return failStaleOrMissing(tx, 'municipalities', ctx.params.id);
        tx.audit({ action: 'municipality.update', entityType: 'municipality', entityId: row.id, details: { fields: Object.keys(patch) } });
        return presentMunicipality(row);
      }),
  }),
];
