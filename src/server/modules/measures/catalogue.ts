import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { IdParams } from '../../../contracts/common.js';
import { MeasureCatalogue, MeasureSettingsInput, MeasureType, MeasureTypeInput, MeasureTypePatch, type MeasureCategory } from '../../../contracts/measures.js';
import type { Actor } from '../../platform/auth/actor.js';
import { inTenantTx, type Tx } from '../../platform/db/tenant.js';
import { notFound, versionConflict } from '../../platform/http/errors.js';
import { route, signedIn } from '../../platform/http/route.js';
import { warningDaysOf } from './service.js';

// The measure catalogue of an organisation: the defaults of migration 009, renamed, reordered,
// switched off or extended by its administrators. Types are never deleted, so every recorded
// measure keeps its type.

const typesOf = (tx: Tx, actor: Actor) =>
  tx.db
    .selectFrom('measure_types')
    .select(['id', 'key', 'category', 'label', 'active', 'sort_order', 'version'])
    .where('org_id', '=', actor.orgId);

type TypeRow = Awaited<ReturnType<ReturnType<typeof typesOf>['execute']>>[number];

const present = (r: TypeRow): MeasureType => ({
  id: r.id,
  key: r.key,
  category: r.category as MeasureCategory,
  label: r.label,
  active: r.active,
  sortOrder: r.sort_order,
  version: r.version,
});

async function catalogue(tx: Tx, actor: Actor) {
  const items = await typesOf(tx, actor).orderBy('sort_order').orderBy('label').execute();
  const settings = await warningDaysOf(tx, actor.orgId);
  return { items: items.map(present), settings: { schonfristWarningDays: settings.days, version: settings.version } };
}

export const catalogueRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/measure-types',
    access: 'authenticated',
    summary: "The own organisation's measure catalogue and its Schonfrist warning margin (no personal data)",
    tags: ['measures'],
    response: MeasureCatalogue,
    handler: (ctx) => inTenantTx(ctx.services.db, signedIn(ctx), ctx.requestId, (tx) => catalogue(tx, signedIn(ctx))),
  }),
  route({
    method: 'POST',
    url: '/api/v1/measure-types',
    access: 'casework.configure',
    summary: 'Add a measure type to the own catalogue',
    tags: ['measures'],
    body: MeasureTypeInput,
    status: 201,
    response: MeasureType,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const row = await tx.db
          .insertInto('measure_types')
          .values({
            org_id: actor.orgId,
            key: `custom_${randomBytes(5).toString('hex')}`,
            category: ctx.body.category,
            label: ctx.body.label,
            sort_order: ctx.body.sortOrder,
            active: ctx.body.active,
          })
          .returning(['id', 'key', 'category', 'label', 'active', 'sort_order', 'version'])
          .executeTakeFirstOrThrow();
        tx.audit({ action: 'measure_type.create', entityType: 'measure_type', entityId: row.id, details: { category: row.category } });
        return present(row);
      });
    },
  }),
  route({
    method: 'PATCH',
    url: '/api/v1/measure-types/:id',
    access: 'casework.configure',
    summary: 'Rename, reorder or switch off a measure type of the own catalogue (optimistic locking by version)',
    tags: ['measures'],
    params: IdParams,
    body: MeasureTypePatch,
    response: MeasureType,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const current = await typesOf(tx, actor).where('id', '=', ctx.params.id).executeTakeFirst();
        if (!current) throw notFound();
        const { version, label, sortOrder, active } = ctx.body;
        const row = await tx.db
          .updateTable('measure_types')
          .set({
            ...(label !== undefined ? { label } : {}),
            ...(sortOrder !== undefined ? { sort_order: sortOrder } : {}),
            ...(active !== undefined ? { active } : {}),
            version: sql<number>`version + 1`,
            updated_at: sql<Date>`now()`,
          })
          .where('id', '=', current.id)
          .where('version', '=', version)
          .returning(['id', 'key', 'category', 'label', 'active', 'sort_order', 'version'])
          .executeTakeFirst();
        if (!row) throw versionConflict();
        tx.audit({ action: 'measure_type.update', entityType: 'measure_type', entityId: row.id, details: { fields: Object.keys(ctx.body).filter((k) => k !== 'version') } });
        return present(row);
      });
    },
  }),
  route({
    method: 'PUT',
    url: '/api/v1/measure-settings',
    access: 'casework.configure',
    summary: 'How many days before the Schonfrist end rent-debt applications warn (0–60; version 0 while the default applies)',
    tags: ['measures'],
    body: MeasureSettingsInput,
    response: MeasureCatalogue,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const { version, schonfristWarningDays } = ctx.body;
        const written =
          version === 0
            ? await tx.db
                .insertInto('measure_settings')
                .values({ org_id: actor.orgId, schonfrist_warning_days: schonfristWarningDays })
                .onConflict((oc) => oc.column('org_id').doNothing())
                .returning('org_id')
                .executeTakeFirst()
            : await tx.db
                .updateTable('measure_settings')
                .set({ schonfrist_warning_days: schonfristWarningDays, version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
                .where('org_id', '=', actor.orgId)
                .where('version', '=', version)
                .returning('org_id')
                .executeTakeFirst();
        if (!written) throw versionConflict();
        tx.audit({ action: 'measure_settings.update', entityType: 'organisation', entityId: actor.orgId, details: { schonfristWarningDays } });
        return catalogue(tx, actor);
      });
    },
  }),
];
