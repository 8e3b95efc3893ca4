import type { Tx } from './tenant.js';
import { notFound, versionConflict } from '../http/errors.js';

type Versioned = 'organisations' | 'municipalities' | 'locations' | 'users';

/**
 * Called when an update guarded by `where version = :version` changed nothing: either someone
 * else saved first (409) or the record is not visible to the actor (404).
 */
export async function failStaleOrMissing(tx: Tx, table: Versioned, id: string): Promise<never> {
  const exists = await tx.db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst();
  throw exists ? versionConflict() : notFound();
}
