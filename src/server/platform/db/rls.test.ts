import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engineName } from '../../test/db.js';
import { createOrg, createUser, createLocation } from '../../test/factories.js';
import type { Database } from './connect.js';
import { inTenantTx } from './tenant.js';

const TENANT_TABLES = ['organisations', 'municipalities', 'locations', 'users', 'user_recovery_codes', 'sessions', 'audit_log'] as const;

describe(`row-level security (${engineName()})`, () => {
  let db: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ db, drop } = await createTestDatabase());
  });
  afterAll(() => drop());

  /** Runs as the application role but sets no tenant context at all. */
  const withoutContext = <T>(fn: (trx: any) => Promise<T>) =>
    db.kysely.transaction().execute(async (trx) => {
      await sql`set local role bleibe_app`.execute(trx);
      return fn(trx);
    });

  it('a query without tenant context sees no row of any table', async () => {
    const org = await createOrg(db);
    await createUser(db, org, ['caseworker']);
    await createLocation(db, org);
    for (const table of TENANT_TABLES) {
      const rows = await withoutContext(async (trx) => {
        await trx.executeQuery(sql`savepoint s`.compile(trx));
        try {
          return (await sql.raw(`select count(*)::int as n from ${table}`).execute(trx)).rows;
        } catch (err: any) {
          // No grant at all (credentials tables) is an even stronger "sees nothing".
          expect(err.code ?? err.message).toMatch(/42501|permission denied/);
          await trx.executeQuery(sql`rollback to savepoint s`.compile(trx));
          return [{ n: 0 }];
        }
      });
      expect(rows[0], table).toEqual({ n: 0 });
    }
  });

  it('a query without tenant context cannot write', async () => {
    const org = await createOrg(db);
    await expect(
      withoutContext((trx) => sql`insert into locations (org_id, name, street, house_number, postal_code, city) values (${org.id}, 'x', 'y', '1', '05101', 'z')`.execute(trx)),
    ).rejects.toThrow(/row-level security|policy/);
  });

  it('queries run as a role that is neither owner nor superuser', async () => {
    const org = await createOrg(db);
    const user = await createUser(db, org, ['caseworker']);
    const actor = { userId: user.id, orgId: org.id, globalAdmin: false, email: user.email, permissions: new Set() } as any;
    const who = await inTenantTx(db, actor, null, async (tx) =>
      (await sql<{ u: string; s: boolean }>`select current_user as u, (select rolsuper from pg_roles where rolname = current_user) as s`.execute(tx.db)).rows[0],
    );
    expect(who).toEqual({ u: 'bleibe_app', s: false });
  });

  it('an organisation sees only its own users and cannot change another organisation\'s location', async () => {
    const a = await createOrg(db);
    const b = await createOrg(db);
    const ua = await createUser(db, a, ['caseworker']);
    await createUser(db, b, ['caseworker']);
    const lb = await createLocation(db, b);
    const actor = { userId: ua.id, orgId: a.id, globalAdmin: false, email: ua.email, permissions: new Set() } as any;
    const seen = await inTenantTx(db, actor, null, (tx) => tx.db.selectFrom('users').select('org_id').execute());
    expect(new Set(seen.map((r) => r.org_id))).toEqual(new Set([a.id]));
    const changed = await inTenantTx(db, actor, null, (tx) =>
      tx.db.updateTable('locations').set({ name: 'gekapert' }).where('id', '=', lb.id).executeTakeFirst(),
    );
    expect(Number(changed.numUpdatedRows)).toBe(0);
  });

  it('the application role can neither read credentials nor change the audit log', async () => {
    const org = await createOrg(db);
    const user = await createUser(db, org, ['caseworker']);
    const actor = { userId: user.id, orgId: org.id, globalAdmin: false, email: user.email, permissions: new Set() } as any;
    await expect(inTenantTx(db, actor, null, (tx) => sql`select password_hash from users`.execute(tx.db))).rejects.toThrow(/permission denied/);
    await expect(inTenantTx(db, actor, null, (tx) => sql`select * from sessions`.execute(tx.db))).rejects.toThrow(/permission denied/);
    await inTenantTx(db, actor, null, async (tx) => tx.audit({ action: 'test.event' }));
    await expect(inTenantTx(db, actor, null, (tx) => sql`update audit_log set action = 'x'`.execute(tx.db))).rejects.toThrow(/permission denied/);
    await expect(inTenantTx(db, actor, null, (tx) => sql`delete from audit_log`.execute(tx.db))).rejects.toThrow(/permission denied/);
    // Even the owner cannot rewrite history: a trigger refuses it.
    await expect(sql`update audit_log set action = 'x'`.execute(db.kysely)).rejects.toThrow(/append-only/);
  });
});
