import { sql } from 'kysely';
import { ApiKey, ApiKeyCreate, ApiKeyCreated, ApiKeyList } from '../../../contracts/apikeys.js';
import { IdParams } from '../../../contracts/common.js';
import type { z } from 'zod';
import { sha256 } from '../../platform/auth/crypto.js';
import { inTenantTx } from '../../platform/db/tenant.js';
import { notFound } from '../../platform/http/errors.js';
import { route, signedIn } from '../../platform/http/route.js';
import { assertMayWriteFor } from '../admin/access.js';
import { keyPrefix, newApiKey } from './service.js';

const COLUMNS = ['id', 'org_id', 'name', 'prefix', 'created_at', 'last_used_at', 'revoked_at'] as const;
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const present = (r: { id: string; org_id: string; name: string; prefix: string; created_at: Date; last_used_at: Date | null; revoked_at: Date | null }): z.input<typeof ApiKey> => ({
  id: r.id,
  orgId: r.org_id,
  name: r.name,
  prefix: r.prefix,
  createdAt: new Date(r.created_at).toISOString(),
  lastUsedAt: iso(r.last_used_at),
  revokedAt: iso(r.revoked_at),
});

// API keys let a partner organisation's system submit notices (and nothing else).
export const apiKeyRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/api-keys',
    access: 'apikeys.manage',
    summary: 'API keys of the own organisation (system administrators: all), with last use',
    tags: ['intake'],
    response: ApiKeyList,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        let q = tx.db.selectFrom('api_keys').select([...COLUMNS]).orderBy('created_at', 'desc');
        if (!actor.globalAdmin) q = q.where('org_id', '=', actor.orgId);
        return { items: (await q.execute()).map(present) };
      });
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/api-keys',
    access: 'apikeys.manage',
    summary: 'Create an API key; the key is returned once and stored only as a hash',
    tags: ['intake'],
    body: ApiKeyCreate,
    status: 201,
    response: ApiKeyCreated,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      const orgId = ctx.body.orgId?.toLowerCase() ?? actor.orgId;
      assertMayWriteFor(actor, orgId);
      const key = newApiKey();
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const row = await tx.db
          .insertInto('api_keys')
          .values({ org_id: orgId, name: ctx.body.name, prefix: keyPrefix(key), key_hash: sha256(key), created_by: actor.userId })
          .returning([...COLUMNS])
          .executeTakeFirstOrThrow();
        tx.audit({ action: 'apikey.create', entityType: 'api_key', entityId: row.id });
        return { apiKey: present(row), key };
      });
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/api-keys/:id/revoke',
    access: 'apikeys.manage',
    summary: 'Revoke an API key: it stops working at once',
    tags: ['intake'],
    params: IdParams,
    response: ApiKey,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        let q = tx.db
          .updateTable('api_keys')
          .set({ revoked_at: sql`coalesce(revoked_at, now())` })
          .where('id', '=', ctx.params.id)
          .returning([...COLUMNS]);
        if (!actor.globalAdmin) q = q.where('org_id', '=', actor.orgId);
        const row = await q.executeTakeFirst();
        if (!row) throw notFound();
        tx.audit({ action: 'apikey.revoke', entityType: 'api_key', entityId: row.id });
        return present(row);
      });
    },
  }),
];
