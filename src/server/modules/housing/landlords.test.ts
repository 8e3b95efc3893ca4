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

/*
 * Landlords through the HTTP API: an organisation's own landlords and those shared within the
 * district, contact persons, cooperation agreements with their state and quota, and the own
 * organisation's offer history. The clock stands at Saturday 21 November 2026, 10:00 in Berlin.
 */

let t: TestApp;
let orgA: TestOrg;
let orgB: TestOrg;
let areaA: IntakeArea;
let leadA: Client;
let caseworkerA: Client;
let caseworkerB: Client;
let finance: Client;
let reporter: Client;

async function client(org: TestOrg, roles: Role[]): Promise<Client> {
  const u = await createUser(t.db, org, roles);
  const s = await mintSession(t.db, t.clock, u);
  return clientFor(t.app, s.cookie, s.csrf);
}

beforeAll(async () => {
  t = await createTestApp();
  const s = uniqueSuffix();
  orgA = await createOrg(t.db, 'provider', `Wohnhilfe ${s}`);
  orgB = await createOrg(t.db, 'provider', `Sozialwerk ${s}`);
  leadA = await client(orgA, ['team_lead']);
  caseworkerA = await client(orgA, ['caseworker']);
  caseworkerB = await client(orgB, ['caseworker']);
  finance = await client(orgA, ['finance']);
  reporter = await client(await createOrg(t.db, 'jobcenter'), ['reporter']);
  areaA = await intakeArea(t.db, orgA);
});
afterAll(() => t?.close());

const fieldsOf = (res: { json(): any }) => (res.json().error?.fields ?? []).map((f: { path: string }) => f.path);
const idsOf = (res: { json(): any }) => res.json().items.map((i: { id: string }) => i.id);

async function newLandlord(over: Record<string, unknown> = {}, by: Client = leadA) {
  const res = await by.post('/api/v1/housing/landlords', {
    kind: 'housing_company',
    name: `Musterland Wohnungsbau eG ${uniqueSuffix()}`,
    street: 'Am Wasserwerk',
    houseNumber: '1',
    postalCode: '05101',
    city: 'Musterstadt',
    phone: '05101 6600',
    email: 'Vermietung@MWB.test.invalid',
    shared: true,
    contacts: [
      { name: 'Frau Quartiersmann', function: 'Sozialmanagement', phone: '05101 6600-21', email: 'quartier@mwb.test.invalid' },
      { name: 'Herr Schlüssel', function: 'Vermietung' },
    ],
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** A letting through the brokerage: an offer of the landlord, a search of a case of A, a proposal with the signed lease (or open). */
async function offerOf(landlordId: string, availableFrom: string, leaseSignedOn: string | null) {
  const household = await caseIn(t.db, caseworkerA, areaA);
  const ids = { offer: randomUUID(), search: randomUUID() };
  await unsafeInternalTx(t.db, null, async (tx) => {
    await tx.db
      .insertInto('flat_offers')
      .values({
        id: ids.offer, org_id: orgA.id, landlord_id: landlordId, street: 'Lindenallee', house_number: String(Math.floor(Math.random() * 90) + 1),
        postal_code: areaA.postalCode, city: areaA.city, municipality_id: areaA.municipality.id, floor_area: 62, rooms: 2, floor: 1,
        base_rent: 420, service_charges: 110, heating_costs: 70, available_from: availableFrom, status: leaseSignedOn ? 'let' : 'open',
      })
      .execute();
    await tx.db.insertInto('housing_searches').values({ id: ids.search, org_id: orgA.id, case_id: household.id, started_on: '2025-06-01', persons: 2,
      status: leaseSignedOn ? 'housed' : 'active', ended_on: leaseSignedOn }).execute();
    if (leaseSignedOn) {
      await tx.db.insertInto('offer_proposals').values({ org_id: orgA.id, offer_id: ids.offer, search_id: ids.search, case_id: household.id, proposed_on: availableFrom,
        status: 'lease_signed', lease_signed_on: leaseSignedOn, tenancy_start: leaseSignedOn }).execute();
    }
  });
  return ids.offer;
}

describe(`landlords (${engineName()})`, () => {
  it('records landlords with contact persons; others see the shared ones, never the unshared', async () => {
    const company = await newLandlord();
    const tag = uniqueSuffix();
    const privateOne = await newLandlord({ kind: 'private', name: `Erwin Eigentümer ${tag}`, city: `Eichenfeld ${tag}`, shared: false, contacts: [], email: null });
    expect(company).toMatchObject({
      orgId: orgA.id, orgName: orgA.name, kind: 'housing_company', shared: true, email: 'vermietung@mwb.test.invalid', canEdit: true, version: 1,
      agreements: [], offers: [],
      contacts: [
        { name: 'Frau Quartiersmann', function: 'Sozialmanagement', phone: '05101 6600-21', email: 'quartier@mwb.test.invalid' },
        { name: 'Herr Schlüssel', function: 'Vermietung', phone: null, email: null },
      ],
    });
    const own = await caseworkerB.post('/api/v1/housing/landlords', { kind: 'private', name: `Berta Besitzerin ${tag}` });
    expect(own.statusCode, own.body).toBe(201);

    const ofB = await caseworkerB.get('/api/v1/housing/landlords');
    expect(ofB.statusCode, ofB.body).toBe(200);
    expect(idsOf(ofB)).toEqual(expect.arrayContaining([company.id, own.json().id]));
    expect(idsOf(ofB)).not.toContain(privateOne.id);
    expect(ofB.body).not.toContain(privateOne.name);
    expect(ofB.json().items.find((l: { id: string }) => l.id === company.id)).toMatchObject({ orgName: orgA.name, shared: true, cooperating: false, openOffers: 0, canEdit: false });
    expect((await caseworkerB.get(`/api/v1/housing/landlords/${company.id}`)).json()).toMatchObject({ contacts: [{ name: 'Frau Quartiersmann' }, { name: 'Herr Schlüssel' }], canEdit: false });
    const hidden = await caseworkerB.get(`/api/v1/housing/landlords/${privateOne.id}`);
    expect([hidden.statusCode, hidden.json().error.code]).toEqual([404, 'not_found']);
    expect(idsOf(await caseworkerA.get('/api/v1/housing/landlords'))).not.toContain(own.json().id);

    // Search by name or city, pattern characters taken literally.
    expect(idsOf(await caseworkerA.get(`/api/v1/housing/landlords?q=${encodeURIComponent(`eigentümer ${tag}`)}`))).toEqual([privateOne.id]);
    expect(idsOf(await caseworkerA.get(`/api/v1/housing/landlords?q=${encodeURIComponent(`eichenfeld ${tag}`)}`))).toEqual([privateOne.id]);
    expect(idsOf(await caseworkerA.get('/api/v1/housing/landlords?q=%25'))).toEqual([]);

    // Unshared again: gone for B.
    const unshare = await leadA.patch(`/api/v1/housing/landlords/${company.id}`, { version: 1, shared: false, contacts: [{ name: 'Frau Neu' }] });
    expect(unshare.statusCode, unshare.body).toBe(200);
    expect(unshare.json()).toMatchObject({ shared: false, contacts: [{ name: 'Frau Neu', function: null }], street: 'Am Wasserwerk', version: 2 });
    expect((await caseworkerB.get(`/api/v1/housing/landlords/${company.id}`)).statusCode).toBe(404);
    const stale = await leadA.patch(`/api/v1/housing/landlords/${company.id}`, { version: 1, name: 'Überschrieben' });
    expect([stale.statusCode, stale.json().error.code]).toEqual([409, 'version_conflict']);

    // A landlord's reading is on record (its contact persons are people).
    const audit = await unsafeInternalTx(t.db, null, (tx) => tx.db.selectFrom('audit_log').select(['org_id', 'action']).where('entity_id', '=', company.id).orderBy('id').execute());
    expect(audit.map((e) => e.action)).toEqual(['housing.landlord.create', 'housing.landlord.read', 'housing.landlord.update']);
  });

  it("row-level security: B's transaction sees no unshared landlord of A, nor its contacts and agreements, and changes no shared one", async () => {
    const privateOne = await newLandlord({ kind: 'private', shared: false });
    const shared = await newLandlord();
    await leadA.post(`/api/v1/housing/landlords/${privateOne.id}/agreements`, { title: 'Belegungsabsprache', validFrom: '2026-01-01' });
    const u = await createUser(t.db, orgB, ['caseworker']);
    const actorB = { userId: u.id, orgId: orgB.id, globalAdmin: false, email: u.email, permissions: new Set(permissionsFor(['caseworker'])) } as unknown as Actor;
    const seen = await inTenantTx(t.db, actorB, null, async (tx) => ({
      landlords: (await tx.db.selectFrom('landlords').select('id').where('id', 'in', [privateOne.id, shared.id]).execute()).map((r) => r.id),
      contacts: await tx.db.selectFrom('landlord_contacts').select('id').where('landlord_id', '=', privateOne.id).execute(),
      agreements: await tx.db.selectFrom('landlord_agreements').select('id').where('landlord_id', '=', privateOne.id).execute(),
      sharedContacts: (await tx.db.selectFrom('landlord_contacts').select('id').where('landlord_id', '=', shared.id).execute()).length,
      changed: await tx.db.updateTable('landlords').set({ name: 'Gekapert' }).where('id', '=', shared.id).executeTakeFirst(),
    }));
    expect(seen).toMatchObject({ landlords: [shared.id], contacts: [], agreements: [], sharedContacts: 2 });
    expect(Number(seen.changed.numUpdatedRows)).toBe(0);
    await expect(
      inTenantTx(t.db, actorB, null, (tx) => tx.db.insertInto('landlord_contacts').values({ org_id: orgA.id, landlord_id: shared.id, position: 7, name: 'Untergeschoben' }).execute()),
    ).rejects.toThrow(/row-level security|policy/);
    // Through the API: B may read the shared landlord but changes nothing of it.
    expect((await caseworkerB.patch(`/api/v1/housing/landlords/${shared.id}`, { version: 1, name: 'Gekapert' })).statusCode).toBe(404);
    expect((await caseworkerB.post(`/api/v1/housing/landlords/${shared.id}/agreements`, { title: 'x', validFrom: '2026-01-01' })).statusCode).toBe(404);
  });

  it("keeps cooperation agreements with their state and this agreement year's lettings; the offers are the own organisation's", async () => {
    const l = await newLandlord();
    const agree = async (body: Record<string, unknown>) => {
      const res = await leadA.post(`/api/v1/housing/landlords/${l.id}/agreements`, body);
      expect(res.statusCode, res.body).toBe(201);
      return res.json().agreements.find((g: { title: string }) => g.title === body.title);
    };
    const current = await agree({ title: 'Kooperationsvereinbarung 2024', validFrom: '2024-01-01', flatsPerYear: 5, subject: 'Belegung von jährlich fünf Wohnungen' });
    const expiring = await agree({ title: 'Sonderkontingent 2026', validFrom: '2026-02-01', validUntil: '2026-12-31', flatsPerYear: 2 });
    const upcoming = await agree({ title: 'Neubau Lindenhof', validFrom: '2027-02-01', flatsPerYear: 3 });
    const expired = await agree({ title: 'Alte Vereinbarung', validFrom: '2021-01-01', validUntil: '2023-12-31', flatsPerYear: 4 });
    expect([current.state, expiring.state, upcoming.state, expired.state]).toEqual(['active', 'expiring', 'upcoming', 'expired']);

    // Lettings: two this year (one before the special quota began), one last year, one offer still open.
    const lastYear = await offerOf(l.id, '2025-11-01', '2025-12-20');
    const early = await offerOf(l.id, '2026-01-10', '2026-01-05');
    const spring = await offerOf(l.id, '2026-03-01', '2026-03-10');
    const open = await offerOf(l.id, '2026-12-01', null);
    const page = (await caseworkerA.get(`/api/v1/housing/landlords/${l.id}`)).json();
    const byTitle = (title: string) => page.agreements.find((g: { title: string }) => g.title === title);
    expect(byTitle('Kooperationsvereinbarung 2024')).toMatchObject({ validFrom: '2024-01-01', validUntil: null, flatsPerYear: 5, lettingsThisYear: 2, version: 1 });
    expect(byTitle('Sonderkontingent 2026').lettingsThisYear).toBe(1);
    expect(byTitle('Neubau Lindenhof').lettingsThisYear).toBe(0);
    expect(byTitle('Alte Vereinbarung').lettingsThisYear).toBe(0);
    // Latest first by validity start.
    expect(page.agreements.map((g: { title: string }) => g.title)).toEqual(['Neubau Lindenhof', 'Sonderkontingent 2026', 'Kooperationsvereinbarung 2024', 'Alte Vereinbarung']);
    expect(page.offers.map((o: { id: string; status: string; leaseSignedOn: string | null }) => [o.id, o.status, o.leaseSignedOn])).toEqual([
      [open, 'open', null],
      [spring, 'let', '2026-03-10'],
      [early, 'let', '2026-01-05'],
      [lastYear, 'let', '2025-12-20'],
    ]);
    expect(page.offers[0].address).toMatch(new RegExp(`^Lindenallee \\d+, ${areaA.postalCode} `));
    const summary = (await caseworkerA.get('/api/v1/housing/landlords')).json().items.find((x: { id: string }) => x.id === l.id);
    expect(summary).toMatchObject({ cooperating: true, openOffers: 1 });
    // B reads the shared landlord's agreements, but the offers and lettings it sees are its own: none.
    const ofB = (await caseworkerB.get(`/api/v1/housing/landlords/${l.id}`)).json();
    expect(ofB.offers).toEqual([]);
    expect(ofB.agreements.map((g: { lettingsThisYear: number }) => g.lettingsThisYear)).toEqual([0, 0, 0, 0]);
    expect(JSON.stringify(ofB)).not.toContain(open);

    // Extended: in force for longer. Only the owner, only on the current version.
    expect((await caseworkerB.patch(`/api/v1/housing/landlord-agreements/${expiring.id}`, { version: 1, validUntil: '2027-12-31' })).statusCode).toBe(404);
    const extended = await caseworkerA.patch(`/api/v1/housing/landlord-agreements/${expiring.id}`, { version: 1, validUntil: '2027-12-31' });
    expect(extended.statusCode, extended.body).toBe(200);
    expect(extended.json().agreements.find((g: { id: string }) => g.id === expiring.id)).toMatchObject({ state: 'active', validUntil: '2027-12-31', version: 2 });
    expect((await caseworkerA.patch(`/api/v1/housing/landlord-agreements/${expiring.id}`, { version: 1, title: 'x' })).statusCode).toBe(409);
    const backwards = await caseworkerA.patch(`/api/v1/housing/landlord-agreements/${expiring.id}`, { version: 2, validFrom: '2028-01-01' });
    expect([backwards.statusCode, fieldsOf(backwards)]).toEqual([422, ['validUntil']]);
  });

  it('roles: reporters are refused; finance reads but records nothing', async () => {
    const l = await newLandlord();
    expect((await reporter.get('/api/v1/housing/landlords')).statusCode).toBe(403);
    expect((await reporter.get(`/api/v1/housing/landlords/${l.id}`)).statusCode).toBe(403);
    expect((await finance.get(`/api/v1/housing/landlords/${l.id}`)).statusCode).toBe(200);
    expect((await finance.post('/api/v1/housing/landlords', { kind: 'private', name: 'x' })).statusCode).toBe(403);
    expect((await finance.post(`/api/v1/housing/landlords/${l.id}/agreements`, { title: 'x', validFrom: '2026-01-01' })).statusCode).toBe(403);
  });

  it('validation errors name the field', async () => {
    const cases: [string, Record<string, unknown>, number, string[]][] = [
      ['no name', { name: ' ' }, 400, ['name']],
      ['unknown kind', { kind: 'landlady' }, 400, ['kind']],
      ['an e-mail address without domain', { email: 'vermietung@' }, 400, ['email']],
      ['a phone number with letters', { phone: 'ruf an' }, 400, ['phone']],
      ['a postal code of six digits', { postalCode: '051011' }, 400, ['postalCode']],
      ['a contact without a name', { contacts: [{ name: 'Frau A' }, { function: 'Hausmeister' }] }, 400, ['contacts.1.name']],
      ['a misspelt field', { geteilt: true }, 400, ['geteilt']],
    ];
    for (const [label, over, status, fields] of cases) {
      const res = await leadA.post('/api/v1/housing/landlords', { kind: 'private', name: 'Erna Eigen', ...over });
      expect([res.statusCode, fieldsOf(res)], label).toEqual([status, fields]);
      expect(res.json().error.fields[0].message, label).not.toMatch(/^field\./);
    }
    const l = await newLandlord();
    const agreements: [string, Record<string, unknown>, number, string[]][] = [
      ['ends before it begins', { validUntil: '2025-12-31' }, 422, ['validUntil']],
      ['a negative quota', { flatsPerYear: -1 }, 400, ['flatsPerYear']],
      ['no start', { validFrom: undefined }, 400, ['validFrom']],
      ['a day outside the calendar', { validFrom: '2026-02-30' }, 400, ['validFrom']],
    ];
    for (const [label, over, status, fields] of agreements) {
      const res = await leadA.post(`/api/v1/housing/landlords/${l.id}/agreements`, { title: 'Vereinbarung', validFrom: '2026-01-01', ...over });
      expect([res.statusCode, fieldsOf(res)], label).toEqual([status, fields]);
    }
    const en = await leadA.request('POST', `/api/v1/housing/landlords/${l.id}/agreements`, { title: 'x', validFrom: '2026-06-01', validUntil: '2026-05-31' }, { 'accept-language': 'en' });
    expect(en.json().error.fields).toEqual([{ path: 'validUntil', message: 'The end of the validity must not be before its start.' }]);
  });
});
