import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessLog, AccessLogActor, AccessLogOrganisation } from '../../../contracts/accesslog.js';
import { unsafeInternalTx } from '../../platform/db/tenant.js';
import { clientFor, createTestApp, uniqueSuffix, type Client, type TestApp } from '../../test/app.js';
import { engineName } from '../../test/db.js';
import { createUser } from '../../test/factories.js';
import { mintSession } from '../../test/sessions.js';
import { seedDemo } from '../demo/seed.js';

let t: TestApp;
const orgs = { fachstelle: '', traegerA: '', traegerB: '', court: '' };
const users = { fkA: '', tlA: '', fkB: '' };
let fkA: Client;
let tlA: Client;
let fkB: Client;
let wd: Client;
let tlB: Client;
let adminA: Client;

/** A fresh session of a demo account. */
async function sessionOf(email: string) {
  const u = await unsafeInternalTx(t.db, null, (tx) => tx.db.selectFrom('users').select(['id', 'org_id as orgId']).where('email', '=', email).executeTakeFirstOrThrow());
  const s = await mintSession(t.db, t.clock, u);
  return { client: clientFor(t.app, s.cookie, s.csrf), id: u.id };
}

async function sessionFor(orgId: string, roles: Parameters<typeof createUser>[2], displayName: string) {
  const user = await createUser(t.db, { id: orgId, name: '' }, roles, { displayName });
  const s = await mintSession(t.db, t.clock, { id: user.id, orgId });
  return clientFor(t.app, s.cookie, s.csrf);
}

let households = 0;
/** A court notice (the court's partner system) about a household in Musterstadt: Träger A's. */
async function caseOfA(tenant: { lastName?: string; birthDate?: string | null; street?: string; houseNumber?: string } = {}) {
  const id = uniqueSuffix();
  const n = ++households;
  const birthDate = tenant.birthDate === undefined ? `19${60 + n}-0${1 + (n % 9)}-1${n % 10}` : tenant.birthDate;
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/notices',
    headers: { authorization: 'Bearer demo-court-key', 'content-type': 'application/json' },
    payload: JSON.stringify({
      externalId: `AG-${id}`,
      kind: 'court_eviction_suit',
      receivedOn: '2026-11-16',
      tenants: [{ firstName: 'Jolanta', lastName: tenant.lastName ?? `Zugriff${id}`, ...(birthDate ? { birthDate } : {}), servedOn: '2026-11-13' }],
      address: { street: tenant.street ?? 'Protokollweg', houseNumber: tenant.houseNumber ?? String(n), postalCode: '05101', city: 'Musterstadt' },
      arrears: 1800,
      court: { name: 'Amtsgericht Musterstadt', fileNumber: `12 C ${id}/26`, servedOn: '2026-11-13' },
    }),
  });
  expect(res.statusCode, res.body).toBe(201);
  expect(res.json().assignedTo.orgId).toBe(orgs.traegerA);
  const row = await unsafeInternalTx(t.db, null, (tx) =>
    tx.db.selectFrom('notices').select(['case_id as id', 'id as noticeId']).where('id', '=', res.json().id).executeTakeFirstOrThrow(),
  );
  return { ...row, person: res.json().persons[0] as { id: string; match: string } };
}

/** An entry another organisation wrote, through the one internal audit path (audit_append). */
function auditAs(actor: { orgId: string; userId: string | null; label: string }, event: { action: string; entityType: string; entityId?: string; details?: Record<string, unknown> }) {
  return unsafeInternalTx(t.db, null, async (tx) => tx.audit({ ...event, actor }));
}

const accessLog = async (client: Client, caseId: string, query = '') => {
  const res = await client.get(`/api/v1/cases/${caseId}/access-log${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as AccessLog;
};
const orgOf = (log: AccessLog, orgId: string) => log.organisations.find((o) => o.orgId === orgId);
const actorIn = (org: AccessLogOrganisation | undefined, userId: string) => org?.actors.find((a) => a.userId === userId);
const activities = (a: AccessLogActor | undefined) => Object.fromEntries((a?.activities ?? []).map((x) => [x.activity, x.count]));

beforeAll(async () => {
  t = await createTestApp({}, testClockNow());
  await seedDemo(t.db);
  const rows = await unsafeInternalTx(t.db, null, (tx) => tx.db.selectFrom('organisations').select(['id', 'short_name']).execute());
  const by = (s: string) => rows.find((r) => r.short_name === s)!.id;
  Object.assign(orgs, { fachstelle: by('Fachstelle'), traegerA: by('Wohnhilfe'), traegerB: by('Sozialwerk'), court: by('AG Musterstadt') });
  const [a, l, b, w] = await Promise.all(['fk.a', 'tl.a', 'fk.b', 'wd'].map((u) => sessionOf(`${u}@demo.test`)));
  [fkA, tlA, fkB, wd] = [a.client, l.client, b.client, w.client];
  Object.assign(users, { fkA: a.id, tlA: l.id, fkB: b.id });
  tlB = await sessionFor(orgs.traegerB, ['team_lead'], 'Teamleitung Sozialwerk');
  adminA = await sessionFor(orgs.traegerA, ['org_admin'], 'Admin Wohnhilfe');
});
afterAll(() => t?.close());

/** The test clock at the real time: audit entries carry the database's clock, sessions the app's. */
function testClockNow() {
  let now = Date.now();
  return { now: () => new Date(now), advance: (ms: number) => (now += ms), set: (d: Date) => (now = d.getTime()) };
}

describe(`who saw this? (${engineName()})`, () => {
  it('lists every organisation and user that read, listed, changed, received or passed on the client’s data', async () => {
    const c = await caseOfA();
    const other = await caseOfA();

    // Träger A works the case: the queue shows it, the caseworker reads it and its sensitive part.
    expect((await fkA.get('/api/v1/cases/queue?scope=team')).statusCode).toBe(200);
    expect((await fkA.get(`/api/v1/cases/${c.id}`)).statusCode).toBe(200);
    expect((await fkA.get(`/api/v1/cases/${c.id}`)).statusCode).toBe(200);
    expect((await fkA.get(`/api/v1/cases/${c.id}/sensitive`)).statusCode).toBe(200);
    expect((await fkA.get(`/api/v1/cases/${other.id}`)).statusCode).toBe(200);
    // The team lead opens it by an address typed in capitals: still the same case, still found.
    expect((await tlA.get(`/api/v1/cases/${c.id.toUpperCase()}`)).statusCode).toBe(200);

    // A rent-debt application goes to the Fachstelle, whose finance staff list and read it.
    const types: { id: string; key: string }[] = (await fkA.get('/api/v1/measure-types')).json().items;
    const created = await fkA.post(`/api/v1/cases/${c.id}/measures`, {
      typeId: types.find((x) => x.key === 'rent_debt_assumption')!.id,
      rentDebt: { amount: 1800, body: 'jobcenter', form: 'loan', reasoning: 'Einkommensverlust', decidingOrgId: orgs.fachstelle },
    });
    expect(created.statusCode, created.body).toBe(201);
    const submitted = await fkA.patch(`/api/v1/measures/${created.json().id}`, { version: created.json().version, status: 'applied' });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect((await wd.get('/api/v1/rent-debt-applications?status=all')).statusCode).toBe(200);
    expect((await wd.get(`/api/v1/rent-debt-applications/${created.json().id}`)).statusCode).toBe(200);

    // A share with Träger B, and Träger B reading it: entries written in each organisation's log.
    const disclosureId = randomUUID();
    await auditAs(
      { orgId: orgs.traegerA, userId: users.fkA, label: 'fk.a@demo.test' },
      { action: 'disclosure.create', entityType: 'case', entityId: c.id, details: { disclosureId, kind: 'share', recipientOrgId: orgs.traegerB, recipientName: 'Sozialwerk Ahrensberg gGmbH', categories: ['identity', 'tenancy'] } },
    );
    await auditAs(
      { orgId: orgs.traegerB, userId: users.fkB, label: 'fk.b@demo.test' },
      { action: 'disclosure.read', entityType: 'disclosure', entityId: disclosureId, details: { caseId: c.id, ownerOrgId: orgs.traegerA } },
    );
    // Träger B about another case: not this client's.
    await auditAs(
      { orgId: orgs.traegerB, userId: users.fkB, label: 'fk.b@demo.test' },
      { action: 'disclosure.read', entityType: 'disclosure', entityId: randomUUID(), details: { caseId: other.id, ownerOrgId: orgs.traegerA } },
    );

    const log = await accessLog(tlA, c.id);
    expect(log.caseId).toBe(c.id);
    expect([log.from, log.to]).toEqual([null, null]);

    // The holding organisation first, then the others in the order they first touched the data.
    expect(log.organisations.map((o) => [o.orgId, o.own])).toEqual([
      [orgs.traegerA, true],
      [orgs.court, false],
      [orgs.fachstelle, false],
      [orgs.traegerB, false],
    ]);

    const a = orgOf(log, orgs.traegerA);
    expect(a?.name).toBe('Wohnhilfe Musterland e.V.');
    expect(activities(actorIn(a, users.fkA))).toEqual({
      case_read: 2, sensitive_read: 1, listed_queue: 1, measure_changed: 1, data_disclosed: 1, rent_debt_submitted: 1,
    });
    expect(actorIn(a, users.fkA)?.name).toBe('Fatma Fachkraft');
    expect(activities(actorIn(a, users.tlA))).toEqual({ case_read: 1 });
    const disclosed = actorIn(a, users.fkA)!.activities.find((x) => x.activity === 'data_disclosed')!;
    expect([disclosed.kind, disclosed.recipients]).toEqual(['transmit', ['Sozialwerk Ahrensberg gGmbH']]);

    // The court's partner system sent the notice.
    const court = orgOf(log, orgs.court)!;
    expect(court.actors.map((x) => [x.kind, x.name, activities(x)])).toEqual([['api_key', expect.any(String), { notice_sent: 1 }]]);

    // The Fachstelle's finance staff saw the application in their list and read it.
    const fs = orgOf(log, orgs.fachstelle)!;
    expect(fs.actors.map((x) => activities(x))).toEqual([{ listed_rent_debt: 1, rent_debt_read: 1 }]);

    // Träger B read the shared data, once, and nothing of the other case counts.
    const b = orgOf(log, orgs.traegerB)!;
    expect(b.count).toBe(1);
    expect(b.actors.map((x) => [x.userId, activities(x)])).toEqual([[users.fkB, { disclosure_received_read: 1 }]]);

    // The flows to others: the application to the Fachstelle, the share with Träger B; each received.
    expect(log.disclosures.map((d) => [d.kind, d.recipientOrgId, d.recipientName, d.categories, d.received?.count ?? 0])).toEqual([
      ['rent_debt_application', orgs.fachstelle, 'Fachstelle Wohnungsnotfälle Kreis Musterland', [], 2],
      ['share', orgs.traegerB, 'Sozialwerk Ahrensberg gGmbH', ['identity', 'tenancy'], 1],
    ]);
    expect(log.total).toBe(log.organisations.reduce((n, o) => n + o.count, 0));

    // The other client's log has its own entries (B's read of its data among them), none of this client's.
    const otherLog = await accessLog(tlA, other.id);
    expect(otherLog.organisations.flatMap((o) => o.actors.flatMap((x) => x.activities.map((y) => `${y.activity}:${y.count}`))).sort()).toEqual(
      ['case_read:1', 'disclosure_received_read:1', 'listed_queue:1', 'notice_sent:1'],
    );
  });

  it('finds the client as a person too: among possible duplicates to review, and when two records are merged', async () => {
    const lastName = `Doppelt${uniqueSuffix()}`;
    const street = `Abgleichgasse ${uniqueSuffix()}`;
    const c = await caseOfA({ lastName, birthDate: '1971-03-04', street, houseNumber: '5' });
    // The same name two houses further, without a birth date: a second record, queued for review.
    const later = await caseOfA({ lastName, birthDate: null, street, houseNumber: '7' });
    expect(later.person.match).toBe('review');
    const review = await unsafeInternalTx(t.db, null, (tx) =>
      tx.db.selectFrom('match_reviews').select(['id', 'candidate_id']).where('person_id', '=', later.person.id).executeTakeFirstOrThrow(),
    );
    expect(review.candidate_id).toBe(c.person.id);
    expect((await fkA.get('/api/v1/match-reviews')).statusCode).toBe(200);
    const merged = await fkA.post(`/api/v1/match-reviews/${review.id}/merge`);
    expect(merged.statusCode, merged.body).toBe(200);

    const log = await accessLog(tlA, c.id);
    expect(activities(actorIn(orgOf(log, orgs.traegerA), users.fkA))).toEqual({ listed_review: 1, person_matched: 1 });
    // The later record's case knows both too: its person was the one merged away.
    const laterLog = await accessLog(tlA, later.id);
    expect(activities(actorIn(orgOf(laterLog, orgs.traegerA), users.fkA))).toEqual({ listed_review: 1, person_matched: 1 });
  });

  it('reading the log is itself recorded, and shows up in the next reading', async () => {
    const c = await caseOfA();
    await accessLog(tlA, c.id, '?from=2000-01-01&to=2999-12-31');
    const entry = await unsafeInternalTx(t.db, null, (tx) =>
      tx.db.selectFrom('audit_log').select(['org_id', 'actor_user_id', 'details']).where('action', '=', 'case.access_log.read').where('entity_id', '=', c.id).executeTakeFirstOrThrow(),
    );
    expect(entry).toMatchObject({ org_id: orgs.traegerA, actor_user_id: users.tlA });
    expect(entry.details).toMatchObject({ from: '2000-01-01', to: '2999-12-31', entries: 1 });
    const again = await accessLog(tlA, c.id);
    expect(activities(actorIn(orgOf(again, orgs.traegerA), users.tlA))).toEqual({ access_log_read: 1 });
    // The organisation's administrator may answer the request too (and sees the team lead's second reading).
    const byAdmin = await accessLog(adminA, c.id);
    expect(byAdmin.total).toBe(again.total + 1);
  });

  it('filters by a period of days', async () => {
    const c = await caseOfA();
    await fkA.get(`/api/v1/cases/${c.id}`);
    const all = await accessLog(tlA, c.id, '?from=2000-01-01&to=2999-12-31');
    expect(all.total).toBe(2);
    expect([all.from, all.to]).toEqual(['2000-01-01', '2999-12-31']);
    expect((await accessLog(tlA, c.id, '?from=2999-01-01')).organisations).toEqual([]);
    expect((await accessLog(tlA, c.id, '?to=2000-01-01')).total).toBe(0);

    const reversed = await tlA.get(`/api/v1/cases/${c.id}/access-log?from=2026-12-01&to=2026-11-01`);
    expect(reversed.statusCode).toBe(422);
    expect(reversed.json().error.fields).toEqual([{ path: 'to', message: 'Das Ende des Zeitraums darf nicht vor seinem Beginn liegen.' }]);
    const badDay = await tlA.get(`/api/v1/cases/${c.id}/access-log?from=2026-02-30`);
    expect(badDay.statusCode).toBe(400);
    expect(badDay.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['from']);
  });

  it('another organisation’s team lead gets "not found"; a caseworker without the permission 403', async () => {
    const c = await caseOfA();
    const res = await tlB.get(`/api/v1/cases/${c.id}/access-log`);
    expect([res.statusCode, res.json().error.code]).toEqual([404, 'not_found']);
    expect((await tlB.get(`/api/v1/cases/${randomUUID()}/access-log`)).statusCode).toBe(404);
    const denied = await fkA.get(`/api/v1/cases/${c.id}/access-log`);
    expect([denied.statusCode, denied.json().error.code]).toEqual([403, 'forbidden']);
    // Neither refusal is recorded as a reading of the log.
    const readings = await unsafeInternalTx(t.db, null, (tx) =>
      tx.db.selectFrom('audit_log').select('id').where('action', '=', 'case.access_log.read').where('entity_id', '=', c.id).execute(),
    );
    expect(readings).toEqual([]);
  });
});
