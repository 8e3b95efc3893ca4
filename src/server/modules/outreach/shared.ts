import { sql } from 'kysely';
import type { Role } from '../../../contracts/roles.js';
import { permissionsFor } from '../../../domain/access/permissions.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Database } from '../../platform/db/connect.js';
import { unsafeInternalTx, type Tx } from '../../platform/db/tenant.js';
import { invalidInput } from '../../platform/http/errors.js';

export const day = (d: unknown) => (d === null || d === undefined ? null : String(d));
export const instant = (d: Date | string | null | undefined) => (d === null || d === undefined ? null : new Date(d).toISOString());

/** Display names of users of the actor's organisation, looked up once for a list of rows. */
export async function userNames(tx: Tx, ids: (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => Boolean(x)))];
  if (!wanted.length) return new Map();
  const rows = await tx.db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

export const userRef = (names: Map<string, string>, id: string | null | undefined) => (id ? { id, name: names.get(id) ?? '' } : null);

/**
 * Someone who may be given case work (a task, a home visit): an active account of the actor's own
 * organisation that reads cases. Anyone else — another organisation's staff included — is refused
 * exactly like an id that does not exist, naming the field.
 */
export async function assertCaseStaff(tx: Tx, actor: Actor, userId: string, path: string) {
  const u = await tx.db
    .selectFrom('users')
    .select(['id', 'roles', 'active'])
    .where('id', '=', userId.toLowerCase())
    .where('org_id', '=', actor.orgId)
    .executeTakeFirst();
  if (!u || !u.active || !permissionsFor(u.roles as Role[]).includes('cases.read')) throw invalidInput([{ path, key: 'invalid_uuid' }]);
  return u.id;
}

export type ReceiptStep = 'contact_made' | 'closed' | 'reopened';

/**
 * Moves the senders' receipts of a case's notices forward (partners see only this status, never
 * the case). The receipts belong to the senders, so this runs platform-internal, after the
 * caseworker's transaction has committed — as the assignment does for "in progress".
 */
export async function moveReceipts(db: Database, caseId: string, requestId: string, step: ReceiptStep, reached = false) {
  await unsafeInternalTx(db, requestId, async (tx) => {
    const ofCase = tx.db
      .updateTable('notice_receipts')
      .where('id', 'in', (eb) => eb.selectFrom('notices').select('receipt_id').where('case_id', '=', caseId));
    if (step === 'contact_made') {
      await ofCase.set({ status: 'contact_made', updated_at: sql`now()` }).where('status', 'in', ['received', 'in_progress']).execute();
    } else if (step === 'closed') {
      await ofCase.set({ status: 'closed', updated_at: sql`now()` }).where('status', '!=', 'closed').execute();
    } else {
      await ofCase.set({ status: reached ? 'contact_made' : 'in_progress', updated_at: sql`now()` }).where('status', '=', 'closed').execute();
    }
  });
}
