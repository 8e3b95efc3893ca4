import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './connect.js';
import type { DB } from './schema.js';
import type { Actor } from '../auth/actor.js';

export interface AuditEvent {
  action: string;
  entityType?: string;
  entityId?: string;
  details?: Record<string, unknown>;
  /** Overrides the transaction's actor, e.g. the account a login attempt was for. */
  actor?: AuditActor;
}

export interface Tx {
  db: Transaction<DB>;
  /** Queues an audit entry; it is written in the same transaction, just before commit. */
  audit(event: AuditEvent): void;
}

export interface AuditActor {
  orgId: string | null;
  userId: string | null;
  label: string | null;
}

async function writeAudit(trx: Kysely<DB>, who: AuditActor, requestId: string | null, events: AuditEvent[]) {
  for (const e of events) {
    const a = e.actor ?? who;
    await sql`select audit_append(${a.orgId}::uuid, ${a.userId}::uuid, ${a.label}, ${e.action},
      ${e.entityType ?? null}, ${e.entityId ?? null}, ${requestId}, ${e.details ? JSON.stringify(e.details) : null}::jsonb)`.execute(
      trx,
    );
  }
}

async function run<T>(
  db: Database,
  setup: (trx: Transaction<DB>) => Promise<void>,
  who: AuditActor,
  requestId: string | null,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  return db.kysely.transaction().execute(async (trx) => {
    await setup(trx);
    const events: AuditEvent[] = [];
    const result = await fn({ db: trx, audit: (e) => events.push(e) });
    // Written last: the chain head's row lock is then held only for the end of the transaction.
    await writeAudit(trx, who, requestId, events);
    return result;
  });
}

/**
 * Runs `fn` in one transaction as the non-owner role `bleibe_app`, with the actor's
 * organisation as the row-level-security context. Everything a signed-in user does goes here.
 */
export function inTenantTx<T>(db: Database, actor: Actor, requestId: string | null, fn: (tx: Tx) => Promise<T>) {
  return run(
    db,
    async (trx) => {
      // One round trip: the context settings and the role switch (set_config('role', …, true) is
      // SET LOCAL ROLE). All of it ends with the transaction. app.sensitive opens the special
      // categories of data (case_sensitive) to those allowed to see them, and to no one else.
      await sql`select set_config('app.org_id', ${actor.orgId}, true), set_config('app.user_id', ${actor.userId}, true),
        set_config('app.global_admin', ${actor.globalAdmin ? 'on' : 'off'}, true),
        set_config('app.sensitive', ${actor.permissions.has('cases.sensitive') ? 'on' : 'off'}, true),
        set_config('role', 'bleibe_app', true)`.execute(trx);
    },
    { orgId: actor.orgId, userId: actor.userId, label: actor.email },
    requestId,
    fn,
  );
}

/**
 * UNSAFE: runs as the owner with the `app.internal` flag, which row-level security lets see
 * every organisation. Only for what happens before a tenant is known or across all of them:
 * login and session lookup, the audit-chain check, start-up seeding, scheduled jobs.
 */
export function unsafeInternalTx<T>(
  db: Database,
  requestId: string | null,
  fn: (tx: Tx) => Promise<T>,
  who: AuditActor = { orgId: null, userId: null, label: 'system' },
) {
  return run(
    db,
    async (trx) => {
      await sql`select set_config('app.internal', 'on', true)`.execute(trx);
    },
    who,
    requestId,
    fn,
  );
}
