import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unsafeInternalTx } from '../../platform/db/tenant.js';
import { createTestApp, login, type Client, type TestApp } from '../../test/app.js';
import { engineName } from '../../test/db.js';
import { DEMO_PASSWORD, MUNICIPALITIES } from './demo-data.js';
import { DEMO_ACCOMMODATIONS, DEMO_AREAS, DEMO_LANDLORDS, seedDemoHousing, type DemoHousing } from './housing-seed.js';
import { seedDemo } from './seed.js';

let t: TestApp;
let seeded: DemoHousing;
let tlA: Client;
let fkB: Client;

beforeAll(async () => {
  t = await createTestApp();
  // Kreis Musterland without its cases: the housing seed needs organisations, accounts and municipalities only.
  await seedDemo(t.db);
  seeded = await seedDemoHousing({ db: t.db, config: t.config, now: t.clock.now() });
  [tlA, fkB] = await Promise.all([login(t.app, 'tl.a@demo.test', DEMO_PASSWORD), login(t.app, 'fk.b@demo.test', DEMO_PASSWORD)]);
});
afterAll(() => t?.close());

describe(`demo housing (${engineName()})`, () => {
  it('has the shelter register of the district office, the district and the Wohnhilfe', async () => {
    const items = (await fkB.get('/api/v1/housing/accommodations')).json().items;
    const byName = (name: string) => items.find((a: { name: string }) => a.name === name);
    expect(DEMO_ACCOMMODATIONS.map((a) => byName(a.input.name)?.id)).toEqual(DEMO_ACCOMMODATIONS.map((a) => seeded.accommodations[a.key].id));
    expect(byName('Notunterkunft Am Kreishaus')).toMatchObject({ kind: 'emergency_shelter', orgName: 'Fachstelle Wohnungsnotfälle Kreis Musterland', municipality: { name: 'Musterstadt' }, places: 24, active: true });
    expect(new Set(items.map((a: { kind: string }) => a.kind))).toEqual(new Set(['emergency_shelter', 'refugee_accommodation', 'transitional_housing']));
    // The Wohnhilfe keeps its own house up to date, not the district's.
    const ofA = (await tlA.get('/api/v1/housing/accommodations')).json().items;
    expect(ofA.filter((a: { canEdit: boolean }) => a.canEdit).map((a: { name: string }) => a.name)).toEqual(['Übergangswohnhaus Gartenweg']);
  });

  it('has the cooperating housing company shared with the district, with a contact person and a quota in force, and two private landlords', async () => {
    const company = (await fkB.get(`/api/v1/housing/landlords/${seeded.landlords.housing_company.id}`)).json();
    expect(company).toMatchObject({ kind: 'housing_company', shared: true, orgName: 'Wohnhilfe Musterland e.V.', canEdit: false });
    expect(company.contacts[0]).toMatchObject({ name: 'Frau Quartiersmann', function: 'Sozialmanagement' });
    expect(company.agreements).toMatchObject([{ state: 'active', flatsPerYear: 6, validUntil: expect.stringMatching(/-(28|29|30|31)$/) }]);
    const ofB = (await fkB.get('/api/v1/housing/landlords')).json().items;
    expect(ofB.map((l: { id: string; cooperating: boolean }) => [l.id, l.cooperating])).toEqual([[seeded.landlords.housing_company.id, true]]);
    const ofA = (await tlA.get('/api/v1/housing/landlords')).json().items;
    expect(ofA.map((l: { name: string }) => l.name).sort()).toEqual(DEMO_LANDLORDS.map((l) => l.input.name).sort());
    expect(ofA.filter((l: { kind: string }) => l.kind === 'private')).toHaveLength(2);
  });

  it('has adequacy tables for every demo municipality in two comparison areas, the town with an expired older table', async () => {
    const { items } = (await tlA.get('/api/v1/housing/adequacy')).json();
    expect(items.map((a: { id: string }) => a.id).sort()).toEqual([seeded.areas.town.id, seeded.areas.country.id].sort());
    const covered = items.flatMap((a: { municipalities: { name: string }[] }) => a.municipalities.map((m) => m.name)).sort();
    expect(covered).toEqual(MUNICIPALITIES.map((m) => m.name).sort());
    const town = items.find((a: { id: string }) => a.id === seeded.areas.town.id);
    expect(town.tables.map((x: { validFrom: string; validUntil: string | null }) => [x.validFrom, x.validUntil])).toEqual([
      ['2026-01-01', null],
      ['2023-01-01', '2025-12-31'],
    ]);
    expect(town.tables[0].limits.map((l: { floorArea: number }) => l.floorArea)).toEqual([50, 65, 80, 95, 110]);
    // Each limit above the smaller household's, and the country below the town.
    for (const a of items) for (const table of a.tables) for (let i = 1; i < table.limits.length; i++) expect(table.limits[i].grossColdRent).toBeGreaterThan(table.limits[i - 1].grossColdRent);
    const musterstadt = (await tlA.get('/api/v1/municipalities')).json().items.find((m: { name: string }) => m.name === 'Musterstadt');
    const check = (await tlA.get(`/api/v1/housing/adequacy/check?municipalityId=${musterstadt.id}&householdSize=2&grossColdRent=560&floorArea=62`)).json();
    expect(check).toMatchObject({ verdict: 'adequate', rentLimit: 572, areaName: DEMO_AREAS[0].name, tableValidFrom: '2026-01-01' });
  });

  it('is seeded once: a second run finds the records and adds nothing', async () => {
    const count = () =>
      unsafeInternalTx(t.db, null, async (tx) => ({
        accommodations: (await tx.db.selectFrom('accommodations').select('id').execute()).length,
        landlords: (await tx.db.selectFrom('landlords').select('id').execute()).length,
        tables: (await tx.db.selectFrom('adequacy_tables').select('id').execute()).length,
      }));
    const before = await count();
    expect(before).toEqual({ accommodations: 3, landlords: 3, tables: 3 });
    expect(await seedDemoHousing({ db: t.db, config: t.config, now: t.clock.now() })).toEqual(seeded);
    expect(await count()).toEqual(before);
  });
});
