import type { SelectQueryBuilder } from 'kysely';
import type { Actor } from '../../platform/auth/actor.js';
import type { DB } from '../../platform/db/schema.js';
import { notFound } from '../../platform/http/errors.js';

/**
 * One access rule per resource, applied in code on top of row-level security. A record outside
 * the actor's reach is reported as "not found", never as "forbidden", so its existence stays hidden.
 */

/** Users: a system administrator sees the whole district, everyone else their own organisation. */
export function scopeUsers<O>(q: SelectQueryBuilder<DB, 'users' | 'organisations', O>, actor: Actor) {
  return actor.globalAdmin ? q : q.where('users.org_id', '=', actor.orgId);
}

/** Locations are public within the district; changing one is for its own organisation. */
export function assertMayWriteFor(actor: Actor, orgId: string) {
  if (!actor.globalAdmin && orgId !== actor.orgId) throw notFound();
}
