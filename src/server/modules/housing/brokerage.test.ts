import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../contracts/roles.js';
import { permissionsFor } from '../../../domain/access/permissions.js';
import { limitFor, tableOn } from '../../../domain/housing/adequacy.js';
import { fit, personsRange, rank } from '../../../domain/housing/matching.js';
import type { Actor } from '../../platform/auth/actor.js';
import { inTenantTx, unsafeInternalTx } from '../../platform/db/tenant.js';
import { clientFor, createTestApp, uniqueSuffix, type Client, type TestApp } from '../../test/app.js';
import { engineName } from '../../test/db.js';
import { createLocation, createMunicipality, createOrg, createUser, type TestOrg } from '../../test/factories.js';
import { mintSession } from '../../test/sessions.js';
import { normalisePhone } from '../../../domain/matching/normalise.js';
import { addressKey } from '../intake/pipeline.js';
import { adequacyTablesOf } from './brokerage-store.js';

/*
 * Brokerage through the HTTP API: searches, offers, the ranked candidates of an offer with the
 * households that must not be proposed and why, proposals from the viewing to the lease, and what
 * the lease changes in one transaction; outcomes and follow-ups. The clock stands at Saturday
 * 21 November 2026, 10:00 in Berlin.
 */

let t: TestApp;
let orgA: TestOrg;
let orgB: TestOrg;
let cwA: Client;
let leadA: Client;
let cwB: Client;
let sysAdmin: Client;
let users: { cwA: string; leadA: string; cwB: string };
/** Notices with these postal codes are routed to A and to B. */
const area = { A: { postalCode: '', city: '' }, B: { postalCode: '', city: '' } };
let muniA: { id: string; name: string };
let muniOther: { id: string; name: string };
let landlordA: string;
let landlordB: string;

async function client(org: TestOrg, roles: Role[]): Promise<{ client: Client; id: string }> {
  const u = await createUser(t.db, org, roles);
  const s = await mintSession(t.db, t.clock, u);
  return { client: clientFor(t.app, s.cookie, s.csrf), id: u.id };
}

const internal = <T>(fn: Parameters<typeof unsafeInternalTx<T>>[2]) => unsafeInternalTx(t.db, null, fn);

/** An area of its own for an organisation: a municipality with one postal code, covered by one location of it. */
async function areaFor(org: TestOrg, postalCode: string) {
  const city = `Prüfstadt ${uniqueSuffix()}`;
  const m = await createMunicipality(t.db, city);
  const location = await createLocation(t.db, org);
  await internal(async (tx) => {
    await tx.db.updateTable('municipalities').set({ postal_codes: [postalCode] }).where('id', '=', m.id).execute();
    await tx.db.updateTable('locations').set({ municipality_ids: [m.id] }).where('id', '=', location.id).execute();
  });
  return { postalCode, city, municipality: m };
}

interface CaseRef {
  id: string;
  caseNumber: string;
  householdId: string;
  lastName: string;
  phone: string;
}

const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');

/** A case of the area's organisation from a court notice (hearing, eviction date: deadlines to keep). */
async function newCase(by: Client, where: { postalCode: string; city: string }, members = 1): Promise<CaseRef> {
  // Names, birth days and phones of their own: the intake matching must not take two households for one.
  const lastName = `Haushalt${uniqueSuffix()}`;
  const phone = `+49 171 ${digits(7)}`;
  const birthDate = `19${50 + Math.floor(Math.random() * 45)}-0${1 + Math.floor(Math.random() * 9)}-1${Math.floor(Math.random() * 9)}`;
  const res = await by.post('/api/v1/notices', {
    externalId: `AG-${uniqueSuffix()}`,
    kind: 'court_eviction_suit',
    receivedOn: '2026-11-02',
    tenants: [{ firstName: 'Erika', lastName, birthDate, servedOn: '2026-10-30', phone }],
    householdSize: members,
    address: { street: `Ahornweg ${uniqueSuffix()}`, houseNumber: '5', postalCode: where.postalCode, city: where.city },
    monthlyRent: 610,
    arrears: 1350,
    court: { name: 'Amtsgericht Prüfstadt', fileNumber: `3 C ${uniqueSuffix()}/26`, servedOn: '2026-10-30', hearingOn: '2027-01-14' },
    evictionOn: '2027-03-01',
  });
  expect(res.statusCode, res.body).toBe(201);
  const c = await internal((tx) =>
    tx.db.selectFrom('notices as n').innerJoin('cases as c', 'c.id', 'n.case_id').select(['c.id', 'c.case_number', 'c.household_id']).where('n.id', '=', res.json().id).executeTakeFirstOrThrow(),
  );
  return { id: c.id, caseNumber: c.case_number, householdId: c.household_id, lastName, phone };
}

/** An emergency shelter of the organisation and a household's stay in it since `since`. */
async function placeInShelter(org: TestOrg, caseId: string, persons: number, since: string) {
  return internal(async (tx) => {
    const acc = await tx.db
      .insertInto('accommodations')
      .values({ org_id: org.id, kind: 'emergency_shelter', name: `Notunterkunft ${uniqueSuffix()}`, municipality_id: muniA.id, places: 40 })
      .returning('id')
      .executeTakeFirstOrThrow();
    return tx.db
      .insertInto('shelter_placements')
      .values({ org_id: org.id, case_id: caseId, accommodation_id: acc.id, persons, moved_in_on: since })
      .returning(['id'])
      .executeTakeFirstOrThrow();
  });
}

async function landlord(org: TestOrg, name: string, shared = false) {
  return internal(async (tx) => {
    const l = await tx.db
      .insertInto('landlords')
      .values({ org_id: org.id, kind: 'cooperative', name, street: 'Genossenschaftsweg', house_number: '1', postal_code: '05101', city: 'Musterstadt', phone: '05101 900', shared })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.db.insertInto('landlord_contacts').values({ org_id: org.id, landlord_id: l.id, position: 0, name: 'Frau Vermietung', phone: '05101 901', email: 'vermietung@test.invalid' }).execute();
    await tx.db.insertInto('landlord_agreements').values({ org_id: org.id, landlord_id: l.id, title: 'Kooperation', valid_from: '2025-01-01', flats_per_year: 12 }).execute();
    return l.id;
  });
}

/** Adequacy limits (gross cold rent) for the municipality: 450 / 540 / 640 / 740 / 840 €, 100 € per further person. */
async function adequacy(municipalityId: string) {
  await internal(async (tx) => {
    const a = await tx.db.insertInto('adequacy_areas').values({ name: `Vergleichsraum ${uniqueSuffix()}`, municipality_ids: [municipalityId] }).returning('id').executeTakeFirstOrThrow();
    // An expired table with lower limits: the one in force must be used.
    const old = await tx.db.insertInto('adequacy_tables').values({ area_id: a.id, valid_from: '2022-01-01', valid_until: '2024-12-31' }).returning('id').executeTakeFirstOrThrow();
    await tx.db.insertInto('adequacy_limits').values([1, 2, 3, 4, 5].map((n) => ({ table_id: old.id, household_size: n, gross_cold_rent: 300 + 50 * n, floor_area: 35 + 15 * n }))).execute();
    const cur = await tx.db
      .insertInto('adequacy_tables')
      .values({ area_id: a.id, valid_from: '2025-01-01', valid_until: null, extra_person_rent: 100, extra_person_area: 15 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const rent = [450, 540, 640, 740, 840];
    await tx.db.insertInto('adequacy_limits').values(rent.map((r, i) => ({ table_id: cur.id, household_size: i + 1, gross_cold_rent: r, floor_area: 50 + 15 * i }))).execute();
  });
}

const fieldsOf = (res: { json(): any }) => (res.json().error?.fields ?? []).map((f: { path: string }) => f.path);
const messagesOf = (res: { json(): any }) => (res.json().error?.fields ?? []).map((f: { message: string }) => f.message);

/** A 3-room flat on the second floor without a lift, WBS needed, 620 € gross cold rent, 72 m². */
function offerBody(over: Record<string, unknown> = {}) {
  return {
    landlordId: landlordA,
    street: 'Lindenallee',
    houseNumber: '12',
    postalCode: area.A.postalCode,
    city: area.A.city,
    municipalityId: muniA.id,
    floorArea: 72,
    rooms: 3,
    floor: 2,
    stepFree: false,
    lift: false,
    baseRent: 480,
    serviceCharges: 140,
    heatingCosts: 90,
    deposit: 1440,
    availableFrom: '2026-12-01',
    wbsRequired: true,
    note: 'Besichtigung nach Absprache',
    ...over,
  };
}

async function newOffer(over: Record<string, unknown> = {}, by: Client = cwA) {
  const res = await by.post('/api/v1/housing/offers', offerBody(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function startSearch(c: CaseRef, over: Record<string, unknown> = {}, by: Client = cwA) {
  const res = await by.post(`/api/v1/cases/${c.id}/housing-search`, { startedOn: '2026-05-04', persons: 3, children: 0, hasWbs: true, ...over });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function propose(offerId: string, searchId: string, by: Client = cwA) {
  const res = await by.post(`/api/v1/housing/offers/${offerId}/proposals`, { searchId });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function patchProposal(p: { id: string; version: number }, body: Record<string, unknown>, status = 200) {
  const res = await cwA.patch(`/api/v1/housing/proposals/${p.id}`, { version: p.version, ...body });
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
}

function actorOf(org: TestOrg, userId: string, roles: Role[]): Actor {
  return { userId, email: 'x@test.invalid', displayName: 'x', language: 'de', orgId: org.id, orgName: org.name, orgKind: 'provider', roles, permissions: new Set(permissionsFor(roles)), globalAdmin: false, totpEnabled: false, session: null as never };
}

beforeAll(async () => {
  t = await createTestApp();
  const s = uniqueSuffix();
  orgA = await createOrg(t.db, 'provider', `Träger A ${s}`);
  orgB = await createOrg(t.db, 'provider', `Träger B ${s}`);
  const district = await createOrg(t.db, 'district_office', `Fachstelle ${s}`);
  const a = await client(orgA, ['caseworker']);
  const l = await client(orgA, ['team_lead']);
  const b = await client(orgB, ['caseworker']);
  cwA = a.client;
  leadA = l.client;
  cwB = b.client;
  sysAdmin = (await client(district, ['system_admin'])).client;
  users = { cwA: a.id, leadA: l.id, cwB: b.id };
  const pc = () => `04${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
  const areaA = await areaFor(orgA, pc());
  let pcB = pc();
  while (pcB === areaA.postalCode) pcB = pc();
  const areaB = await areaFor(orgB, pcB);
  area.A = { postalCode: areaA.postalCode, city: areaA.city };
  area.B = { postalCode: areaB.postalCode, city: areaB.city };
  muniA = areaA.municipality;
  muniOther = await createMunicipality(t.db);
  await adequacy(muniA.id);
  await adequacy(areaB.municipality.id);
  landlordA = await landlord(orgA, `Wohnungsgenossenschaft A ${s}`);
  landlordB = await landlord(orgB, `Privatvermieter B ${s}`);
});
afterAll(() => t?.close());

describe(`housing searches (${engineName()})`, () => {
  it('starts a search for a case, one at a time; refuses bad input naming the field', async () => {
    const c = await newCase(cwA, area.A, 2);
    const s = await startSearch(c, { persons: 2, children: 1, minRooms: 2, preferredMunicipalityIds: [muniA.id.toUpperCase(), muniA.id], neededBy: '2027-02-28', note: 'Erdgeschoss bevorzugt' });
    expect(s).toMatchObject({
      caseId: c.id, status: 'active', startedOn: '2026-05-04', endedOn: null, persons: 2, children: 1, minRooms: 2, needsStepFree: false, hasWbs: true,
      preferredMunicipalities: [{ id: muniA.id, name: muniA.name }], neededBy: '2027-02-28', note: 'Erdgeschoss bevorzugt', version: 1,
    });
    const again = await cwA.post(`/api/v1/cases/${c.id}/housing-search`, { startedOn: '2026-05-04', persons: 2 });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'housing_search_exists']);

    const other = await newCase(cwA, area.A);
    const tooMany = await cwA.post(`/api/v1/cases/${other.id}/housing-search`, { startedOn: '2026-05-04', persons: 2, children: 2 });
    expect([tooMany.statusCode, fieldsOf(tooMany)]).toEqual([400, ['children']]);
    const unknown = await cwA.post(`/api/v1/cases/${other.id}/housing-search`, { startedOn: '2026-05-04', persons: 2, preferredMunicipalityIds: [muniA.id, '6b1c3f2e-0d7a-4e55-9a31-2f4e8c0b7d10'] });
    expect([unknown.statusCode, fieldsOf(unknown)]).toEqual([422, ['preferredMunicipalityIds.1']]);
    const future = await cwA.post(`/api/v1/cases/${other.id}/housing-search`, { startedOn: '2026-11-22', persons: 1 });
    expect([future.statusCode, fieldsOf(future)]).toEqual([422, ['startedOn']]);
    const rooms = await cwA.post(`/api/v1/cases/${other.id}/housing-search`, { startedOn: '2026-05-04', persons: 1, minRooms: 2.3 });
    expect([rooms.statusCode, fieldsOf(rooms)]).toEqual([400, ['minRooms']]);
    // Another organisation's case does not exist for B.
    expect((await cwB.post(`/api/v1/cases/${other.id}/housing-search`, { startedOn: '2026-05-04', persons: 1 })).statusCode).toBe(404);
  });

  it('changes, pauses and ends a search with optimistic locking; ending withdraws its open proposals', async () => {
    const c = await newCase(cwA, area.A);
    const s = await startSearch(c);
    const paused = await cwA.patch(`/api/v1/housing/searches/${s.id}`, { version: s.version, status: 'paused', persons: 4, children: 2 });
    expect(paused.statusCode, paused.body).toBe(200);
    expect(paused.json()).toMatchObject({ status: 'paused', persons: 4, children: 2, version: 2 });
    const stale = await cwA.patch(`/api/v1/housing/searches/${s.id}`, { version: s.version, note: 'zu spät' });
    expect([stale.statusCode, stale.json().error.code]).toEqual([409, 'version_conflict']);
    const children = await cwA.patch(`/api/v1/housing/searches/${s.id}`, { version: 2, persons: 2 });
    expect([children.statusCode, fieldsOf(children)]).toEqual([422, ['persons']]);
    expect((await cwB.patch(`/api/v1/housing/searches/${s.id}`, { version: 2, note: 'B' })).statusCode).toBe(404);

    const active = (await cwA.patch(`/api/v1/housing/searches/${s.id}`, { version: 2, status: 'active', persons: 3, children: 0 })).json();
    const offer = await newOffer();
    const p = await propose(offer.offer.id, s.id);
    const ended = await cwA.patch(`/api/v1/housing/searches/${s.id}`, { version: active.version, status: 'ended' });
    expect(ended.json()).toMatchObject({ status: 'ended', endedOn: '2026-11-21' });
    const after = (await cwA.get(`/api/v1/housing/offers/${offer.offer.id}`)).json();
    expect(after.proposals.map((x: { id: string; status: string }) => [x.id, x.status])).toEqual([[p.id, 'withdrawn']]);
    const closed = await cwA.patch(`/api/v1/housing/searches/${s.id}`, { version: ended.json().version, status: 'active' });
    expect([closed.statusCode, closed.json().error.code]).toEqual([409, 'housing_search_closed']);
    // A new search may start once the old one has ended.
    await startSearch(c, { startedOn: '2026-11-21' });
  });
});

describe(`flat offers (${engineName()})`, () => {
  it('records an offer with the adequacy of its rent for each household size its rooms suit', async () => {
    const d = await newOffer();
    expect(d.offer).toMatchObject({
      landlord: { id: landlordA, kind: 'cooperative', cooperating: true }, street: 'Lindenallee', houseNumber: '12', municipality: { id: muniA.id, name: muniA.name },
      floorArea: 72, rooms: 3, floor: 2, stepFree: false, lift: false, baseRent: 480, serviceCharges: 140, heatingCosts: 90, grossColdRent: 620,
      deposit: 1440, availableFrom: '2026-12-01', wbsRequired: true, status: 'open', proposals: 0, version: 1,
    });
    expect(d.canEdit).toBe(true);
    // Three rooms suit two to six persons; for two the rent is 80 € too high, from three it is adequate.
    expect(d.adequacy.map((a: any) => [a.householdSize, a.verdict, a.rentLimit, a.rentExcess, a.areaLimit, a.areaAboveLimit])).toEqual([
      [2, 'rent_too_high', 540, 80, 65, true],
      [3, 'adequate', 640, -20, 80, false],
      [4, 'adequate', 740, -120, 95, false],
      [5, 'adequate', 840, -220, 110, false],
      [6, 'adequate', 940, -320, 125, false],
    ]);
    const list = (await cwA.get('/api/v1/housing/offers?status=open')).json();
    expect(list.items.map((o: { id: string }) => o.id)).toContain(d.offer.id);
    expect((await cwA.get('/api/v1/housing/offers?status=let')).json().items.map((o: { id: string }) => o.id)).not.toContain(d.offer.id);
  });

  it("refuses another organisation's unshared landlord and unknown municipalities, naming the field", async () => {
    const foreign = await cwA.post('/api/v1/housing/offers', offerBody({ landlordId: landlordB }));
    expect([foreign.statusCode, fieldsOf(foreign)]).toEqual([422, ['landlordId']]);
    const muni = await cwA.post('/api/v1/housing/offers', offerBody({ municipalityId: '6b1c3f2e-0d7a-4e55-9a31-2f4e8c0b7d10' }));
    expect([muni.statusCode, fieldsOf(muni)]).toEqual([422, ['municipalityId']]);
    const bad = await cwA.post('/api/v1/housing/offers', offerBody({ rooms: 2.3, postalCode: '5101', baseRent: -1, isAdmin: true }));
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad).sort()).toEqual(['baseRent', 'isAdmin', 'postalCode', 'rooms']);
    // A landlord B shares with the district may be offered by A.
    await internal((tx) => tx.db.updateTable('landlords').set({ shared: true }).where('id', '=', landlordB).execute());
    try {
      const shared = await newOffer({ landlordId: landlordB });
      expect(shared.offer.landlord).toMatchObject({ id: landlordB, cooperating: true });
    } finally {
      await internal((tx) => tx.db.updateTable('landlords').set({ shared: false }).where('id', '=', landlordB).execute());
    }
  });

  it('withdrawing an offer withdraws its open proposals; a let offer changes only through its lease', async () => {
    const c = await newCase(cwA, area.A);
    const s = await startSearch(c);
    const d = await newOffer();
    const p = await propose(d.offer.id, s.id);
    const reserved = await cwA.patch(`/api/v1/housing/offers/${d.offer.id}`, { version: 1, status: 'reserved', note: null });
    expect(reserved.json()).toMatchObject({ offer: { status: 'reserved', note: null, version: 2 } });
    expect((await cwA.patch(`/api/v1/housing/offers/${d.offer.id}`, { version: 1, baseRent: 470 })).statusCode).toBe(409);
    expect((await cwB.patch(`/api/v1/housing/offers/${d.offer.id}`, { version: 2, baseRent: 470 })).statusCode).toBe(404);
    const withdrawn = (await cwA.patch(`/api/v1/housing/offers/${d.offer.id}`, { version: 2, status: 'withdrawn' })).json();
    expect(withdrawn.proposals.map((x: { id: string; status: string }) => [x.id, x.status])).toEqual([[p.id, 'withdrawn']]);
    const let_ = await cwA.patch(`/api/v1/housing/offers/${d.offer.id}`, { version: 3, status: 'let' });
    expect([let_.statusCode, fieldsOf(let_)]).toEqual([400, ['status']]);
  });
});

describe(`candidates for an offer (${engineName()})`, () => {
  let offer: any;
  const s: Record<string, any> = {};
  const c: Record<string, CaseRef> = {};

  beforeAll(async () => {
    // The household in the shelter for 14 months, and others of every kind.
    const specs: [string, Record<string, unknown>][] = [
      ['shelter', { persons: 3, children: 1, startedOn: '2026-02-01' }],
      ['children', { persons: 4, children: 2, startedOn: '2026-06-01' }],
      ['plain', { persons: 3, startedOn: '2026-03-01' }],
      ['couple', { persons: 2 }], // 620 € > 540 €: rent above the limit
      ['noWbs', { persons: 3, hasWbs: false }],
      ['stepFree', { persons: 3, needsStepFree: true }],
      ['single', { persons: 1 }], // too many rooms (outside the sizes three rooms suit)
      ['singleNoWbs', { persons: 1, hasWbs: false }], // … but first: no WBS
      ['big', { persons: 7, children: 5 }], // too few rooms
      ['wantsFour', { persons: 3, minRooms: 4 }], // fewer rooms than asked for
      ['paused', { persons: 3 }],
    ];
    for (const [key, over] of specs) {
      c[key] = await newCase(cwA, area.A);
      s[key] = await startSearch(c[key], over);
    }
    await placeInShelter(orgA, c.shelter.id, 3, '2025-09-10');
    await cwA.patch(`/api/v1/housing/searches/${s.paused.id}`, { version: 1, status: 'paused' });
    // B's household would fit in every respect: it must never appear for A.
    const caseB = await newCase(cwB, area.B);
    await startSearch(caseB, { persons: 3, children: 2 }, cwB);
    offer = (await newOffer()).offer;
  });

  it('ranks the fitting households by urgency with their reasons; counts and names those that must not be proposed', async () => {
    const res = await cwA.get(`/api/v1/housing/offers/${offer.id}/candidates`);
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json();
    const mine = new Set(Object.values(s).map((x) => x.id));
    // Other tests' households of A take part too; only B's never do.
    expect([...list.items, ...list.nearMisses].every((x: { caseId: string }) => x.caseId !== undefined)).toBe(true);
    const ours = list.items.filter((x: { searchId: string }) => mine.has(x.searchId));
    expect(ours.map((x: { searchId: string }) => x.searchId)).toEqual([s.shelter.id, s.children.id, s.plain.id]);
    const first = list.items[0];
    expect(first).toMatchObject({ searchId: s.shelter.id, caseId: c.shelter.id, caseNumber: c.shelter.caseNumber, persons: 3, children: 1, searchingSince: '2026-02-01', proposalId: null });
    expect(first.householdName).toContain(c.shelter.lastName);
    expect(first.fit).toMatchObject({ fits: true, blockers: [], rentLimit: 640, shelterMonths: 14 });
    expect(first.fit.notes).toEqual(['long_shelter_stay', 'children']);
    const children = list.items.find((x: { searchId: string }) => x.searchId === s.children.id);
    expect(children.fit).toMatchObject({ fits: true, notes: ['children'], rentLimit: 740, shelterMonths: null });

    const near = new Map(list.nearMisses.map((x: any) => [x.searchId, x.fit.blockers]));
    expect(near.get(s.couple.id)).toEqual(['rent_above_limit']);
    expect(near.get(s.noWbs.id)).toEqual(['wbs_missing']);
    expect(near.get(s.stepFree.id)).toEqual(['not_step_free']);
    expect(near.get(s.wantsFour.id)).toEqual(['below_min_rooms']);
    for (const hidden of [s.paused.id, s.single.id, s.big.id]) expect([...list.items, ...list.nearMisses].map((x: any) => x.searchId)).not.toContain(hidden);
  });

  it('the counts are exactly those of weighing every active search of A with fit() and rank()', async () => {
    const list = (await cwA.get(`/api/v1/housing/offers/${offer.id}/candidates?limit=200`)).json();
    // Every active search of A, weighed by the domain functions directly.
    const all = await internal((tx) =>
      tx.db
        .selectFrom('housing_searches as h')
        .leftJoin('shelter_placements as p', (j) => j.onRef('p.case_id', '=', 'h.case_id').on('p.moved_out_on', 'is', null))
        .select(['h.id', 'h.started_on', 'h.persons', 'h.children', 'h.min_rooms', 'h.needs_step_free', 'h.has_wbs', 'h.preferred_municipality_ids', 'h.needed_by', 'p.moved_in_on'])
        .where('h.org_id', '=', orgA.id)
        .where('h.status', '=', 'active')
        .execute(),
    );
    const tables = await inTenantTx(t.db, actorOf(orgA, users.cwA, ['caseworker']), null, (tx) => adequacyTablesOf(tx, muniA.id));
    const table = tableOn(tables, '2026-12-01')!;
    const facts = { rooms: 3, floor: 2, stepFree: false, lift: false, grossColdRent: 620, floorArea: 72, wbsRequired: true, municipalityId: muniA.id, availableFrom: '2026-12-01' };
    const expected = rank(
      all.map((r) => ({
        item: r,
        fit: fit(facts, {
          persons: r.persons, children: r.children, minRooms: r.min_rooms === null ? null : Number(r.min_rooms), needsStepFree: r.needs_step_free, hasWbs: r.has_wbs,
          preferredMunicipalityIds: r.preferred_municipality_ids, neededBy: r.needed_by ? String(r.needed_by) : null, startedOn: String(r.started_on),
          shelterSince: r.moved_in_on ? String(r.moved_in_on) : null,
        }, { today: '2026-11-21', longStayMonths: 12, limit: limitFor(table, r.persons) }),
      })),
      (r) => String(r.started_on),
      (r) => r.id,
    );
    expect(list.fitting).toBe(expected.fitting.length);
    expect(list.items.map((x: any) => x.searchId)).toEqual(expected.fitting.map((p) => p.item.id));
    expect(list.items.map((x: any) => x.fit)).toEqual(expected.fitting.map((p) => p.fit));
    expect(list.excluded).toEqual(expected.excluded);
    // Households of the sizes three rooms suit are among the near misses; the others are counted only.
    const range = personsRange(3);
    expect(list.nearMisses.map((x: any) => x.searchId)).toEqual(
      expected.nearMisses.filter((p) => p.item.persons >= range.min && p.item.persons <= range.max).slice(0, 20).map((p) => p.item.id),
    );
    const byBlocker = Object.fromEntries(list.excluded.map((e: { blocker: string; count: number }) => [e.blocker, e.count]));
    // At least this file's own households: two without WBS (one a single), the big family, the single, …
    expect(byBlocker.wbs_missing).toBeGreaterThanOrEqual(2);
    expect(byBlocker.too_few_rooms).toBeGreaterThanOrEqual(1);
    expect(byBlocker.too_many_rooms).toBeGreaterThanOrEqual(1);
    expect(list.excluded.map((e: { blocker: string }) => e.blocker)).toEqual(
      ['wbs_missing', 'not_step_free', 'too_few_rooms', 'below_min_rooms', 'too_many_rooms', 'no_adequacy_limit', 'rent_above_limit'].filter((b) => b in byBlocker),
    );
  });

  it('proposes a fitting household; refuses one that does not fit with its reasons, and a second proposal', async () => {
    const p = await propose(offer.id, s.plain.id);
    expect(p).toMatchObject({ offerId: offer.id, searchId: s.plain.id, caseId: c.plain.id, caseNumber: c.plain.caseNumber, status: 'proposed', proposedOn: '2026-11-21', offerAddress: `Lindenallee 12, ${area.A.postalCode} ${area.A.city}`, version: 1 });
    expect(p.householdName).toContain(c.plain.lastName);
    const twice = await cwA.post(`/api/v1/housing/offers/${offer.id}/proposals`, { searchId: s.plain.id });
    expect([twice.statusCode, twice.json().error.code]).toEqual([409, 'housing_already_proposed']);
    const couple = await cwA.post(`/api/v1/housing/offers/${offer.id}/proposals`, { searchId: s.couple.id });
    expect([couple.statusCode, fieldsOf(couple)]).toEqual([422, ['searchId']]);
    expect(messagesOf(couple)[0]).toMatch(/Angemessenheitsgrenze/);
    // A single without WBS: no WBS, too many rooms, and 620 € is above the 450 € for one person.
    const several = await cwA.post(`/api/v1/housing/offers/${offer.id}/proposals`, { searchId: s.singleNoWbs.id });
    expect(fieldsOf(several)).toEqual(['searchId', 'searchId', 'searchId']);
    expect(messagesOf(several)[0]).toMatch(/Wohnberechtigungsschein/);
    const paused = await cwA.post(`/api/v1/housing/offers/${offer.id}/proposals`, { searchId: s.paused.id });
    expect([paused.statusCode, fieldsOf(paused)]).toEqual([422, ['searchId']]);
    const list = (await cwA.get(`/api/v1/housing/offers/${offer.id}/candidates`)).json();
    expect(list.items.find((x: any) => x.searchId === s.plain.id).proposalId).toBe(p.id);
  });

  it("never shows another organisation's households or offers; row-level security hides them even from a query that asks", async () => {
    expect((await cwB.get(`/api/v1/housing/offers/${offer.id}/candidates`)).statusCode).toBe(404);
    expect((await cwB.get(`/api/v1/housing/offers/${offer.id}`)).statusCode).toBe(404);
    expect((await cwB.post(`/api/v1/housing/offers/${offer.id}/proposals`, { searchId: s.plain.id })).statusCode).toBe(404);
    expect((await cwB.get('/api/v1/housing/offers')).json().items.map((o: { id: string }) => o.id)).not.toContain(offer.id);
    expect((await sysAdmin.get(`/api/v1/housing/offers/${offer.id}/candidates`)).statusCode).toBe(404);
    // B's offer ranks B's households only.
    const offerB = (await newOffer({ landlordId: landlordB, postalCode: area.B.postalCode, municipalityId: (await internal((tx) => tx.db.selectFrom('municipalities').select('id').where('name', '=', area.B.city).executeTakeFirstOrThrow())).id }, cwB)).offer;
    const listB = (await cwB.get(`/api/v1/housing/offers/${offerB.id}/candidates?limit=200`)).json();
    expect(listB.fitting).toBe(1);
    const ofA = new Set(Object.values(c).map((x) => x.id));
    expect([...listB.items, ...listB.nearMisses].some((x: { caseId: string }) => ofA.has(x.caseId))).toBe(false);
    const text = JSON.stringify(listB);
    for (const x of Object.values(c)) expect(text).not.toContain(x.lastName);

    // As B, even a query that names A's organisation gets nothing of A.
    const asB = actorOf(orgB, users.cwB, ['caseworker']);
    const seen = await inTenantTx(t.db, asB, null, async (tx) => {
      const count = async (table: string) => Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where org_id = ${orgA.id}`.execute(tx.db)).rows[0].n);
      return { searches: await count('housing_searches'), offers: await count('flat_offers'), proposals: await count('offer_proposals'), placements: await count('shelter_placements') };
    });
    expect(seen).toEqual({ searches: 0, offers: 0, proposals: 0, placements: 0 });
    // … while A's own transaction sees them (the count above is not empty for lack of data).
    const own = await inTenantTx(t.db, actorOf(orgA, users.cwA, ['caseworker']), null, (tx) =>
      sql<{ n: number }>`select count(*)::int as n from housing_searches where org_id = ${orgA.id}`.execute(tx.db),
    );
    expect(own.rows[0].n).toBeGreaterThanOrEqual(11);
    // Writing into A's rows as B changes nothing either.
    const changed = await inTenantTx(t.db, asB, null, (tx) => sql`update housing_searches set note = 'B' where org_id = ${orgA.id}`.execute(tx.db));
    expect(Number(changed.numAffectedRows ?? 0)).toBe(0);
  });

  it("the case's housing lists the open offers ranked for its search with the same reasons", async () => {
    const res = await cwA.get(`/api/v1/cases/${c.shelter.id}/housing`);
    expect(res.statusCode, res.body).toBe(200);
    const h = res.json();
    expect(h.search).toMatchObject({ id: s.shelter.id, status: 'active' });
    expect(h.placements).toHaveLength(1);
    expect(h.placements[0]).toMatchObject({ caseId: c.shelter.id, movedInOn: '2025-09-10', movedOutOn: null, months: 14 });
    const mine = h.offers.find((o: any) => o.offer.id === offer.id);
    const fromCandidates = (await cwA.get(`/api/v1/housing/offers/${offer.id}/candidates`)).json().items.find((x: any) => x.searchId === s.shelter.id);
    expect(mine.fit).toEqual(fromCandidates.fit);
    // Fitting offers first.
    const fits = h.offers.map((o: any) => o.fit.fits);
    expect(fits).toEqual([...fits].sort((a: boolean, b: boolean) => Number(b) - Number(a)));
    expect((await cwB.get(`/api/v1/cases/${c.shelter.id}/housing`)).statusCode).toBe(404);
    // Housing work is not case work: the system administrator reads no case.
    expect((await sysAdmin.get(`/api/v1/cases/${c.shelter.id}/housing`)).statusCode).toBe(403);
  });
});

describe(`proposals and the lease (${engineName()})`, () => {
  it('plans the viewing, records the decisions, and refuses steps out of order naming the field', async () => {
    const c = await newCase(cwA, area.A);
    const s = await startSearch(c);
    const offer = (await newOffer()).offer;
    let p = await propose(offer.id, s.id);
    const noTime = await cwA.patch(`/api/v1/housing/proposals/${p.id}`, { version: p.version, status: 'viewing_planned' });
    expect([noTime.statusCode, fieldsOf(noTime)]).toEqual([422, ['viewingAt']]);
    const foreign = await cwA.patch(`/api/v1/housing/proposals/${p.id}`, { version: p.version, status: 'viewing_planned', viewingAt: '2026-11-25T10:00:00+01:00', accompaniedBy: users.cwB });
    expect([foreign.statusCode, fieldsOf(foreign)]).toEqual([422, ['accompaniedBy']]);
    p = await patchProposal(p, { status: 'viewing_planned', viewingAt: '2026-11-25T10:00:00+01:00', viewingPlace: 'vor dem Haus', accompaniedBy: users.leadA });
    expect(p).toMatchObject({ status: 'viewing_planned', viewingAt: '2026-11-25T09:00:00.000Z', viewingPlace: 'vor dem Haus', accompaniedBy: { id: users.leadA } });
    const lease = await cwA.patch(`/api/v1/housing/proposals/${p.id}`, { version: p.version, status: 'lease_signed', leaseSignedOn: '2026-11-20', tenancyStart: '2026-12-01' });
    expect([lease.statusCode, fieldsOf(lease)]).toEqual([422, ['status']]);
    p = await patchProposal(p, { status: 'viewed' });
    const noReason = await cwA.patch(`/api/v1/housing/proposals/${p.id}`, { version: p.version, status: 'declined_by_landlord' });
    expect([noReason.statusCode, fieldsOf(noReason)]).toEqual([422, ['declineReason']]);
    const stale = await cwA.patch(`/api/v1/housing/proposals/${p.id}`, { version: p.version - 1, status: 'accepted_by_landlord' });
    expect([stale.statusCode, stale.json().error.code]).toEqual([409, 'version_conflict']);
    p = await patchProposal(p, { status: 'declined_by_household', declineReason: 'Zu weit von der Schule der Kinder' });
    expect(p).toMatchObject({ status: 'declined_by_household', decidedOn: '2026-11-21', declineReason: 'Zu weit von der Schule der Kinder' });
    const reopen = await cwA.patch(`/api/v1/housing/proposals/${p.id}`, { version: p.version, status: 'proposed' });
    expect([reopen.statusCode, fieldsOf(reopen)]).toEqual([422, ['status']]);
    p = await patchProposal(p, { note: 'Haushalt sucht weiter in Musterstadt' });
    expect((await cwB.patch(`/api/v1/housing/proposals/${p.id}`, { version: p.version, note: 'B' })).statusCode).toBe(404);
  });

  /** Everything the lease touches, as text: "nothing changed" compares two of these. */
  async function leaseState(caseId: string, offerId: string) {
    return internal(async (tx) => {
      const parts = await Promise.all([
        sql`select status, version from flat_offers where id = ${offerId}`.execute(tx.db),
        sql`select id, status, lease_signed_on, tenancy_start, version from offer_proposals where offer_id = ${offerId} or case_id = ${caseId} order by id`.execute(tx.db),
        sql`select status, ended_on, version from housing_searches where case_id = ${caseId} order by id`.execute(tx.db),
        sql`select moved_out_on, move_out_reason, version from shelter_placements where case_id = ${caseId}`.execute(tx.db),
        sql`select living_situation, living_situation_since, version from cases where id = ${caseId}`.execute(tx.db),
        sql`select * from case_legal where case_id = ${caseId}`.execute(tx.db),
        sql`select h.* from households h join cases c on c.household_id = h.id where c.id = ${caseId}`.execute(tx.db),
        sql`select k.key from person_match_keys k join household_members m on m.person_id = k.person_id join cases c on c.household_id = m.household_id where c.id = ${caseId} order by k.key`.execute(tx.db),
        sql`select f.* from tenancy_followups f join offer_proposals p on p.id = f.proposal_id where p.case_id = ${caseId} order by f.months`.execute(tx.db),
        sql`select kind, date from case_deadlines where case_id = ${caseId} order by kind, date`.execute(tx.db),
      ]);
      return JSON.stringify(parts.map((x) => x.rows));
    });
  }

  it('the signed lease lets the flat, houses the household and makes the flat its tenancy and address, in one transaction', async () => {
    // The household from the shelter, proposed for two flats; another household proposed for the same flat.
    const c = await newCase(cwA, area.A, 3);
    const s = await startSearch(c, { persons: 3, children: 1, startedOn: '2026-02-01' });
    const placement = await placeInShelter(orgA, c.id, 3, '2025-09-10');
    const offer = (await newOffer({ street: `Rosenweg ${uniqueSuffix()}`, houseNumber: '7', municipalityId: muniA.id, floorArea: 74.5 })).offer;
    const otherOffer = (await newOffer()).offer;
    const rival = await newCase(cwA, area.A);
    const rivalSearch = await startSearch(rival);
    const rivalProposal = await propose(offer.id, rivalSearch.id);
    const elsewhere = await propose(otherOffer.id, s.id);
    let p = await propose(offer.id, s.id);
    p = await patchProposal(p, { status: 'viewed' });
    p = await patchProposal(p, { status: 'accepted_by_landlord' });
    expect(p.decidedOn).toBe('2026-11-21');

    const before = (await cwA.get(`/api/v1/cases/${c.id}`)).json();
    const oldAddressKey = addressKey({ street: before.household.address.street, houseNumber: before.household.address.houseNumber, postalCode: before.household.address.postalCode });
    const deadlinesBefore = before.deadlines.map((d: { kind: string; date: string }) => `${d.kind}:${d.date}`);

    // A lease that fails at its very end (a follow-up row in the way) leaves nothing behind.
    const untouched = await leaseState(c.id, offer.id);
    await internal((tx) => tx.db.insertInto('tenancy_followups').values({ proposal_id: p.id, org_id: orgA.id, months: 12, due_on: '2027-12-01' }).execute());
    const blocked = await cwA.patch(`/api/v1/housing/proposals/${p.id}`, { version: p.version, status: 'lease_signed', leaseSignedOn: '2026-11-20', tenancyStart: '2026-12-01' });
    expect(blocked.statusCode, blocked.body).toBe(409);
    await internal((tx) => tx.db.deleteFrom('tenancy_followups').where('proposal_id', '=', p.id).execute());
    expect(await leaseState(c.id, offer.id)).toBe(untouched);

    const tooEarly = await cwA.patch(`/api/v1/housing/proposals/${p.id}`, { version: p.version, status: 'lease_signed', leaseSignedOn: '2026-11-20', tenancyStart: '2025-09-01' });
    expect([tooEarly.statusCode, fieldsOf(tooEarly)]).toEqual([422, ['tenancyStart']]);
    const missing = await cwA.patch(`/api/v1/housing/proposals/${p.id}`, { version: p.version, status: 'lease_signed', leaseSignedOn: '2026-11-20' });
    expect([missing.statusCode, fieldsOf(missing)]).toEqual([422, ['tenancyStart']]);
    expect(await leaseState(c.id, offer.id)).toBe(untouched);

    const signed = await patchProposal(p, { status: 'lease_signed', leaseSignedOn: '2026-11-20', tenancyStart: '2026-12-01' });
    expect(signed).toMatchObject({ status: 'lease_signed', leaseSignedOn: '2026-11-20', tenancyStart: '2026-12-01', version: p.version + 1 });

    // The offer is let; the rival's proposal and the household's other proposal are withdrawn.
    const detail = (await cwA.get(`/api/v1/housing/offers/${offer.id}`)).json();
    expect(detail.offer.status).toBe('let');
    expect(detail.canEdit).toBe(false);
    expect(Object.fromEntries(detail.proposals.map((x: any) => [x.id, x.status]))).toEqual({ [p.id]: 'lease_signed', [rivalProposal.id]: 'withdrawn' });
    const other = (await cwA.get(`/api/v1/housing/offers/${otherOffer.id}`)).json();
    expect(other.offer.status).toBe('open');
    expect(other.proposals.find((x: any) => x.id === elsewhere.id).status).toBe('withdrawn');
    // The rival still searches; the household does not.
    expect((await cwA.get(`/api/v1/cases/${rival.id}/housing`)).json().search).toMatchObject({ id: rivalSearch.id, status: 'active' });

    const h = (await cwA.get(`/api/v1/cases/${c.id}/housing`)).json();
    expect(h.search).toBeNull();
    expect(h.offers).toEqual([]);
    expect(h.pastSearches).toEqual([expect.objectContaining({ id: s.id, status: 'housed', endedOn: '2026-11-20' })]);
    expect(h.placements).toEqual([expect.objectContaining({ id: placement.id, movedInOn: '2025-09-10', movedOutOn: '2026-12-01', moveOutReason: 'own_flat' })]);

    // The case file: living situation, tenancy, address (through the case's own route).
    const after = (await cwA.get(`/api/v1/cases/${c.id}`)).json();
    expect(after.version).toBe(before.version + 1);
    expect(after.file.livingSituation).toEqual({ category: 'housed', situation: 'own_tenancy', since: '2026-12-01' });
    expect(after.file.tenancy).toEqual({
      landlord: { name: expect.stringContaining('Wohnungsgenossenschaft A'), address: 'Genossenschaftsweg 1, 05101 Musterstadt', contact: 'Frau Vermietung, 05101 901, vermietung@test.invalid' },
      baseRent: 480, serviceCharges: 140, heatingCosts: 90, totalRent: 710, tenancyStart: '2026-12-01', floorArea: 74.5,
    });
    expect(after.household.address).toEqual({ street: offer.street, houseNumber: '7', postalCode: area.A.postalCode, city: area.A.city });
    // The deadlines are those the case's facts give (the lawsuit about the old flat is still on file).
    expect(after.deadlines.map((d: { kind: string; date: string }) => `${d.kind}:${d.date}`)).toEqual(deadlinesBefore);
    const stored = await internal(async (tx) => ({
      household: await tx.db.selectFrom('households').select(['address_key', 'municipality_id', 'version']).where('id', '=', c.householdId).executeTakeFirstOrThrow(),
      keys: (await sql<{ key: string }>`select k.key from person_match_keys k join household_members m on m.person_id = k.person_id where m.household_id = ${c.householdId}`.execute(tx.db)).rows.map((r) => r.key),
      followUps: await tx.db.selectFrom('tenancy_followups').select(['months', 'due_on', 'in_place']).where('proposal_id', '=', p.id).orderBy('months').execute(),
      search: await tx.db.selectFrom('housing_searches').select(['status', 'ended_on']).where('id', '=', s.id).executeTakeFirstOrThrow(),
      audit: (
        await tx.db
          .selectFrom('audit_log')
          .select('action')
          .where('request_id', '=', sql<string>`(select request_id from audit_log where action = 'housing.proposal.lease' and entity_id = ${p.id})`)
          .orderBy('id')
          .execute()
      ).map((r) => r.action),
    }));
    expect(stored.household.address_key).toBe(addressKey({ street: offer.street, houseNumber: '7', postalCode: area.A.postalCode }));
    expect(stored.household.address_key).not.toBe(oldAddressKey);
    expect(stored.household.municipality_id).toBe(muniA.id);
    // The intake matching finds the household at the new address (and no longer at the old one).
    expect(stored.keys.some((k) => k.startsWith('a:') && k.endsWith(':7'))).toBe(true);
    expect(stored.keys.some((k) => k.startsWith('a:') && k.endsWith(':5'))).toBe(false);
    expect(stored.keys).toContain(`t:${normalisePhone(c.phone)}`);
    expect(stored.followUps).toEqual([
      { months: 6, due_on: '2027-06-01', in_place: null },
      { months: 12, due_on: '2027-12-01', in_place: null },
    ]);
    expect(stored.search).toEqual({ status: 'housed', ended_on: '2026-11-20' });
    expect(stored.audit).toEqual(['housing.proposal.lease', 'housing.offer.let', 'housing.proposal.withdraw', 'housing.search.housed', 'housing.placement.end', 'case.housed', 'housing.follow_up.create']);

    // The flat is let: the rival's lease cannot follow, and the signed one stays as it is.
    const second = await cwA.patch(`/api/v1/housing/proposals/${rivalProposal.id}`, { version: rivalProposal.version + 1, status: 'lease_signed', leaseSignedOn: '2026-11-20', tenancyStart: '2026-12-01' });
    expect([second.statusCode, fieldsOf(second)]).toEqual([422, ['status']]);
    const changeLease = await cwA.patch(`/api/v1/housing/proposals/${p.id}`, { version: signed.version, tenancyStart: '2026-12-15' });
    expect([changeLease.statusCode, fieldsOf(changeLease)]).toEqual([422, ['tenancyStart']]);
    const letOffer = await cwA.patch(`/api/v1/housing/offers/${offer.id}`, { version: detail.offer.version, status: 'open' });
    expect([letOffer.statusCode, letOffer.json().error.code]).toEqual([409, 'housing_offer_let']);
  });
});

describe(`outcomes and follow-ups (${engineName()})`, () => {
  it('counts leases per month, the days to them, and the tenancies still in place at the follow-ups', async () => {
    // A household searching since 1 September, housed on 10 November (70 days).
    const c = await newCase(cwA, area.A);
    const s = await startSearch(c, { startedOn: '2026-09-01' });
    const offer = (await newOffer()).offer;
    let p = await propose(offer.id, s.id);
    p = await patchProposal(p, { status: 'viewed' });
    p = await patchProposal(p, { status: 'lease_signed', leaseSignedOn: '2026-11-10', tenancyStart: '2026-11-15' });

    const out = await cwA.get('/api/v1/housing/outcomes?from=2026-10-01&to=2026-11-30');
    expect(out.statusCode, out.body).toBe(200);
    const o = out.json();
    expect(o.placementsPerMonth.map((m: { month: string }) => m.month)).toEqual(['2026-10', '2026-11']);
    expect(o.placementsPerMonth[0].placements).toBe(0);
    expect(o.placementsPerMonth[1].placements).toBeGreaterThanOrEqual(2);
    expect(o.daysToLease.count).toBe(o.placementsPerMonth[1].placements);
    // B's figures hold none of A's leases.
    expect((await cwB.get('/api/v1/housing/outcomes?from=2026-10-01&to=2026-11-30')).json().daysToLease.count).toBe(0);
    const reversed = await cwA.get('/api/v1/housing/outcomes?from=2026-11-30&to=2026-10-01');
    expect([reversed.statusCode, fieldsOf(reversed)]).toEqual([400, ['to']]);
    const tooLong = await cwA.get('/api/v1/housing/outcomes?from=2016-01-01&to=2026-11-30');
    expect([tooLong.statusCode, fieldsOf(tooLong)]).toEqual([400, ['to']]);

    // Six months on: the follow-up is due, answered, and counted.
    t.clock.set(new Date('2027-05-20T09:00:00Z'));
    try {
      const a = await client(orgA, ['caseworker']);
      const list = (await a.client.get('/api/v1/housing/follow-ups')).json();
      const due = list.items.find((f: any) => f.proposalId === p.id && f.months === 6);
      expect(due).toMatchObject({ caseId: c.id, caseNumber: c.caseNumber, dueOn: '2027-05-15', inPlace: null, checkedOn: null, address: expect.stringContaining('Lindenallee 12') });
      expect(due.householdName).toContain(c.lastName);
      expect(list.items.some((f: any) => f.proposalId === p.id && f.months === 12)).toBe(false);
      const future = await a.client.patch(`/api/v1/housing/follow-ups/${p.id}/6`, { inPlace: true, checkedOn: '2027-05-21' });
      expect([future.statusCode, fieldsOf(future)]).toEqual([422, ['checkedOn']]);
      const months = await a.client.patch(`/api/v1/housing/follow-ups/${p.id}/7`, { inPlace: true, checkedOn: '2027-05-19' });
      expect([months.statusCode, fieldsOf(months)]).toEqual([400, ['months']]);
      const answered = await a.client.patch(`/api/v1/housing/follow-ups/${p.id}/6`, { inPlace: true, checkedOn: '2027-05-19', note: 'Hausbesuch: alles in Ordnung' });
      expect(answered.statusCode, answered.body).toBe(200);
      expect(answered.json()).toMatchObject({ proposalId: p.id, months: 6, inPlace: true, checkedOn: '2027-05-19', note: 'Hausbesuch: alles in Ordnung' });
      const b = await client(orgB, ['caseworker']);
      expect((await b.client.patch(`/api/v1/housing/follow-ups/${p.id}/6`, { inPlace: false, checkedOn: '2027-05-19' })).statusCode).toBe(404);
      expect((await b.client.get('/api/v1/housing/follow-ups')).json().items.some((f: any) => f.caseId === c.id)).toBe(false);
      const sustained = (await a.client.get('/api/v1/housing/outcomes?from=2027-05-01&to=2027-05-31')).json().sustainment;
      expect(sustained.find((x: { months: number }) => x.months === 6)).toMatchObject({ checked: 1, inPlace: 1 });
      expect(sustained.find((x: { months: number }) => x.months === 6).due).toBeGreaterThanOrEqual(1);
    } finally {
      t.clock.set(new Date('2026-11-21T09:00:00Z'));
    }
  });
});
