import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditPage } from '../../../contracts/audit.js';
import { ErrorBody } from '../../../contracts/common.js';
import type { OrganisationKind, Role } from '../../../contracts/roles.js';
import { newTotpSecret, totpCodeAt } from '../../platform/auth/totp.js';
import { openEmbedded, type Database } from '../../platform/db/connect.js';
import { migrate } from '../../platform/db/migrate.js';
import { unsafeInternalTx } from '../../platform/db/tenant.js';
import { clientFor, createTestApp, sessionCookieOf, type Client, type TestApp } from '../../test/app.js';
import { engineName } from '../../test/db.js';
import { createLocation, createOrg, createUser, type TestOrg, type TestUser } from '../../test/factories.js';
import { verifyAuditChain } from './verify.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

// ---- helpers -----------------------------------------------------------------

async function signIn(user: TestUser & { secret: string }): Promise<Client> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password: user.password } });
  expect(res.statusCode, res.body).toBe(200);
  const client = clientFor(t.app, sessionCookieOf(res), res.json().session.csrfToken);
  if (res.json().session.stage === 'totp') {
    t.clock.advance(30_000); // a code is accepted once: never reuse a step
    const done = await client.post('/api/v1/auth/totp', { code: await totpCodeAt(user.secret, t.clock.now()) });
    expect(done.json().session?.stage, done.body).toBe('active');
  }
  return client;
}

async function member(org: TestOrg, roles: Role[]) {
  const secret = newTotpSecret();
  const user = { ...(await createUser(t.db, org, roles, { totpSecret: secret })), secret };
  return { user, client: await signIn(user) };
}

async function orgWith(roles: Role[], kind: OrganisationKind = 'provider') {
  const org = await createOrg(t.db, kind);
  return { org, ...(await member(org, roles)) };
}

function expectError(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(ErrorBody.parse(res.json()).error.code).toBe(code);
}

async function search(client: Client, query: Record<string, string | number>) {
  const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
  const res = await client.get(`/api/v1/audit${qs ? `?${qs}` : ''}`);
  expect(res.statusCode, res.body).toBe(200);
  return AuditPage.parse(res.json());
}

/** Owner-only SQL in one transaction (the test database's user owns the schema). */
const asOwner = (fn: (trx: any) => Promise<unknown>) => t.db.kysely.transaction().execute(fn);

/** Rewrites history the way only someone with owner rights could: around the append-only trigger. */
function bypassingTrigger(statement: ReturnType<typeof sql>) {
  return asOwner(async (trx) => {
    await sql`alter table audit_log disable trigger audit_log_append_only`.execute(trx);
    await statement.execute(trx);
    await sql`alter table audit_log enable trigger audit_log_append_only`.execute(trx);
  });
}

/** Removes entries, runs `check`, and always puts them back (byte for byte, from a copy in SQL). */
async function withEntriesRemoved(ids: number[], check: () => Promise<void>) {
  await asOwner(async (trx) => {
    await sql`create table audit_tamper_copy as select * from audit_log where id = any(${ids}::bigint[])`.execute(trx);
  });
  try {
    await bypassingTrigger(sql`delete from audit_log where id = any(${ids}::bigint[])`);
    await check();
  } finally {
    await asOwner(async (trx) => {
      await sql`insert into audit_log select * from audit_tamper_copy`.execute(trx);
      await sql`drop table audit_tamper_copy`.execute(trx);
    });
  }
}

const entryCount = async () =>
  Number((await unsafeInternalTx(t.db, null, (tx) => sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(tx.db))).rows[0].n);

/** A small history in one organisation: sign-ins, a location created and changed, accounts read. */
async function someHistory() {
  const admin = await orgWith(['org_admin']);
  const loc = (await admin.client.post('/api/v1/locations', {
    orgId: admin.org.id,
    name: 'Beratungsstelle',
    address: { street: 'Am Markt', houseNumber: '3', postalCode: '05120', city: 'Lindenau' },
  })).json();
  for (const name of ['Zwei', 'Drei', 'Vier']) {
    const current = (await admin.client.get(`/api/v1/locations/${loc.id}`)).json();
    expect((await admin.client.patch(`/api/v1/locations/${loc.id}`, { name, version: current.version })).statusCode).toBe(200);
  }
  const colleague = await member(admin.org, ['caseworker']);
  expect((await admin.client.get(`/api/v1/users/${colleague.user.id}`)).statusCode).toBe(200);
  expect((await admin.client.get('/api/v1/users')).statusCode).toBe(200);
  return { ...admin, locationId: loc.id as string, colleague };
}

async function idsOf(where: { action?: string; entityId?: string }) {
  const rows = await unsafeInternalTx(t.db, null, (tx) => {
    let q = tx.db.selectFrom('audit_log').select('id').orderBy('id');
    if (where.action) q = q.where('action', '=', where.action);
    if (where.entityId) q = q.where('entity_id', '=', where.entityId);
    return q.execute();
  });
  return rows.map((r) => Number(r.id));
}

const addDays = (isoDate: string, days: number) => new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe(`audit log (${engineName()})`, () => {
  describe('hash chain', () => {
    it('is intact after a series of actions, and every entry is checked', async () => {
      await someHistory();
      const result = await verifyAuditChain(t.db);
      expect(result).toEqual({ ok: true, checked: await entryCount(), firstBrokenId: null });
      expect(result.checked).toBeGreaterThanOrEqual(10);
    });

    it('detects a changed entry and names it', async () => {
      const { locationId } = await someHistory();
      const sys = await orgWith(['system_admin'], 'district_office');
      const [created] = await idsOf({ action: 'location.create', entityId: locationId });
      const before = created - 1;
      const original = (await unsafeInternalTx(t.db, null, (tx) => tx.db.selectFrom('audit_log').select('action').where('id', '=', created).executeTakeFirstOrThrow())).action;
      expect(original).toBe('location.create');

      // The trigger stops even the owner…
      await expect(sql`update audit_log set action = 'location.delete' where id = ${created}`.execute(t.db.kysely)).rejects.toThrow(/append-only/);
      // …unless the owner switches it off first.
      await bypassingTrigger(sql`update audit_log set action = 'location.delete' where id = ${created}`);
      try {
        const broken = await verifyAuditChain(t.db);
        expect(broken).toEqual({ ok: false, checked: (await idsOf({})).filter((id) => id <= before).length, firstBrokenId: created });
        // The API reports the same to a system administrator.
        const res = await sys.client.post('/api/v1/audit/verify');
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json()).toMatchObject({ ok: false, firstBrokenId: created });
      } finally {
        await bypassingTrigger(sql`update audit_log set action = ${original} where id = ${created}`);
      }
      expect((await verifyAuditChain(t.db)).ok).toBe(true);
    });

    it('detects a changed detail and a changed timestamp', async () => {
      const { locationId } = await someHistory();
      const [update] = await idsOf({ action: 'location.update', entityId: locationId });
      for (const [column, change, undo] of [
        ['details', sql`update audit_log set details = '{"fields":["email"]}' where id = ${update}`, sql`update audit_log set details = '{"fields":["name"]}' where id = ${update}`],
        ['at', sql`update audit_log set at = at - interval '1 hour' where id = ${update}`, sql`update audit_log set at = at + interval '1 hour' where id = ${update}`],
      ] as const) {
        await bypassingTrigger(change);
        try {
          expect(await verifyAuditChain(t.db), column).toMatchObject({ ok: false, firstBrokenId: update });
        } finally {
          await bypassingTrigger(undo);
        }
        expect((await verifyAuditChain(t.db)).ok, column).toBe(true);
      }
    });

    it('detects an entry deleted from the middle at the entry after the gap', async () => {
      const { locationId } = await someHistory();
      const updates = await idsOf({ action: 'location.update', entityId: locationId });
      const victim = updates[1];
      const all = await idsOf({});
      const next = all[all.indexOf(victim) + 1];
      await withEntriesRemoved([victim], async () => {
        expect(await verifyAuditChain(t.db)).toEqual({ ok: false, checked: all.indexOf(victim), firstBrokenId: next });
      });
      expect(await verifyAuditChain(t.db)).toEqual({ ok: true, checked: all.length, firstBrokenId: null });
    });

    it('detects entries cut off the end (no entry to name)', async () => {
      await someHistory();
      const all = await idsOf({});
      for (const cut of [1, 3]) {
        const removed = all.slice(-cut);
        await withEntriesRemoved(removed, async () => {
          expect(await verifyAuditChain(t.db), `${cut} removed`).toEqual({ ok: false, checked: all.length - cut, firstBrokenId: null });
        });
      }
      expect(await verifyAuditChain(t.db)).toEqual({ ok: true, checked: all.length, firstBrokenId: null });
    });
  });

  describe('GET /api/v1/audit', () => {
    it('filters by user: entries by the account and about it', async () => {
      const { client, colleague, user } = await someHistory();
      const page = await search(client, { userId: colleague.user.id });
      expect(page.items.length).toBeGreaterThan(0);
      for (const e of page.items) {
        expect(e.actorUserId === colleague.user.id || (e.entityType === 'user' && e.entityId === colleague.user.id), JSON.stringify(e)).toBe(true);
      }
      const actions = page.items.map((e) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['auth.login_password_ok', 'auth.login', 'user.read']));
      const read = page.items.find((e) => e.action === 'user.read')!;
      expect(read).toMatchObject({ actorUserId: user.id, actorLabel: user.email, entityType: 'user', entityId: colleague.user.id });
      expect(Number.isNaN(Date.parse(read.at))).toBe(false);
      expect(read.requestId).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('filters by entity and by action prefix, newest first', async () => {
      const { client, locationId, org } = await someHistory();
      const byEntity = await search(client, { entityType: 'location', entityId: locationId });
      expect(byEntity.items.map((e) => e.action)).toEqual(['location.update', 'location.update', 'location.update', 'location.create']);
      const ids = byEntity.items.map((e) => e.id);
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      expect(byEntity.nextBeforeId).toBeNull();

      const byAction = await search(client, { action: 'location.' });
      expect(byAction.items.map((e) => e.id)).toEqual(ids);
      expect(byAction.items.every((e) => e.orgId === org.id)).toBe(true);
      expect((await search(client, { action: 'location.create' })).items.map((e) => e.id)).toEqual([ids[3]]);
      expect((await search(client, { entityType: 'user', entityId: locationId })).items).toEqual([]);
      // Wildcards in the prefix are taken literally.
      expect((await search(client, { action: 'location_' })).items).toEqual([]);
      expect((await search(client, { action: '%' })).items).toEqual([]);
    });

    it('filters by date range (UTC days, both ends inclusive)', async () => {
      const { client, locationId } = await someHistory();
      const entries = (await search(client, { entityId: locationId })).items;
      // Entries carry the database's own time; the range is built around it, not the wall clock.
      const first = entries[entries.length - 1].at.slice(0, 10);
      const last = entries[0].at.slice(0, 10);
      const within = await search(client, { entityId: locationId, from: first, to: last });
      expect(within.items.map((e) => e.id)).toEqual(entries.map((e) => e.id));
      expect((await search(client, { entityId: locationId, to: addDays(first, -1) })).items).toEqual([]);
      expect((await search(client, { entityId: locationId, from: addDays(last, 1) })).items).toEqual([]);
      expect((await search(client, { entityId: locationId, from: addDays(first, -3), to: addDays(last, 3) })).items).toHaveLength(entries.length);
    });

    it('pages with beforeId until nextBeforeId is null, without gaps or repeats', async () => {
      const { client, locationId } = await someHistory();
      const all = (await search(client, { entityId: locationId })).items.map((e) => e.id);
      expect(all).toHaveLength(4);
      for (const limit of [1, 2, 3, 4]) {
        const seen: number[] = [];
        let beforeId: number | null = null;
        let pages = 0;
        do {
          const page = await search(client, { entityId: locationId, limit, ...(beforeId ? { beforeId } : {}) });
          expect(page.items.length).toBeLessThanOrEqual(limit);
          seen.push(...page.items.map((e) => e.id));
          beforeId = page.nextBeforeId;
          pages++;
        } while (beforeId !== null && pages < 10);
        expect(seen, `limit ${limit}`).toEqual(all);
        expect(pages, `limit ${limit}`).toBe(Math.ceil(all.length / limit));
      }
    });

    it('shows an organisation administrator only the own organisation, a system administrator everything', async () => {
      const a = await someHistory();
      const b = await orgWith(['org_admin']);
      const locB = await createLocation(t.db, b.org);
      expect((await b.client.patch(`/api/v1/locations/${locB.id}`, { name: 'B neu', version: 1 })).statusCode).toBe(200);

      const seenByA = await search(a.client, { limit: 500 });
      expect(seenByA.items.length).toBeGreaterThan(0);
      expect(seenByA.items.every((e) => e.orgId === a.org.id)).toBe(true);
      expect((await search(a.client, { entityId: locB.id })).items).toEqual([]);
      expect((await search(a.client, { userId: b.user.id })).items).toEqual([]);
      expect((await search(b.client, { entityId: a.locationId })).items).toEqual([]);

      const sys = await orgWith(['system_admin'], 'district_office');
      expect((await search(sys.client, { entityId: a.locationId })).items).toHaveLength(4);
      expect((await search(sys.client, { entityId: locB.id })).items.map((e) => e.orgId)).toEqual([b.org.id]);
      const orgs = new Set((await search(sys.client, { action: 'location.', limit: 500 })).items.map((e) => e.orgId));
      expect(orgs).toContain(a.org.id);
      expect(orgs).toContain(b.org.id);
      // Failed logins for unknown addresses belong to no organisation: only the district sees them.
      await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'niemand@test.invalid', password: 'Irgendwas-123' } });
      const unknown = (await search(sys.client, { action: 'auth.login_failed', limit: 500 })).items.filter((e) => e.orgId === null);
      expect(unknown.length).toBeGreaterThan(0);
    });

    it('records every search, with its filters', async () => {
      const { client, user, locationId } = await someHistory();
      await search(client, { entityType: 'location', entityId: locationId, limit: 7 });
      const rows = await unsafeInternalTx(t.db, null, (tx) =>
        tx.db.selectFrom('audit_log').select(['details']).where('action', '=', 'audit.search').where('actor_user_id', '=', user.id).execute(),
      );
      expect(rows.map((r) => r.details)).toEqual([{ filters: { entityType: 'location', entityId: locationId, limit: 7 } }]);
    });

    it('refuses caseworkers (403) and invalid filters (400 naming the field)', async () => {
      const worker = await orgWith(['caseworker']);
      expectError(await worker.client.get('/api/v1/audit'), 403, 'forbidden');
      const admin = await orgWith(['org_admin']);
      for (const [query, field] of [
        ['from=2026-13-01', 'from'],
        ['to=gestern', 'to'],
        ['limit=0', 'limit'],
        ['limit=501', 'limit'],
        ['beforeId=-1', 'beforeId'],
        ['userId=123', 'userId'],
      ]) {
        const res = await admin.client.get(`/api/v1/audit?${query}`);
        expectError(res, 400, 'validation_failed');
        expect(res.json().error.fields.map((f: { path: string }) => f.path), query).toEqual([field]);
      }
    });
  });

  describe('POST /api/v1/audit/verify', () => {
    it('is for system administrators only, and is itself recorded', async () => {
      const sys = await orgWith(['system_admin'], 'district_office');
      const res = await sys.client.post('/api/v1/audit/verify');
      expect(res.statusCode, res.body).toBe(200);
      const result = res.json();
      expect(result).toMatchObject({ ok: true, firstBrokenId: null });
      expect(result.checked).toBeGreaterThan(0);
      const recorded = await unsafeInternalTx(t.db, null, (tx) =>
        tx.db.selectFrom('audit_log').select(['details']).where('action', '=', 'audit.verify').where('actor_user_id', '=', sys.user.id).execute(),
      );
      expect(recorded.map((r) => r.details)).toEqual([result]);

      for (const roles of [['org_admin'], ['caseworker'], ['team_lead', 'finance']] as Role[][]) {
        const other = await orgWith(roles);
        expectError(await other.client.post('/api/v1/audit/verify'), 403, 'forbidden');
      }
    });
  });

  // The CLI opens the configured database itself: that is the embedded one in a data directory.
  describe.skipIf(Boolean(process.env.DATABASE_URL))('npm run audit:verify (embedded)', () => {
    async function dataDirWithHistory(tamper: boolean) {
      const dir = await mkdtemp(join(tmpdir(), 'bleibe-audit-cli-'));
      const db: Database = await openEmbedded(dir);
      try {
        await migrate(db);
        for (const action of ['test.one', 'test.two', 'test.three']) await unsafeInternalTx(db, null, async (tx) => tx.audit({ action }));
        if (tamper) {
          await db.kysely.transaction().execute(async (trx) => {
            await sql`alter table audit_log disable trigger audit_log_append_only`.execute(trx);
            await sql`update audit_log set action = 'test.zwei' where action = 'test.two'`.execute(trx);
            await sql`alter table audit_log enable trigger audit_log_append_only`.execute(trx);
          });
        }
      } finally {
        await db.close();
      }
      return dir;
    }

    function runCli(dataDir: string) {
      const env: NodeJS.ProcessEnv = { ...process.env, BLEIBE_DATA_DIR: dataDir, NODE_ENV: 'test' };
      delete env.DATABASE_URL;
      return new Promise<{ code: number | null; out: string }>((resolve, reject) => {
        const child = spawn('npx', ['tsx', 'src/server/cli/audit-verify.ts'], { env, cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (out += d));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, out }));
      });
    }

    it('exits 0 and reports an intact chain', async () => {
      const dir = await dataDirWithHistory(false);
      try {
        const { code, out } = await runCli(dir);
        expect(out).toMatch(/intact/);
        expect(out).toContain('3 entries checked');
        expect(code, out).toBe(0);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it('exits 1 and names the broken entry', async () => {
      const dir = await dataDirWithHistory(true);
      try {
        const { code, out } = await runCli(dir);
        expect(out).toMatch(/BROKEN after 1 intact entries at entry 2\b/);
        expect(code, out).toBe(1);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  });
});
