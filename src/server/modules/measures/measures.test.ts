import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Measure, MeasureType, SubmittedApplication } from '../../../contracts/measures.js';
import { permissionsFor } from '../../../domain/access/permissions.js';
import type { Actor } from '../../platform/auth/actor.js';
import { inTenantTx, unsafeInternalTx } from '../../platform/db/tenant.js';
import { clientFor, createTestApp, login, testClock, uniqueSuffix, type Client, type TestApp } from '../../test/app.js';
import { engineName } from '../../test/db.js';
import { createUser } from '../../test/factories.js';
import { mintSession } from '../../test/sessions.js';
import { DEMO_PASSWORD } from '../demo/demo-data.js';
import { seedDemo } from '../demo/seed.js';

let t: TestApp;
let fkA: Client;
let fkB: Client;
let wd: Client;
let adminA: Client;
let financeJobcenter: Client;
const orgs = { fachstelle: '', traegerA: '', traegerB: '', jobcenter: '', court: '' };
let types: MeasureType[];
const typeId = (key: string) => types.find((x) => x.key === key)!.id;

/** A household in Musterstadt (Träger A), served 3 February 2026: Schonfrist end Tue 7 April 2026. */
let households = 0;
async function caseOfA(lastName: string) {
  const id = uniqueSuffix();
  // A household and a person of its own each time (the matcher would rightly join look-alikes).
  const n = ++households;
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/notices',
    headers: { authorization: 'Bearer demo-court-key', 'content-type': 'application/json' },
    payload: JSON.stringify({
      externalId: `AG-${id}`,
      kind: 'court_eviction_suit',
      receivedOn: '2026-02-05',
      tenants: [{ firstName: 'Jolanta', lastName, birthDate: `19${50 + n}-0${1 + (n % 9)}-1${n % 10}`, servedOn: '2026-02-03' }],
      address: { street: `Mispelgasse`, houseNumber: String(n), postalCode: '05101', city: 'Musterstadt' },
      landlord: { name: 'Musterländer Wohnungsbau GmbH' },
      arrears: 2480,
      court: { name: 'Amtsgericht Musterstadt', fileNumber: `12 C ${id}/26`, servedOn: '2026-02-03' },
    }),
  });
  expect(res.statusCode, res.body).toBe(201);
  return unsafeInternalTx(t.db, null, (tx) =>
    tx.db.selectFrom('notices as n').innerJoin('cases as c', 'c.id', 'n.case_id').select(['c.id', 'c.case_number']).where('n.id', '=', res.json().id).executeTakeFirstOrThrow(),
  );
}

async function sessionFor(orgId: string, roles: Parameters<typeof createUser>[2], displayName: string) {
  const user = await createUser(t.db, { id: orgId, name: '' }, roles, { displayName });
  const s = await mintSession(t.db, t.clock, { id: user.id, orgId });
  return { client: clientFor(t.app, s.cookie, s.csrf), user };
}

/** A fresh session of a demo account at the test clock's current time. */
async function sessionOf(email: string) {
  const u = await unsafeInternalTx(t.db, null, (tx) => tx.db.selectFrom('users').select(['id', 'org_id as orgId']).where('email', '=', email).executeTakeFirstOrThrow());
  const s = await mintSession(t.db, t.clock, u);
  return clientFor(t.app, s.cookie, s.csrf);
}

beforeAll(async () => {
  // Friday 20 March 2026: the Schonfrist of the cases below ends on Tuesday 7 April.
  t = await createTestApp({}, testClock(new Date('2026-03-20T09:00:00Z')));
  await seedDemo(t.db);
  [fkA, fkB, wd] = await Promise.all(['fk.a', 'fk.b', 'wd'].map((u) => login(t.app, `${u}@demo.test`, DEMO_PASSWORD)));
  const rows = await unsafeInternalTx(t.db, null, (tx) => tx.db.selectFrom('organisations').select(['id', 'short_name']).execute());
  const by = (s: string) => rows.find((r) => r.short_name === s)!.id;
  Object.assign(orgs, { fachstelle: by('Fachstelle'), traegerA: by('Wohnhilfe'), traegerB: by('Sozialwerk'), jobcenter: by('Jobcenter'), court: by('AG Musterstadt') });
  adminA = (await sessionFor(orgs.traegerA, ['org_admin'], 'Admin Wohnhilfe')).client;
  financeJobcenter = (await sessionFor(orgs.jobcenter, ['finance'], 'Leistung Jobcenter')).client;
  types = (await fkA.get('/api/v1/measure-types')).json().items;
});
afterAll(() => t?.close());

const measuresOf = async (client: Client, caseId: string): Promise<Measure[]> => (await client.get(`/api/v1/cases/${caseId}/measures`)).json().items;
const fieldPaths = (res: { json(): any }) => (res.json().error.fields ?? []).map((f: { path: string }) => f.path);

/** A rent-debt application of a new case of A, submitted to the Fachstelle. */
async function submitted(lastName: string, amount = 2480) {
  const c = await caseOfA(lastName);
  const created = await fkA.post(`/api/v1/cases/${c.id}/measures`, {
    typeId: typeId('rent_debt_assumption'),
    rentDebt: { amount, body: 'jobcenter', form: 'loan', reasoning: 'Einkommensverlust durch Kurzarbeit; Miete seit Januar wieder gesichert.', decidingOrgId: orgs.fachstelle },
  });
  expect(created.statusCode, created.body).toBe(201);
  const res = await fkA.patch(`/api/v1/measures/${created.json().id}`, { version: created.json().version, status: 'applied' });
  expect(res.statusCode, res.body).toBe(200);
  return { caseA: c, measure: res.json() as Measure };
}

describe(`measures and rent-debt assumptions (${engineName()})`, () => {
  it('every case-working organisation starts with the default catalogue', async () => {
    expect(types.map((x) => x.key)).toEqual([
      'rent_debt_assumption', 'instalment_agreement', 'direct_payment', 'landlord_negotiation', 'referral_debt_counselling',
      'referral_addiction_help', 'referral_social_psychiatric', 'referral_clinic', 'referral_prison_social_service', 'accompaniment',
      'benefit_wohngeld', 'benefit_sgb2', 'benefit_sgb12',
    ]);
    const ofB: MeasureType[] = (await fkB.get('/api/v1/measure-types')).json().items;
    expect(ofB).toHaveLength(13);
    expect(ofB.map((x) => x.id).some((id) => types.some((x) => x.id === id))).toBe(false);
    const fresh = await unsafeInternalTx(t.db, null, async (tx) => {
      const { id } = await tx.db.insertInto('organisations').values({ name: `Neuer Träger ${uniqueSuffix()}`, kind: 'provider' }).returning('id').executeTakeFirstOrThrow();
      return tx.db.selectFrom('measure_types').select('key').where('org_id', '=', id).execute();
    });
    expect(fresh).toHaveLength(13);
  });

  it('a referral goes planned → referred → attended; an impossible step is a 422 naming status', async () => {
    const c = await caseOfA('Ozdemir');
    const made = await fkA.post(`/api/v1/cases/${c.id}/measures`, { typeId: typeId('referral_debt_counselling'), counterpart: 'Schuldnerberatung der Diakonie', dueOn: '2026-03-27' });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({ category: 'referral', status: 'planned', counterpart: 'Schuldnerberatung der Diakonie', rentDebt: null, completedOn: null });
    const jump = await fkA.patch(`/api/v1/measures/${made.json().id}`, { version: made.json().version, status: 'attended' });
    expect([jump.statusCode, fieldPaths(jump)]).toEqual([422, ['status']]);
    const referred = (await fkA.patch(`/api/v1/measures/${made.json().id}`, { version: made.json().version, status: 'referred' })).json();
    const attended = await fkA.patch(`/api/v1/measures/${made.json().id}`, { version: referred.version, status: 'attended' });
    expect(attended.json()).toMatchObject({ status: 'attended', completedOn: '2026-03-20' });
    const stale = await fkA.patch(`/api/v1/measures/${made.json().id}`, { version: referred.version, note: 'überholt' });
    expect([stale.statusCode, stale.json().error.code]).toEqual([409, 'version_conflict']);
    const wrong = await fkA.post(`/api/v1/cases/${c.id}/measures`, { typeId: typeId('instalment_agreement'), status: 'attended' });
    expect([wrong.statusCode, fieldPaths(wrong)]).toEqual([422, ['status']]);
    const rentDebtWithout = await fkA.post(`/api/v1/cases/${c.id}/measures`, { typeId: typeId('rent_debt_assumption') });
    expect([rentDebtWithout.statusCode, fieldPaths(rentDebtWithout)]).toEqual([422, ['rentDebt']]);
    const courtDecides = await fkA.post(`/api/v1/cases/${c.id}/measures`, {
      typeId: typeId('rent_debt_assumption'), rentDebt: { amount: 100, body: 'jobcenter', form: 'loan', decidingOrgId: orgs.court },
    });
    expect([courtDecides.statusCode, fieldPaths(courtDecides)]).toEqual([422, ['rentDebt.decidingOrgId']]);
  });

  it('a draft is invisible to the deciding organisation; submitting hands over the application only', async () => {
    const c = await caseOfA('Kaczmarek');
    const draft = await fkA.post(`/api/v1/cases/${c.id}/measures`, {
      typeId: typeId('rent_debt_assumption'), rentDebt: { amount: 1999.99, body: 'social_office', form: 'grant', decidingOrgId: orgs.fachstelle },
    });
    expect(draft.json()).toMatchObject({ status: 'draft', rentDebt: { status: 'draft', amount: 1999.99, schonfristEnd: '2026-04-07', warnings: [] } });
    const list: SubmittedApplication[] = (await wd.get('/api/v1/rent-debt-applications?status=all')).json().items;
    expect(list.map((a) => a.id)).not.toContain(draft.json().id);
    expect((await wd.get(`/api/v1/rent-debt-applications/${draft.json().id}`)).statusCode).toBe(404);

    const { caseA, measure } = await submitted('Wiśniewska');
    expect(measure.rentDebt).toMatchObject({ status: 'applied', decidingOrg: { id: orgs.fachstelle }, submittedAt: '2026-03-20T09:00:00.000Z' });
    const open: SubmittedApplication[] = (await wd.get('/api/v1/rent-debt-applications')).json().items;
    const app = open.find((a) => a.id === measure.id)!;
    expect(app).toEqual({
      id: measure.id,
      status: 'applied',
      caseNumber: caseA.case_number,
      submittingOrg: { id: orgs.traegerA, name: 'Wohnhilfe Musterland e.V.' },
      submittedAt: '2026-03-20T09:00:00.000Z',
      submittedByName: 'Fatma Fachkraft',
      applicantNames: 'Jolanta Wiśniewska',
      householdAddress: expect.stringMatching(/^Mispelgasse \d+, 05101 Musterstadt$/),
      landlordName: 'Musterländer Wohnungsbau GmbH',
      amount: 2480,
      body: 'jobcenter',
      form: 'loan',
      reasoning: 'Einkommensverlust durch Kurzarbeit; Miete seit Januar wieder gesichert.',
      schonfristEnd: '2026-04-07',
      schonfristEstimate: false,
      decision: null,
      commitmentOn: null,
      warnings: [],
      version: measure.version,
    });
    // The case itself stays out of reach of the deciding organisation, in code and in the database.
    expect((await wd.get(`/api/v1/cases/${caseA.id}`)).statusCode).toBe(404);
    expect((await wd.get(`/api/v1/cases/${caseA.id}/measures`)).statusCode).toBe(404);
    const seen = await inTenantTx(t.db, actorOf(orgs.fachstelle), null, async (tx) => ({
      cases: (await tx.db.selectFrom('cases').select('id').where('id', '=', caseA.id).execute()).length,
      measures: (await tx.db.selectFrom('measures').select('id').where('id', '=', measure.id).execute()).length,
      persons: (await sql<{ n: number }>`select count(*)::int as n from case_tenants where case_id = ${caseA.id}`.execute(tx.db)).rows[0].n,
      applications: (await tx.db.selectFrom('rent_debt_applications').select('id').where('id', '=', measure.id).execute()).length,
    }));
    expect(seen).toEqual({ cases: 0, measures: 0, persons: 0, applications: 1 });
    // Another deciding body (a Jobcenter) sees nothing of it.
    expect((await financeJobcenter.get('/api/v1/rent-debt-applications?status=all')).json().items).toEqual([]);
    expect((await financeJobcenter.get(`/api/v1/rent-debt-applications/${measure.id}`)).statusCode).toBe(404);
    // Once submitted, the application is what was submitted.
    const edit = await fkA.patch(`/api/v1/measures/${measure.id}`, { version: measure.version, rentDebt: { amount: 3000 } });
    expect([edit.statusCode, fieldPaths(edit)]).toEqual([422, ['rentDebt.amount']]);
    const reads = await unsafeInternalTx(t.db, null, (tx) =>
      tx.db.selectFrom('audit_log').select(['action', 'details']).where('org_id', '=', orgs.fachstelle).where('action', '=', 'rent_debt.list').execute(),
    );
    expect(reads.some((r) => ((r.details as { ids: string[] }).ids ?? []).includes(measure.id))).toBe(true);
  });

  it('finance decides; the caseworker sees the decision in the case, with the commitment compared against the Schonfrist end', async () => {
    const { caseA, measure } = await submitted('Nowakowska');
    // The caseworker cannot decide, not even through the status.
    const self = await fkA.patch(`/api/v1/measures/${measure.id}`, { version: measure.version, status: 'approved' });
    expect([self.statusCode, fieldPaths(self)]).toEqual([422, ['status']]);
    const decided = await wd.post(`/api/v1/rent-debt-applications/${measure.id}/decision`, {
      version: measure.version, status: 'approved', amount: 2480, form: 'loan', decidedOn: '2026-03-25', commitmentOn: '2026-03-27', note: 'Darlehen, Tilgung 10 % des Regelbedarfs',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ status: 'approved', commitmentOn: '2026-03-27', warnings: [], decision: { amount: 2480, form: 'loan', decidedOn: '2026-03-25', decidedByName: 'Werner Wirtschaftsdienst' } });
    const [inCase] = await measuresOf(fkA, caseA.id);
    expect(inCase).toMatchObject({
      status: 'approved',
      rentDebt: {
        status: 'approved', commitmentOn: '2026-03-27', schonfristEnd: '2026-04-07', warnings: [],
        decision: { amount: 2480, form: 'loan', decidedOn: '2026-03-25', note: 'Darlehen, Tilgung 10 % des Regelbedarfs', decidedByName: 'Werner Wirtschaftsdienst' },
      },
    });
    // A late commitment (after the Schonfrist end) is flagged on both sides.
    const late = await wd.post(`/api/v1/rent-debt-applications/${measure.id}/decision`, {
      version: decided.json().version, status: 'approved', amount: 2480, form: 'loan', decidedOn: '2026-03-25', commitmentOn: '2026-04-08',
    });
    expect(late.json().warnings).toEqual([{ code: 'commitment_after_schonfrist', days: -1 }]);
    expect((await measuresOf(fkA, caseA.id))[0].rentDebt!.warnings).toEqual([{ code: 'commitment_after_schonfrist', days: -1 }]);
    const stale = await wd.post(`/api/v1/rent-debt-applications/${measure.id}/decision`, {
      version: decided.json().version, status: 'rejected', decidedOn: '2026-03-26',
    });
    expect([stale.statusCode, stale.json().error.code]).toEqual([409, 'version_conflict']);
  });

  it('a commitment inside the margin warns; the margin is the organisation\'s setting', async () => {
    const { caseA, measure } = await submitted('Lewandowska');
    const partly = await wd.post(`/api/v1/rent-debt-applications/${measure.id}/decision`, {
      version: measure.version, status: 'partly_approved', amount: 1800, form: 'grant', decidedOn: '2026-03-30',
    });
    expect(partly.statusCode, partly.body).toBe(200);
    expect(partly.json().decision).toMatchObject({ amount: 1800, form: 'grant' });
    // The caseworker records the day the landlord received the commitment: 6 days before the end.
    const recorded = await fkA.patch(`/api/v1/measures/${measure.id}`, { version: partly.json().version, rentDebt: { commitmentOn: '2026-04-01' } });
    expect(recorded.statusCode, recorded.body).toBe(200);
    expect(recorded.json().rentDebt.warnings).toEqual([{ code: 'commitment_close_to_schonfrist', days: 6 }]);
    const catalogue = (await adminA.get('/api/v1/measure-types')).json();
    expect(catalogue.settings).toEqual({ schonfristWarningDays: 7, version: 0 });
    const set = await adminA.request('PUT', '/api/v1/measure-settings', { schonfristWarningDays: 5, version: 0 });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().settings).toEqual({ schonfristWarningDays: 5, version: 1 });
    expect((await measuresOf(fkA, caseA.id))[0].rentDebt).toMatchObject({ warningDays: 5, warnings: [] });
    const again = await adminA.request('PUT', '/api/v1/measure-settings', { schonfristWarningDays: 9, version: 0 });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'version_conflict']);
    await adminA.request('PUT', '/api/v1/measure-settings', { schonfristWarningDays: 7, version: 1 });
    // A partial approval must be less than applied for.
    const more = await wd.post(`/api/v1/rent-debt-applications/${measure.id}/decision`, {
      version: recorded.json().version, status: 'partly_approved', amount: 2480, form: 'grant', decidedOn: '2026-03-30',
    });
    expect([more.statusCode, fieldPaths(more)]).toEqual([422, ['amount']]);
  });

  it('while undecided, the approaching Schonfrist end warns both sides', async () => {
    const { caseA, measure } = await submitted('Zielinska');
    t.clock.set(new Date('2026-04-02T08:00:00Z'));
    try {
      // Sessions of their own: the shared ones would time out with the jump in time.
      const [fk, finance] = await Promise.all(['fk.a@demo.test', 'wd@demo.test'].map((e) => sessionOf(e)));
      expect((await measuresOf(fk, caseA.id))[0].rentDebt!.warnings).toEqual([{ code: 'undecided_schonfrist_near', days: 5 }]);
      const app = (await finance.get(`/api/v1/rent-debt-applications/${measure.id}`)).json();
      expect(app.warnings).toEqual([{ code: 'undecided_schonfrist_near', days: 5 }]);
    } finally {
      t.clock.set(new Date('2026-03-20T09:00:00Z'));
    }
  });

  it('each side changes only its own part, even past the application code (database guard)', async () => {
    const { measure } = await submitted('Dabrowska');
    const asA = await inTenantTx(t.db, actorOf(orgs.traegerA), null, (tx) =>
      tx.db.updateTable('rent_debt_applications').set({ decided_amount: 1, status: 'approved' }).where('id', '=', measure.id).execute(),
    ).catch((e) => e);
    expect(asA).toMatchObject({ code: '42501' });
    const asFachstelle = await inTenantTx(t.db, actorOf(orgs.fachstelle), null, (tx) =>
      tx.db.updateTable('rent_debt_applications').set({ amount: 1 }).where('id', '=', measure.id).execute(),
    ).catch((e) => e);
    expect(asFachstelle).toMatchObject({ code: '42501' });
    const asJobcenter = await inTenantTx(t.db, actorOf(orgs.jobcenter), null, (tx) =>
      tx.db.updateTable('rent_debt_applications').set({ decided_amount: 1 }).where('id', '=', measure.id).returning('id').execute(),
    );
    expect(asJobcenter).toEqual([]);
  });

  it("another Träger's caseworker gets 404 on the measures; callers without measures.decide get 403 on the work list", async () => {
    const { caseA, measure } = await submitted('Kowalczyk');
    for (const r of [
      await fkB.get(`/api/v1/cases/${caseA.id}/measures`),
      await fkB.post(`/api/v1/cases/${caseA.id}/measures`, { typeId: typeId('accompaniment') }),
      await fkB.patch(`/api/v1/measures/${measure.id}`, { version: measure.version, note: 'fremd' }),
    ]) {
      expect([r.statusCode, r.json().error.code]).toEqual([404, 'not_found']);
    }
    expect((await fkB.get('/api/v1/rent-debt-applications')).statusCode).toBe(403);
    expect((await fkA.post(`/api/v1/rent-debt-applications/${measure.id}/decision`, { version: measure.version, status: 'rejected', decidedOn: '2026-03-21' })).statusCode).toBe(403);
    // B's own catalogue types are not A's: using one is "no such type".
    const typeOfB = ((await fkB.get('/api/v1/measure-types')).json().items as MeasureType[])[1].id;
    const foreign = await fkA.post(`/api/v1/cases/${caseA.id}/measures`, { typeId: typeOfB });
    expect([foreign.statusCode, fieldPaths(foreign)]).toEqual([422, ['typeId']]);
  });

  it('the catalogue is configured per organisation: add, rename and switch off types', async () => {
    const added = await adminA.post('/api/v1/measure-types', { category: 'referral', label: 'Vermittlung: Frauenberatungsstelle', sortOrder: 95 });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({ category: 'referral', label: 'Vermittlung: Frauenberatungsstelle', active: true, sortOrder: 95 });
    const keys = ((await fkA.get('/api/v1/measure-types')).json().items as MeasureType[]).map((x) => x.label);
    expect(keys.indexOf('Vermittlung: Frauenberatungsstelle')).toBe(keys.indexOf('Vermittlung: Sozialdienst der Justizvollzugsanstalt') + 1);
    const off = await adminA.patch(`/api/v1/measure-types/${added.json().id}`, { version: added.json().version, active: false });
    expect(off.json()).toMatchObject({ active: false, version: 2 });
    const c = await caseOfA('Jankowska');
    const inactive = await fkA.post(`/api/v1/cases/${c.id}/measures`, { typeId: added.json().id });
    expect([inactive.statusCode, fieldPaths(inactive)]).toEqual([422, ['typeId']]);
    const kreis = (await sessionFor(orgs.fachstelle, ['org_admin'], 'Admin Kreis')).client;
    expect((await kreis.patch(`/api/v1/measure-types/${added.json().id}`, { version: 2, label: 'fremd' })).statusCode).toBe(404);
    expect((await fkA.post('/api/v1/measure-types', { category: 'other', label: 'x' })).statusCode).toBe(403);
  });
});

/** A caseworker-like actor of an organisation, for looking at what row-level security lets through. */
function actorOf(orgId: string): Actor {
  return {
    userId: '00000000-0000-4000-8000-000000000001', email: 'rls@test.invalid', displayName: 'RLS', language: 'de', orgId, orgName: '', orgKind: 'provider',
    roles: ['finance'], permissions: new Set(permissionsFor(['finance'])), globalAdmin: false, totpEnabled: false,
    session: { id: '', stage: 'active', csrfToken: '', expiresAt: new Date() },
  };
}
