import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRoutes } from '../routes.js';
import { createTestApp, type TestApp } from '../test/app.js';
import { engineName } from '../test/db.js';

/** Fastify's `/users/:id` is OpenAPI's `/users/{id}`. */
const openapiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

describe(`OpenAPI document (${engineName()})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('GET /api/docs/json is an OpenAPI 3 document listing every route', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    const documented = new Set<string>();
    for (const [path, ops] of Object.entries<Record<string, unknown>>(doc.paths)) {
      for (const method of Object.keys(ops)) documented.add(`${method.toUpperCase()} ${path}`);
    }
    const missing = allRoutes.map((r) => `${r.method} ${openapiPath(r.url)}`).filter((k) => !documented.has(k));
    expect(missing).toEqual([]);
  });

  it('each documented route carries its summary, its error schema and, unless public, the session (and for partner routes the API-key) requirement', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    for (const r of allRoutes) {
      const op = doc.paths[openapiPath(r.url)][r.method.toLowerCase()];
      expect(op.summary, r.url).toBe(r.summary);
      expect(Object.keys(op.responses), r.url).toEqual(expect.arrayContaining([String(r.status ?? 200), '4XX']));
      if (r.access === 'public') expect(op.security, r.url).toBeUndefined();
      else expect(op.security, r.url).toEqual(r.apiKey ? [{ session: [] }, { apiKey: [] }] : [{ session: [] }]);
      for (const name of r.url.match(/:([A-Za-z0-9_]+)/g)?.map((p) => p.slice(1)) ?? []) {
        expect(op.parameters?.some((p: { in: string; name: string }) => p.in === 'path' && p.name === name), `${r.url} ${name}`).toBe(true);
      }
    }
  });

  it('/api/docs serves the documentation UI', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toMatch(/<!DOCTYPE html>/i);
    expect(res.body).toMatch(/swagger/i);
    // The page loads its script and styles from the plugin's own static route, which must answer too.
    const script = res.body.match(/src="\.?\/?([^"]+\.js)"/)?.[1];
    expect(script).toBeTruthy();
    const asset = await t.app.inject({ method: 'GET', url: `/api/docs/${script!.replace(/^.*?static\//, 'static/')}` });
    expect(asset.statusCode).toBe(200);
  });
});
