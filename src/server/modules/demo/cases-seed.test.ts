import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NoticeInput } from '../../../contracts/intake.js';
import { minutesOfDay, mondayOf, addDays } from '../../../domain/casework/appointments.js';
import { isWorkingDay } from '../../../domain/deadlines/index.js';
import { loadConfig } from '../../platform/config/config.js';
import { inTenantTx, unsafeInternalTx } from '../../platform/db/tenant.js';
import { createTestApp, login, testClock, type TestApp } from '../../test/app.js';
import { createTestDatabase } from '../../test/db.js';
import { verifyAuditChain } from '../audit/verify.js';
import { seedDemoCases } from './cases-seed.js';
import { demoNotices, officeSlots } from './demo-cases.js';
import { DEMO_PASSWORD, MUNICIPALITIES, ORGANISATIONS } from './demo-data.js';
import { seedDemo } from './seed.js';
import { demoActor } from './staff-client.js';

const orgName = (key: string) => ORGANISATIONS.find((o) => o.key === key)!.name;
const A = orgName('traeger_a');
const B = orgName('traeger_b');
const C = orgName('traeger_c');
const OFFICE = orgName('fachstelle');

/** Who should receive a notice for this postal code and town: the configured coverage, independently of the router. */
function expectedOrg(postalCode: string, city: string): string {
  const munis = MUNICIPALITIES.filter((m) => (m.postalCodes as readonly string[]).includes(postalCode));
  const muni = munis.length === 1 ? munis[0] : munis.find((m) => m.name === city);
  if (!muni) return OFFICE;
  const covering = ORGANISATIONS.filter((o) => o.locations.some((l) => l.covers.includes(muni.name)));
  return covering.length === 1 ? covering[0].name : OFFICE;
}

describe('the demo case set, as planned for a day (pure)', () => {
  // A Tuesday, a Saturday, the Monday after the spring switch, a week with two holidays, New Year's Eve.
  const DAYS = ['2026-11-24', '2026-11-21', '2026-03-30', '2026-12-23', '2027-12-31'];

  it.each(DAYS)('on %s every notice is valid for the partner API, dated in the past, and has a unique externalId', (today) => {
    const notices = demoNotices(today);
    expect(notices.length).toBeGreaterThanOrEqual(38);
    expect(new Set(notices.map((n) => n.input.externalId)).size).toBe(notices.length);
    for (const n of notices) {
      expect(NoticeInput.safeParse(n.input).success, n.key).toBe(true);
      expect(n.input.receivedOn <= today, n.key).toBe(true);
      for (const tenant of n.input.tenants) {
        if (tenant.servedOn) expect(tenant.servedOn <= n.input.receivedOn, n.key).toBe(true);
        if (tenant.birthDate) expect(tenant.birthDate < today, n.key).toBe(true);
      }
      if (n.input.court?.hearingOn) expect(n.input.court.hearingOn > today, n.key).toBe(true);
      if (n.input.evictionOn) expect(n.input.evictionOn > today, n.key).toBe(true);
    }
  });

  it('every organisation of the district gets households, in every one of its municipalities', () => {
    const byOrg = new Map<string, Set<string>>();
    for (const n of demoNotices('2026-11-24')) {
      const org = expectedOrg(n.input.address.postalCode, n.input.address.city);
      byOrg.set(org, new Set([...(byOrg.get(org) ?? []), n.input.address.city]));
    }
    expect([...byOrg.keys()].sort()).toEqual([A, B, C, OFFICE].sort());
    for (const o of ORGANISATIONS.filter((x) => x.kind === 'provider')) {
      for (const muni of o.locations.flatMap((l) => l.covers)) expect(byOrg.get(o.name)!.has(muni), muni).toBe(true);
    }
  });

  it('no demo household is called like the people the browser tests create (the matcher would link them)', () => {
    const e2eText = readdirSync('e2e')
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(`e2e/${f}`, 'utf8'))
      .join('\n');
    // Every capitalised word the browser tests quote: the names they type among them.
    const theirs = [...new Set([...e2eText.matchAll(/'([A-ZÄÖÜ][a-zäöüß]{3,})'/g)].map((m) => m[1].toLowerCase()))];
    expect(theirs).toEqual(expect.arrayContaining(['gerichtsmeldung', 'walkin', 'portalmeldung', 'zweifelsfall', 'bleibtreu']));
    for (const n of demoNotices('2026-11-24')) {
      for (const tenant of n.input.tenants) {
        for (const name of [tenant.firstName, tenant.lastName].map((x) => x.toLowerCase())) {
          for (const other of theirs) expect(name.includes(other) || other.includes(name), `${name} ~ ${other}`).toBe(false);
        }
      }
    }
  });

  it.each(DAYS)('on %s the office slots lie in this week and next, on working days, within office hours, without overlap', (today) => {
    for (const l of ORGANISATIONS.flatMap((o) => o.locations)) {
      const slots = officeSlots(today, l.officeHours);
      const monday = mondayOf(today);
      // Enough for the seed's appointments even in the weeks around Christmas (a small location may have none then).
      if (l.name === 'Beratungsstelle Musterstadt') expect(slots.length).toBeGreaterThanOrEqual(8);
      const seen = new Set<string>();
      for (const s of slots) {
        expect(s.date >= monday && s.date < addDays(monday, 14), l.name).toBe(true);
        expect(isWorkingDay(s.date, 'NW')).toBe(true);
        const weekday = ((new Date(`${s.date}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
        const open = l.officeHours.filter((h) => h.weekday === weekday);
        expect(open.some((h) => minutesOfDay(h.opens) <= minutesOfDay(s.startTime) && minutesOfDay(s.endTime) <= minutesOfDay(h.closes)), `${l.name} ${s.date} ${s.startTime}`).toBe(true);
        expect(seen.has(`${s.date} ${s.startTime}`)).toBe(false);
        seen.add(`${s.date} ${s.startTime}`);
      }
    }
  });
});

describe('the demo case set on a fresh database', () => {
  // Tuesday 24 November 2026, 09:30 in Berlin: the week has appointments behind and ahead.
  const NOW = new Date('2026-11-24T08:30:00Z');
  const TODAY = '2026-11-24';
  let t: TestApp;
  let seconds: number;

  const count = (table: 'cases' | 'notices' | 'contact_attempts' | 'case_notes' | 'tasks' | 'appointments' | 'measures' | 'audit_log' | 'persons' | 'case_closures') =>
    unsafeInternalTx(t.db, null, async (tx) => Number((await tx.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n));
  const counts = async () => {
    const out: Record<string, number> = {};
    for (const table of ['cases', 'notices', 'contact_attempts', 'case_notes', 'tasks', 'appointments', 'measures', 'audit_log', 'persons', 'case_closures'] as const) out[table] = await count(table);
    return out;
  };

  beforeAll(async () => {
    t = await createTestApp({}, testClock(NOW));
    const started = performance.now();
    expect(await seedDemo(t.db, { cases: { config: t.config, now: NOW } })).toBe(true);
    seconds = (performance.now() - started) / 1000;
  }, 120_000);
  afterAll(() => t?.close());

  it('is seeded with the district in a few seconds', () => {
    console.info(`demo district with cases seeded in ${seconds.toFixed(2)} s`);
    // Generous on a busy test machine; the figure itself is in docs/benchmarks.md.
    expect(seconds).toBeLessThan(30);
  });

  it('spreads the households over the three providers and the district office, each in its own municipalities', async () => {
    const rows = await unsafeInternalTx(t.db, null, (tx) =>
      tx.db
        .selectFrom('cases as c')
        .innerJoin('organisations as o', 'o.id', 'c.org_id')
        .innerJoin('households as h', 'h.id', 'c.household_id')
        .leftJoin('locations as l', 'l.id', 'c.location_id')
        .select(['o.name as org', 'c.status', 'c.routing_note', 'h.postal_code', 'h.city', 'l.org_id as location_org', 'c.org_id'])
        .execute(),
    );
    const per = (org: string) => rows.filter((r) => r.org === org);
    // The Wohnhilfe's 24, and the family in the emergency shelter of the brokerage demo (housing-seed.ts).
    expect({ a: per(A).length, b: per(B).length, c: per(C).length, office: per(OFFICE).length }).toEqual({ a: 25, b: 8, c: 4, office: 3 });
    expect({ a: per(A).filter((r) => r.status === 'closed').length, b: per(B).filter((r) => r.status === 'closed').length }).toEqual({ a: 4, b: 1 });
    for (const r of rows) {
      expect(r.org, `${r.postal_code} ${r.city}`).toBe(expectedOrg(r.postal_code, r.city));
      if (r.org === OFFICE) expect(r.routing_note).toBe('unknown_postal_code');
      else expect(r.location_org).toBe(r.org_id);
    }
    // Forty notices: one household's court suit joined the case its Jobcenter warning had opened;
    // and the shelter family's self-referral.
    expect(await count('notices')).toBe(41);
    const receipts = await unsafeInternalTx(t.db, null, (tx) =>
      tx.db.selectFrom('notice_receipts as r').innerJoin('organisations as o', 'o.id', 'r.org_id').select(['o.kind', 'r.channel']).execute(),
    );
    // The Jobcenter's own receipts stay empty (its reporter's portal starts empty).
    expect(receipts.filter((r) => r.kind === 'jobcenter')).toEqual([]);
    expect(new Set(receipts.map((r) => r.channel))).toEqual(new Set(['api', 'import', 'portal', 'web']));
  });

  it('has current deadlines: open court cases have a Schonfrist end ahead, eviction dates their 765a cut-off', async () => {
    const rows = await unsafeInternalTx(t.db, null, (tx) =>
      tx.db
        .selectFrom('cases as c')
        .innerJoin('notices as n', 'n.case_id', 'c.id')
        .leftJoin('case_deadlines as d', 'd.case_id', 'c.id')
        .select(['c.id', 'c.status', 'c.first_contact_due', 'n.kind', 'd.kind as deadline', 'd.date'])
        .execute(),
    );
    for (const r of rows) expect(r.first_contact_due).not.toBeNull();
    const suits = rows.filter((r) => r.kind === 'court_eviction_suit' && r.status !== 'closed');
    expect(new Set(suits.map((r) => r.id)).size).toBeGreaterThanOrEqual(12);
    for (const id of new Set(suits.map((r) => r.id))) {
      const end = rows.find((r) => r.id === id && r.deadline === 'schonfrist_end');
      expect(end, id).toBeDefined();
      expect(String(end!.date) >= TODAY, id).toBe(true);
    }
    const evictions = rows.filter((r) => r.kind === 'eviction_date');
    expect(new Set(evictions.map((r) => r.id)).size).toBe(2);
    for (const id of new Set(evictions.map((r) => r.id))) {
      expect(rows.some((r) => r.id === id && r.deadline === 'eviction' && String(r.date) > TODAY), id).toBe(true);
    }
  });

  it("fills Fatma Fachkraft's own queue, with a case overdue for first contact, her day list, tasks and appointments", async () => {
    const fk = await login(t.app, 'fk.a@demo.test', DEMO_PASSWORD);
    const mine = (await fk.get('/api/v1/cases/queue?scope=mine')).json().items as { tenants: string[]; overdueFirstContact: boolean; assignee: { name: string } }[];
    expect(mine.length).toBeGreaterThanOrEqual(12);
    expect(mine.every((i) => i.assignee.name === 'Fatma Fachkraft')).toBe(true);
    expect(mine.find((i) => i.overdueFirstContact)?.tenants.sort()).toEqual(['Dragan Marković', 'Jelena Marković']);
    const unassigned = (await fk.get('/api/v1/cases/queue?scope=unassigned')).json().items;
    expect(unassigned.length).toBeGreaterThanOrEqual(5);

    const tasks = (await fk.get('/api/v1/tasks?scope=mine')).json().items as { kind: string; dueOn: string }[];
    expect(tasks.some((x) => x.kind === 'follow_up')).toBe(true);
    expect(tasks.some((x) => x.kind === 'general' && x.dueOn < TODAY)).toBe(true);
    const lead = await login(t.app, 'tl.a@demo.test', DEMO_PASSWORD);
    expect((await lead.get('/api/v1/tasks?scope=mine')).json().items.length).toBeGreaterThanOrEqual(3);

    // The planned home visit of the next working day is on the route sheet.
    const dayList = (await fk.get('/api/v1/outreach/home-visits?date=2026-11-25')).json();
    expect(dayList.count).toBe(1);

    const week = async (date: string) => (await fk.get(`/api/v1/appointments?userId=${(await demoActor(t.db, 'fk.a@demo.test', NOW)).userId}&date=${date}`)).json().items as { status: string; endsAt: string }[];
    const thisWeek = await week(TODAY);
    const nextWeek = await week('2026-12-01');
    expect(thisWeek.length).toBeGreaterThan(0);
    expect(nextWeek.length).toBeGreaterThan(0);
    // Over before the seed: held; the rest: planned.
    for (const a of [...thisWeek, ...nextWeek]) expect(a.status).toBe(new Date(a.endsAt) < NOW ? 'held' : 'planned');
  });

  it('shows the three failed home visits, the notes and the case file where the stories put them', async () => {
    const fk = await login(t.app, 'fk.a@demo.test', DEMO_PASSWORD);
    const find = async (q: string) => ((await fk.get(`/api/v1/cases/queue?scope=team&q=${encodeURIComponent(q)}`)).json().items as { id: string }[])[0].id;
    const falkenhain = await find('Falkenhain');
    const attempts = (await fk.get(`/api/v1/cases/${falkenhain}/contact-attempts`)).json();
    expect(attempts.reach.homeVisits).toBe(3);
    expect(attempts.reach.reached).toBe(false);
    const record = (await fk.get(`/api/v1/cases/${falkenhain}/record`)).json();
    expect(record.entries.some((e: { type: string }) => e.type === 'note')).toBe(true);

    const demirtas = (await fk.get(`/api/v1/cases/${await find('Demirtaş')}`)).json();
    expect(demirtas.file.members.map((m: { relation: string }) => m.relation)).toEqual(['main_tenant', 'co_tenant', 'child', 'child']);
    expect(demirtas.file.arrears.current).toBe(2745);
    expect(demirtas.file.tenancy.totalRent).toBe(915);
    expect(demirtas.file.contact.preferredLanguage).toBe('tr');

    const sensitive = (await fk.get(`/api/v1/cases/${await find('Oberländer')}/sensitive`)).json();
    expect(sensitive.markers).toEqual(['addiction', 'released_from_prison']);

    // The court's suit joined the open case of the Jobcenter's warning: one case, two notices.
    const celebi = (await fk.get(`/api/v1/cases/${await find('Çelebi')}`)).json();
    expect(celebi.notices).toHaveLength(2);
    // The moved Karin Mühlhaus waits in the review list beside the first one.
    const reviews = (await fk.get('/api/v1/match-reviews')).json();
    expect(JSON.stringify(reviews)).toContain('Mühlhaus');
  });

  it("puts the waiting rent-debt applications on the finance work list, and the approved one's commitment before the Schonfrist end", async () => {
    const finance = await login(t.app, 'wd@demo.test', DEMO_PASSWORD);
    const open = (await finance.get('/api/v1/rent-debt-applications?status=open')).json().items as { status: string; applicantNames: string; submittingOrg: { name: string } }[];
    expect(open.map((a) => [a.status, a.submittingOrg.name]).sort()).toEqual([
      ['applied', B],
      ['applied', A],
    ].sort());
    expect(open.map((a) => a.applicantNames).join(' ')).toContain('Demirtaş');
    const decided = (await finance.get('/api/v1/rent-debt-applications?status=decided')).json().items as { status: string; commitmentOn: string; schonfristEnd: string; warnings: unknown[] }[];
    expect(decided).toHaveLength(1);
    expect(decided[0].status).toBe('approved');
    expect(decided[0].commitmentOn < decided[0].schonfristEnd).toBe(true);
    expect(decided[0].warnings).toEqual([]);
  });

  it("shows fk.b nothing of another organisation's seeded cases — in the routes and under row-level security", async () => {
    const fkB = await login(t.app, 'fk.b@demo.test', DEMO_PASSWORD);
    const team = (await fkB.get('/api/v1/cases/queue?scope=team')).json().items as { id: string; tenants: string[] }[];
    const ofB = await unsafeInternalTx(t.db, null, (tx) =>
      tx.db.selectFrom('cases as c').innerJoin('organisations as o', 'o.id', 'c.org_id').select(['c.id', 'c.status', 'o.name']).execute(),
    );
    expect(team.map((i) => i.id).sort()).toEqual(ofB.filter((c) => c.name === B && c.status !== 'closed').map((c) => c.id).sort());
    const other = ofB.find((c) => c.name === A)!.id;
    for (const path of ['', '/record', '/contact-attempts', '/measures', '/tasks', '/appointments']) {
      expect((await fkB.get(`/api/v1/cases/${other}${path}`)).statusCode, path).toBe(404);
    }
    expect((await fkB.get('/api/v1/search?q=Demirta%C5%9F')).json().items).toEqual([]);

    // Row-level security alone: every tenant table as fk.b, without any where clause.
    const actor = await demoActor(t.db, 'fk.b@demo.test', NOW);
    const visible = await inTenantTx(t.db, actor, null, async (tx) => {
      const orgsOf = async (table: 'cases' | 'persons' | 'households' | 'notices' | 'contact_attempts' | 'case_notes' | 'tasks' | 'appointments' | 'measures' | 'case_closures') =>
        (await tx.db.selectFrom(table).select('org_id').distinct().execute()).map((r) => r.org_id);
      return [
        ...(await orgsOf('cases')), ...(await orgsOf('persons')), ...(await orgsOf('households')), ...(await orgsOf('notices')),
        ...(await orgsOf('contact_attempts')), ...(await orgsOf('case_notes')), ...(await orgsOf('tasks')),
        ...(await orgsOf('appointments')), ...(await orgsOf('measures')), ...(await orgsOf('case_closures')),
      ];
    });
    expect(new Set(visible)).toEqual(new Set([actor.orgId]));
  });

  it('keeps the audit chain intact', async () => {
    const check = await verifyAuditChain(t.db);
    expect(check.ok).toBe(true);
  });

  it('adds nothing when seeded again', async () => {
    const before = await counts();
    expect(await seedDemo(t.db, { cases: { config: t.config, now: NOW } })).toBe(false);
    expect(await seedDemoCases({ db: t.db, config: t.config, now: NOW })).toBeNull();
    expect(await counts()).toEqual(before);
  });
});

describe('the demo case set on an awkward day', () => {
  it('is seeded late on New Year’s Day too (a public holiday on a Friday, the office hours of the week thinned out)', async () => {
    const { db, drop } = await createTestDatabase();
    try {
      const config = loadConfig({ NODE_ENV: 'test', BLEIBE_DEMO: 'false', LOG_LEVEL: 'silent' });
      expect(await seedDemo(db, { cases: { config, now: new Date('2026-12-31T23:30:00Z') } })).toBe(true);
      const cases = await unsafeInternalTx(db, null, async (tx) => Number((await tx.db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n));
      // 39 households of the case work and the family in the shelter (housing-seed.ts).
      expect(cases).toBe(40);
    } finally {
      await drop();
    }
  }, 120_000);
});
