import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../app.js';
import { loadConfig, type Config } from '../platform/config/config.js';
import type { Database } from '../platform/db/connect.js';
import { createTestDatabase } from './db.js';

export interface TestClock {
  now(): Date;
  advance(ms: number): void;
  set(d: Date): void;
}

export function testClock(start = new Date('2026-11-21T09:00:00Z')): TestClock {
  let t = start.getTime();
  return { now: () => new Date(t), advance: (ms) => (t += ms), set: (d) => (t = d.getTime()) };
}

export interface TestApp {
  app: FastifyInstance;
  db: Database;
  config: Config;
  clock: TestClock;
  close(): Promise<void>;
}

/** The real application on a database of its own, driven through inject() (no port). */
export async function createTestApp(overrides: Partial<Record<string, string>> = {}, clock = testClock()): Promise<TestApp> {
  const { db, drop } = await createTestDatabase();
  // Uploaded documents of this app only, removed with it.
  const storage = overrides.BLEIBE_STORAGE_DIR ? null : mkdtempSync(join(tmpdir(), 'bleibe-test-storage-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    BLEIBE_DEMO: 'false',
    LOG_LEVEL: 'silent',
    BLEIBE_LOGIN_RATE_PER_MINUTE: '1000',
    ...(storage ? { BLEIBE_STORAGE_DIR: storage } : {}),
    ...overrides,
  });
  const app = await buildApp({ config, db, now: clock.now, logger: false });
  return {
    app,
    db,
    config,
    clock,
    async close() {
      await app.close();
      await drop();
      if (storage) rmSync(storage, { recursive: true, force: true });
    },
  };
}

/** A signed-in client: carries the session cookie and the CSRF token like the web app does. */
export interface Client {
  cookie: string;
  csrf: string;
  request(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
}

export function clientFor(app: FastifyInstance, cookie: string, csrf: string): Client {
  const request = (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.inject({
      method: method as 'GET',
      url,
      headers: { cookie, 'x-csrf-token': csrf, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
  return {
    cookie,
    csrf,
    request,
    get: (url) => request('GET', url),
    post: (url, body) => request('POST', url, body ?? {}),
    patch: (url, body) => request('PATCH', url, body),
  };
}

export function sessionCookieOf(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === 'bleibe_session');
  if (!c) throw new Error(`no session cookie in response ${res.statusCode}: ${res.body}`);
  return `bleibe_session=${c.value}`;
}

export async function login(app: FastifyInstance, email: string, password: string): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login ${email} failed: ${res.statusCode} ${res.body}`);
  return clientFor(app, sessionCookieOf(res), res.json().session.csrfToken);
}

export const uniqueSuffix = () => randomBytes(4).toString('hex');
