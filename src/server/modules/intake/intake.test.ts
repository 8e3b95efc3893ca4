import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NoticeResult } from '../../../contracts/intake.js';
import { unsafeInternalTx } from '../../platform/db/tenant.js';
import { createTestApp, login, testClock, uniqueSuffix, type Client, type TestApp } from '../../test/app.js';
import { engineName } from '../../test/db.js';
import { seedDemo } from '../demo/seed.js';
import { createOrg, createUser } from '../../test/factories.js';
import { submitNotice } from './pipeline.js';
import { DEMO_PASSWORD } from '../demo/demo-data.js';

let t: TestApp;
let fkA: Client;
let fkB: Client;
let jc: Client;

beforeAll(async () => {
  // Mid-February 2026: the notices below are fresh and their deadlines ahead.
  t = await createTestApp({}, testClock(new Date('2026-02-20T09:00:00Z')));
  await seedDemo(t.db);
  fkA = await login(t.app, 'fk.a@demo.test', DEMO_PASSWORD);
  fkB = await login(t.app, 'fk.b@demo.test', DEMO_PASSWORD);
  jc = await login(t.app, 'jc@demo.test', DEMO_PASSWORD);
});
afterAll(() => t.close());

/** A surname nobody else in this file has, and no near-spelling either (the matcher would rightly link those). */
const LETTERS = 'bcdfghklmnprstvwz';
function uniqueSurname() {
  const bytes = uniqueSuffix() + uniqueSuffix();
  let s = '';
  for (let i = 0; i < 10; i++) s += LETTERS[parseInt(bytes.slice(i, i + 2), 16) % LETTERS.length] + 'aeiou'[i % 5];
  return s[0].toUpperCase() + s.slice(1);
}

let births = 0;
const uniqueBirthDate = () => new Date(Date.UTC(1950, 0, 1) + ++births * 37 * 86_400_000).toISOString().slice(0, 10);

/** A court notice about a household in Musterstadt (covered by Träger A's office). */
function courtNotice(over: Record<string, unknown> = {}) {
  const id = uniqueSuffix();
  return {
    externalId: `AG-${id}`,
    kind: 'court_eviction_suit',
    receivedOn: '2026-02-05',
    tenants: [{ firstName: 'Erika', lastName: uniqueSurname(), birthDate: uniqueBirthDate(), servedOn: '2026-02-03' }],
    address: { street: 'Lindenstraße', houseNumber: '5', postalCode: '05101', city: 'Musterstadt' },
    monthlyRent: 620.5,
    arrears: 1350,
    court: { name: 'Amtsgericht Musterstadt', fileNumber: `12 C ${id}/26`, servedOn: '2026-02-03' },
    ...over,
  };
}

const apiPost = (key: string, url: string, body: unknown) =>
  t.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, payload: JSON.stringify(body) });

describe(`intake pipeline (${engineName()})`, () => {
  it('a court notice by API key is routed to the provider covering the municipality, with its Schonfrist', async () => {
    const res = await apiPost('demo-court-key', '/api/v1/notices', courtNotice());
    expect(res.statusCode).toBe(201);
    const body = NoticeResult.parse(res.json());
    expect(body.assignedTo.orgName).toBe('Wohnhilfe Musterland e.V.');
    expect(body.assignedTo.locationId).toBeDefined();
    expect(body.household.match).toBe('new');
    expect(body.persons).toEqual([{ id: expect.any(String), match: 'new' }]);
    // TC-05: served Tue 2026-02-03 → raw end Fri 2026-04-03 (Karfreitag) → Tue 2026-04-07.
    expect(body.deadlines.find((d) => d.kind === 'schonfrist_end')).toMatchObject({ date: '2026-04-07', rawDate: '2026-04-03' });
  });

  it('tenants served on different days each get their own defence deadline; the Schonfrist runs from the last service', async () => {
    const res = await apiPost(
      'demo-court-key',
      '/api/v1/notices',
      courtNotice({
        tenants: [
          { firstName: 'Erika', lastName: uniqueSurname(), birthDate: uniqueBirthDate(), servedOn: '2026-02-03' },
          { firstName: 'Hans', lastName: uniqueSurname(), birthDate: uniqueBirthDate(), servedOn: '2026-02-10' },
        ],
      }),
    );
    expect(res.statusCode).toBe(201);
    const deadlines = NoticeResult.parse(res.json()).deadlines;
    expect(deadlines.filter((d) => d.kind === 'defence_notice').map((d) => d.date)).toEqual(['2026-02-17', '2026-02-24']);
    // TC-19: the last service (2026-02-10) counts → 2026-04-10.
    expect(deadlines.find((d) => d.kind === 'schonfrist_end')?.date).toBe('2026-04-10');
  });

  it('the same externalId twice creates one notice and answers 200 with the same result', async () => {
    const notice = courtNotice();
    const first = await apiPost('demo-court-key', '/api/v1/notices', notice);
    const second = await apiPost('demo-court-key', '/api/v1/notices', { ...notice, arrears: 99999 });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(200);
    expect(second.json()).toEqual(first.json());
    const count = await unsafeInternalTx(t.db, null, (tx) =>
      tx.db.selectFrom('notices').select((eb) => eb.fn.countAll<number>().as('n')).where('external_id', '=', notice.externalId).executeTakeFirstOrThrow(),
    );
    expect(Number(count.n)).toBe(1);
  });

  it('a malformed notice gets 400 naming each bad field', async () => {
    const res = await apiPost('demo-jobcenter-key', '/api/v1/notices', {
      externalId: 'x',
      kind: 'unknown_kind',
      receivedOn: '2026-13-45',
      tenants: [{ firstName: '', lastName: 'Muster', birthDate: '12.04.1980' }],
      address: { street: 'Weg', houseNumber: '1', postalCode: '5101', city: 'Musterstadt' },
      arrears: -5,
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.fields.map((f: { path: string }) => f.path).sort();
    expect(paths).toEqual(['address.postalCode', 'arrears', 'kind', 'receivedOn', 'tenants.0.birthDate', 'tenants.0.firstName']);
  });

  it('refuses an unknown or revoked API key, and API keys on routes that do not take them', async () => {
    expect((await apiPost('not-a-key', '/api/v1/notices', courtNotice())).statusCode).toBe(401);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: { authorization: 'Bearer demo-court-key' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('api_key_not_accepted');
  });

  it('the partner portal: a reporter submits and sees only the status of its own submissions', async () => {
    const notice = courtNotice({ kind: 'jobcenter_warning', court: undefined, tenants: [{ firstName: 'Jonas', lastName: uniqueSurname() }] });
    const res = await jc.post('/api/v1/notices', notice);
    expect(res.statusCode).toBe(201);
    const receipts = await jc.get('/api/v1/receipts');
    expect(receipts.statusCode).toBe(200);
    const mine = receipts.json().items.find((r: { externalId: string }) => r.externalId === notice.externalId);
    expect(mine).toMatchObject({ status: 'received', channel: 'portal', kind: 'jobcenter_warning' });
    expect(Object.keys(mine).sort()).toEqual(['channel', 'createdAt', 'externalId', 'id', 'kind', 'receivedOn', 'status']);
    // No case content for the reporter.
    expect((await jc.get(`/api/v1/cases/queue`)).statusCode).toBe(403);
  });

  it('the staff web form: the notice appears in the right team\'s queue with its deadlines, and nowhere else', async () => {
    const notice = courtNotice();
    const res = await fkA.post('/api/v1/notices', notice);
    expect(res.statusCode).toBe(201);
    const queueA = (await fkA.get('/api/v1/cases/queue?scope=team')).json().items;
    const item = queueA.find((i: { tenants: string[] }) => i.tenants.includes(`Erika ${notice.tenants[0].lastName}`));
    expect(item).toBeDefined();
    expect(item.nextDeadline).toMatchObject({ kind: 'schonfrist_end', date: '2026-04-07' });
    expect(item.courtFileNumber).toBe(notice.court.fileNumber);
    const queueB = (await fkB.get('/api/v1/cases/queue?scope=team')).json().items;
    expect(queueB.some((i: { id: string }) => i.id === item.id)).toBe(false);
    expect((await fkB.get(`/api/v1/cases/${item.id}`)).statusCode).toBe(404);
    // Search by file number, by name with a typo, and by address.
    for (const q of [notice.court.fileNumber, `Erika ${notice.tenants[0].lastName.slice(0, 4) + notice.tenants[0].lastName.slice(5)}`, 'lindenstraße 5']) {
      const found = (await fkA.get(`/api/v1/cases/queue?q=${encodeURIComponent(q)}`)).json().items;
      expect(found.map((i: { id: string }) => i.id), q).toContain(item.id);
    }
  });

  it('an unroutable address lands in the district office\'s queue', async () => {
    const res = await apiPost('demo-court-key', '/api/v1/notices', courtNotice({ address: { street: 'Fernweg', houseNumber: '1', postalCode: '05999', city: 'Anderswo' } }));
    expect(res.statusCode).toBe(201);
    expect(res.json().assignedTo.orgName).toBe('Fachstelle Wohnungsnotfälle Kreis Musterland');
  });

  it('a second notice about the same person from another channel links to the person and the open case', async () => {
    const first = courtNotice();
    const a = NoticeResult.parse((await apiPost('demo-court-key', '/api/v1/notices', first)).json());
    const second = {
      externalId: `JC-${uniqueSuffix()}`,
      kind: 'jobcenter_warning',
      receivedOn: '2026-02-10',
      // Spelling variant of the street and the first name's umlaut-free spelling.
      tenants: [{ firstName: 'Erika', lastName: first.tenants[0].lastName, birthDate: first.tenants[0].birthDate }],
      address: { street: 'Lindenstr.', houseNumber: '5', postalCode: '05101', city: 'Musterstadt' },
      arrears: 1900,
    };
    const b = NoticeResult.parse((await apiPost('demo-jobcenter-key', '/api/v1/notices', second)).json());
    expect(b.persons[0]).toEqual({ id: a.persons[0].id, match: 'linked' });
    expect(b.household).toEqual({ id: a.household.id, match: 'linked' });
    const caseIds = await unsafeInternalTx(t.db, null, (tx) =>
      tx.db.selectFrom('notices').select('case_id').where('id', 'in', [a.id, b.id]).execute(),
    );
    expect(new Set(caseIds.map((c) => c.case_id)).size).toBe(1);
  });

  it('without a service date the Schonfrist is an estimate; adding the date later recomputes every deadline', async () => {
    const notice = courtNotice({ court: { name: 'Amtsgericht Musterstadt', fileNumber: `9 C ${uniqueSuffix()}/26` }, tenants: [{ firstName: 'Paul', lastName: uniqueSurname() }] });
    const res = NoticeResult.parse((await fkA.post('/api/v1/notices', notice)).json());
    const estimate = res.deadlines.find((d) => d.kind === 'schonfrist_end')!;
    expect(estimate.estimate).toBe(true);
    const queue = (await fkA.get(`/api/v1/cases/queue?q=${encodeURIComponent(notice.court.fileNumber)}`)).json().items;
    const caseId = queue[0].id;
    const summary = (await fkA.get(`/api/v1/cases/${caseId}`)).json();
    const updated = await fkA.request('PUT', `/api/v1/cases/${caseId}/service-dates`, {
      version: summary.version,
      tenants: [{ personId: summary.tenants[0].personId, servedOn: '2025-02-18' }],
    });
    expect(updated.statusCode).toBe(200);
    // TC-04: served 2025-02-18 → Karfreitag 2025-04-18 → Tue 2025-04-22.
    expect(updated.json().deadlines.find((d: { kind: string }) => d.kind === 'schonfrist_end')).toMatchObject({ date: '2025-04-22', estimate: false });
    // The old version is stale now.
    const stale = await fkA.request('PUT', `/api/v1/cases/${caseId}/service-dates`, { version: summary.version, tenants: [{ personId: summary.tenants[0].personId, servedOn: null }] });
    expect(stale.statusCode).toBe(409);
  });

  it('a Jobcenter warning has no Schonfrist; the court notice that follows starts the estimate from its own receipt', async () => {
    const tenant = { firstName: 'Greta', lastName: uniqueSurname(), birthDate: uniqueBirthDate() };
    const address = { street: 'Lindenstraße', houseNumber: '9', postalCode: '05101', city: 'Musterstadt' };
    const warning = { externalId: `JC-${uniqueSuffix()}`, kind: 'jobcenter_warning', receivedOn: '2026-01-05', tenants: [tenant], address, arrears: 1400 };
    const a = NoticeResult.parse((await apiPost('demo-jobcenter-key', '/api/v1/notices', warning)).json());
    expect(a.deadlines.map((d) => d.kind)).not.toContain('schonfrist_end');

    // The suit, served on a day the court does not state: the estimate runs from the court's
    // notice (2026-02-10 → 2026-04-10), not from the Jobcenter's warning a month earlier.
    const suit = courtNotice({ receivedOn: '2026-02-10', tenants: [tenant], address, court: { name: 'Amtsgericht Musterstadt', fileNumber: `7 C ${uniqueSuffix()}/26` } });
    const b = NoticeResult.parse((await apiPost('demo-court-key', '/api/v1/notices', suit)).json());
    expect(b.household.id).toBe(a.household.id);
    expect(b.deadlines.find((d) => d.kind === 'schonfrist_end')).toMatchObject({ date: '2026-04-10', estimate: true });
  });

  it('the batch endpoint answers per item', async () => {
    const ok = courtNotice();
    const res = await apiPost('demo-court-key', '/api/v1/notices/batch', { notices: [ok, { ...ok, externalId: undefined }, ok] });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ created: 1, existing: 1, rejected: 1 });
    expect(body.items.map((i: { status: number }) => i.status)).toEqual([201, 400, 200]);
    expect(body.items[1].error.fields.map((f: { path: string }) => f.path)).toEqual(['externalId']);
  });

  it('the Schonfrist calculator answers publicly and names bad dates', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/deadlines/schonfrist?servedOn=2026-02-03&servedOn=2026-02-10&state=NW' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ end: '2026-04-10', rawEnd: '2026-04-10', state: 'NW' });
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/deadlines/schonfrist?servedOn=2026-02-30' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toMatch(/^servedOn/);
  });
});

describe(`work queue statement budget (${engineName()})`, () => {
  it('issues the same number of statements for 1 and for 20 cases (no query per row)', async () => {
    const org = await createOrg(t.db);
    const worker = await createUser(t.db, org, ['caseworker']);
    const client = await login(t.app, worker.email, worker.password);
    // This organisation alone covers Wiesental (05170) for the test, so its queue holds exactly these cases.
    const munis = await unsafeInternalTx(t.db, null, (tx) => tx.db.selectFrom('municipalities').select('id').where('name', '=', 'Wiesental').execute());
    await unsafeInternalTx(t.db, null, (tx) =>
      tx.db.updateTable('locations').set({ active: false }).where((eb) => eb(eb.val(munis[0].id), '=', eb.fn.any('municipality_ids'))).execute(),
    );
    await unsafeInternalTx(t.db, null, (tx) =>
      tx.db
        .insertInto('locations')
        .values({ org_id: org.id, name: 'Budget', street: 'Weg', house_number: '1', postal_code: '05170', city: 'Wiesental', office_hours: '[]', municipality_ids: [munis[0].id] })
        .execute(),
    );
    const services = { db: t.db, config: t.config, log: t.app.log, now: t.clock.now };
    const add = (n: number) =>
      Promise.all(
        Array.from({ length: n }, (_, i) =>
          submitNotice(services, { ...courtNotice(), address: { street: 'Wiesenweg', houseNumber: String(i + 1), postalCode: '05170', city: 'Wiesental' } } as never, {
            orgId: org.id, userId: null, label: 'test', channel: 'api', requestId: null,
          }),
        ),
      );
    const measure = async () => {
      const before = t.db.stats.queries;
      const res = await client.get('/api/v1/cases/queue?scope=team');
      expect(res.statusCode).toBe(200);
      return { statements: t.db.stats.queries - before, items: res.json().items.length };
    };
    await add(1);
    const one = await measure();
    await add(19);
    const twenty = await measure();
    expect(one.items).toBe(1);
    expect(twenty.items).toBe(20);
    expect(twenty.statements).toBe(one.statements);
    expect(twenty.statements).toBeLessThanOrEqual(12);
  });
});

describe('field errors say what is wrong', () => {
  it('a value of the wrong type is named as such, in the reader\'s language; a missing one as required', async () => {
    const { tenants, ...withoutTenants } = courtNotice({ arrears: 'viel' });
    void tenants;
    const res = await apiPost('demo-court-key', '/api/v1/notices', withoutTenants);
    expect(res.statusCode).toBe(400);
    const fields = Object.fromEntries(res.json().error.fields.map((f: { path: string; message: string }) => [f.path, f.message]));
    expect(fields).toEqual({ arrears: 'Ungültiger Wert (erwartet: Zahl).', tenants: 'Pflichtfeld.' });
  });
});
