import type { Actor } from '../../platform/auth/actor.js';
import type { Tx } from '../../platform/db/tenant.js';
import { notFound } from '../../platform/http/errors.js';

/**
 * The one access rule for a case: it belongs to the actor's organisation (row-level security
 * enforces the same). Shares with other organisations by consent come with the network module.
 * Anything else is "not found".
 */
export async function loadCaseForActor(tx: Tx, actor: Actor, caseId: string) {
  const row = await tx.db
    .selectFrom('cases')
    .select(['id', 'org_id', 'version', 'status', 'assigned_user_id'])
    .where('id', '=', caseId)
    .where('org_id', '=', actor.orgId)
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}
