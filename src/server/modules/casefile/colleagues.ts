import type { Actor } from '../../platform/auth/actor.js';
import type { Tx } from '../../platform/db/tenant.js';
import { invalidInput } from '../../platform/http/errors.js';

/** An active caseworker or team lead of the actor's organisation, or a 422 naming the field. */
export async function colleague(tx: Tx, actor: Actor, userId: string, path: string) {
  const user = await tx.db
    .selectFrom('users')
    .select(['id', 'display_name', 'roles', 'active'])
    .where('id', '=', userId.toLowerCase())
    .where('org_id', '=', actor.orgId)
    .executeTakeFirst();
  if (!user || !user.active || !user.roles.some((r) => r === 'caseworker' || r === 'team_lead')) {
    throw invalidInput([{ path, key: 'casefile.not_a_colleague' }]);
  }
  return user;
}
