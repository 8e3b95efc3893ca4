import { sql } from 'kysely';
import { IdParams } from '../../../contracts/common.js';
import { Organisation, OrganisationInput, OrganisationList, OrganisationPatch } from '../../../contracts/admin.js';
import { inTenantTx } from '../../platform/db/tenant.js';
import { notFound } from '../../platform/http/errors.js';
import { failStaleOrMissing } from '../../platform/db/optimistic.js';
import { route, signedIn } from '../../platform/http/route.js';
import { presentOrganisation } from './presenters.js';

const COLUMNS = ['id', 'name', 'short_name', 'kind', 'email', 'phone', 'street', 'house_number', 'postal_code', 'city', 'active', 'version'] as const;

type Input = Partial<import('zod').output<typeof OrganisationInput>>;
function toRow(input: Input) {
  const out: Record<string, unknown> = {};
  if (input.name !== undefined) out.name = input.name;
  if (input.shortName !== undefined) out.short_name = input.shortName;
  if (input.kind !== undefined) out.kind = input.kind;
  if (input.email !== undefined) out.email = input.email;
  if (input.phone !== undefined) out.phone = input.phone;
  if (input.active !== undefined) out.active = input.active;
  if (input.address !== undefined) {
    out.street = input.address?.street ?? null;
    out.house_number = input.address?.houseNumber ?? null;
    out.postal_code = input.address?.postalCode ?? null;
    out.city = input.address?.city ?? null;
  }
  return out;
}

// Organisations are the district's directory: every signed-in user may read them; only system
// administrators change them (permission organisations.write, enforced again by RLS).
export const organisationRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/organisations',
    access: 'organisations.read',
    summary: 'List the organisations of the district',
    tags: ['admin'],
    response: OrganisationList,
    handler: (ctx) =>
      inTenantTx(ctx.services.db, signedIn(ctx), ctx.requestId, async (tx) => ({
        items: (await tx.db.selectFrom('organisations').select([...COLUMNS]).orderBy('name').execute()).map(presentOrganisation),
      })),
  }),
  route({
    method: 'GET',
    url: '/api/v1/organisations/:id',
    access: 'organisations.read',
    summary: 'One organisation',
    tags: ['admin'],
    params: IdParams,
    response: Organisation,
    handler: (ctx) =>
      inTenantTx(ctx.services.db, signedIn(ctx), ctx.requestId, async (tx) => {
        const row = await tx.db.selectFrom('organisations').select([...COLUMNS]).where('id', '=', ctx.params.id).executeTakeFirst();
        if (!row) throw notFound();
        return presentOrganisation(row);
      }),
  }),
  route({
    method: 'POST',
    url: '/api/v1/organisations',
    access: 'organisations.write',
    summary: 'Create an organisation',
    tags: ['admin'],
    body: OrganisationInput,
    status: 201,
    response: Organisation,
    handler: (ctx) =>
      inTenantTx(ctx.services.db, signedIn(ctx), ctx.requestId, async (tx) => {
        const row = await tx.db
          .insertInto('organisations')
          .values(toRow(ctx.body) as never)
          .returning([...COLUMNS])
          .executeTakeFirstOrThrow();
        tx.audit({ action: 'organisation.create', entityType: 'organisation', entityId: row.id });
        return presentOrganisation(row);
      }),
  }),
  route({
    method: 'PATCH',
    url: '/api/v1/organisations/:id',
    access: 'organisations.write',
    summary: 'Change an organisation (optimistic locking by version)',
    tags: ['admin'],
    params: IdParams,
    body: OrganisationPatch,
    response: Organisation,
    handler: (ctx) =>
      inTenantTx(ctx.services.db, signedIn(ctx), ctx.requestId, async (tx) => {
        const { version, ...patch } = ctx.body;
        const row = await tx.db
          .updateTable('organisations')
          .set({ ...toRow(patch), updated_at: sql`now()`, version: sql`version + 1` } as never)
          .where('id', '=', ctx.params.id)
          .where('version', '=', version)
          .returning([...COLUMNS])
          .executeTakeFirst();
        if (!row) return failStaleOrMissing(tx, 'organisations', ctx.params.id);
        tx.audit({ action: 'organisation.update', entityType: 'organisation', entityId: row.id, details: { fields: Object.keys(patch) } });
        return presentOrganisation(row);
      }),
  }),
];
