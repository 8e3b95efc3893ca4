import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseSummary } from '../../../contracts/cases.js';
import { unsafeInternalTx } from '../../platform/db/tenant.js';
import { createTestApp, login, testClock, uniqueSuffix, type Client, type TestApp } from '../../test/app.js';
import { engineName } from '../../test/db.js';
import { createOrg, createUser, TEST_PASSWORD } from '../../test/factories.js';
import { DEMO_PASSWORD } from '../demo/demo-data.js';
import { seedDemo } from '../demo/seed.js';

let t: TestApp;
let fkA: Client; // caseworker of Träger A with the sensitive-data role
let tlA: Client; // team lead of Träger A
let plainA: Client; // caseworker of Träger A WITHOUT the sensitive-data role
let fkB: Client; // caseworker of Träger B
let sensitiveB: Client; // caseworker of Träger B with the sensitive-data role
let ids: { fkA: string; tlA: string; orgA: string };

const put = (c: Client, url: string, body: unknown) => c.request('PUT', url, body);
const del = (c: Client, url: string) => c.request('DELETE', url);

beforeAll(async () => {
  // 20 February 2026: the suits below were served early in February.
  t = await createTestApp({}, testClock(new Date('2026-02-20T09:00:00Z')));
  await seedDemo(t.db);
  fkA = await login(t.app, 'fk.a@demo.test', DEMO_PASSWORD);
  tlA = await login(t.app, 'tl.a@demo.test', DEMO_PASSWORD);
  fkB = await login(t.app, 'fk.b@demo.test', DEMO_PASSWORD);
  const users = await unsafeInternalTx(t.db, null, (tx) => tx.db.selectFrom('users').select(['id', 'email', 'org_id']).where('email', 'in', ['fk.a@demo.test', 'tl.a@demo.test', 'fk.b@demo.test']).execute());
  const byMail = Object.fromEntries(users.map((u) => [u.email, u]));
  ids = { fkA: byMail['fk.a@demo.test'].id, tlA: byMail['tl.a@demo.test'].id, orgA: byMail['fk.a@demo.test'].org_id };
  const plain = await createUser(t.db, { id: ids.orgA, name: 'A' }, ['caseworker']);
  plainA = await login(t.app, plain.email, TEST_PASSWORD);
  const b = await createUser(t.db, { id: byMail['fk.b@demo.test'].org_id, name: 'B' }, ['caseworker', 'sensitive_data']);
  sensitiveB = await login(t.app, b.email, TEST_PASSWORD);
});
afterAll(() => t.close());

/** A new case of Träger A from a court notice, served on 3 February 2026. */
async function newCase(lastName = `Prüfling${uniqueSuffix()}`) {
  const id = uniqueSuffix();
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/notices',
    headers: { authorization: 'Bearer demo-court-key', 'content-type': 'application/json' },
    payload: JSON.stringify({
      externalId: `AG-${id}`,
      kind: 'court_eviction_suit',
      receivedOn: '2026-02-05',
      tenants: [{ firstName: 'Erika', lastName, birthDate: '1984-03-12', servedOn: '2026-02-03' }],
      address: { street: `Ahornweg ${id}`, houseNumber: '5', postalCode: '05101', city: 'Musterstadt' },
      monthlyRent: 620.5,
      arrears: 1350,
      court: { name: 'Amtsgericht Musterstadt', fileNumber: `12 C ${id}/26`, servedOn: '2026-02-03' },
    }),
  });
  expect(res.statusCode, res.body).toBe(201);
  const caseId = await unsafeInternalTx(t.db, null, async (tx) =>
    (await tx.db.selectFrom('notices').select('case_id').where('id', '=', res.json().id).executeTakeFirstOrThrow()).case_id,
  );
  return getCase(fkA, caseId);
}

async function getCase(c: Client, id: string) {
  const res = await c.get(`/api/v1/cases/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return CaseSummary.parse(res.json());
}

/** Every row of the case file's tables for one case, as text: "nothing changed" compares two of these. */
async function snapshot(caseId: string) {
  return unsafeInternalTx(t.db, null, async (tx) => {
    const parts = await Promise.all([
      sql`select * from cases where id = ${caseId}`.execute(tx.db),
      sql`select * from case_legal where case_id = ${caseId}`.execute(tx.db),
      sql`select * from case_arrears where case_id = ${caseId} order by id`.execute(tx.db),
      sql`select * from case_sensitive where case_id = ${caseId}`.execute(tx.db),
      sql`select * from case_handovers where case_id = ${caseId} order by id`.execute(tx.db),
      sql`select m.*, p.first_name, p.last_name, p.birth_date from household_members m join persons p on p.id = m.person_id
          where m.household_id = (select household_id from cases where id = ${caseId}) order by m.person_id`.execute(tx.db),
      sql`select * from case_deadlines where case_id = ${caseId} order by kind, date`.execute(tx.db),
    ]);
    return JSON.stringify(parts.map((p) => p.rows));
  });
}

describe(`household case file (${engineName()})`, () => {
  it('starts from the notice: the tenant is the main tenant, the counts follow from the members', async () => {
    const c = await newCase('Ahlers');
    expect(c.file.members).toEqual([
      { personId: c.tenants[0].personId, firstName: 'Erika', lastName: 'Ahlers', birthDate: '1984-03-12', age: 41, relation: 'main_tenant', isCaseTenant: true, sex: null, nationality: null },
    ]);
    expect(c.file.facts).toEqual({ size: 1, children: 0, adults: 1, ageUnknown: 0 });
    expect(c.file.tenancy.totalRent).toBe(620.5);
    expect(c.file.arrears).toMatchObject({ current: 1350, months: 2.2, entries: [] });
  });

  it('members: a partner and two children; the household counts and the queue follow; a case tenant cannot leave', async () => {
    const c = await newCase();
    const main = c.file.members[0];
    const res = await put(fkA, `/api/v1/cases/${c.id}/members`, {
      version: c.version,
      members: [
        { personId: main.personId, firstName: main.firstName, lastName: main.lastName, birthDate: main.birthDate, relation: 'main_tenant' },
        { firstName: 'Jonas', lastName: main.lastName, birthDate: '1982-07-01', relation: 'partner' },
        { firstName: 'Mia', lastName: main.lastName, birthDate: '2016-05-05', relation: 'child' },
        { firstName: 'Ben', lastName: main.lastName, birthDate: null, relation: 'child' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = CaseSummary.parse(res.json());
    expect(after.version).toBe(c.version + 1);
    expect(after.file.members.map((m) => [m.firstName, m.relation, m.age])).toEqual([
      ['Erika', 'main_tenant', 41],
      ['Jonas', 'partner', 43],
      ['Mia', 'child', 9],
      ['Ben', 'child', null],
    ]);
    expect(after.file.facts).toEqual({ size: 4, children: 2, adults: 2, ageUnknown: 0 });
    expect(after.file.derivedTargetGroups).toEqual(['families_with_children']);
    expect(after.household).toMatchObject({ size: 4, children: 2 });
    const queue = (await fkA.get(`/api/v1/cases/queue?scope=team&q=${encodeURIComponent(after.caseNumber)}`)).json();
    expect(queue.items[0]).toMatchObject({ id: c.id, children: 2 });
    expect(queue.items[0].urgencyReasons).toContain('children');

    // Leaving out the defendant: refused, naming the list; nothing changed.
    const before = await snapshot(c.id);
    const bad = await put(fkA, `/api/v1/cases/${c.id}/members`, { version: after.version, members: [] });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['members']);
    expect(await snapshot(c.id)).toBe(before);
  });

  it('members: sex and nationality for the official statistics; absent leaves them, null clears, a bad code is named', async () => {
    const c = await newCase();
    const main = c.file.members[0];
    const base = { personId: main.personId, firstName: main.firstName, lastName: main.lastName, birthDate: main.birthDate, relation: 'main_tenant' };
    const res = await put(fkA, `/api/v1/cases/${c.id}/members`, {
      version: c.version,
      members: [{ ...base, sex: 'female', nationality: 'pl' }, { firstName: 'Ida', lastName: main.lastName, birthDate: null, relation: 'child', sex: 'diverse', nationality: 'XX' }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = CaseSummary.parse(res.json());
    expect(after.file.members.map((m) => [m.firstName, m.sex, m.nationality])).toEqual([
      ['Erika', 'female', 'PL'],
      ['Ida', 'diverse', 'XX'],
    ]);
    const ida = after.file.members[1];
    const kept = await put(fkA, `/api/v1/cases/${c.id}/members`, {
      version: after.version,
      members: [base, { personId: ida.personId, firstName: ida.firstName, lastName: ida.lastName, birthDate: null, relation: 'child', sex: null }],
    });
    expect(kept.statusCode, kept.body).toBe(200);
    expect(CaseSummary.parse(kept.json()).file.members.map((m) => [m.sex, m.nationality])).toEqual([
      ['female', 'PL'],
      [null, 'XX'],
    ]);
    const bad = await put(fkA, `/api/v1/cases/${c.id}/members`, { version: kept.json().version, members: [{ ...base, sex: 'x', nationality: 'Polen' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['members.0.nationality', 'members.0.sex']);
  });

  it('situation, tenancy and contact: stored, checked against the catalogues, named field by field when wrong', async () => {
    const c = await newCase();
    const res = await fkA.patch(`/api/v1/cases/${c.id}/file`, {
      version: c.version,
      situation: {
        targetGroups: ['refugees_in_shelter'],
        livingSituation: { category: 'threat_of_eviction', situation: 'rented_housing', since: '2025-11-01' },
        incomeSources: ['sgb2', 'child_benefit'],
      },
      tenancy: { landlord: { name: 'MWB GmbH', address: 'Hafenstraße 1, 05101 Musterstadt' }, baseRent: 450, serviceCharges: 120.5, heatingCosts: 80, tenancyStart: '2019-04-01', floorArea: 62.5 },
      contact: { phone: '+49 5101 123456', email: 'Erika@Example.org', bestTimes: 'vormittags', preferredLanguage: 'tr', interpreterNeeded: true },
    });
    expect(res.statusCode, res.body).toBe(200);
    const f = CaseSummary.parse(res.json()).file;
    expect(f.targetGroups).toEqual(['refugees_in_shelter']);
    expect(f.livingSituation).toEqual({ category: 'threat_of_eviction', situation: 'rented_housing', since: '2025-11-01' });
    expect(f.incomeSources).toEqual(['sgb2', 'child_benefit']);
    // The full split replaces the reported total.
    expect(f.tenancy).toMatchObject({ baseRent: 450, serviceCharges: 120.5, heatingCosts: 80, totalRent: 650.5, floorArea: 62.5 });
    expect(f.contact).toEqual({ phone: '+49 5101 123456', email: 'erika@example.org', postalAddress: null, bestTimes: 'vormittags', preferredLanguage: 'tr', interpreterNeeded: true });
    const vulnerable = await unsafeInternalTx(t.db, null, (tx) => tx.db.selectFrom('cases').select('vulnerable').where('id', '=', c.id).executeTakeFirstOrThrow());
    expect(vulnerable.vulnerable).toBe(true);

    const version = CaseSummary.parse(res.json()).version;
    const before = await snapshot(c.id);
    const wrong = await fkA.patch(`/api/v1/cases/${c.id}/file`, {
      version,
      situation: { livingSituation: { category: 'rough_sleeping', situation: 'penal_institution' }, incomeSources: ['none', 'wages'] },
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.fields.map((x: { path: string }) => x.path).sort()).toEqual(['situation.incomeSources.0', 'situation.livingSituation.situation']);
    const unknown = await fkA.patch(`/api/v1/cases/${c.id}/file`, { version, contact: { preferredLanguage: 'xx', fax: '1' } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields.map((x: { path: string }) => x.path).sort()).toEqual(['contact.fax', 'contact.preferredLanguage']);
    expect(await snapshot(c.id)).toBe(before);
  });

  it('legal timeline edits recompute the deadlines', async () => {
    const c = await newCase();
    // Served 3 Feb 2026 → raw end Fri 3 Apr (Karfreitag) → Tue 7 Apr.
    expect(c.deadlines.find((d) => d.kind === 'schonfrist_end')?.date).toBe('2026-04-07');
    const res = await fkA.patch(`/api/v1/cases/${c.id}/file`, {
      version: c.version,
      legal: {
        suitFiledOn: '2026-01-28',
        hearingOn: '2026-03-19',
        judgmentOn: '2026-03-19',
        judgmentFinalOn: '2026-04-20',
        raeumungsfristEnd: '2026-07-31',
        evictionOn: '2026-08-12',
        service: [{ personId: c.tenants[0].personId, servedOn: '2026-02-10' }],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = CaseSummary.parse(res.json());
    expect(after.legal).toMatchObject({ suitFiledOn: '2026-01-28', judgmentOn: '2026-03-19', judgmentFinalOn: '2026-04-20', raeumungsfristEnd: '2026-07-31', evictionOn: '2026-08-12' });
    expect(after.tenants[0].servedOn).toBe('2026-02-10');
    const kinds = Object.fromEntries(after.deadlines.map((d) => [d.kind, d.date]));
    // The later service moves the Schonfrist to Fri 10 April; the eviction date brings § 765a.
    expect(kinds.schonfrist_end).toBe('2026-04-10');
    expect(kinds.eviction).toBe('2026-08-12');
    expect(kinds.protection_request_765a).toBeDefined();
    expect(kinds.raeumungsfrist_extension_request).toBeDefined();

    const bad = await fkA.patch(`/api/v1/cases/${c.id}/file`, { version: after.version, legal: { judgmentFinalOn: '2026-03-01' } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.fields).toEqual([{ path: 'legal.judgmentFinalOn', message: expect.stringContaining('Urteil') }]);
  });

  it('arrears history: dated entries; the latest is the current arrears; entries can be corrected and removed', async () => {
    const c = await newCase();
    const first = await put(fkA, `/api/v1/cases/${c.id}/arrears`, {
      version: c.version,
      entries: [
        { recordedOn: '2026-01-15', amount: 1241, months: 2, note: 'laut Vermieter' },
        { recordedOn: '2026-02-18', amount: 620.5, note: 'Teilzahlung' },
      ],
    });
    expect(first.statusCode, first.body).toBe(200);
    const a = CaseSummary.parse(first.json());
    expect(a.file.arrears.current).toBe(620.5);
    expect(a.file.arrears.months).toBe(1);
    expect(a.legal.arrears).toBe(620.5);
    const [older] = a.file.arrears.entries;
    const second = await put(fkA, `/api/v1/cases/${c.id}/arrears`, { version: a.version, entries: [{ id: older.id, recordedOn: '2026-01-15', amount: 1300 }] });
    const b = CaseSummary.parse(second.json());
    expect(b.file.arrears.entries).toEqual([{ id: older.id, recordedOn: '2026-01-15', amount: 1300, months: null, note: null }]);
    expect(b.file.arrears.current).toBe(1300);
    const future = await put(fkA, `/api/v1/cases/${c.id}/arrears`, { version: b.version, entries: [{ recordedOn: '2026-03-01', amount: 5 }] });
    expect(future.statusCode).toBe(422);
    expect(future.json().error.fields[0].path).toBe('entries.0.recordedOn');
  });

  it('two caseworkers editing the same version: one wins, the other gets 409, nothing is lost', async () => {
    const c = await newCase();
    const [r1, r2] = await Promise.all([
      fkA.patch(`/api/v1/cases/${c.id}/file`, { version: c.version, contact: { phone: '0151 111111' } }),
      tlA.patch(`/api/v1/cases/${c.id}/file`, { version: c.version, contact: { bestTimes: 'abends' } }),
    ]);
    expect([r1.statusCode, r2.statusCode].sort()).toEqual([200, 409]);
    const loser = r1.statusCode === 409 ? r1 : r2;
    expect(loser.json().error.code).toBe('version_conflict');
    const stored = await getCase(fkA, c.id);
    expect(stored.version).toBe(c.version + 1);
    // Exactly the winner's change is stored; the loser's is not half-applied.
    expect([stored.file.contact.phone, stored.file.contact.bestTimes]).toEqual(r1.statusCode === 200 ? ['0151 111111', null] : [null, 'abends']);
    // The loser reloads and saves again on top of the winner's change.
    const again = await (loser === r1 ? fkA : tlA).patch(`/api/v1/cases/${c.id}/file`, {
      version: stored.version,
      contact: loser === r1 ? { phone: '0151 111111' } : { bestTimes: 'abends' },
    });
    expect(again.statusCode).toBe(200);
    expect(CaseSummary.parse(again.json()).file.contact).toMatchObject({ phone: '0151 111111', bestTimes: 'abends' });

    // Members and arrears are guarded by the same version.
    const stale = await put(fkA, `/api/v1/cases/${c.id}/arrears`, { version: c.version, entries: [] });
    expect(stale.statusCode).toBe(409);
  });

  it('another Träger gets 404 on the case file and each of its parts, and changes nothing', async () => {
    const c = await newCase();
    await put(fkA, `/api/v1/cases/${c.id}/sensitive`, { version: 0, markers: ['addiction'], healthNote: null, addictionNote: 'Alkohol', criminalRecordNote: null });
    const before = await snapshot(c.id);
    const requests: [Client, string, string, unknown?][] = [
      [fkB, 'GET', `/api/v1/cases/${c.id}`],
      [fkB, 'PATCH', `/api/v1/cases/${c.id}/file`, { version: c.version, contact: { phone: '0151 999' } }],
      [fkB, 'PUT', `/api/v1/cases/${c.id}/members`, { version: c.version, members: [] }],
      [fkB, 'PUT', `/api/v1/cases/${c.id}/arrears`, { version: c.version, entries: [] }],
      [fkB, 'POST', `/api/v1/cases/${c.id}/handover`, { version: c.version, toUserId: ids.fkA, note: 'bitte übernehmen' }],
      [sensitiveB, 'GET', `/api/v1/cases/${c.id}/sensitive`],
      [sensitiveB, 'PUT', `/api/v1/cases/${c.id}/sensitive`, { version: 1, markers: [], healthNote: null, addictionNote: null, criminalRecordNote: null }],
    ];
    for (const [client, method, url, body] of requests) {
      const res = await client.request(method, url, body);
      expect([`${method} ${url}`, res.statusCode, res.json().error?.code]).toEqual([`${method} ${url}`, 404, 'not_found']);
      expect(res.body).not.toContain('Alkohol');
    }
    expect(await snapshot(c.id)).toBe(before);
  });

  it('sensitive data: only with the permission, never as keys in the case, every view audited, and RLS alone hides the rows', async () => {
    const c = await newCase();
    const empty = await fkA.get(`/api/v1/cases/${c.id}/sensitive`);
    expect(empty.json()).toMatchObject({ version: 0, markers: [], healthNote: null });
    const saved = await put(fkA, `/api/v1/cases/${c.id}/sensitive`, {
      version: 0,
      markers: ['chronically_ill', 'released_from_prison'],
      healthNote: 'Diabetes Typ 1',
      addictionNote: null,
      criminalRecordNote: 'Entlassung JVA 01/2026',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ version: 1, healthNote: 'Diabetes Typ 1', updatedBy: 'Fatma Fachkraft' });
    // A second first record (version 0 again) is a conflict, not an overwrite.
    const twice = await put(fkA, `/api/v1/cases/${c.id}/sensitive`, { version: 0, markers: [], healthNote: null, addictionNote: null, criminalRecordNote: null });
    expect(twice.statusCode).toBe(409);

    // Without the permission: not in the case (not even the keys), and the route refuses.
    for (const client of [plainA, fkA]) {
      const body = (await client.get(`/api/v1/cases/${c.id}`)).body;
      for (const leak of ['Diabetes', 'JVA', 'chronically_ill', 'healthNote', 'criminalRecordNote', 'addictionNote', 'sensitive']) expect(body).not.toContain(leak);
    }
    expect((await plainA.get(`/api/v1/cases/${c.id}/sensitive`)).statusCode).toBe(403);
    expect((await put(plainA, `/api/v1/cases/${c.id}/sensitive`, { version: 1, markers: [], healthNote: null, addictionNote: null, criminalRecordNote: null })).statusCode).toBe(403);
    // The sensitive-data role alone (without a case role) opens nothing either.
    const only = await createUser(t.db, { id: ids.orgA, name: 'A' }, ['sensitive_data']);
    const onlyClient = await login(t.app, only.email, TEST_PASSWORD);
    expect((await onlyClient.get(`/api/v1/cases/${c.id}/sensitive`)).statusCode).toBe(403);

    // Every view is audited, the edit too — with field names, never the content.
    const audit = await unsafeInternalTx(t.db, null, (tx) =>
      tx.db.selectFrom('audit_log').select(['action', 'details']).where('entity_id', '=', c.id).where('action', 'like', 'case.sensitive.%').orderBy('id').execute(),
    );
    expect(audit.map((a) => a.action)).toEqual(['case.sensitive.read', 'case.sensitive.update', 'case.sensitive.read']);
    expect(JSON.stringify(audit)).not.toContain('Diabetes');

    // The database alone: as the application role in A's context, without app.sensitive, the row
    // does not exist; with it, it does. No code path is involved.
    const countAs = (flag: string) =>
      t.db.kysely.transaction().execute(async (trx) => {
        await sql`select set_config('app.org_id', ${ids.orgA}, true), set_config('app.sensitive', ${flag}, true), set_config('role', 'bleibe_app', true)`.execute(trx);
        const rows = await sql<{ n: number }>`select count(*)::int as n from case_sensitive where case_id = ${c.id}`.execute(trx);
        return rows.rows[0].n;
      });
    expect(await countAs('off')).toBe(0);
    expect(await countAs('')).toBe(0);
    expect(await countAs('on')).toBe(1);
    // Nor can the application role write it without the flag.
    await expect(
      t.db.kysely.transaction().execute(async (trx) => {
        await sql`select set_config('app.org_id', ${ids.orgA}, true), set_config('role', 'bleibe_app', true)`.execute(trx);
        await sql`insert into case_sensitive (case_id, org_id, markers) values (${c.id}, ${ids.orgA}, '{}')`.execute(trx);
      }),
    ).rejects.toThrow(/row-level security/);
  });

  it('handover: to a colleague with a note, shown in the case and audited; only by the assignee, their substitute or a team lead', async () => {
    const c = await newCase();
    const taken = CaseSummary.parse((await fkA.post(`/api/v1/cases/${c.id}/assign`, { version: c.version, userId: ids.fkA })).json());
    // Someone else's case: the plain caseworker may not hand it over.
    const foreign = await plainA.post(`/api/v1/cases/${c.id}/handover`, { version: taken.version, toUserId: ids.tlA, note: 'x' });
    expect(foreign.statusCode).toBe(403);
    const res = await fkA.post(`/api/v1/cases/${c.id}/handover`, { version: taken.version, toUserId: ids.tlA, note: 'Termin am 3.3. beim Jobcenter steht, Unterlagen liegen vor.' });
    expect(res.statusCode, res.body).toBe(200);
    const after = CaseSummary.parse(res.json());
    expect(after.assignee).toEqual({ id: ids.tlA, name: 'Tobias Teamleitung' });
    expect(after.file.handovers).toEqual([
      {
        id: expect.any(String),
        at: expect.any(String),
        from: { id: ids.fkA, name: 'Fatma Fachkraft' },
        to: { id: ids.tlA, name: 'Tobias Teamleitung' },
        by: { id: ids.fkA, name: 'Fatma Fachkraft' },
        note: 'Termin am 3.3. beim Jobcenter steht, Unterlagen liegen vor.',
      },
    ]);
    // No longer hers: she cannot hand it on.
    expect((await fkA.post(`/api/v1/cases/${c.id}/handover`, { version: after.version, toUserId: ids.fkA, note: 'zurück' })).statusCode).toBe(403);
    // The team lead can; not to the current assignee, and not to someone outside the team.
    expect((await tlA.post(`/api/v1/cases/${c.id}/handover`, { version: after.version, toUserId: ids.tlA, note: 'x' })).json().error.fields[0].path).toBe('toUserId');
    const outsider = await createUser(t.db, await createOrg(t.db), ['caseworker']);
    expect((await tlA.post(`/api/v1/cases/${c.id}/handover`, { version: after.version, toUserId: outsider.id, note: 'x' })).statusCode).toBe(422);
    const audit = await unsafeInternalTx(t.db, null, (tx) => tx.db.selectFrom('audit_log').select('details').where('entity_id', '=', c.id).where('action', '=', 'case.handover').execute());
    expect(audit).toEqual([{ details: { from: ids.fkA, to: ids.tlA } }]);
  });

  it('absence: while the team lead is away, the substitute sees the team lead’s cases in "mine", marked, and may hand them over', async () => {
    const c = await newCase();
    await tlA.post(`/api/v1/cases/${c.id}/assign`, { version: c.version, userId: ids.tlA });
    const mine = async () => (await fkA.get('/api/v1/cases/queue?scope=mine')).json().items as { id: string; substituteFor?: unknown }[];
    expect((await mine()).some((i) => i.id === c.id)).toBe(false);

    // Wrong input is named: substitute = the absentee, end before start.
    const bad = await tlA.post('/api/v1/absences', { substituteId: ids.tlA, startsOn: '2026-02-20', endsOn: '2026-02-19' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['endsOn', 'substituteId']);
    // A caseworker may not record a colleague's absence.
    expect((await fkA.post('/api/v1/absences', { userId: ids.tlA, substituteId: ids.fkA, startsOn: '2026-02-20', endsOn: '2026-02-27' })).statusCode).toBe(403);

    const created = await tlA.post('/api/v1/absences', { substituteId: ids.fkA, startsOn: '2026-02-20', endsOn: '2026-02-27', note: 'Urlaub' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ user: { id: ids.tlA }, substitute: { id: ids.fkA, name: 'Fatma Fachkraft' }, current: true });
    const overlap = await tlA.post('/api/v1/absences', { substituteId: ids.fkA, startsOn: '2026-02-25', endsOn: '2026-03-02' });
    expect(overlap.json().error.fields[0].path).toBe('startsOn');

    const item = (await mine()).find((i) => i.id === c.id);
    expect(item?.substituteFor).toEqual({ id: ids.tlA, name: 'Tobias Teamleitung', until: '2026-02-27' });
    expect((await fkA.get('/api/v1/absences')).json().items.map((a: { id: string }) => a.id)).toEqual([created.json().id]);
    // Others' caseworkers do not see the absence; B cannot remove it.
    expect((await fkB.get('/api/v1/absences')).json().items).toEqual([]);
    expect((await del(fkB, `/api/v1/absences/${created.json().id}`)).statusCode).toBe(404);
    // The substitute may hand the absent colleague's case over.
    const current = await getCase(fkA, c.id);
    const handed = await fkA.post(`/api/v1/cases/${c.id}/handover`, { version: current.version, toUserId: ids.fkA, note: 'Übernehme während des Urlaubs dauerhaft.' });
    expect(handed.statusCode, handed.body).toBe(200);

    // After the absence (the clock moves on) the cover ends by itself.
    const other = await newCase();
    await tlA.post(`/api/v1/cases/${other.id}/assign`, { version: other.version, userId: ids.tlA });
    expect((await mine()).some((i) => i.id === other.id)).toBe(true);
    t.clock.set(new Date('2026-02-28T09:00:00Z'));
    try {
      // A week on, the old session has timed out: sign in again.
      const fresh = await login(t.app, 'fk.a@demo.test', DEMO_PASSWORD);
      const later = (await fresh.get('/api/v1/cases/queue?scope=mine')).json().items as { id: string }[];
      expect(later.some((i) => i.id === other.id)).toBe(false);
    } finally {
      t.clock.set(new Date('2026-02-20T09:00:00Z'));
    }
    expect((await del(tlA, `/api/v1/absences/${created.json().id}`)).statusCode).toBe(200);
    expect((await tlA.get('/api/v1/absences')).json().items).toEqual([]);
  });
});
