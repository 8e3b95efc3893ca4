import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Location, Municipality, Organisation, TemporaryPassword, User } from '../../../contracts/admin.js';
import { ErrorBody } from '../../../contracts/common.js';
import type { OrganisationKind, Role } from '../../../contracts/roles.js';
import { newTotpSecret, totpCodeAt } from '../../platform/auth/totp.js';
import { unsafeInternalTx } from '../../platform/db/tenant.js';
import { clientFor, createTestApp, sessionCookieOf, uniqueSuffix, type Client, type TestApp } from '../../test/app.js';
import { engineName } from '../../test/db.js';
import { createLocation, createMunicipality, createOrg, createUser, type TestOrg, type TestUser } from '../../test/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

// ---- helpers -----------------------------------------------------------------

/** Administrators need a second factor outside demo mode: every account here has one. */
async function account(org: TestOrg, roles: Role[]) {
  const secret = newTotpSecret();
  const user = await createUser(t.db, org, roles, { totpSecret: secret });
  return { ...user, secret };
}

async function signIn(user: TestUser & { secret?: string }): Promise<Client> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password: user.password } });
  expect(res.statusCode, res.body).toBe(200);
  const client = clientFor(t.app, sessionCookieOf(res), res.json().session.csrfToken);
  if (res.json().session.stage === 'totp') {
    // Each code is accepted once: step past whatever code was used before.
    t.clock.advance(30_000);
    const done = await client.post('/api/v1/auth/totp', { code: await totpCodeAt(user.secret!, t.clock.now()) });
    expect(done.json().session?.stage, done.body).toBe('active');
  }
  return client;
}

/** An organisation with a signed-in member of the given role. */
async function orgWith(roles: Role[], kind: OrganisationKind = 'provider') {
  const org = await createOrg(t.db, kind);
  const user = await account(org, roles);
  return { org, user, client: await signIn(user) };
}

const systemAdmin = () => orgWith(['system_admin'], 'district_office');

function expectError(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  const body = ErrorBody.parse(res.json());
  expect(body.error.code).toBe(code);
  return body.error;
}

const fieldPaths = (res: LightMyRequestResponse) => (res.json().error.fields ?? []).map((f: { path: string }) => f.path);

let agsCounter = 0;
/** AGS keys are unique in the database; these never collide with the factories' 0589xxxx. */
const nextAgs = () => `0777${String(++agsCounter).padStart(4, '0')}`;

const ADDRESS = { street: 'Lindenstraße', houseNumber: '12a', postalCode: '05101', city: 'Musterstadt' };
const HOURS = [
  { weekday: 1, opens: '09:00', closes: '12:00' },
  { weekday: 4, opens: '14:00', closes: '17:30', note: 'nur mit Termin' },
];

async function auditRows(where: { action?: string; entityId?: string; actorUserId?: string }) {
  return unsafeInternalTx(t.db, null, (tx) => {
    let q = tx.db.selectFrom('audit_log').select(['id', 'action', 'org_id', 'actor_user_id', 'entity_type', 'entity_id', 'details']).orderBy('id');
    if (where.action) q = q.where('action', '=', where.action);
    if (where.entityId) q = q.where('entity_id', '=', where.entityId);
    if (where.actorUserId) q = q.where('actor_user_id', '=', where.actorUserId);
    return q.execute();
  });
}

async function sessionsOf(userId: string) {
  const rows = await unsafeInternalTx(t.db, null, (tx) => tx.db.selectFrom('sessions').select('id').where('user_id', '=', userId).execute());
  return rows.length;
}

describe(`administration (${engineName()})`, () => {
  // ---- organisations ---------------------------------------------------------
  describe('organisations', () => {
    it('a system administrator creates, reads, lists and changes them', async () => {
      const { client, user } = await systemAdmin();
      const name = `Wohnhilfe ${uniqueSuffix()} e.V.`;
      const created = await client.post('/api/v1/organisations', {
        name,
        shortName: 'Wohnhilfe',
        kind: 'provider',
        email: 'Kontakt@Wohnhilfe.Test',
        phone: '05101 5500',
        address: ADDRESS,
      });
      expect(created.statusCode, created.body).toBe(201);
      const org = Organisation.parse(created.json());
      expect(org).toEqual({
        id: org.id,
        name,
        shortName: 'Wohnhilfe',
        kind: 'provider',
        email: 'kontakt@wohnhilfe.test',
        phone: '05101 5500',
        address: ADDRESS,
        active: true,
        version: 1,
      });
      expect((await client.get(`/api/v1/organisations/${org.id}`)).json()).toEqual(org);
      expect((await client.get('/api/v1/organisations')).json().items).toContainEqual(org);

      // A PATCH changes what it names and nothing else.
      const patched = await client.patch(`/api/v1/organisations/${org.id}`, { phone: '05101 5599', version: 1 });
      expect(patched.statusCode, patched.body).toBe(200);
      expect(patched.json()).toEqual({ ...org, phone: '05101 5599', version: 2 });

      const deactivated = await client.patch(`/api/v1/organisations/${org.id}`, { active: false, address: null, version: 2 });
      expect(deactivated.json()).toEqual({ ...org, phone: '05101 5599', active: false, address: null, version: 3 });

      const entries = await auditRows({ entityId: org.id });
      expect(entries.map((e) => e.action)).toEqual(['organisation.create', 'organisation.update', 'organisation.update']);
      expect(entries.every((e) => e.actor_user_id === user.id)).toBe(true);
      expect(entries[1].details).toEqual({ fields: ['phone'] });
    });

    it('everyone signed in may read them; only a system administrator may write', async () => {
      const admin = await orgWith(['org_admin']);
      const worker = await orgWith(['caseworker']);
      expect((await worker.client.get('/api/v1/organisations')).statusCode).toBe(200);
      expect((await worker.client.get(`/api/v1/organisations/${admin.org.id}`)).json().name).toBe(admin.org.name);
      for (const { client } of [admin, worker]) {
        expectError(await client.post('/api/v1/organisations', { name: `X ${uniqueSuffix()}`, kind: 'partner' }), 403, 'forbidden');
        expectError(await client.patch(`/api/v1/organisations/${admin.org.id}`, { name: 'Umbenannt', version: 1 }), 403, 'forbidden');
      }
      const own = await unsafeInternalTx(t.db, null, (tx) => tx.db.selectFrom('organisations').select(['name', 'version']).where('id', '=', admin.org.id).executeTakeFirstOrThrow());
      expect(own).toEqual({ name: admin.org.name, version: 1 });
    });

    it('refuses a second organisation of the same name (409 duplicate, case-insensitive)', async () => {
      const { client } = await systemAdmin();
      const name = `Sozialwerk ${uniqueSuffix()}`;
      expect((await client.post('/api/v1/organisations', { name, kind: 'provider' })).statusCode).toBe(201);
      expectError(await client.post('/api/v1/organisations', { name: name.toUpperCase(), kind: 'partner' }), 409, 'duplicate');
    });

    it('answers 404 for an unknown id and 400 naming id for a malformed one', async () => {
      const { client } = await systemAdmin();
      const unknown = '00000000-0000-4000-8000-000000000000';
      expectError(await client.get(`/api/v1/organisations/${unknown}`), 404, 'not_found');
      expectError(await client.patch(`/api/v1/organisations/${unknown}`, { name: 'x', version: 1 }), 404, 'not_found');
      const malformed = await client.get('/api/v1/organisations/123');
      expectError(malformed, 400, 'validation_failed');
      expect(fieldPaths(malformed)).toEqual(['id']);
    });
  });

  // ---- municipalities --------------------------------------------------------
  describe('municipalities', () => {
    it('a system administrator creates and changes them; everyone reads them', async () => {
      const { client } = await systemAdmin();
      const ags = nextAgs();
      const created = await client.post('/api/v1/municipalities', { name: 'Lindenau', ags, postalCodes: ['05121', '05120', '05121'] });
      expect(created.statusCode, created.body).toBe(201);
      const m = Municipality.parse(created.json());
      expect(m).toEqual({ id: m.id, name: 'Lindenau', ags, postalCodes: ['05120', '05121'], version: 1 });

      const patched = await client.patch(`/api/v1/municipalities/${m.id}`, { postalCodes: ['05122'], version: 1 });
      expect(patched.json()).toEqual({ ...m, postalCodes: ['05122'], version: 2 });

      const worker = await orgWith(['reporter'], 'court');
      expect((await worker.client.get(`/api/v1/municipalities/${m.id}`)).json()).toEqual({ ...m, postalCodes: ['05122'], version: 2 });
      expect((await worker.client.get('/api/v1/municipalities')).json().items).toContainEqual({ ...m, postalCodes: ['05122'], version: 2 });
      expect((await auditRows({ entityId: m.id })).map((e) => e.action)).toEqual(['municipality.create', 'municipality.update']);
    });

    it.each([['1234567'], ['123456789'], ['0589900a'], ['05 89900'], [''], [5899004]])('refuses the AGS %j with 400 naming ags', async (ags) => {
      const { client } = await systemAdmin();
      const res = await client.post('/api/v1/municipalities', { name: 'Irgendwo', ags });
      expectError(res, 400, 'validation_failed');
      expect(fieldPaths(res)).toEqual(['ags']);
    });

    it('refuses an AGS that already exists (409) and writes by non-system-administrators (403)', async () => {
      const { client } = await systemAdmin();
      const ags = nextAgs();
      expect((await client.post('/api/v1/municipalities', { name: 'Eins', ags })).statusCode).toBe(201);
      expectError(await client.post('/api/v1/municipalities', { name: 'Zwei', ags }), 409, 'duplicate');
      const admin = await orgWith(['org_admin']);
      expectError(await admin.client.post('/api/v1/municipalities', { name: 'Drei', ags: nextAgs() }), 403, 'forbidden');
    });
  });

  // ---- locations ---------------------------------------------------------------
  describe('locations', () => {
    it('an organisation administrator creates one for the own organisation', async () => {
      const { org, client } = await orgWith(['org_admin']);
      const m1 = await createMunicipality(t.db);
      const m2 = await createMunicipality(t.db);
      const res = await client.post('/api/v1/locations', {
        orgId: org.id,
        name: 'Beratungsstelle Musterstadt',
        address: ADDRESS,
        phone: '05101 5500-1',
        email: 'beratung@wohnhilfe.test',
        officeHours: HOURS,
        municipalityIds: [m1.id, m2.id, m1.id],
      });
      expect(res.statusCode, res.body).toBe(201);
      const loc = Location.parse(res.json());
      expect(loc).toEqual({
        id: loc.id,
        orgId: org.id,
        orgName: org.name,
        name: 'Beratungsstelle Musterstadt',
        address: ADDRESS,
        phone: '05101 5500-1',
        email: 'beratung@wohnhilfe.test',
        officeHours: HOURS,
        municipalityIds: [m1.id, m2.id],
        active: true,
        version: 1,
      });
      expect((await client.get(`/api/v1/locations/${loc.id}`)).json()).toEqual(loc);
      expect((await client.get(`/api/v1/locations?orgId=${org.id}`)).json().items).toEqual([loc]);
      expect((await auditRows({ entityId: loc.id })).map((e) => e.action)).toEqual(['location.create']);
    });

    it('answers 404 when an organisation administrator writes for another organisation', async () => {
      const { client } = await orgWith(['org_admin']);
      const other = await createOrg(t.db);
      const foreign = await createLocation(t.db, other);
      expectError(await client.post('/api/v1/locations', { orgId: other.id, name: 'Fremd', address: ADDRESS }), 404, 'not_found');
      expectError(await client.patch(`/api/v1/locations/${foreign.id}`, { name: 'Gekapert', version: 1 }), 404, 'not_found');
      // Reading is fine: office addresses are public within the district.
      expect((await client.get(`/api/v1/locations/${foreign.id}`)).json().name).toBe(foreign.name);
      expect((await client.get(`/api/v1/locations?orgId=${other.id}`)).json().items.map((l: Location) => l.id)).toEqual([foreign.id]);
    });

    it('lets a system administrator change any organisation\'s location', async () => {
      const { client } = await systemAdmin();
      const loc = await createLocation(t.db, await createOrg(t.db));
      const res = await client.patch(`/api/v1/locations/${loc.id}`, { name: 'Umbenannt', version: 1 });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ name: 'Umbenannt', version: 2 });
    });

    it.each([
      ['closes before opens', { weekday: 2, opens: '14:00', closes: '09:00' }],
      ['closes when it opens', { weekday: 2, opens: '09:00', closes: '09:00' }],
    ])('refuses office hours where it %s (400 naming officeHours.0.closes)', async (_name, hour) => {
      const { org, client } = await orgWith(['org_admin']);
      const res = await client.post('/api/v1/locations', { orgId: org.id, name: 'Stelle', address: ADDRESS, officeHours: [hour] });
      expectError(res, 400, 'validation_failed');
      expect(fieldPaths(res)).toEqual(['officeHours.0.closes']);
      expect(res.json().error.fields[0].message).toBe('Das Ende muss nach dem Beginn liegen.');
    });

    it('refuses an unknown municipality (422 naming its index) on create and on change', async () => {
      const { org, client } = await orgWith(['org_admin']);
      const known = await createMunicipality(t.db);
      const unknown = '00000000-0000-4000-8000-00000000abcd';
      const alone = await client.post('/api/v1/locations', { orgId: org.id, name: 'Stelle', address: ADDRESS, municipalityIds: [unknown] });
      expectError(alone, 422, 'validation_failed');
      expect(fieldPaths(alone)).toEqual(['municipalityIds.0']);
      const second = await client.post('/api/v1/locations', { orgId: org.id, name: 'Stelle', address: ADDRESS, municipalityIds: [known.id, unknown] });
      expectError(second, 422, 'validation_failed');
      expect(fieldPaths(second)).toEqual(['municipalityIds.1']);

      const loc = await createLocation(t.db, org);
      const patch = await client.patch(`/api/v1/locations/${loc.id}`, { municipalityIds: [unknown], version: 1 });
      expectError(patch, 422, 'validation_failed');
      expect(fieldPaths(patch)).toEqual(['municipalityIds.0']);
      expect((await client.get(`/api/v1/locations/${loc.id}`)).json()).toMatchObject({ municipalityIds: [], version: 1 });
    });

    it('a PATCH of the name alone keeps office hours, municipalities and address', async () => {
      const { org, client } = await orgWith(['org_admin']);
      const m = await createMunicipality(t.db);
      const created = Location.parse(
        (await client.post('/api/v1/locations', { orgId: org.id, name: 'Alt', address: ADDRESS, officeHours: HOURS, municipalityIds: [m.id] })).json(),
      );
      const res = await client.patch(`/api/v1/locations/${created.id}`, { name: 'Neu', version: 1 });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ ...created, name: 'Neu', version: 2 });
      expect((await client.get(`/api/v1/locations/${created.id}`)).json()).toEqual({ ...created, name: 'Neu', version: 2 });
      const update = (await auditRows({ entityId: created.id })).find((e) => e.action === 'location.update')!;
      expect(update.details).toEqual({ fields: ['name'] });
    });

    it('accepts a municipality id in upper case (UUIDs are case-insensitive)', async () => {
      const { org, client } = await orgWith(['org_admin']);
      const m = await createMunicipality(t.db);
      const res = await client.post('/api/v1/locations', { orgId: org.id, name: 'Stelle', address: ADDRESS, municipalityIds: [m.id.toUpperCase(), m.id] });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().municipalityIds).toEqual([m.id]);
    });

    it('caseworkers may read but not write them', async () => {
      const { org, client } = await orgWith(['caseworker']);
      const loc = await createLocation(t.db, org);
      expect((await client.get(`/api/v1/locations/${loc.id}`)).statusCode).toBe(200);
      expectError(await client.post('/api/v1/locations', { orgId: org.id, name: 'X', address: ADDRESS }), 403, 'forbidden');
      expectError(await client.patch(`/api/v1/locations/${loc.id}`, { name: 'X', version: 1 }), 403, 'forbidden');
    });
  });

  // ---- users -------------------------------------------------------------------
  describe('users', () => {
    const newUserBody = (orgId: string, roles: Role[] = ['caseworker']) => ({
      orgId,
      email: `Neu.${uniqueSuffix()}@Test.Invalid`,
      displayName: 'Nora Neu',
      roles,
    });

    it('an organisation administrator creates an account in the own organisation, with a temporary password', async () => {
      const { org, client, user: admin } = await orgWith(['org_admin']);
      const body = newUserBody(org.id, ['caseworker', 'team_lead']);
      const res = await client.post('/api/v1/users', body);
      expect(res.statusCode, res.body).toBe(201);
      const { user, temporaryPassword } = TemporaryPassword.parse(res.json());
      expect(user).toEqual({
        id: user.id,
        orgId: org.id,
        orgName: org.name,
        email: body.email.toLowerCase(),
        displayName: 'Nora Neu',
        roles: ['caseworker', 'team_lead'],
        language: 'de',
        active: true,
        totpEnabled: false,
        lockedUntil: null,
        lastLoginAt: null,
        version: 1,
      });
      expect(temporaryPassword.length).toBeGreaterThanOrEqual(16);
      // The temporary password signs in, but only to replace it.
      const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: body.email, password: temporaryPassword } });
      expect(login.json().session.stage).toBe('password_change');
      const created = (await auditRows({ entityId: user.id, action: 'user.create' }))[0];
      expect(created).toMatchObject({ actor_user_id: admin.id, org_id: org.id, details: { roles: ['caseworker', 'team_lead'] } });
    });

    it('an organisation administrator cannot grant system_admin (422 role_not_assignable); a system administrator can', async () => {
      const { org, client } = await orgWith(['org_admin']);
      const body = newUserBody(org.id, ['caseworker', 'system_admin']);
      const res = await client.post('/api/v1/users', body);
      expectError(res, 422, 'role_not_assignable');
      expect(fieldPaths(res)).toEqual(['roles.1']);
      expect((await client.post('/api/v1/users', { ...body, roles: ['caseworker'] })).statusCode).toBe(201);

      const target = await account(org, ['caseworker']);
      expectError(await client.patch(`/api/v1/users/${target.id}`, { roles: ['system_admin'], version: 1 }), 422, 'role_not_assignable');

      const sys = await systemAdmin();
      const promoted = await sys.client.patch(`/api/v1/users/${target.id}`, { roles: ['system_admin'], version: 1 });
      expect(promoted.statusCode, promoted.body).toBe(200);
      expect(promoted.json().roles).toEqual(['system_admin']);
      // …after which the organisation administrator may no longer touch that account.
      expectError(await client.patch(`/api/v1/users/${target.id}`, { displayName: 'X', version: 2 }), 422, 'role_not_assignable');
    });

    it('an organisation administrator cannot take over a system administrator of the same organisation', async () => {
      // The district office holds both roles (demo: Karla Kreisadmin and Sam Systemadmin).
      const office = await orgWith(['org_admin'], 'district_office');
      const sysAdmin = await account(office.org, ['system_admin']);
      for (const action of ['reset-password', 'reset-totp', 'unlock']) {
        expectError(await office.client.post(`/api/v1/users/${sysAdmin.id}/${action}`), 422, 'role_not_assignable');
      }
      expect(await auditRows({ entityId: sysAdmin.id, actorUserId: office.user.id })).toEqual([]);
      // Password and second factor are untouched: the system administrator signs in as before.
      await signIn(sysAdmin);

      const other = await systemAdmin();
      const reset = await other.client.post(`/api/v1/users/${sysAdmin.id}/reset-password`);
      expect(reset.statusCode, reset.body).toBe(200);
    });

    it('an organisation administrator resets, unlocks and removes the second factor of own accounts', async () => {
      const { org, client } = await orgWith(['org_admin']);
      const target = await account(org, ['caseworker']);
      for (let i = 0; i < 5; i++) {
        await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: target.email, password: `Falsch-${i}-Falsch` } });
      }
      expect((await client.get(`/api/v1/users/${target.id}`)).json().lockedUntil).not.toBeNull();
      const unlocked = await client.post(`/api/v1/users/${target.id}/unlock`);
      expect(unlocked.statusCode, unlocked.body).toBe(200);
      expect(unlocked.json().lockedUntil).toBeNull();
      const session = await signIn(target);

      const noTotp = await client.post(`/api/v1/users/${target.id}/reset-totp`);
      expect(noTotp.statusCode, noTotp.body).toBe(200);
      expect(noTotp.json().totpEnabled).toBe(false);
      expect((await session.get('/api/v1/auth/session')).statusCode).toBe(401);
      const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: target.email, password: target.password } });
      expect(login.json().session.stage).toBe('active');
      expect((await auditRows({ entityId: target.id, actorUserId: (await client.get('/api/v1/auth/session')).json().user.id })).map((e) => e.action)).toEqual([
        'user.read',
        'user.unlock',
        'user.totp_reset',
      ]);
    });

    it('answers 404 for accounts of another organisation', async () => {
      const { client } = await orgWith(['org_admin']);
      const other = await createOrg(t.db);
      const stranger = await createUser(t.db, other, ['caseworker']);
      expectError(await client.post('/api/v1/users', newUserBody(other.id)), 404, 'not_found');
      expectError(await client.get(`/api/v1/users/${stranger.id}`), 404, 'not_found');
      expectError(await client.patch(`/api/v1/users/${stranger.id}`, { displayName: 'X', version: 1 }), 404, 'not_found');
      expectError(await client.post(`/api/v1/users/${stranger.id}/reset-password`), 404, 'not_found');
    });

    it('nobody deactivates their own account or drops their own admin role (422)', async () => {
      const { client, user } = await orgWith(['org_admin']);
      expectError(await client.patch(`/api/v1/users/${user.id}`, { active: false, version: 1 }), 422, 'cannot_change_own_account');
      expectError(await client.patch(`/api/v1/users/${user.id}`, { roles: ['caseworker'], version: 1 }), 422, 'cannot_change_own_account');
      const own = await client.patch(`/api/v1/users/${user.id}`, { displayName: 'Anders Benannt', version: 1 });
      expect(own.json()).toMatchObject({ displayName: 'Anders Benannt', active: true, roles: ['org_admin'] });
    });

    it('refuses a second account with the same e-mail address (409 duplicate, case-insensitive)', async () => {
      const { org, client } = await orgWith(['org_admin']);
      const body = newUserBody(org.id);
      expect((await client.post('/api/v1/users', body)).statusCode).toBe(201);
      expectError(await client.post('/api/v1/users', { ...body, email: body.email.toUpperCase(), displayName: 'Doppelt' }), 409, 'duplicate');
      // Addresses are unique across organisations too.
      const other = await orgWith(['org_admin']);
      expectError(await other.client.post('/api/v1/users', { ...body, orgId: other.org.id }), 409, 'duplicate');
    });

    it('deactivating an account ends its sessions and refuses further logins', async () => {
      const { org, client } = await orgWith(['org_admin']);
      const target = await account(org, ['caseworker']);
      const session = await signIn(target);
      expect(await sessionsOf(target.id)).toBe(1);
      const res = await client.patch(`/api/v1/users/${target.id}`, { active: false, version: 1 });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ active: false, version: 2 });
      expect(await sessionsOf(target.id)).toBe(0);
      expect((await session.get('/api/v1/auth/session')).statusCode).toBe(401);
      const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: target.email, password: target.password } });
      expectError(login, 401, 'invalid_credentials');
    });

    it('a PATCH of the display name alone keeps roles, language and state', async () => {
      const { org, client } = await orgWith(['org_admin']);
      const created = TemporaryPassword.parse((await client.post('/api/v1/users', { ...newUserBody(org.id, ['finance', 'statistics']), language: 'en' })).json()).user;
      const res = await client.patch(`/api/v1/users/${created.id}`, { displayName: 'Nora Neumann', version: 1 });
      expect(res.json()).toEqual({ ...created, displayName: 'Nora Neumann', version: 2 });
    });

    it('an organisation administrator sees only the own organisation\'s accounts; a system administrator all; reading is audited', async () => {
      const a = await orgWith(['org_admin']);
      const colleague = await createUser(t.db, a.org, ['caseworker']);
      const b = await createOrg(t.db);
      const stranger = await createUser(t.db, b, ['caseworker']);

      const list = await a.client.get('/api/v1/users');
      expect(list.statusCode).toBe(200);
      const ids = list.json().items.map((u: User) => u.id);
      expect(new Set(ids)).toEqual(new Set([a.user.id, colleague.id]));
      expect(list.json().items.every((u: User) => u.orgId === a.org.id)).toBe(true);
      expect((await a.client.get(`/api/v1/users?orgId=${b.id}`)).json().items).toEqual([]);

      const one = await a.client.get(`/api/v1/users/${colleague.id}`);
      expect(User.parse(one.json()).id).toBe(colleague.id);

      const listed = await auditRows({ actorUserId: a.user.id, action: 'user.list' });
      expect(listed).toHaveLength(2);
      expect(listed[0]).toMatchObject({ org_id: a.org.id, entity_type: 'user', details: { count: 2 } });
      expect(new Set((listed[0].details as { ids: string[] }).ids)).toEqual(new Set([a.user.id, colleague.id]));
      const read = await auditRows({ actorUserId: a.user.id, action: 'user.read' });
      expect(read).toEqual([expect.objectContaining({ entity_type: 'user', entity_id: colleague.id })]);

      const sys = await systemAdmin();
      const all = (await sys.client.get(`/api/v1/users?orgId=${b.id}`)).json().items.map((u: User) => u.id);
      expect(all).toEqual([stranger.id]);
      expect((await sys.client.get(`/api/v1/users/${stranger.id}`)).statusCode).toBe(200);
      const search = (await sys.client.get(`/api/v1/users?q=${encodeURIComponent(colleague.email.slice(0, 14))}`)).json().items.map((u: User) => u.id);
      expect(search).toContain(colleague.id);
    });

    it('treats % and _ in the search text literally', async () => {
      const { org, client } = await orgWith(['org_admin']);
      await createUser(t.db, org, ['caseworker'], { displayName: 'Anna Alpha' });
      expect((await client.get(`/api/v1/users?q=${encodeURIComponent('%')}`)).json().items).toEqual([]);
      expect((await client.get(`/api/v1/users?q=${encodeURIComponent('Ann_')}`)).json().items).toEqual([]);
      expect((await client.get('/api/v1/users?q=anna')).json().items.map((u: User) => u.displayName)).toEqual(['Anna Alpha']);
    });

    it('caseworkers may read their colleagues but not change accounts', async () => {
      const { org, client, user } = await orgWith(['caseworker']);
      expect((await client.get('/api/v1/users')).statusCode).toBe(200);
      expectError(await client.post('/api/v1/users', newUserBody(org.id)), 403, 'forbidden');
      expectError(await client.patch(`/api/v1/users/${user.id}`, { displayName: 'X', version: 1 }), 403, 'forbidden');
      expectError(await client.post(`/api/v1/users/${user.id}/reset-password`), 403, 'forbidden');
    });
  });

  // ---- rules shared by every resource -------------------------------------------
  describe('optimistic locking', () => {
    type Case = { name: string; setup(): Promise<{ client: Client; url: string }>; first: object; second: object; check(body: any): void };
    const cases: Case[] = [
      {
        name: 'organisation',
        setup: async () => {
          const { client } = await systemAdmin();
          const org = await createOrg(t.db);
          return { client, url: `/api/v1/organisations/${org.id}` };
        },
        first: { phone: '05101 1111' },
        second: { shortName: 'Kurz' },
        check: (o) => expect(o).toMatchObject({ phone: '05101 1111', shortName: null }),
      },
      {
        name: 'municipality',
        setup: async () => {
          const { client } = await systemAdmin();
          const m = await createMunicipality(t.db, 'Alt');
          return { client, url: `/api/v1/municipalities/${m.id}` };
        },
        first: { name: 'Erste' },
        second: { postalCodes: ['05199'] },
        check: (m) => expect(m).toMatchObject({ name: 'Erste', postalCodes: ['05101'] }),
      },
      {
        name: 'location',
        setup: async () => {
          const { org, client } = await orgWith(['org_admin']);
          const loc = await createLocation(t.db, org, 'Alt');
          return { client, url: `/api/v1/locations/${loc.id}` };
        },
        first: { name: 'Erste' },
        second: { officeHours: HOURS },
        check: (l) => expect(l).toMatchObject({ name: 'Erste', officeHours: [] }),
      },
      {
        name: 'user',
        setup: async () => {
          const { org, client } = await orgWith(['org_admin']);
          const u = await createUser(t.db, org, ['caseworker'], { displayName: 'Alt' });
          return { client, url: `/api/v1/users/${u.id}` };
        },
        first: { displayName: 'Erste' },
        second: { language: 'en' },
        check: (u) => expect(u).toMatchObject({ displayName: 'Erste', language: 'de' }),
      },
    ];

    it.each(cases)('two PATCHes of a $name with the same version: the second gets 409, the first is kept', async (c) => {
      const { client, url } = await c.setup();
      const first = await client.patch(url, { ...c.first, version: 1 });
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json().version).toBe(2);
      expectError(await client.patch(url, { ...c.second, version: 1 }), 409, 'version_conflict');
      const now = (await client.get(url)).json();
      expect(now.version).toBe(2);
      c.check(now);
    });
  });

  describe('strict bodies', () => {
    it.each([
      ['POST', '/api/v1/organisations', { name: 'X', kind: 'provider', colour: 'blau' }, ['colour']],
      ['POST', '/api/v1/organisations', { name: 'X', kind: 'provider', address: { ...ADDRESS, floor: '2' } }, ['address.floor']],
      ['POST', '/api/v1/organisations', { name: 'X', kind: 'verein' }, ['kind']],
      ['POST', '/api/v1/municipalities', { name: 'X', ags: '07770000', population: 1000 }, ['population']],
      ['POST', '/api/v1/locations', { orgId: '00000000-0000-4000-8000-000000000000', name: 'X', address: ADDRESS, org: 'y' }, ['org']],
      ['POST', '/api/v1/locations', { orgId: '00000000-0000-4000-8000-000000000000', name: 'X', address: ADDRESS, officeHours: [{ weekday: 1, opens: '09:00', closes: '10:00', room: 'A' }] }, ['officeHours.0.room']],
      ['POST', '/api/v1/users', { orgId: '00000000-0000-4000-8000-000000000000', email: 'a@b.test', displayName: 'X', roles: ['caseworker'], password: 'geheim' }, ['password']],
      ['POST', '/api/v1/users', { orgId: '00000000-0000-4000-8000-000000000000', email: 'a@b.test', displayName: 'X', roles: ['chef'] }, ['roles.0']],
      ['PATCH', '/api/v1/users/00000000-0000-4000-8000-000000000000', { email: 'neu@b.test', version: 1 }, ['email']],
      ['PATCH', '/api/v1/locations/00000000-0000-4000-8000-000000000000', { orgId: '00000000-0000-4000-8000-000000000000', version: 1 }, ['orgId']],
      ['PATCH', '/api/v1/municipalities/00000000-0000-4000-8000-000000000000', { name: 'X' }, ['version']],
    ] as const)('%s %s with %j → 400 naming %j', async (method, url, body, paths) => {
      const { client } = await systemAdmin();
      const res = await client.request(method, url, body);
      expectError(res, 400, 'validation_failed');
      expect(fieldPaths(res)).toEqual(paths);
    });
  });
});
