import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';

/**
 * PGlite runs PostgreSQL synchronously on the thread that owns it. Bleibe keeps it in a worker
 * thread (pglite-worker.mjs), so the HTTP server keeps answering while a heavy query runs.
 * The check counts answers, not milliseconds: while one long aggregate is still running, the
 * server must have answered a whole series of health checks.
 */
describe.skipIf(Boolean(process.env.DATABASE_URL))('embedded database and a responsive server', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers /healthz requests while a heavy query runs', async () => {
    let heavyDone = false;
    const heavy = sql`select count(*) as n from generate_series(1, 20000000) g where g % 7 = 3`
      .execute(t.db.kysely)
      .then((r) => {
        heavyDone = true;
        return r.rows[0];
      });
    const WANTED = 25;
    let answered = 0;
    while (!heavyDone && answered < WANTED) {
      const res = await t.app.inject({ method: 'GET', url: '/healthz' });
      expect(res.statusCode).toBe(200);
      answered++;
    }
    expect(heavyDone).toBe(false);
    expect(answered).toBe(WANTED);
    expect(await heavy).toEqual({ n: 2857143 });
  });
});
