import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginResponse, SessionInfo, TotpEnableResponse, TotpSetupResponse } from '../../../contracts/auth.js';
import { ErrorBody } from '../../../contracts/common.js';
import type { Role } from '../../../contracts/roles.js';
import { permissionsFor } from '../../../domain/access/permissions.js';
import deErrors from '../../../i18n/de/errors.json' with { type: 'json' };
import enErrors from '../../../i18n/en/errors.json' with { type: 'json' };
import { buildApp } from '../../app.js';
import { sha256 } from '../../platform/auth/crypto.js';
import { newTotpSecret, totpCodeAt } from '../../platform/auth/totp.js';
import { loadConfig } from '../../platform/config/config.js';
import { unsafeInternalTx } from '../../platform/db/tenant.js';
import { clientFor, createTestApp, sessionCookieOf, type Client, type TestApp } from '../../test/app.js';
import { engineName } from '../../test/db.js';
import { createOrg, createUser, TEST_PASSWORD, type TestUser } from '../../test/factories.js';

const MIN = 60_000;
const NEW_PASSWORD = 'Regen-auf-dem-Dach-2026';

let t: TestApp;
const extraApps: FastifyInstance[] = [];

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  for (const app of extraApps) await app.close();
  await t?.close();
});

/** A second application with other settings on the same database and clock (cheaper than a new database). */
async function appWith(env: Record<string, string>) {
  const config = loadConfig({ NODE_ENV: 'test', BLEIBE_DEMO: 'false', LOG_LEVEL: 'silent', BLEIBE_LOGIN_RATE_PER_MINUTE: '1000', ...env });
  const app = await buildApp({ config, db: t.db, now: t.clock.now, logger: false });
  extraApps.push(app);
  return app;
}

function postLogin(email: string, password: string, headers: Record<string, string> = {}, app = t.app) {
  return app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, headers });
}

function clientOf(res: LightMyRequestResponse, app = t.app): Client {
  return clientFor(app, sessionCookieOf(res), res.json().session.csrfToken);
}

/** Signs in with the password and, if the account has a second factor, a fresh code. */
async function signIn(user: TestUser, secret?: string, app = t.app): Promise<Client> {
  const res = await postLogin(user.email, user.password, {}, app);
  expect(res.statusCode, res.body).toBe(200);
  const client = clientOf(res, app);
  if (res.json().session.stage !== 'totp') return client;
  // A code is accepted once only: move to the next 30-second step so no earlier use collides.
  t.clock.advance(30_000);
  const done = await client.post('/api/v1/auth/totp', { code: await totpCodeAt(secret!, t.clock.now()) });
  expect(done.statusCode, done.body).toBe(200);
  return client;
}

/** A six-digit code that is valid for none of the steps around now (the check allows ±1 step). */
async function wrongCode(secret: string) {
  const near = new Set(await Promise.all([-30_000, 0, 30_000].map((d) => totpCodeAt(secret, new Date(t.clock.now().getTime() + d)))));
  return ['000000', '111111', '222222', '333333'].find((c) => !near.has(c))!;
}

function expectError(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  const body = ErrorBody.parse(res.json());
  expect(body.error.code).toBe(code);
  expect(body.error.requestId).toBe(res.headers['x-request-id']);
  return body.error;
}

const fieldPaths = (res: LightMyRequestResponse) => (res.json().error.fields ?? []).map((f: { path: string }) => f.path);

interface AuditRow {
  id: number;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  actor_user_id: string | null;
  details: Record<string, unknown> | null;
}

/** Audit entries by or about one account, oldest first. */
async function auditOf(userId: string): Promise<AuditRow[]> {
  return unsafeInternalTx(t.db, null, (tx) =>
    tx.db
      .selectFrom('audit_log')
      .select(['id', 'action', 'entity_type', 'entity_id', 'actor_user_id', 'details'])
      .where((eb) => eb.or([eb('actor_user_id', '=', userId), eb.and([eb('entity_type', '=', 'user'), eb('entity_id', '=', userId)])]))
      .orderBy('id')
      .execute(),
  ) as Promise<AuditRow[]>;
}
const actionsOf = async (userId: string) => (await auditOf(userId)).map((r) => r.action);

async function newUser(roles: Role[] = ['caseworker'], opts: Parameters<typeof createUser>[3] = {}) {
  const org = await createOrg(t.db);
  return createUser(t.db, org, roles, opts);
}

describe(`authentication (${engineName()})`, () => {
  describe('login', () => {
    it('returns the session and an HttpOnly, SameSite=Strict cookie (not Secure over plain HTTP)', async () => {
      const org = await createOrg(t.db);
      const user = await createUser(t.db, org, ['caseworker'], { displayName: 'Carla Caseworker' });
      const res = await postLogin(user.email.toUpperCase(), TEST_PASSWORD);
      expect(res.statusCode, res.body).toBe(200);
      const { session } = LoginResponse.parse(res.json());
      expect(session).toMatchObject({
        stage: 'active',
        user: { id: user.id, email: user.email, displayName: 'Carla Caseworker', language: 'de', totpEnabled: false },
        organisation: { id: org.id, name: org.name, kind: 'provider' },
        roles: ['caseworker'],
        permissions: permissionsFor(['caseworker']),
        idleTimeoutSeconds: 30 * 60,
        expiresAt: new Date(t.clock.now().getTime() + 12 * 60 * MIN).toISOString(),
        demo: false,
      });
      expect(session.csrfToken.length).toBeGreaterThanOrEqual(20);

      const cookie = res.cookies.find((c) => c.name === 'bleibe_session')!;
      expect(cookie).toBeDefined();
      expect(cookie.value.length).toBeGreaterThanOrEqual(40);
      expect(cookie.httpOnly).toBe(true);
      expect(cookie.sameSite).toBe('Strict');
      expect(cookie.path).toBe('/');
      expect(cookie.secure).toBeFalsy();

      // The cookie is the session: it answers with the same information.
      const me = await clientOf(res).get('/api/v1/auth/session');
      expect(me.statusCode).toBe(200);
      expect(SessionInfo.parse(me.json())).toEqual(session);

      const login = (await auditOf(user.id)).find((r) => r.action === 'auth.login')!;
      expect(login).toMatchObject({ entity_type: 'session', actor_user_id: user.id, details: { stage: 'active' } });
    });

    it('sets a Secure cookie when BLEIBE_SECURE_COOKIES=true', async () => {
      const app = await appWith({ BLEIBE_SECURE_COOKIES: 'true' });
      const user = await newUser();
      const res = await postLogin(user.email, user.password, {}, app);
      expect(res.statusCode).toBe(200);
      expect(res.cookies.find((c) => c.name === 'bleibe_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict', secure: true });
    });

    it('sets a Secure cookie behind a trusted proxy that received HTTPS, and only then', async () => {
      const trusting = await appWith({ BLEIBE_TRUST_PROXY: 'true' });
      const user = await newUser();
      const viaProxy = await postLogin(user.email, user.password, { 'x-forwarded-proto': 'https' }, trusting);
      expect(viaProxy.statusCode).toBe(200);
      expect(viaProxy.cookies.find((c) => c.name === 'bleibe_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict', secure: true });

      // Without BLEIBE_TRUST_PROXY anybody could send the header: it is ignored.
      const spoofed = await postLogin(user.email, user.password, { 'x-forwarded-proto': 'https' });
      expect(spoofed.statusCode).toBe(200);
      expect(spoofed.cookies.find((c) => c.name === 'bleibe_session')!.secure).toBeFalsy();
      const plain = await postLogin(user.email, user.password, { 'x-forwarded-proto': 'http' }, trusting);
      expect(plain.cookies.find((c) => c.name === 'bleibe_session')!.secure).toBeFalsy();
    });

    it('answers a wrong password with 401 invalid_credentials, in German by default and in English on request', async () => {
      const user = await newUser();
      const de = await postLogin(user.email, 'Falsches-Passwort-1');
      const err = expectError(de, 401, 'invalid_credentials');
      expect(err.message).toBe(deErrors.invalid_credentials);
      expect(de.headers['www-authenticate']).toBe('Cookie realm="bleibe"');
      expect(de.cookies.find((c) => c.name === 'bleibe_session')).toBeUndefined();

      const en = await postLogin(user.email, 'Falsches-Passwort-1', { 'accept-language': 'en-GB,en;q=0.9' });
      expect(expectError(en, 401, 'invalid_credentials').message).toBe(enErrors.invalid_credentials);
      const preferGerman = await postLogin(user.email, 'Falsches-Passwort-1', { 'accept-language': 'fr, de;q=0.8, en;q=0.5' });
      expect(expectError(preferGerman, 401, 'invalid_credentials').message).toBe(deErrors.invalid_credentials);

      const failed = (await auditOf(user.id)).filter((r) => r.action === 'auth.login_failed');
      expect(failed).toHaveLength(3);
      expect(failed[0]).toMatchObject({ entity_type: 'user', entity_id: user.id, details: { factor: 'password' } });
    });

    it('answers an unknown e-mail address exactly like a wrong password, and audits it without the address', async () => {
      const user = await newUser();
      const wrong = await postLogin(user.email, 'Falsches-Passwort-1');
      const email = `niemand.${user.id.slice(0, 8)}@test.invalid`;
      const unknown = await postLogin(email, 'Falsches-Passwort-1');
      const a = expectError(wrong, 401, 'invalid_credentials');
      const b = expectError(unknown, 401, 'invalid_credentials');
      expect({ ...b, requestId: null }).toEqual({ ...a, requestId: null });

      const rows = await unsafeInternalTx(t.db, null, (tx) =>
        tx.db
          .selectFrom('audit_log')
          .select(['action', 'actor_user_id', 'org_id', 'details'])
          .where(sql<boolean>`details->>'emailSha256' = ${sha256(email)}`)
          .execute(),
      );
      expect(rows).toEqual([
        { action: 'auth.login_failed', actor_user_id: null, org_id: null, details: expect.objectContaining({ reason: 'unknown_account' }) },
      ]);
      expect(JSON.stringify(rows)).not.toContain(email);
    });

    it('refuses a deactivated account with the same 401', async () => {
      const user = await newUser();
      await unsafeInternalTx(t.db, null, (tx) => tx.db.updateTable('users').set({ active: false }).where('id', '=', user.id).execute());
      expectError(await postLogin(user.email, user.password), 401, 'invalid_credentials');
      expect(await actionsOf(user.id)).toEqual(['auth.login_failed']);
    });

    it('rejects a malformed login body with 400 naming the field', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'kein-at-zeichen', password: 'x', remember: true } });
      expectError(res, 400, 'validation_failed');
      expect(fieldPaths(res).sort()).toEqual(['email', 'remember']);
    });
  });

  describe('lockout', () => {
    it(`locks the account after 5 failures (423 account_locked, even with the right password) and lifts it after 15 minutes`, async () => {
      const user = await newUser();
      for (let i = 1; i <= 4; i++) expectError(await postLogin(user.email, `Falsch-${i}-Falsch`), 401, 'invalid_credentials');
      expectError(await postLogin(user.email, 'Falsch-5-Falsch'), 423, 'account_locked');
      expectError(await postLogin(user.email, user.password), 423, 'account_locked');

      t.clock.advance(14 * MIN);
      expectError(await postLogin(user.email, user.password), 423, 'account_locked');

      t.clock.advance(MIN + 1000);
      const ok = await postLogin(user.email, user.password);
      expect(ok.statusCode, ok.body).toBe(200);

      // The counter started afresh: one more mistake is a plain 401 again.
      expectError(await postLogin(user.email, 'Falsch-6-Falsch'), 401, 'invalid_credentials');

      const actions = await actionsOf(user.id);
      expect(actions.filter((a) => a === 'auth.login_failed')).toHaveLength(6);
      expect(actions.filter((a) => a === 'auth.account_locked')).toHaveLength(1);
      expect(actions.indexOf('auth.account_locked')).toBe(5);
      expect(actions.filter((a) => a === 'auth.login_refused_locked')).toHaveLength(2);
      expect(actions).toContain('auth.login');
      const locked = (await auditOf(user.id)).find((r) => r.action === 'auth.account_locked')!;
      expect(locked.details).toEqual({ minutes: 15 });
    });

    it('follows BLEIBE_LOGIN_MAX_FAILURES and BLEIBE_LOCKOUT_MINUTES', async () => {
      const app = await appWith({ BLEIBE_LOGIN_MAX_FAILURES: '2', BLEIBE_LOCKOUT_MINUTES: '3' });
      const user = await newUser();
      expectError(await postLogin(user.email, 'Falsch-1-Falsch', {}, app), 401, 'invalid_credentials');
      expectError(await postLogin(user.email, 'Falsch-2-Falsch', {}, app), 423, 'account_locked');
      t.clock.advance(3 * MIN - 1000);
      expectError(await postLogin(user.email, user.password, {}, app), 423, 'account_locked');
      t.clock.advance(2000);
      expect((await postLogin(user.email, user.password, {}, app)).statusCode).toBe(200);
    });

    it('does not lock other accounts', async () => {
      const victim = await newUser();
      const bystander = await newUser();
      for (let i = 0; i < 5; i++) await postLogin(victim.email, `Falsch-${i}-Falsch`);
      expectError(await postLogin(victim.email, victim.password), 423, 'account_locked');
      expect((await postLogin(bystander.email, bystander.password)).statusCode).toBe(200);
    });
  });

  describe('rate limit', () => {
    it('answers the fourth login attempt within a minute with 429 rate_limited in the standard error body', async () => {
      const app = await appWith({ BLEIBE_LOGIN_RATE_PER_MINUTE: '3' });
      const user = await newUser();
      for (let i = 0; i < 3; i++) expectError(await postLogin(user.email, `Falsch-${i}-Falsch`, {}, app), 401, 'invalid_credentials');
      const limited = await postLogin(user.email, user.password, {}, app);
      const err = expectError(limited, 429, 'rate_limited');
      expect(err.message).toBe(deErrors.rate_limited);
      expect(Object.keys(limited.json().error).sort()).toEqual(['code', 'message', 'requestId']);
      const en = await postLogin(user.email, user.password, { 'accept-language': 'en' }, app);
      expect(expectError(en, 429, 'rate_limited').message).toBe(enErrors.rate_limited);
      // The limiter answered before the password was checked: no further failures were counted.
      expect((await actionsOf(user.id)).filter((a) => a === 'auth.login_failed')).toHaveLength(3);
    });

    it('limits per address and account: a colleague behind the same address can still sign in', async () => {
      const app = await appWith({ BLEIBE_LOGIN_RATE_PER_MINUTE: '3' });
      const noisy = await newUser();
      const colleague = await newUser();
      for (let i = 0; i < 4; i++) await postLogin(noisy.email, `Falsch-${i}-Falsch`, {}, app);
      expectError(await postLogin(noisy.email, noisy.password, {}, app), 429, 'rate_limited');
      const res = await postLogin(colleague.email, colleague.password, {}, app);
      expect(res.statusCode, res.body).toBe(200);
    });
  });

  describe('session', () => {
    it('signing in from a browser that still holds a session needs no CSRF token and ends the old session', async () => {
      const org = await createOrg(t.db);
      const first = await createUser(t.db, org, ['caseworker']);
      const second = await createUser(t.db, org, ['caseworker']);
      const a = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: first.email, password: first.password } });
      const oldCookie = sessionCookieOf(a);
      const b = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { cookie: oldCookie },
        payload: { email: second.email, password: second.password },
      });
      expect(b.statusCode).toBe(200);
      expect(b.json().session.user.email).toBe(second.email);
      const old = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: oldCookie } });
      expect(old.statusCode).toBe(401);
    });

    it('refuses a state-changing request without or with a wrong X-CSRF-Token (403 csrf_failed)', async () => {
      const client = await signIn(await newUser());
      const without = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: client.cookie } });
      expectError(without, 403, 'csrf_failed');
      expectError(await client.request('POST', '/api/v1/auth/logout', {}, { 'x-csrf-token': 'falsch' }), 403, 'csrf_failed');
      expectError(await client.request('POST', '/api/v1/auth/logout', {}, { 'x-csrf-token': client.csrf + 'x' }), 403, 'csrf_failed');
      // Another session's token is just as wrong.
      const other = await signIn(await newUser());
      expectError(await client.request('POST', '/api/v1/auth/logout', {}, { 'x-csrf-token': other.csrf }), 403, 'csrf_failed');
      // Nothing happened: the session is still there, and reading needs no token.
      const read = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: client.cookie } });
      expect(read.statusCode).toBe(200);
      expect((await client.post('/api/v1/auth/logout')).statusCode).toBe(200);
    });

    it('answers 401 unauthenticated without a session and for an unknown cookie', async () => {
      expectError(await t.app.inject({ method: 'GET', url: '/api/v1/auth/session' }), 401, 'unauthenticated');
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: 'bleibe_session=erfunden' } });
      expectError(res, 401, 'unauthenticated');
    });

    it('ends a session after 30 idle minutes (401 session_expired), audited', async () => {
      const user = await newUser();
      const client = await signIn(user);
      t.clock.advance(29 * MIN);
      expect((await client.get('/api/v1/auth/session')).statusCode).toBe(200);
      t.clock.advance(31 * MIN);
      const err = expectError(await client.get('/api/v1/auth/session'), 401, 'session_expired');
      expect(err.message).toBe(deErrors.session_expired);
      // The session is gone for good, also once the clock is irrelevant.
      expectError(await client.get('/api/v1/auth/session'), 401, 'unauthenticated');
      const expired = (await auditOf(user.id)).filter((r) => r.action === 'auth.session_expired');
      expect(expired).toHaveLength(1);
      expect(expired[0]).toMatchObject({ entity_type: 'session', details: { reason: 'idle_timeout' } });
    });

    it('keeps a session alive with a request every 20 minutes until the absolute timeout of 12 hours', async () => {
      const user = await newUser();
      const client = await signIn(user);
      for (let minutes = 20; minutes < 12 * 60; minutes += 20) {
        t.clock.advance(20 * MIN);
        const res = await client.get('/api/v1/auth/session');
        expect(res.statusCode, `after ${minutes} min`).toBe(200);
      }
      t.clock.advance(20 * MIN); // 12 h after the login
      expectError(await client.get('/api/v1/auth/session'), 401, 'session_expired');
      const expired = (await auditOf(user.id)).filter((r) => r.action === 'auth.session_expired');
      expect(expired.map((r) => r.details)).toEqual([{ reason: 'absolute_timeout' }]);
    });

    it('logout ends the session and clears the cookie', async () => {
      const user = await newUser();
      const client = await signIn(user);
      const second = await signIn(user);
      const res = await client.post('/api/v1/auth/logout');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ ok: true });
      const cleared = res.cookies.find((c) => c.name === 'bleibe_session')!;
      expect(cleared.value).toBe('');
      expect(cleared.expires!.getTime()).toBeLessThan(Date.now());
      expectError(await client.get('/api/v1/auth/session'), 401, 'unauthenticated');
      // Only this session: the user's other one goes on.
      expect((await second.get('/api/v1/auth/session')).statusCode).toBe(200);
      const logout = (await auditOf(user.id)).filter((r) => r.action === 'auth.logout');
      expect(logout).toHaveLength(1);
      expect(logout[0].entity_type).toBe('session');
    });
  });

  describe('password change', () => {
    it('refuses a wrong current password with 422 naming currentPassword', async () => {
      const client = await signIn(await newUser());
      const res = await client.post('/api/v1/auth/password', { currentPassword: 'Nicht-mein-Passwort', newPassword: NEW_PASSWORD });
      expectError(res, 422, 'wrong_password');
      expect(fieldPaths(res)).toEqual(['currentPassword']);
    });

    it.each<[string, string, string]>([
      ['too short', 'kurz-1', 'Mindestens 12 Zeichen.'],
      ['too common', 'Passwort1234', deErrors.field.password.too_common],
      ['too repetitive', 'aaaaaaaaaaaaaaaa', deErrors.field.password.too_repetitive],
      ['containing the name', 'Mustermann-im-Regen-7', deErrors.field.password.contains_personal_data],
      ['the same as the current one', TEST_PASSWORD, deErrors.field.password.same_as_current],
    ])('refuses a new password that is %s with 422 password_policy naming newPassword', async (_name, newPassword, message) => {
      const user = await newUser(['caseworker'], { displayName: 'Erika Mustermann' });
      const client = await signIn(user);
      const res = await client.post('/api/v1/auth/password', { currentPassword: user.password, newPassword });
      const err = expectError(res, 422, 'password_policy');
      expect(err.fields!.length).toBeGreaterThan(0);
      expect(err.fields!.every((f) => f.path === 'newPassword')).toBe(true);
      expect(err.fields!.map((f) => f.message)).toContain(message);
      // Nothing changed: the old password still works.
      expect((await postLogin(user.email, user.password)).statusCode).toBe(200);
    });

    it('changes the password and ends every other session of the account', async () => {
      const user = await newUser();
      const other = await newUser();
      const a = await signIn(user);
      const b = await signIn(user);
      const bystander = await signIn(other);
      const res = await a.post('/api/v1/auth/password', { currentPassword: user.password, newPassword: NEW_PASSWORD });
      expect(res.statusCode, res.body).toBe(200);
      expect(LoginResponse.parse(res.json()).session.stage).toBe('active');
      expect((await a.get('/api/v1/auth/session')).statusCode).toBe(200);
      expectError(await b.get('/api/v1/auth/session'), 401, 'unauthenticated');
      expect((await bystander.get('/api/v1/auth/session')).statusCode).toBe(200);
      expectError(await postLogin(user.email, user.password), 401, 'invalid_credentials');
      expect((await postLogin(user.email, NEW_PASSWORD)).statusCode).toBe(200);
      expect(await actionsOf(user.id)).toContain('auth.password_changed');
    });

    it('after an administrator reset: old sessions end, the temporary password must be replaced before anything else', async () => {
      const org = await createOrg(t.db);
      const secret = newTotpSecret();
      const admin = await createUser(t.db, org, ['org_admin'], { totpSecret: secret });
      const user = await createUser(t.db, org, ['caseworker']);
      const adminClient = await signIn(admin, secret);
      const old = await signIn(user);

      const reset = await adminClient.post(`/api/v1/users/${user.id}/reset-password`);
      expect(reset.statusCode, reset.body).toBe(200);
      const { temporaryPassword } = reset.json();
      expect(temporaryPassword).toMatch(/^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$/);
      expectError(await old.get('/api/v1/auth/session'), 401, 'unauthenticated');
      expectError(await postLogin(user.email, user.password), 401, 'invalid_credentials');

      const res = await postLogin(user.email, temporaryPassword);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().session).toMatchObject({ stage: 'password_change', permissions: [] });
      const client = clientOf(res);
      for (const [method, url] of [
        ['GET', '/api/v1/organisations'],
        ['GET', '/api/v1/users'],
        ['GET', `/api/v1/users/${user.id}`],
        ['GET', '/api/v1/locations'],
        ['POST', '/api/v1/auth/totp/setup'],
        ['POST', '/api/v1/auth/totp/disable'],
        ['POST', '/api/v1/auth/totp'],
      ] as const) {
        const body = method === 'POST' ? { password: temporaryPassword } : undefined;
        expectError(await client.request(method, url, body), 403, 'stage_required');
      }
      expect((await client.get('/api/v1/auth/session')).json().stage).toBe('password_change');

      const changed = await client.post('/api/v1/auth/password', { currentPassword: temporaryPassword, newPassword: NEW_PASSWORD });
      expect(changed.statusCode, changed.body).toBe(200);
      expect(changed.json().session).toMatchObject({ stage: 'active', permissions: permissionsFor(['caseworker']) });
      expect((await client.get('/api/v1/organisations')).statusCode).toBe(200);

      // The next login goes straight to active.
      expect((await postLogin(user.email, NEW_PASSWORD)).json().session.stage).toBe('active');

      const resetEntry = (await auditOf(user.id)).find((r) => r.action === 'user.password_reset')!;
      expect(resetEntry).toMatchObject({ actor_user_id: admin.id, entity_type: 'user', entity_id: user.id });
      expect(await actionsOf(user.id)).toEqual(expect.arrayContaining(['user.password_reset', 'auth.login_password_ok', 'auth.password_changed', 'auth.login']));
    });

    it('lets a session in the password_change stage sign out', async () => {
      const user = await newUser(['caseworker'], { mustChangePassword: true });
      const res = await postLogin(user.email, user.password);
      expect(res.json().session.stage).toBe('password_change');
      const client = clientOf(res);
      expect((await client.post('/api/v1/auth/logout')).statusCode).toBe(200);
      expectError(await client.get('/api/v1/auth/session'), 401, 'unauthenticated');
    });
  });

  describe('two-factor authentication', () => {
    async function enrol(client: Client) {
      const setup = await client.post('/api/v1/auth/totp/setup');
      expect(setup.statusCode, setup.body).toBe(200);
      const { secret } = TotpSetupResponse.parse(setup.json());
      const enabled = await client.post('/api/v1/auth/totp/enable', { code: await totpCodeAt(secret, t.clock.now()) });
      expect(enabled.statusCode, enabled.body).toBe(200);
      return { secret, ...TotpEnableResponse.parse(enabled.json()) };
    }

    it('enrols with a QR code, then asks for a code at every login; codes and recovery codes work once only', async () => {
      const user = await newUser();
      const client = await signIn(user);

      const setup = await client.post('/api/v1/auth/totp/setup');
      expect(setup.statusCode, setup.body).toBe(200);
      const { secret, otpauthUri, qrCodeSvg } = TotpSetupResponse.parse(setup.json());
      expect(otpauthUri).toMatch(/^otpauth:\/\/totp\//);
      expect(otpauthUri).toContain(`secret=${secret}`);
      expect(otpauthUri).toContain('issuer=Bleibe');
      expect(otpauthUri).toContain(encodeURIComponent(user.email));
      expect(qrCodeSvg).toMatch(/<svg[\s>]/);
      expect(qrCodeSvg.trim()).toMatch(/<\/svg>$/);

      // A wrong first code does not switch it on.
      const wrong = await client.post('/api/v1/auth/totp/enable', { code: await wrongCode(secret) });
      expectError(wrong, 422, 'invalid_totp');
      expect(fieldPaths(wrong)).toEqual(['code']);

      const enabled = await client.post('/api/v1/auth/totp/enable', { code: await totpCodeAt(secret, t.clock.now()) });
      expect(enabled.statusCode, enabled.body).toBe(200);
      const { recoveryCodes, session } = TotpEnableResponse.parse(enabled.json());
      expect(recoveryCodes).toHaveLength(10);
      expect(new Set(recoveryCodes).size).toBe(10);
      for (const c of recoveryCodes) expect(c).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
      expect(session).toMatchObject({ stage: 'active', user: { totpEnabled: true } });
      expect(await actionsOf(user.id)).toContain('auth.totp_enabled');

      // The enrolment code is used up; the next login takes the code of the next step.
      t.clock.advance(30_000);
      const code = await totpCodeAt(secret, t.clock.now());
      const first = await postLogin(user.email, user.password);
      expect(first.json().session).toMatchObject({ stage: 'totp', permissions: [] });
      const pending = clientOf(first);
      expectError(await pending.get('/api/v1/organisations'), 403, 'stage_required');
      expectError(await pending.post('/api/v1/auth/totp', { code: await wrongCode(secret) }), 401, 'invalid_totp');
      const ok = await pending.post('/api/v1/auth/totp', { code });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json().session).toMatchObject({ stage: 'active', permissions: permissionsFor(['caseworker']) });
      expect((await pending.get('/api/v1/organisations')).statusCode).toBe(200);

      // The same code in a new login is a replay.
      const replay = clientOf(await postLogin(user.email, user.password));
      expectError(await replay.post('/api/v1/auth/totp', { code }), 401, 'invalid_totp');

      // A recovery code works once, however it is typed.
      const recovered = await replay.post('/api/v1/auth/totp', { recoveryCode: recoveryCodes[0] });
      expect(recovered.statusCode, recovered.body).toBe(200);
      expect(recovered.json().session.stage).toBe('active');
      const again = clientOf(await postLogin(user.email, user.password));
      expectError(await again.post('/api/v1/auth/totp', { recoveryCode: recoveryCodes[0] }), 401, 'invalid_totp');
      const typed = ` ${recoveryCodes[1].replace('-', ' ').toUpperCase()} `;
      expect((await again.post('/api/v1/auth/totp', { recoveryCode: typed })).statusCode).toBe(200);

      const actions = await actionsOf(user.id);
      expect(actions.filter((a) => a === 'auth.recovery_code_used')).toHaveLength(2);
      expect((await auditOf(user.id)).filter((r) => r.action === 'auth.login_failed').map((r) => r.details?.factor)).toEqual([
        'totp',
        'totp',
        'recovery_code',
      ]);
      expect(actions.filter((a) => a === 'auth.login')).toHaveLength(4);
    });

    it('counts wrong codes towards the lockout', async () => {
      const secret = newTotpSecret();
      const user = await newUser(['caseworker'], { totpSecret: secret });
      const client = clientOf(await postLogin(user.email, user.password));
      const wrong = await wrongCode(secret);
      for (let i = 0; i < 4; i++) expectError(await client.post('/api/v1/auth/totp', { code: wrong }), 401, 'invalid_totp');
      expectError(await client.post('/api/v1/auth/totp', { code: wrong }), 423, 'account_locked');
      // Locked means locked: neither the right code nor a new password login gets through.
      expectError(await client.post('/api/v1/auth/totp', { code: await totpCodeAt(secret, t.clock.now()) }), 423, 'account_locked');
      expectError(await postLogin(user.email, user.password), 423, 'account_locked');
      expect(await actionsOf(user.id)).toContain('auth.account_locked');
    });

    it('requires exactly one of code and recovery code', async () => {
      const secret = newTotpSecret();
      const user = await newUser(['caseworker'], { totpSecret: secret });
      const client = clientOf(await postLogin(user.email, user.password));
      expectError(await client.post('/api/v1/auth/totp', {}), 400, 'validation_failed');
      const both = await client.post('/api/v1/auth/totp', { code: '123456', recoveryCode: 'abcde-fghjk' });
      expectError(both, 400, 'validation_failed');
      expect(fieldPaths(both)).toEqual(['code']);
    });

    it.each<[Role]>([['org_admin'], ['system_admin']])(
      'makes an %s without a second factor enrol before anything else (demo off)',
      async (role) => {
        const user = await newUser([role]);
        const res = await postLogin(user.email, user.password);
        expect(res.statusCode).toBe(200);
        expect(res.json().session).toMatchObject({ stage: 'totp_enrolment', permissions: [] });
        const client = clientOf(res);
        expectError(await client.get('/api/v1/organisations'), 403, 'stage_required');
        expectError(await client.get('/api/v1/users'), 403, 'stage_required');
        expectError(await client.get('/api/v1/audit'), 403, 'stage_required');
        expectError(await client.post('/api/v1/auth/password', { currentPassword: user.password, newPassword: NEW_PASSWORD }), 403, 'stage_required');
        expect((await client.get('/api/v1/auth/session')).json().stage).toBe('totp_enrolment');

        const { session, secret } = await enrol(client);
        expect(session).toMatchObject({ stage: 'active', user: { totpEnabled: true }, permissions: permissionsFor([role]) });
        expect((await client.get('/api/v1/organisations')).statusCode).toBe(200);
        expect(await actionsOf(user.id)).toEqual(expect.arrayContaining(['auth.totp_enabled', 'auth.login']));

        // From now on the admin signs in with a code.
        const next = await postLogin(user.email, user.password);
        expect(next.json().session.stage).toBe('totp');
        t.clock.advance(30_000);
        expect((await clientOf(next).post('/api/v1/auth/totp', { code: await totpCodeAt(secret, t.clock.now()) })).json().session.stage).toBe('active');

        // Two-factor cannot be switched off for an administrator outside demo mode.
        const disable = await client.post('/api/v1/auth/totp/disable', { password: user.password });
        const err = expectError(disable, 422, 'totp_required_for_admins');
        expect(err.message).toBe(deErrors.totp_required_for_admins);
        expect((await client.get('/api/v1/auth/session')).json().user.totpEnabled).toBe(true);
      },
    );

    it('does not force enrolment on administrators in demo mode, and lets them switch it off there', async () => {
      const demo = await appWith({ BLEIBE_DEMO: 'true' });
      const admin = await newUser(['org_admin']);
      const res = await postLogin(admin.email, admin.password, {}, demo);
      expect(res.json().session).toMatchObject({ stage: 'active', demo: true });
      const client = clientOf(res, demo);
      const setup = TotpSetupResponse.parse((await client.post('/api/v1/auth/totp/setup')).json());
      expect((await client.post('/api/v1/auth/totp/enable', { code: await totpCodeAt(setup.secret, t.clock.now()) })).statusCode).toBe(200);
      const off = await client.post('/api/v1/auth/totp/disable', { password: admin.password });
      expect(off.statusCode, off.body).toBe(200);
      expect(off.json().session.user.totpEnabled).toBe(false);
    });

    it('lets other users switch two-factor off with their password', async () => {
      const user = await newUser();
      const client = await signIn(user);
      await enrol(client);
      const wrong = await client.post('/api/v1/auth/totp/disable', { password: 'Nicht-mein-Passwort' });
      expectError(wrong, 422, 'wrong_password');
      expect(fieldPaths(wrong)).toEqual(['password']);
      const off = await client.post('/api/v1/auth/totp/disable', { password: user.password });
      expect(off.statusCode, off.body).toBe(200);
      expect(off.json().session.user.totpEnabled).toBe(false);
      expect((await postLogin(user.email, user.password)).json().session.stage).toBe('active');
      expect(await actionsOf(user.id)).toContain('auth.totp_disabled');
    });

    it('refuses enabling without a started setup (409 totp_not_started)', async () => {
      const client = await signIn(await newUser());
      expectError(await client.post('/api/v1/auth/totp/enable', { code: '123456' }), 409, 'totp_not_started');
    });
  });
});
