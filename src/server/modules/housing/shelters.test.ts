import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../contracts/roles.js';
import { permissionsFor } from '../../../domain/access/permissions.js';
import type { Actor } from '../../platform/auth/actor.js';
import { inTenantTx, unsafeInternalTx } from '../../platform/db/tenant.js';
import { clientFor, createTestApp, uniqueSuffix, type Client, type TestApp } from '../../test/app.js';
import { caseIn, intakeArea, type IntakeArea } from '../../test/cases.js';
import { engineName } from '../../test/db.js';
import { createOrg, createUser, type TestOrg } from '../../test/factories.js';
import { mintSession } from '../../test/sessions.js';
import { placementsOfCase } from './shelters.js';

/*
 * The shelter register through the HTTP API: accommodations every organisation reads with their
 * occupancy, placements only the placing organisation sees, the long-stay list. The clock stands
 * at Saturday 21 November 2026, 10:00 in Berlin.
 */

let t: TestApp;
let orgA: TestOrg;
let orgB: TestOrg;
let areaA: IntakeArea;
let areaB: IntakeArea;
let leadA: Client;
let caseworkerA: Client;
let caseworkerB: Client;
let adminB: Client;
let systemAdmin: Client;
let finance: Client;
let reporter: Client;
let statistics: Client;

async function client(org: TestOrg, roles: Role[]): Promise<Client> {
  const u = await createUser(t.db, org, roles);
  const s = await mintSession(t.db, t.clock, u);
  return clientFor(t.app, s.cookie, s.csrf);
}

/** An actor of the organisation as the session lookup builds it, for transactions outside HTTP. */
async function actorOf(org: TestOrg, roles: Role[]): Promise<Actor> {
  const u = await createUser(t.db, org, roles);
  return { userId: u.id, orgId: org.id, globalAdmin: false, email: u.email, permissions: new Set(permissionsFor(roles)) } as unknown as Actor;
}

beforeAll(async () => {
  t = await createTestApp();
  const s = uniqueSuffix();
  orgA = await createOrg(t.db, 'district_office', `Fachstelle ${s}`);
  orgB = await createOrg(t.db, 'provider', `Träger B ${s}`);
  const district = await createOrg(t.db, 'district_office', `Kreis ${s}`);
  const jobcenter = await createOrg(t.db, 'jobcenter', `Jobcenter ${s}`);
  leadA = await client(orgA, ['team_lead']);
  caseworkerA = await client(orgA, ['caseworker']);
  caseworkerB = await client(orgB, ['caseworker']);
  adminB = await client(orgB, ['org_admin']);
  systemAdmin = await client(district, ['system_admin']);
  finance = await client(orgA, ['finance']);
  reporter = await client(jobcenter, ['reporter']);
  statistics = await client(orgA, ['statistics']);
  areaA = await intakeArea(t.db, orgA);
  areaB = await intakeArea(t.db, orgB);
});
afterAll(() => t?.close());

const fieldsOf = (res: { json(): any }) => (res.json().error?.fields ?? []).map((f: { path: string }) => f.path);

async function newAccommodation(over: Record<string, unknown> = {}, by: Client = leadA) {
  const res = await by.post('/api/v1/housing/accommodations', {
    kind: 'emergency_shelter',
    name: `Notunterkunft Am Bahnhof ${uniqueSuffix()}`,
    provider: 'Stadt (Ordnungsamt)',
    street: 'Bahnhofstraße',
    houseNumber: '12',
    postalCode: areaA.postalCode,
    city: areaA.city,
    municipalityId: areaA.municipality.id,
    places: 20,
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function place(by: Client, caseId: string, body: Record<string, unknown>) {
  const res = await by.post(`/api/v1/cases/${caseId}/placements`, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const auditOf = (entityId: string) =>
  unsafeInternalTx(t.db, null, (tx) => tx.db.selectFrom('audit_log').select(['org_id', 'action', 'details']).where('entity_id', '=', entityId).orderBy('id').execute());

describe(`shelter register (${engineName()})`, () => {
  it('the owner adds an accommodation; every organisation reads it with occupancy counts, and only its own households', async () => {
    const a = await newAccommodation({ note: 'Zugang über den Hof' });
    expect(a).toMatchObject({
      kind: 'emergency_shelter',
      orgId: orgA.id,
      orgName: orgA.name,
      municipality: areaA.municipality,
      places: 20,
      active: true,
      note: 'Zugang über den Hof',
      occupancy: { households: 0, persons: 0, free: 20 },
      canEdit: true,
      version: 1,
    });
    const familyA = await caseIn(t.db, caseworkerA, areaA);
    const singleA = await caseIn(t.db, caseworkerA, areaA);
    const familyB = await caseIn(t.db, caseworkerB, areaB);
    const placedA = await place(caseworkerA, familyA.id, { accommodationId: a.id, persons: 3, movedInOn: '2026-03-02', note: 'Zimmer 4' });
    expect(placedA).toMatchObject({
      caseId: familyA.id,
      accommodation: { id: a.id, name: a.name, kind: 'emergency_shelter', municipalityName: areaA.municipality.name },
      persons: 3,
      movedInOn: '2026-03-02',
      movedOutOn: null,
      moveOutReason: null,
      months: 8,
      version: 1,
    });
    await place(caseworkerA, singleA.id, { accommodationId: a.id, persons: 1, movedInOn: '2025-09-01' });
    // B places a household of its own in A's shelter.
    const placedB = await place(caseworkerB, familyB.id, { accommodationId: a.id, persons: 2, movedInOn: '2026-11-21' });

    // Everyone with housing.read reads the register with the counts of all organisations.
    for (const c of [caseworkerB, systemAdmin, finance]) {
      const list = await c.get('/api/v1/housing/accommodations');
      expect(list.statusCode, list.body).toBe(200);
      expect(list.json().items.find((x: { id: string }) => x.id === a.id)).toMatchObject({ occupancy: { households: 3, persons: 6, free: 14 }, canEdit: false });
      expect(list.body).not.toContain(familyA.id);
      expect(list.body).not.toContain(familyA.lastName);
    }
    // The page lists the reader's own households only.
    const ofB = await caseworkerB.get(`/api/v1/housing/accommodations/${a.id}`);
    expect(ofB.statusCode, ofB.body).toBe(200);
    expect(ofB.json().placements.map((p: { id: string }) => p.id)).toEqual([placedB.id]);
    expect(ofB.json().placements[0]).toMatchObject({ caseNumber: expect.any(String), householdName: `Dana ${familyB.lastName}`, months: 0 });
    for (const marker of [familyA.id, singleA.id, familyA.caseNumber, familyA.lastName, singleA.lastName]) expect(ofB.body).not.toContain(marker);
    const ofA = (await caseworkerA.get(`/api/v1/housing/accommodations/${a.id}`)).json();
    expect(ofA.accommodation.occupancy).toEqual({ households: 3, persons: 6, free: 14 });
    // The longest stay first.
    expect(ofA.placements.map((p: { caseId: string; caseNumber: string; householdName: string; months: number }) => [p.caseId, p.caseNumber, p.householdName, p.months])).toEqual([
      [singleA.id, singleA.caseNumber, `Dana ${singleA.lastName}`, 14],
      [familyA.id, familyA.caseNumber, `Dana ${familyA.lastName}`, 8],
    ]);
    expect((await systemAdmin.get(`/api/v1/housing/accommodations/${a.id}`)).json().placements).toEqual([]);

    // Who read which households is on record.
    const reads = (await auditOf(a.id)).filter((e) => e.action === 'housing.accommodation.read');
    expect(reads.map((e) => [e.org_id, (e.details as { cases: string[] }).cases.length])).toEqual([
      [orgB.id, 1],
      [orgA.id, 2],
      [expect.any(String), 0],
    ]);
  });

  it("row-level security: B's own transaction sees none of A's placements and changes nothing of A's", async () => {
    const a = await newAccommodation();
    const household = await caseIn(t.db, caseworkerA, areaA);
    const placed = await place(caseworkerA, household.id, { accommodationId: a.id, persons: 2, movedInOn: '2026-10-01' });
    const actorB = await actorOf(orgB, ['caseworker']);
    const seen = await inTenantTx(t.db, actorB, null, async (tx) => ({
      placements: await tx.db.selectFrom('shelter_placements').select('id').where('accommodation_id', '=', a.id).execute(),
      changed: await tx.db.updateTable('shelter_placements').set({ persons: 9 }).where('id', '=', placed.id).executeTakeFirst(),
      renamed: await tx.db.updateTable('accommodations').set({ name: 'Gekapert' }).where('id', '=', a.id).executeTakeFirst(),
      accommodation: await tx.db.selectFrom('accommodations').select('id').where('id', '=', a.id).executeTakeFirst(),
      ofCase: await placementsOfCase(tx, household.id, '2026-11-21'),
    }));
    expect(seen.placements).toEqual([]);
    expect(Number(seen.changed.numUpdatedRows)).toBe(0);
    expect(Number(seen.renamed.numUpdatedRows)).toBe(0);
    expect(seen.accommodation?.id).toBe(a.id);
    expect(seen.ofCase).toEqual([]);
    await expect(
      inTenantTx(t.db, actorB, null, (tx) =>
        tx.db.insertInto('shelter_placements').values({ org_id: orgA.id, case_id: household.id, accommodation_id: a.id, persons: 1, moved_in_on: '2026-11-01' }).execute(),
      ),
    ).rejects.toThrow(/row-level security|policy/);
    // Through the API: B gets "not found" for A's records.
    expect((await caseworkerB.patch(`/api/v1/housing/placements/${placed.id}`, { version: 1, persons: 9 })).statusCode).toBe(404);
    expect((await caseworkerB.patch(`/api/v1/housing/accommodations/${a.id}`, { version: 1, name: 'Gekapert' })).statusCode).toBe(404);
    const other = await caseIn(t.db, caseworkerA, areaA);
    const intoA = await caseworkerB.post(`/api/v1/cases/${other.id}/placements`, { accommodationId: a.id, persons: 1, movedInOn: '2026-11-20' });
    expect([intoA.statusCode, intoA.json().error.code]).toEqual([404, 'not_found']);
    const actorA = await actorOf(orgA, ['caseworker']);
    const ofA = await inTenantTx(t.db, actorA, null, (tx) => placementsOfCase(tx, household.id, '2026-11-21'));
    expect(ofA).toMatchObject([{ id: placed.id, persons: 2, version: 1 }]);
  });

  it('places one household in one place at a time, in active accommodations, never ahead; moving out needs its reason', async () => {
    const a = await newAccommodation({ kind: 'transitional_housing', places: 6 });
    const closed = await newAccommodation({ kind: 'hostel', active: false });
    const household = await caseIn(t.db, caseworkerA, areaA);
    const url = `/api/v1/cases/${household.id}/placements`;
    const refusals: [string, Record<string, unknown>, number, string[]][] = [
      ['an accommodation that takes nobody in', { accommodationId: closed.id }, 422, ['accommodationId']],
      ['an accommodation that does not exist', { accommodationId: randomUUID() }, 422, ['accommodationId']],
      ['a move-in tomorrow', { movedInOn: '2026-11-22' }, 422, ['movedInOn']],
      ['no persons', { persons: 0 }, 400, ['persons']],
      ['a misspelt field', { personen: 2 }, 400, ['personen']],
    ];
    for (const [label, over, status, fields] of refusals) {
      const res = await caseworkerA.post(url, { accommodationId: a.id, persons: 2, movedInOn: '2026-11-01', ...over });
      expect([res.statusCode, fieldsOf(res)], label).toEqual([status, fields]);
    }
    const situationOf = async () =>
      inTenantTx(t.db, await actorOf(orgA, ['caseworker']), null, (tx) =>
        tx.db.selectFrom('cases').select(['living_situation', 'living_situation_since']).where('id', '=', household.id).executeTakeFirstOrThrow(),
      );
    const first = await place(caseworkerA, household.id, { accommodationId: a.id, persons: 2, movedInOn: '2026-06-15' });
    // The case file now says where the household lives (ETHOS Light 3, transitional housing).
    expect(await situationOf()).toEqual({ living_situation: 'transitional_supported', living_situation_since: '2026-06-15' });
    const second = await caseworkerA.post(url, { accommodationId: a.id, persons: 2, movedInOn: '2026-11-01' });
    expect([second.statusCode, fieldsOf(second)]).toEqual([422, ['accommodationId']]);
    expect(second.json().error.fields[0].message).toBe('Der Haushalt ist bereits untergebracht. Bitte zuerst den Auszug aus der bisherigen Unterkunft erfassen.');

    const patch = (body: Record<string, unknown>, by: Client = caseworkerA) => by.patch(`/api/v1/housing/placements/${first.id}`, body);
    const bad: [string, Record<string, unknown>, number, string[]][] = [
      ['a move-out without its reason', { version: 1, movedOutOn: '2026-11-20' }, 400, ['moveOutReason']],
      ['a reason without a move-out', { version: 1, moveOutReason: 'relatives' }, 422, ['moveOutReason']],
      ['a move-out tomorrow', { version: 1, movedOutOn: '2026-11-22', moveOutReason: 'own_flat' }, 422, ['movedOutOn']],
      ['a move-out before the move-in', { version: 1, movedOutOn: '2026-06-14', moveOutReason: 'own_flat' }, 422, ['movedOutOn']],
      ['an unknown reason', { version: 1, movedOutOn: '2026-11-20', moveOutReason: 'vanished' }, 400, ['moveOutReason']],
    ];
    for (const [label, body, status, fields] of bad) {
      const res = await patch(body);
      expect([res.statusCode, fieldsOf(res)], label).toEqual([status, fields]);
    }
    const out = await patch({ version: 1, movedOutOn: '2026-11-20', moveOutReason: 'relatives', persons: 3 });
    expect(out.statusCode, out.body).toBe(200);
    expect(out.json()).toMatchObject({ movedOutOn: '2026-11-20', moveOutReason: 'relatives', persons: 3, months: 5, version: 2 });
    // Someone saved in between: the stale version changes nothing.
    const stale = await patch({ version: 1, note: 'Überschrieben' });
    expect([stale.statusCode, stale.json().error.code]).toEqual([409, 'version_conflict']);

    // The next stay begins the day the last one ended; it may not reach back into it.
    const overlapping = await caseworkerA.post(url, { accommodationId: a.id, persons: 3, movedInOn: '2026-11-01' });
    expect([overlapping.statusCode, fieldsOf(overlapping)]).toEqual([422, ['movedInOn']]);
    const next = await place(caseworkerA, household.id, { accommodationId: a.id, persons: 3, movedInOn: '2026-11-20' });
    // Reopening the earlier stay would make two open ones.
    const reopen = await patch({ version: 2, movedOutOn: null, moveOutReason: null });
    expect([reopen.statusCode, fieldsOf(reopen)]).toEqual([422, ['accommodationId']]);

    const audit = (await auditOf(household.id)).map((e) => e.action);
    expect(audit.filter((x) => x.startsWith('housing.'))).toEqual(['housing.placement.create', 'housing.placement.move_out', 'housing.placement.create']);
    const actorA = await actorOf(orgA, ['caseworker']);
    const stays = await inTenantTx(t.db, actorA, null, (tx) => placementsOfCase(tx, household.id, '2026-11-21'));
    expect(stays.map((p) => [p.id, p.movedOutOn])).toEqual([
      [next.id, null],
      [first.id, '2026-11-20'],
    ]);
  });

  it("changes an accommodation of the own organisation with optimistic locking; names are unique within the organisation", async () => {
    const a = await newAccommodation();
    const res = await caseworkerA.patch(`/api/v1/housing/accommodations/${a.id}`, { version: 1, places: 24, active: false, provider: null });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ places: 24, active: false, provider: null, street: 'Bahnhofstraße', version: 2 });
    const stale = await leadA.patch(`/api/v1/housing/accommodations/${a.id}`, { version: 1, places: 30 });
    expect([stale.statusCode, stale.json().error.code]).toEqual([409, 'version_conflict']);
    // A change that does not mention it leaves a closed house closed.
    const noted = await leadA.patch(`/api/v1/housing/accommodations/${a.id}`, { version: 2, note: 'Sanierung bis März' });
    expect(noted.json()).toMatchObject({ active: false, note: 'Sanierung bis März', version: 3 });
    const b = await newAccommodation();
    const taken = await leadA.patch(`/api/v1/housing/accommodations/${b.id}`, { version: 1, name: a.name.toUpperCase() });
    expect([taken.statusCode, fieldsOf(taken)]).toEqual([422, ['name']]);
    // Another organisation may use the same name for its own house.
    const sameName = await caseworkerB.post('/api/v1/housing/accommodations', {
      kind: 'temporary_flat', name: a.name, municipalityId: areaB.municipality.id, places: 4,
    });
    expect(sameName.statusCode, sameName.body).toBe(201);
    expect(sameName.json()).toMatchObject({ orgId: orgB.id, canEdit: true, postalCode: null });
  });

  it('kind of provision, provider and welfare association (official statistics): defaults, the association only and always for voluntary providers', async () => {
    const plain = await newAccommodation();
    expect(plain).toMatchObject({ provisionType: 'short_term', providerType: 'municipality', welfareAssociation: null });
    const missing = await leadA.post('/api/v1/housing/accommodations', {
      kind: 'transitional_housing', name: `Übergangshaus ${uniqueSuffix()}`, municipalityId: areaA.municipality.id, places: 8, providerType: 'voluntary',
    });
    expect([missing.statusCode, fieldsOf(missing)]).toEqual([422, ['welfareAssociation']]);
    const v = await newAccommodation({ provisionType: 'semi_residential', providerType: 'voluntary', welfareAssociation: 'caritas' });
    expect(v).toMatchObject({ provisionType: 'semi_residential', providerType: 'voluntary', welfareAssociation: 'caritas' });
    const wrong = await leadA.patch(`/api/v1/housing/accommodations/${v.id}`, { version: v.version, providerType: 'commercial', welfareAssociation: 'drk' });
    expect([wrong.statusCode, fieldsOf(wrong)]).toEqual([422, ['welfareAssociation']]);
    // Another provider type drops the association.
    const commercial = await leadA.patch(`/api/v1/housing/accommodations/${v.id}`, { version: v.version, providerType: 'commercial' });
    expect(commercial.json()).toMatchObject({ providerType: 'commercial', welfareAssociation: null, provisionType: 'semi_residential' });
    const bad = await leadA.patch(`/api/v1/housing/accommodations/${v.id}`, { version: commercial.json().version, provisionType: 'hotel' });
    expect([bad.statusCode, fieldsOf(bad)]).toEqual([400, ['provisionType']]);
  });

  it('lists the own households in a shelter for at least twelve months, longest first, with their search', async () => {
    const a = await newAccommodation({ kind: 'refugee_accommodation', places: 80 });
    const stays: [string, string][] = [['2025-09-21', 'vierzehn'], ['2025-11-21', 'zwölf'], ['2025-11-22', 'elf'], ['2024-01-10', 'lang']];
    const cases: Awaited<ReturnType<typeof caseIn>>[] = [];
    for (const [movedInOn] of stays) {
      const c = await caseIn(t.db, caseworkerA, areaA);
      await place(caseworkerA, c.id, { accommodationId: a.id, persons: 4, movedInOn });
      cases.push(c);
    }
    // The longest stay ended: it is no longer on the list.
    const ended = (await caseworkerA.get(`/api/v1/housing/accommodations/${a.id}`)).json().placements.find((p: { caseId: string }) => p.caseId === cases[3].id);
    expect((await caseworkerA.patch(`/api/v1/housing/placements/${ended.id}`, { version: 1, movedOutOn: '2026-11-01', moveOutReason: 'own_flat' })).statusCode).toBe(200);
    // B's long stay is B's.
    const ofB = await caseIn(t.db, caseworkerB, areaB);
    await place(caseworkerB, ofB.id, { accommodationId: a.id, persons: 1, movedInOn: '2024-05-01' });
    // The fourteen-month household searches a flat.
    const searchId = randomUUID();
    await unsafeInternalTx(t.db, null, (tx) =>
      tx.db.insertInto('housing_searches').values({ id: searchId, org_id: orgA.id, case_id: cases[0].id, started_on: '2026-01-15', persons: 4, children: 2 }).execute(),
    );

    const res = await caseworkerA.get('/api/v1/housing/long-stays');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().thresholdMonths).toBe(12);
    const mine = res.json().items.filter((i: { accommodation: { id: string } }) => i.accommodation.id === a.id);
    expect(mine.map((i: { caseId: string; months: number; movedInOn: string; search: unknown }) => [i.caseId, i.months, i.movedInOn, i.search])).toEqual([
      [cases[0].id, 14, '2025-09-21', { id: searchId, status: 'active' }],
      [cases[1].id, 12, '2025-11-21', null],
    ]);
    expect(mine[0]).toMatchObject({ caseNumber: cases[0].caseNumber, householdName: `Dana ${cases[0].lastName}`, persons: 4, children: 0, accommodation: { kind: 'refugee_accommodation' } });
    expect(res.body).not.toContain(ofB.id);
    const ofBList = (await caseworkerB.get('/api/v1/housing/long-stays')).json();
    expect(ofBList.items.map((i: { caseId: string }) => i.caseId)).toEqual([ofB.id]);
    const audit = await unsafeInternalTx(t.db, null, (tx) =>
      tx.db.selectFrom('audit_log').select(['org_id', 'details']).where('action', '=', 'housing.long_stays.list').orderBy('id').execute(),
    );
    expect(audit.map((e) => [e.org_id, (e.details as { ids: string[] }).ids.length])).toEqual([
      [orgA.id, res.json().items.length],
      [orgB.id, 1],
    ]);
  });

  it('roles: reporters, statistics and administrators without housing permissions are refused; finance reads but does not place', async () => {
    const a = await newAccommodation();
    for (const [who, c] of [['reporter', reporter], ['statistics', statistics], ['org admin', adminB]] as const) {
      for (const url of ['/api/v1/housing/accommodations', `/api/v1/housing/accommodations/${a.id}`, '/api/v1/housing/long-stays']) {
        const res = await c.get(url);
        expect([res.statusCode, res.json().error.code], `${who} GET ${url}`).toEqual([403, 'forbidden']);
        expect(res.body, who).not.toContain(a.name);
      }
    }
    expect((await finance.get(`/api/v1/housing/accommodations/${a.id}`)).statusCode).toBe(200);
    const household = await caseIn(t.db, caseworkerA, areaA);
    const byFinance = await finance.post(`/api/v1/cases/${household.id}/placements`, { accommodationId: a.id, persons: 1, movedInOn: '2026-11-01' });
    expect([byFinance.statusCode, byFinance.json().error.code]).toEqual([403, 'forbidden']);
    const bySystemAdmin = await systemAdmin.post('/api/v1/housing/accommodations', { kind: 'hostel', name: 'Pension', municipalityId: areaA.municipality.id, places: 3 });
    expect(bySystemAdmin.statusCode).toBe(403);
  });

  it('validation errors name the field, in German and English', async () => {
    const cases: [string, Record<string, unknown>, number, string[]][] = [
      ['no name', { name: '' }, 400, ['name']],
      ['unknown kind', { kind: 'tent' }, 400, ['kind']],
      ['negative places', { places: -1 }, 400, ['places']],
      ['a postal code of four digits', { postalCode: '0510' }, 400, ['postalCode']],
      ['a municipality that does not exist', { municipalityId: randomUUID() }, 422, ['municipalityId']],
      ['a misspelt field', { plaetze: 3 }, 400, ['plaetze']],
    ];
    for (const [label, over, status, fields] of cases) {
      const res = await leadA.post('/api/v1/housing/accommodations', {
        kind: 'emergency_shelter', name: `Haus ${uniqueSuffix()}`, municipalityId: areaA.municipality.id, places: 5, ...over,
      });
      expect([res.statusCode, res.json().error?.code, fieldsOf(res)], label).toEqual([status, 'validation_failed', fields]);
      expect(res.json().error.fields[0].message, label).not.toMatch(/^field\./);
    }
    const a = await newAccommodation();
    const en = await leadA.request('POST', '/api/v1/housing/accommodations', { kind: 'hostel', name: a.name, municipalityId: areaA.municipality.id, places: 2 }, { 'accept-language': 'en' });
    expect([en.statusCode, en.json().error.fields]).toEqual([422, [{ path: 'name', message: 'Your organisation already has an accommodation of this name.' }]]);
  });
});
