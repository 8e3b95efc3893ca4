import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvaluationReport } from '../../../contracts/reports.js';
import type { Role } from '../../../contracts/roles.js';
import { permissionsFor } from '../../../domain/access/permissions.js';
import type { Actor } from '../../platform/auth/actor.js';
import { inTenantTx, unsafeInternalTx } from '../../platform/db/tenant.js';
import { clientFor, createTestApp, uniqueSuffix, type Client, type TestApp } from '../../test/app.js';
import { caseIn, intakeArea, type IntakeArea } from '../../test/cases.js';
import { engineName } from '../../test/db.js';
import { createOrg, createUser, type TestOrg, type TestUser } from '../../test/factories.js';
import { mintSession } from '../../test/sessions.js';
import { evaluationReport } from './evaluation.js';

/*
 * The evaluation report through the HTTP API on a small hand-made data set with known answers
 * (the period: the first quarter of 2026), the district scope, the drill-down and the dashboard.
 * The clock stands at Saturday 21 November 2026, 10:00 in Berlin.
 *
 * Träger A:
 *   c1  received 2026-01-05 (court suit); families; attempts 01-05 (not reached), 01-07 (reached);
 *       closed: tenancy secured with assumption, causes income loss + separation; measures: rent
 *       debt (approved 2,000 €, 1,800 € assumed) and a referral; 6-month follow-up due 02-15: yes.
 *   c2  received 2026-02-10 (Jobcenter); families + single parents; appointment agreed 02-13;
 *       open; rent debt applied for (1,000 €).
 *   c3  received 2026-03-20 (Jobcenter), a landlord notice on 2026-04-02 (after the period);
 *       never reached; open.
 *   c4  received 2025-12-20 (before the period), a court suit on 2026-01-15 (in it); lease signed
 *       2026-02-01; its 6-month follow-up due 2026-03-01: in place.
 *   c5  received 2026-11-18 (this week; outside the period).
 * Träger B:
 *   b1  received 2026-01-10 (Jobcenter); reached on the day.
 */

let t: TestApp;
let orgA: TestOrg;
let orgB: TestOrg;
let areaA: IntakeArea;
let areaB: IntakeArea;
let userA: TestUser;
let caseworkerA: Client;
let leadA: Client;
let caseworkerB: Client;
let statistics: Client;
let reporter: Client;
const c: Record<string, string> = {};

async function client(org: TestOrg, roles: Role[]): Promise<Client> {
  const u = await createUser(t.db, org, roles);
  const s = await mintSession(t.db, t.clock, u);
  return clientFor(t.app, s.cookie, s.csrf);
}

const Q1 = 'from=2026-01-01&to=2026-03-31';
const cells = (b: { rows: { key: string; count: number | null }[] }) => Object.fromEntries(b.rows.filter((r) => r.count !== 0).map((r) => [r.key, r.count]));
const fieldsOf = (res: { json(): any }) => (res.json().error?.fields ?? []).map((f: { path: string }) => f.path);

/** Moves a case (and its notices) to the day its first notice came in. */
async function receivedOn(caseId: string, day: string, kind: string, extra: Record<string, unknown> = {}) {
  await unsafeInternalTx(t.db, null, async (tx) => {
    await tx.db.updateTable('cases').set({ received_on: day, ...extra }).where('id', '=', caseId).execute();
    await tx.db.updateTable('notices').set({ received_on: day, kind }).where('case_id', '=', caseId).execute();
    await tx.db.deleteFrom('case_deadlines').where('case_id', '=', caseId).execute();
  });
}

/** A further notice for an existing case. */
async function addNotice(caseId: string, orgId: string, day: string, kind: string) {
  await unsafeInternalTx(t.db, null, (tx) =>
    tx.db
      .insertInto('notices')
      .values({ org_id: orgId, source_org_id: orgId, receipt_id: crypto.randomUUID(), external_id: `X-${uniqueSuffix()}`, kind, channel: 'web', received_on: day, case_id: caseId, household_match: 'linked', payload: '{}' })
      .execute(),
  );
}

async function attempt(caseId: string, orgId: string, at: string, outcome: string) {
  await unsafeInternalTx(t.db, null, (tx) => tx.db.insertInto('contact_attempts').values({ org_id: orgId, case_id: caseId, channel: 'phone', attempted_at: new Date(at), outcome }).execute());
}

beforeAll(async () => {
  t = await createTestApp();
  const s = uniqueSuffix();
  orgA = await createOrg(t.db, 'provider', `Träger A ${s}`);
  orgB = await createOrg(t.db, 'provider', `Träger B ${s}`);
  const district = await createOrg(t.db, 'district_office', `Fachstelle ${s}`);
  userA = await createUser(t.db, orgA, ['caseworker'], { displayName: 'Anna Fallarbeit' });
  const sa = await mintSession(t.db, t.clock, userA);
  caseworkerA = clientFor(t.app, sa.cookie, sa.csrf);
  leadA = await client(orgA, ['team_lead']);
  caseworkerB = await client(orgB, ['caseworker']);
  statistics = await client(district, ['statistics']);
  const jobcenter = await createOrg(t.db, 'jobcenter', `Jobcenter ${s}`);
  reporter = await client(jobcenter, ['reporter']);
  areaA = await intakeArea(t.db, orgA);
  areaB = await intakeArea(t.db, orgB);

  for (const k of ['c1', 'c2', 'c3', 'c4', 'c5']) c[k] = (await caseIn(t.db, caseworkerA, areaA)).id;
  c.b1 = (await caseIn(t.db, caseworkerB, areaB)).id;

  await receivedOn(c.c1, '2026-01-05', 'court_eviction_suit', { target_groups: ['families_with_children'], status: 'closed' });
  await receivedOn(c.c2, '2026-02-10', 'jobcenter_warning', {
    target_groups: ['families_with_children', 'single_parents'], status: 'open', assigned_user_id: userA.id, first_contact_attempt_at: new Date('2026-02-13T09:00:00Z'),
  });
  await receivedOn(c.c3, '2026-03-20', 'jobcenter_warning', { status: 'open', assigned_user_id: userA.id, first_contact_due: '2026-11-10' });
  await addNotice(c.c3, orgA.id, '2026-04-02', 'landlord_notice');
  await receivedOn(c.c4, '2025-12-20', 'jobcenter_warning');
  await addNotice(c.c4, orgA.id, '2026-01-15', 'court_eviction_suit');
  await receivedOn(c.c5, '2026-11-18', 'landlord_notice');
  await receivedOn(c.b1, '2026-01-10', 'jobcenter_warning');

  // Berlin days: 23:30 UTC on 01-04 is already 01-05 in Berlin (the attempt is on the receipt day).
  await attempt(c.c1, orgA.id, '2026-01-04T23:30:00Z', 'not_reached');
  await attempt(c.c1, orgA.id, '2026-01-07T10:00:00Z', 'reached');
  await attempt(c.c2, orgA.id, '2026-02-13T09:00:00Z', 'appointment_agreed');
  await attempt(c.b1, orgB.id, '2026-01-10T09:00:00Z', 'reached');

  await unsafeInternalTx(t.db, null, async (tx) => {
    const closure = await tx.db
      .insertInto('case_closures')
      .values({ org_id: orgA.id, case_id: c.c1, closed_on: '2026-02-01', outcome: 'tenancy_secured_with_assumption', causes: ['income_loss', 'separation'] })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [months, due, answer, status] of [[6, '2026-02-15', 'yes', 'done'], [12, '2026-08-15', null, 'open']] as const) {
      await tx.db
        .insertInto('tasks')
        .values({ org_id: orgA.id, case_id: c.c1, kind: 'follow_up', due_on: due, assignee_id: userA.id, status, closure_id: closure.id, follow_up_months: months, follow_up_answer: answer })
        .execute();
    }
    const type = async (key: string) =>
      (await tx.db.selectFrom('measure_types').select(['id', 'category']).where('org_id', '=', orgA.id).where('key', '=', key).executeTakeFirstOrThrow());
    const debt = await type('rent_debt_assumption');
    const referral = await type('referral_debt_counselling');
    for (const [caseId, status, amount, decided] of [[c.c1, 'approved', 2000, 1800], [c.c2, 'applied', 1000, null]] as const) {
      const m = await tx.db.insertInto('measures').values({ org_id: orgA.id, case_id: caseId, type_id: debt.id, category: debt.category, status: null }).returning('id').executeTakeFirstOrThrow();
      await tx.db
        .insertInto('rent_debt_applications')
        .values({ id: m.id, org_id: orgA.id, case_id: caseId, deciding_org_id: district.id, status, amount, body: 'jobcenter', form: 'grant', decided_amount: decided })
        .execute();
    }
    await tx.db.insertInto('measures').values({ org_id: orgA.id, case_id: c.c1, type_id: referral.id, category: referral.category, status: 'planned' }).execute();

    // The brokered lease of c4 and its follow-up.
    const landlord = await tx.db.insertInto('landlords').values({ org_id: orgA.id, kind: 'private', name: 'Vermieterin Beispiel' }).returning('id').executeTakeFirstOrThrow();
    const offer = await tx.db
      .insertInto('flat_offers')
      .values({
        org_id: orgA.id, landlord_id: landlord.id, street: 'Lindenweg', house_number: '3', postal_code: areaA.postalCode, city: areaA.city, municipality_id: areaA.municipality.id,
        floor_area: 60, rooms: 2, floor: 1, base_rent: 400, service_charges: 100, heating_costs: 60, available_from: '2026-01-15', status: 'let',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const search = await tx.db
      .insertInto('housing_searches')
      .values({ org_id: orgA.id, case_id: c.c4, status: 'housed', started_on: '2025-12-22', persons: 2, ended_on: '2026-02-01' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const proposal = await tx.db
      .insertInto('offer_proposals')
      .values({ org_id: orgA.id, offer_id: offer.id, search_id: search.id, case_id: c.c4, status: 'lease_signed', proposed_on: '2026-01-16', lease_signed_on: '2026-02-01', tenancy_start: '2026-02-01' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.db.insertInto('tenancy_followups').values({ proposal_id: proposal.id, org_id: orgA.id, months: 6, due_on: '2026-03-01', in_place: true, checked_on: '2026-03-02' }).execute();
    await tx.db.insertInto('tenancy_followups').values({ proposal_id: proposal.id, org_id: orgA.id, months: 12, due_on: '2026-09-01' }).execute();

    // The dashboard: c2's Schonfrist ends in nine days; three open tasks of A's caseworker.
    await tx.db.insertInto('case_deadlines').values({ org_id: orgA.id, case_id: c.c2, kind: 'schonfrist_end', date: '2026-11-30', basis: 'test', shifts: '[]', warnings: '[]' }).execute();
    for (const due of ['2026-11-21', '2026-11-19', '2026-12-01']) {
      await tx.db.insertInto('tasks').values({ org_id: orgA.id, case_id: c.c2, title: 'Unterlagen anfordern', due_on: due, assignee_id: userA.id }).execute();
    }
  });
}, 120_000);
afterAll(() => t?.close());

describe(`evaluation report, organisation scope (${engineName()})`, () => {
  let r: EvaluationReport;
  beforeAll(async () => {
    const res = await caseworkerA.get(`/api/v1/reports/evaluation?${Q1}`);
    expect(res.statusCode, res.body).toBe(200);
    r = res.json();
  });

  it('counts the cohort and the notices of the period (only the own organisation)', () => {
    expect(r).toMatchObject({ scope: 'organisation', from: '2026-01-01', to: '2026-03-31', minimumCell: null });
    expect(r.households.total).toBe(3);
    expect(cells(r.noticesByKind)).toEqual({ court_eviction_suit: 2, jobcenter_warning: 2 });
    expect(r.noticesByKind.rows).toHaveLength(7);
    expect(cells(r.noticesByMonth)).toEqual({ '2026-01': 2, '2026-02': 1, '2026-03': 1 });
    expect(cells(r.targetGroups)).toEqual({ families_with_children: 2, single_parents: 1 });
    expect(r.targetGroups.total).toBe(2);
  });

  it('reach, reach rate and the days to the first attempt and conversation', () => {
    expect(cells(r.reach)).toEqual({ reached: 2, not_reached: 1 });
    expect(r.reachRate).toBeCloseTo(2 / 3);
    expect(r.daysToFirstAttempt).toMatchObject({ n: 2, q1: 0.75, median: 1.5, q3: 2.25 });
    expect(cells(r.daysToFirstAttempt.buckets)).toEqual({ '0': 1, '3': 1 });
    expect(r.daysToFirstConversation).toMatchObject({ n: 2, median: 2.5 });
    expect(cells(r.daysToFirstConversation.buckets)).toEqual({ '2': 1, '3': 1 });
  });

  it('outcomes, causes, measures and rent debt', () => {
    expect(cells(r.outcomes)).toEqual({ tenancy_secured_with_assumption: 1, open: 2 });
    expect(cells(r.causes)).toEqual({ income_loss: 1, separation: 1 });
    expect(r.causes.total).toBe(1);
    expect(cells(r.measures)).toEqual({ rent_debt_assumption: 2, referral: 1 });
    expect(r.measures.total).toBe(2);
    expect(cells(r.rentDebt.applications)).toEqual({ approved: 1, applied: 1 });
    expect(r.rentDebt).toMatchObject({ appliedAmount: 3000, assumedAmount: 1800 });
  });

  it('placements and tenancies after 6 and 12 months by their day', () => {
    expect(cells(r.placementsByMonth)).toEqual({ '2026-02': 1 });
    expect(cells(r.tenancyAfter6)).toEqual({ in_place: 2 });
    expect(r.tenancyAfter12.total).toBe(0);
  });

  it('another organisation sees only its own case', async () => {
    const res = await caseworkerB.get(`/api/v1/reports/evaluation?${Q1}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().households.total).toBe(1);
    expect(cells(res.json().noticesByKind)).toEqual({ jobcenter_warning: 1 });
  });

  it.each([
    ['noticeKind=court_eviction_suit', 1, { court_eviction_suit: 2 }],
    ['targetGroup=single_parents', 1, { jobcenter_warning: 1 }],
    ['targetGroup=single_parents&targetGroup=families_with_children', 2, { court_eviction_suit: 1, jobcenter_warning: 1 }],
  ])('filter %s', async (q, households, kinds) => {
    const res = await caseworkerA.get(`/api/v1/reports/evaluation?${Q1}&${q}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().households.total).toBe(households);
    expect(cells(res.json().noticesByKind)).toEqual(kinds);
  });

  it('filters by municipality and location', async () => {
    const res = await caseworkerA.get(`/api/v1/reports/evaluation?${Q1}&municipalityId=${areaB.municipality.id}`);
    expect(res.json().households.total).toBe(0);
    const own = await caseworkerA.get(`/api/v1/reports/evaluation?${Q1}&municipalityId=${areaA.municipality.id}`);
    expect(own.json().households.total).toBe(3);
  });
});

describe(`evaluation report, district scope (${engineName()})`, () => {
  it('counts every organisation, small cells suppressed (minimum 5)', async () => {
    const res = await statistics.get(`/api/v1/reports/evaluation?${Q1}&scope=district`);
    expect(res.statusCode, res.body).toBe(200);
    const r: EvaluationReport = res.json();
    expect(r.minimumCell).toBe(5);
    // Four households (A's three and B's one): below 5.
    expect(r.households).toMatchObject({ total: null, totalSuppressed: 'primary' });
    expect(r.reachRate).toBeNull();
    expect(r.noticesByKind.rows.find((x) => x.key === 'landlord_notice')?.count).toBe(0);
    expect(r.rentDebt).toMatchObject({ appliedAmount: null, assumedAmount: null });
    expect(r.daysToFirstAttempt).toMatchObject({ n: null, median: null });
  });

  it('with a smaller minimum the figures of both organisations show', async () => {
    const u = await createUser(t.db, orgA, ['statistics']);
    const actor = { userId: u.id, orgId: orgA.id, globalAdmin: false, email: u.email, permissions: new Set(permissionsFor(['statistics'])) } as unknown as Actor;
    const r = await inTenantTx(t.db, actor, null, (tx) =>
      evaluationReport(tx, 'district', { from: '2026-01-01', to: '2026-03-31', scope: 'district' }, { orgId: orgA.id, minimumCell: 2 }),
    );
    expect(r.households.total).toBe(4);
    expect(cells(r.noticesByKind)).toEqual({ court_eviction_suit: 2, jobcenter_warning: 3 });
    // One household not reached (A's c3): hidden, and the three reached with it (secondary).
    expect(r.reach.rows.map((x) => x.suppressed)).toEqual(['secondary', 'primary']);
    expect(r.reach.total).toBe(4);
    const only = await inTenantTx(t.db, actor, null, (tx) =>
      evaluationReport(tx, 'district', { from: '2026-01-01', to: '2026-03-31', scope: 'district', orgId: [orgB.id] }, { orgId: orgA.id, minimumCell: 2 }),
    );
    expect(only.households).toMatchObject({ total: null, totalSuppressed: 'primary' });
    expect(cells(only.noticesByKind)).toEqual({ jobcenter_warning: null });
  });
});

describe(`evaluation report, access and bad filters (${engineName()})`, () => {
  it.each([
    ['statistics, organisation scope', () => statistics, `?${Q1}`, 403],
    ['caseworker, district scope', () => caseworkerA, `?${Q1}&scope=district`, 403],
    ['reporter', () => reporter, `?${Q1}`, 403],
    ['statistics, drill-down', () => statistics, `/cases?${Q1}&indicator=households&key=all`, 403],
    ['statistics, district drill-down', () => statistics, `/cases?${Q1}&scope=district&indicator=households&key=all`, 403],
  ])('%s → %s', async (_name, who, path, status) => {
    const res = await who().get(`/api/v1/reports/evaluation${path}`);
    expect(res.statusCode).toBe(status);
  });

  it.each([
    ['from after to', '?from=2026-03-01&to=2026-02-01', 'to'],
    ['more than ten years', '?from=2010-01-01&to=2026-03-31', 'to'],
    ['an organisation in the own scope', `?${Q1}&orgId=00000000-0000-4000-8000-000000000000`, 'orgId'],
    ['no period', '', 'from'],
    ['a broken date', '?from=2026-02-30&to=2026-03-01', 'from'],
    ['an unknown notice kind', `?${Q1}&noticeKind=rumour`, 'noticeKind'],
    ['a broken id', `?${Q1}&locationId=abc`, 'locationId'],
    ['a drill-down key the indicator lacks', `/cases?${Q1}&indicator=reach&key=maybe`, 'key'],
    ['a drill-down in the district scope', `/cases?${Q1}&scope=district&indicator=reach&key=reached`, 'scope'],
  ])('%s → 400 naming the field', async (_name, path, field) => {
    const res = await caseworkerA.get(`/api/v1/reports/evaluation${path}`);
    expect(res.statusCode, res.body).toBe(400);
    expect(fieldsOf(res)).toContain(field);
  });
});

describe(`drill-down (${engineName()})`, () => {
  const ids = async (q: string, who: Client = caseworkerA) => {
    const res = await who.get(`/api/v1/reports/evaluation/cases?${Q1}&${q}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it.each([
    ['indicator=households&key=all', ['c1', 'c2', 'c3']],
    ['indicator=households&key=*', ['c1', 'c2', 'c3']],
    ['indicator=notices_by_kind&key=court_eviction_suit', ['c4', 'c1']],
    ['indicator=reach&key=not_reached', ['c3']],
    ['indicator=days_to_first_attempt&key=3', ['c2']],
    ['indicator=outcomes&key=open', ['c2', 'c3']],
    ['indicator=causes&key=separation', ['c1']],
    ['indicator=rent_debt&key=approved', ['c1']],
    ['indicator=placements_by_month&key=2026-02', ['c4']],
    ['indicator=tenancy_after_6&key=in_place', ['c4', 'c1']],
    ['indicator=notices_by_month&key=2026-01', ['c4', 'c1']],
  ])('%s lists exactly the cases behind the number', async (q, expected) => {
    const list = await ids(q);
    expect(list.items.map((i: { caseId: string }) => i.caseId)).toEqual(expected.map((k) => c[k]));
    expect(list.total).toBe(expected.length);
  });

  it('names the households and their municipality', async () => {
    const list = await ids('indicator=reach&key=not_reached');
    expect(list.items[0]).toMatchObject({ caseId: c.c3, municipality: areaA.municipality.name, receivedOn: '2026-03-20', status: 'open' });
    expect(list.items[0].householdName).toMatch(/^Dana Muster/);
    expect(list).toMatchObject({ page: 1, pageSize: 50 });
  });

  it("never lists another organisation's cases", async () => {
    const list = await ids('indicator=households&key=all', caseworkerB);
    expect(list.items.map((i: { caseId: string }) => i.caseId)).toEqual([c.b1]);
  });

  it('is audited with the cases shown', async () => {
    await ids('indicator=reach&key=not_reached');
    const entry = await unsafeInternalTx(t.db, null, (tx) =>
      tx.db.selectFrom('audit_log').select(['action', 'details']).where('action', '=', 'report.drill_down').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow(),
    );
    expect((entry.details as { ids: string[] }).ids).toEqual([c.c3]);
  });
});

describe(`dashboard (${engineName()})`, () => {
  it("the caseworker's own figures, no team", async () => {
    const res = await caseworkerA.get('/api/v1/reports/dashboard');
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d.newNoticesThisWeek).toBe(1);
    expect(d.openCasesByUrgency).toEqual([
      { band: 'overdue', count: 0 },
      { band: 'within_14_days', count: 1 },
      { band: 'within_60_days', count: 0 },
      { band: 'later_or_none', count: 1 },
    ]);
    expect(d.deadlinesNext14Days).toEqual([expect.objectContaining({ caseId: c.c2, kind: 'schonfrist_end', date: '2026-11-30', estimate: false })]);
    expect(d.overdueFirstContacts).toBe(1);
    // Three tasks and the open 12-month follow-up (due in August).
    expect(d.myTasks).toEqual({ open: 4, dueToday: 1, overdue: 2 });
    expect(d.team).toBeNull();
  });

  it("the team lead sees the team's load", async () => {
    const res = await leadA.get('/api/v1/reports/dashboard');
    expect(res.statusCode, res.body).toBe(200);
    const team = res.json().team;
    expect(team).toContainEqual({ userId: userA.id, name: 'Anna Fallarbeit', openCases: 2, overdueFirstContacts: 1, openTasks: 4 });
  });

  it('statistics and reporters have no dashboard', async () => {
    expect((await statistics.get('/api/v1/reports/dashboard')).statusCode).toBe(403);
    expect((await reporter.get('/api/v1/reports/dashboard')).statusCode).toBe(403);
  });
});

function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'bleibe-eval-'));
  const path = join(dir, 'r.pdf');
  writeFileSync(path, pdf);
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
}

describe(`evaluation export (${engineName()})`, () => {
  const download = async (q: string, who: Client = caseworkerA) => {
    const res = await who.get(`/api/v1/reports/evaluation/export?${Q1}&${q}`);
    expect(res.statusCode, res.body).toBe(200);
    return res;
  };

  it('CSV in English: every table with its figures', async () => {
    const res = await download('format=csv&lang=en');
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain('evaluation-2026-01-01-2026-03-31.csv');
    const text = res.body;
    expect(text).toContain('Households reported');
    expect(text).toContain('\r\nHouseholds,3\r\n');
    expect(text).toContain('Notices by channel');
    expect(text).toContain('\r\nEviction suit (court notice),2\r\n');
    expect(text).toContain('Reach rate (%),66.7');
    expect(text).toContain('Applied for (EUR),3000');
    expect(text).toContain('Median (days),1.5');
  });

  it('XLSX in German: one sheet per figure, numbers as numbers', async () => {
    const res = await download('format=xlsx&lang=de');
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toContain('Gemeldete Haushalte');
    const outcomes = wb.worksheets.find((w) => w.name === 'Ergebnisse')!;
    const rows = outcomes.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(rows).toContainEqual(['noch offen', 2]);
    expect(rows).toContainEqual(['Insgesamt', 3]);
  });

  it('PDF: the figures readable as text', async () => {
    const res = await download('format=pdf&lang=de');
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = pdfText(res.rawPayload);
    expect(text).toContain('Auswertung 01.01.2026 – 31.03.2026');
    expect(text).toMatch(/noch offen\s+2/);
  });

  it('district scope: suppressed cells marked, no figure of a small cell', async () => {
    const res = await download('format=csv&lang=en&scope=district', statistics);
    expect(res.body).toContain('Smallest count shown,5');
    expect(res.body).toContain('Total,< 5');
    expect(res.body).not.toContain('Households,4');
  });

  it('the same permissions and filters as the report', async () => {
    expect((await statistics.get(`/api/v1/reports/evaluation/export?${Q1}&format=csv`)).statusCode).toBe(403);
    const bad = await caseworkerA.get('/api/v1/reports/evaluation/export?from=2026-03-01&to=2026-02-01&format=csv');
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)).toEqual(['to']);
    const fmt = await caseworkerA.get(`/api/v1/reports/evaluation/export?${Q1}&format=docx`);
    expect(fieldsOf(fmt)).toEqual(['format']);
  });
});
