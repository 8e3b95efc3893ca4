import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { livingSituationOfPlacement } from '../../../domain/housing/register.js';
import { unsafeInternalTx } from '../../platform/db/tenant.js';
import { createTestApp, login, testClock, type Client, type TestApp } from '../../test/app.js';
import { engineName } from '../../test/db.js';
import { DEMO_PASSWORD } from './demo-data.js';
import { DEMO_OFFERS, DEMO_SEARCHES, DEMO_SHELTER_FAMILY } from './housing-seed.js';
import { seedDemo } from './seed.js';

/*
 * The brokerage part of the demo (housing-seed.ts, seedDemoBrokerage): the journey it is made for
 * — the family in the district office's shelter is on the long-stay list and ranks first for the
 * cooperating housing company's flat — through the API, as Fatma Fachkraft sees it.
 */

const NOW = new Date('2026-11-23T08:30:00Z'); // Monday, 9:30 in Berlin
let t: TestApp;
let fk: Client;
let familyCase: string;

beforeAll(async () => {
  t = await createTestApp({}, testClock(NOW));
  expect(await seedDemo(t.db, { cases: { config: t.config, now: NOW } })).toBe(true);
  fk = await login(t.app, 'fk.a@demo.test', DEMO_PASSWORD);
  familyCase = (await unsafeInternalTx(t.db, null, (tx) => tx.db.selectFrom('notices').select('case_id').where('external_id', '=', DEMO_SHELTER_FAMILY.externalId).executeTakeFirstOrThrow())).case_id;
}, 120_000);
afterAll(() => t?.close());

describe(`demo brokerage (${engineName()})`, () => {
  it("puts the family in the district office's shelter on the Wohnhilfe's long-stay list, fourteen months, with its search", async () => {
    const res = await fk.get('/api/v1/housing/long-stays');
    expect(res.statusCode, res.body).toBe(200);
    const family = res.json().items.find((x: { caseId: string }) => x.caseId === familyCase);
    expect(family).toMatchObject({ persons: 4, children: 2, months: DEMO_SHELTER_FAMILY.shelterMonths, accommodation: { name: 'Notunterkunft Am Kreishaus', kind: 'emergency_shelter' }, search: { status: 'active' } });
    expect(family.householdName).toContain(DEMO_SHELTER_FAMILY.lastName);
    const file = (await fk.get(`/api/v1/cases/${familyCase}`)).json().file;
    expect(file.livingSituation).toMatchObject(livingSituationOfPlacement('emergency_shelter'));
    expect(file.facts).toMatchObject({ size: 4, children: 2 });
  });

  it("ranks the family first for the cooperating housing company's three-room flat, with its reasons", async () => {
    const offers = (await fk.get('/api/v1/housing/offers?status=open')).json().items;
    expect(offers).toHaveLength(DEMO_OFFERS.length);
    const flat = offers.find((o: { street: string }) => o.street === 'Am Wasserwerk');
    expect(flat).toMatchObject({ rooms: 3, landlord: { kind: 'housing_company', cooperating: true }, status: 'open' });
    const list = (await fk.get(`/api/v1/housing/offers/${flat.id}/candidates`)).json();
    expect(list.items[0]).toMatchObject({ caseId: familyCase, proposalId: null, fit: { fits: true, shelterMonths: DEMO_SHELTER_FAMILY.shelterMonths } });
    expect(list.items[0].fit.notes).toEqual(expect.arrayContaining(['long_shelter_stay', 'children', 'preferred_municipality', 'long_search']));
    // Others search too, and some of them do not fit this flat, each for its reason.
    expect(list.fitting).toBeGreaterThanOrEqual(2);
    expect(list.excluded.map((e: { blocker: string }) => e.blocker)).toEqual(expect.arrayContaining(['too_many_rooms', 'rent_above_limit']));
  });

  it('has searching households of various sizes, every open offer fitting someone, and a viewing planned', async () => {
    const sizes = await unsafeInternalTx(t.db, null, (tx) => tx.db.selectFrom('housing_searches').select('persons').where('status', '=', 'active').execute());
    expect(sizes).toHaveLength(DEMO_SEARCHES.length + 1);
    expect(new Set(sizes.map((x) => x.persons))).toEqual(new Set([1, 2, 4]));
    for (const o of (await fk.get('/api/v1/housing/offers?status=open')).json().items) {
      expect((await fk.get(`/api/v1/housing/offers/${o.id}/candidates`)).json().fitting, o.street).toBeGreaterThan(0);
    }
    const company = (await fk.get('/api/v1/housing/offers?status=open')).json().items.find((o: { street: string }) => o.street === 'Birkenhof');
    const detail = (await fk.get(`/api/v1/housing/offers/${company.id}`)).json();
    expect(detail.proposals).toMatchObject([{ status: 'viewing_planned', accompaniedBy: { name: 'Fatma Fachkraft' }, viewingPlace: 'Vor dem Haus Birkenhof 4' }]);
    expect(new Date(detail.proposals[0].viewingAt).getTime()).toBeGreaterThan(NOW.getTime());
  });

  it('adds nothing when seeded again', async () => {
    const count = () => unsafeInternalTx(t.db, null, async (tx) => (await tx.db.selectFrom('housing_searches').select('id').execute()).length);
    const before = await count();
    expect(await seedDemo(t.db, { cases: { config: t.config, now: NOW } })).toBe(false);
    expect(await count()).toBe(before);
  });
});
