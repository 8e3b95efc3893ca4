import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../contracts/roles.js';
import { nrwFloorArea } from '../../../domain/housing/adequacy.js';
import { permissionsFor } from '../../../domain/access/permissions.js';
import type { Actor } from '../../platform/auth/actor.js';
import { inTenantTx, unsafeInternalTx } from '../../platform/db/tenant.js';
import { clientFor, createTestApp, uniqueSuffix, type Client, type TestApp } from '../../test/app.js';
import { caseIn, intakeArea, type IntakeArea } from '../../test/cases.js';
import { engineName } from '../../test/db.js';
import { createMunicipality, createOrg, createUser, type TestOrg } from '../../test/factories.js';
import { mintSession } from '../../test/sessions.js';

/*
 * Rent-adequacy tables through the HTTP API: comparison areas with their municipalities, tables
 * replaced over time, the check for a household size and rent, and the check of a case's current
 * tenancy. The clock stands at Saturday 21 November 2026, 10:00 in Berlin.
 */

let t: TestApp;
let orgA: TestOrg;
let orgB: TestOrg;
let areaA: IntakeArea;
let systemAdmin: Client;
let caseworkerA: Client;
let caseworkerB: Client;
let financeA: Client;
let reporter: Client;

async function client(org: TestOrg, roles: Role[]): Promise<Client> {
  const u = await createUser(t.db, org, roles);
  const s = await mintSession(t.db, t.clock, u);
  return clientFor(t.app, s.cookie, s.csrf);
}

beforeAll(async () => {
  t = await createTestApp();
  orgA = await createOrg(t.db, 'provider');
  orgB = await createOrg(t.db, 'provider');
  const district = await createOrg(t.db, 'district_office');
  systemAdmin = await client(district, ['system_admin']);
  caseworkerA = await client(orgA, ['caseworker']);
  caseworkerB = await client(orgB, ['caseworker']);
  financeA = await client(orgA, ['finance']);
  reporter = await client(await createOrg(t.db, 'jobcenter'), ['reporter']);
  areaA = await intakeArea(t.db, orgA);
});
afterAll(() => t?.close());

const fieldsOf = (res: { json(): any }) => (res.json().error?.fields ?? []).map((f: { path: string }) => f.path);

/** A table with the NRW floor areas and gross cold rents plausible for a mid-sized NRW town in 2026. */
function table(over: Record<string, unknown> = {}) {
  const rents = [478.5, 572, 681.6, 795.2, 912];
  return {
    validFrom: '2026-01-01',
    validUntil: null,
    source: 'Schlüssiges Konzept 2025, Fortschreibung',
    extraPersonRent: 116.5,
    extraPersonArea: 15,
    limits: rents.map((grossColdRent, i) => ({ householdSize: i + 1, grossColdRent, floorArea: nrwFloorArea(i + 1) })),
    ...over,
  };
}

async function newArea(municipalityIds: string[], name = `Vergleichsraum ${uniqueSuffix()}`) {
  const res = await systemAdmin.post('/api/v1/housing/adequacy/areas', { name, municipalityIds });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function addTable(areaId: string, over: Record<string, unknown> = {}) {
  const res = await systemAdmin.post(`/api/v1/housing/adequacy/areas/${areaId}/tables`, table(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const check = (c: Client, q: Record<string, string | number>) =>
  c.get(`/api/v1/housing/adequacy/check?${new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)]))}`);

describe(`adequacy tables (${engineName()})`, () => {
  it('system administrators keep areas and tables; everyone with housing.read reads them', async () => {
    const [m1, m2] = [await createMunicipality(t.db, `Zeta ${uniqueSuffix()}`), await createMunicipality(t.db, `Alpha ${uniqueSuffix()}`)];
    const area = await newArea([m1.id, m2.id, m1.id.toUpperCase()]);
    expect(area).toMatchObject({ municipalities: [{ id: m2.id, name: m2.name }, { id: m1.id, name: m1.name }], tables: [], version: 1 });
    await addTable(area.id, { validFrom: '2023-01-01', validUntil: '2025-12-31', source: 'Konzept 2022', limits: [{ householdSize: 1, grossColdRent: 430, floorArea: 50 }] });
    const withBoth = await addTable(area.id);
    expect(withBoth.tables.map((x: { validFrom: string; validUntil: string | null }) => [x.validFrom, x.validUntil])).toEqual([['2026-01-01', null], ['2023-01-01', '2025-12-31']]);
    expect(withBoth.tables[0]).toMatchObject({ extraPersonRent: 116.5, extraPersonArea: 15, source: 'Schlüssiges Konzept 2025, Fortschreibung', version: 1 });
    expect(withBoth.tables[0].limits).toEqual([
      { householdSize: 1, grossColdRent: 478.5, floorArea: 50 },
      { householdSize: 2, grossColdRent: 572, floorArea: 65 },
      { householdSize: 3, grossColdRent: 681.6, floorArea: 80 },
      { householdSize: 4, grossColdRent: 795.2, floorArea: 95 },
      { householdSize: 5, grossColdRent: 912, floorArea: 110 },
    ]);

    for (const c of [caseworkerA, caseworkerB, financeA]) {
      const list = await c.get('/api/v1/housing/adequacy');
      expect(list.statusCode, list.body).toBe(200);
      expect(list.json().canEdit).toBe(false);
      expect(list.json().items.find((a: { id: string }) => a.id === area.id).tables).toHaveLength(2);
    }
    expect((await systemAdmin.get('/api/v1/housing/adequacy')).json().canEdit).toBe(true);
    expect((await reporter.get('/api/v1/housing/adequacy')).statusCode).toBe(403);
    expect((await caseworkerA.post('/api/v1/housing/adequacy/areas', { name: 'x', municipalityIds: [] })).statusCode).toBe(403);
    expect((await caseworkerA.post(`/api/v1/housing/adequacy/areas/${area.id}/tables`, table({ validFrom: '2027-01-01' }))).statusCode).toBe(403);

    // A caseworker's own transaction reads the tables, and row-level security refuses a write.
    const u = await createUser(t.db, orgA, ['caseworker']);
    const actor = { userId: u.id, orgId: orgA.id, globalAdmin: false, email: u.email, permissions: new Set(permissionsFor(['caseworker'])) } as unknown as Actor;
    const seen = await inTenantTx(t.db, actor, null, (tx) => tx.db.selectFrom('adequacy_tables').select('id').where('area_id', '=', area.id).execute());
    expect(seen).toHaveLength(2);
    await expect(inTenantTx(t.db, actor, null, (tx) => tx.db.insertInto('adequacy_areas').values({ name: `Eigenmächtig ${uniqueSuffix()}` }).execute())).rejects.toThrow(
      /row-level security|policy/,
    );
  });

  it('checks a rent against the limit for the household size in force on the day', async () => {
    const m = await createMunicipality(t.db);
    const area = await newArea([m.id], `Vergleichsraum Ost ${uniqueSuffix()}`);
    await addTable(area.id, { validFrom: '2023-01-01', validUntil: '2025-12-31', limits: [{ householdSize: 1, grossColdRent: 430, floorArea: 50 }, { householdSize: 2, grossColdRent: 515, floorArea: 65 }], extraPersonRent: null, extraPersonArea: null });
    await addTable(area.id);
    const outside = await createMunicipality(t.db);
    const figures: [string, Record<string, string | number>, Record<string, unknown>][] = [
      ['within the limit', { householdSize: 2, grossColdRent: 560, floorArea: 61.5 }, { verdict: 'adequate', rentLimit: 572, rentExcess: -12, areaLimit: 65, areaAboveLimit: false, tableValidFrom: '2026-01-01' }],
      ['exactly the limit', { householdSize: 1, grossColdRent: 478.5 }, { verdict: 'adequate', rentExcess: 0, floorArea: null }],
      ['above the limit', { householdSize: 3, grossColdRent: 702.35, floorArea: 78 }, { verdict: 'rent_too_high', rentLimit: 681.6, rentExcess: 20.75 }],
      ['larger than the area limit, rent within: a note only', { householdSize: 2, grossColdRent: 540, floorArea: 72 }, { verdict: 'adequate', areaAboveLimit: true }],
      ['a household beyond the largest row', { householdSize: 7, grossColdRent: 1100 }, { verdict: 'adequate', rentLimit: 1145, areaLimit: 140 }],
      ['no rent given', { householdSize: 4 }, { verdict: 'rent_unknown', rentLimit: 795.2, rentExcess: null }],
      ['on a day of the old table', { householdSize: 2, grossColdRent: 560, on: '2025-06-30' }, { verdict: 'rent_too_high', rentLimit: 515, rentExcess: 45, tableValidFrom: '2023-01-01' }],
      ['beyond the old table, which has no amounts per further person', { householdSize: 3, grossColdRent: 560, on: '2025-06-30' }, { verdict: 'no_limit', rentLimit: null }],
      ['before any table', { householdSize: 2, grossColdRent: 400, on: '2022-12-31' }, { verdict: 'no_limit', areaName: null }],
    ];
    for (const [label, q, expected] of figures) {
      const res = await check(caseworkerA, { municipalityId: m.id, ...q });
      expect(res.statusCode, `${label}: ${res.body}`).toBe(200);
      expect(res.json(), label).toMatchObject({ householdSize: q.householdSize, ...expected });
    }
    expect((await check(caseworkerB, { municipalityId: m.id, householdSize: 1, grossColdRent: 400 })).json()).toMatchObject({ verdict: 'adequate', areaName: area.name });
    expect((await check(caseworkerA, { municipalityId: outside.id, householdSize: 2, grossColdRent: 400 })).json()).toMatchObject({ verdict: 'no_limit', areaName: null });
    const unknown = await check(caseworkerA, { municipalityId: randomUUID(), householdSize: 2 });
    expect([unknown.statusCode, fieldsOf(unknown)]).toEqual([422, ['municipalityId']]);
    const noSize = await check(caseworkerA, { municipalityId: m.id });
    expect([noSize.statusCode, fieldsOf(noSize)]).toEqual([400, ['householdSize']]);
    const badDay = await check(caseworkerA, { municipalityId: m.id, householdSize: 2, on: '2026-02-30' });
    expect([badDay.statusCode, fieldsOf(badDay)]).toEqual([400, ['on']]);
  });

  it("checks a case's current tenancy: its municipality, its members, base rent plus service charges, floor area", async () => {
    const area = await newArea([areaA.municipality.id]);
    await addTable(area.id);
    const household = await caseIn(t.db, caseworkerA, areaA);
    const url = `/api/v1/cases/${household.id}/adequacy`;
    // Nothing known of the tenancy yet: the limit of the household, and no verdict on the rent.
    const unknown = await caseworkerA.get(url);
    expect(unknown.statusCode, unknown.body).toBe(200);
    expect(unknown.json()).toMatchObject({ verdict: 'rent_unknown', householdSize: 1, rentLimit: 478.5, grossColdRent: null, floorArea: null, areaName: area.name });

    const version = async () => (await unsafeInternalTx(t.db, null, (tx) => tx.db.selectFrom('cases').select('version').where('id', '=', household.id).executeTakeFirstOrThrow())).version;
    const tenant = await unsafeInternalTx(t.db, null, (tx) => tx.db.selectFrom('case_tenants').select('person_id').where('case_id', '=', household.id).executeTakeFirstOrThrow());
    const members = await caseworkerA.request('PUT', `/api/v1/cases/${household.id}/members`, {
      version: await version(),
      members: [
        { personId: tenant.person_id, firstName: 'Dana', lastName: household.lastName, birthDate: '1988-04-02', relation: 'main_tenant' },
        { firstName: 'Mila', lastName: household.lastName, birthDate: '2019-09-09', relation: 'child' },
      ],
    });
    expect(members.statusCode, members.body).toBe(200);
    const file = await caseworkerA.patch(`/api/v1/cases/${household.id}/file`, { version: await version(), tenancy: { baseRent: 455.4, serviceCharges: 132, heatingCosts: 85, floorArea: 68.5 } });
    expect(file.statusCode, file.body).toBe(200);

    const res = await caseworkerA.get(url);
    expect(res.json()).toEqual({
      verdict: 'rent_too_high', householdSize: 2, grossColdRent: 587.4, rentLimit: 572, rentExcess: 15.4, floorArea: 68.5, areaLimit: 65, areaAboveLimit: true,
      areaName: area.name, tableValidFrom: '2026-01-01',
    });
    // Finance of A reads it too (beside a rent-debt application); B does not find the case; a system administrator has no case access.
    expect((await financeA.get(url)).json().verdict).toBe('rent_too_high');
    expect([(await caseworkerB.get(url)).statusCode, (await systemAdmin.get(url)).statusCode]).toEqual([404, 403]);
    const audit = await unsafeInternalTx(t.db, null, (tx) =>
      tx.db.selectFrom('audit_log').select(['org_id', 'details']).where('action', '=', 'housing.adequacy.case').where('entity_id', '=', household.id).orderBy('id').execute(),
    );
    expect(audit.map((e) => [e.org_id, (e.details as { verdict: string }).verdict])).toEqual([[orgA.id, 'rent_unknown'], [orgA.id, 'rent_too_high'], [orgA.id, 'rent_too_high']]);
  });

  it('changes areas and tables with optimistic locking', async () => {
    const m = await createMunicipality(t.db);
    const area = await newArea([m.id]);
    const withTable = await addTable(area.id, { validFrom: '2024-01-01' });
    const t1 = withTable.tables[0];
    const ended = await systemAdmin.patch(`/api/v1/housing/adequacy/tables/${t1.id}`, { version: 1, validUntil: '2026-06-30', limits: [{ householdSize: 1, grossColdRent: 450, floorArea: 50 }] });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json().tables[0]).toMatchObject({ validUntil: '2026-06-30', limits: [{ householdSize: 1, grossColdRent: 450, floorArea: 50 }], source: t1.source, version: 2 });
    const stale = await systemAdmin.patch(`/api/v1/housing/adequacy/tables/${t1.id}`, { version: 1, source: 'x' });
    expect([stale.statusCode, stale.json().error.code]).toEqual([409, 'version_conflict']);
    const renamed = await systemAdmin.patch(`/api/v1/housing/adequacy/areas/${area.id}`, { version: 1, name: `Umbenannt ${uniqueSuffix()}`, municipalityIds: [] });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ municipalities: [], version: 2 });
    expect((await systemAdmin.patch(`/api/v1/housing/adequacy/areas/${area.id}`, { version: 1, name: 'x' })).statusCode).toBe(409);
    expect((await systemAdmin.patch(`/api/v1/housing/adequacy/areas/${randomUUID()}`, { version: 1, name: 'x' })).statusCode).toBe(404);
  });

  it('validation errors name the field', async () => {
    const [m1, m2] = [await createMunicipality(t.db), await createMunicipality(t.db)];
    const area = await newArea([m1.id]);
    await addTable(area.id);
    const areas: [string, Record<string, unknown>, number, string[]][] = [
      ['a name taken (in other letters)', { name: area.name.toUpperCase(), municipalityIds: [m2.id] }, 422, ['name']],
      ['a municipality of another area', { municipalityIds: [m2.id, m1.id] }, 422, ['municipalityIds.1']],
      ['a municipality that does not exist', { municipalityIds: [randomUUID()] }, 422, ['municipalityIds.0']],
      ['not an id', { municipalityIds: ['Musterstadt'] }, 400, ['municipalityIds.0']],
      ['no name', { name: '' }, 400, ['name']],
    ];
    for (const [label, over, status, fields] of areas) {
      const res = await systemAdmin.post('/api/v1/housing/adequacy/areas', { name: `Raum ${uniqueSuffix()}`, municipalityIds: [m2.id], ...over });
      expect([res.statusCode, fieldsOf(res)], label).toEqual([status, fields]);
      expect(res.json().error.fields[0].message, label).not.toMatch(/^field\./);
    }
    const rows = (sizes: number[]) => sizes.map((householdSize) => ({ householdSize, grossColdRent: 400 + householdSize, floorArea: nrwFloorArea(householdSize) }));
    const tables: [string, Record<string, unknown>, number, string[]][] = [
      ['a household size twice', { validFrom: '2027-01-01', limits: rows([1, 2, 2]) }, 422, ['limits.2.householdSize']],
      ['a gap in the sizes', { validFrom: '2027-01-01', limits: rows([1, 3]) }, 422, ['limits.1.householdSize']],
      ['not starting at one', { validFrom: '2027-01-01', limits: rows([2, 3]) }, 422, ['limits.1.householdSize']],
      ['ends before it begins', { validFrom: '2027-01-01', validUntil: '2026-12-31' }, 422, ['validUntil']],
      ['a second table from the same day', { validFrom: '2026-01-01' }, 422, ['validFrom']],
      ['a rent of nothing', { validFrom: '2027-01-01', limits: [{ householdSize: 1, grossColdRent: 0, floorArea: 50 }] }, 400, ['limits.0.grossColdRent']],
      ['fractions of a cent', { validFrom: '2027-01-01', limits: [{ householdSize: 1, grossColdRent: 470.125, floorArea: 50 }] }, 400, ['limits.0.grossColdRent']],
      ['no rows', { validFrom: '2027-01-01', limits: [] }, 400, ['limits']],
    ];
    for (const [label, over, status, fields] of tables) {
      const res = await systemAdmin.post(`/api/v1/housing/adequacy/areas/${area.id}/tables`, table(over));
      expect([res.statusCode, fieldsOf(res)], label).toEqual([status, fields]);
    }
    const en = await systemAdmin.request('POST', `/api/v1/housing/adequacy/areas/${area.id}/tables`, table({ validFrom: '2027-01-01', limits: rows([1, 3]) }), { 'accept-language': 'en' });
    expect(en.json().error.fields).toEqual([{ path: 'limits.1.householdSize', message: 'Household sizes must start at 1 without gaps.' }]);
    expect((await systemAdmin.post(`/api/v1/housing/adequacy/areas/${randomUUID()}/tables`, table({ validFrom: '2027-01-01' }))).statusCode).toBe(404);
  });
});
