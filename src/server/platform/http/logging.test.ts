import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { loadConfig } from '../config/config.js';
import { createTestDatabase } from '../../test/db.js';
import { clientFor, sessionCookieOf } from '../../test/app.js';
import { createOrg, createUser } from '../../test/factories.js';
import type { FastifyInstance } from 'fastify';

describe('structured logs keep personal data out', () => {
  const lines: string[] = [];
  let app: FastifyInstance;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const t = await createTestDatabase();
    drop = t.drop;
    const stream = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const config = loadConfig({ NODE_ENV: 'test', BLEIBE_DEMO: 'false', LOG_LEVEL: 'info' });
    app = await buildApp({ config, db: t.db, logStream: stream });
    const org = await createOrg(t.db);
    const user = await createUser(t.db, org, ['org_admin'], { email: 'erika.mustermann@test.invalid', displayName: 'Erika Mustermann' });
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password: user.password } });
    const client = clientFor(app, sessionCookieOf(res), res.json().session.csrfToken);
    await client.get('/api/v1/users?q=Mustermann');
    await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password: 'wrong-password-123' } });
    await client.request('GET', '/api/v1/users/not-a-uuid', undefined, { authorization: 'Bearer secret-token-value' });
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it('logs every request in JSON', () => {
    const parsed = lines.map((l) => JSON.parse(l));
    expect(parsed.filter((l) => l.msg === 'request completed').length).toBeGreaterThanOrEqual(4);
    expect(parsed.some((l) => l.req?.route === '/api/v1/users')).toBe(true);
  });

  it('never contains names, e-mail addresses, passwords, cookies, tokens or query strings', () => {
    const all = lines.join('\n');
    for (const secret of ['Mustermann', 'erika.mustermann', 'Test-Passwort', 'wrong-password', 'bleibe_session', 'secret-token-value', 'q=']) {
      expect(all, secret).not.toContain(secret);
    }
  });
});
