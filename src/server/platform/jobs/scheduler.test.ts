import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.js';
import type { Database } from '../db/connect.js';
import { unsafeInternalTx } from '../db/tenant.js';
import type { Services } from '../services.js';
import { createTestDatabase, engineName } from '../../test/db.js';
import { testClock, uniqueSuffix } from '../../test/app.js';
import { createOrg, createUser } from '../../test/factories.js';
import { sessionCleanupJob } from '../../modules/auth/jobs.js';
import { registerJobs, runDueJobs, type Job } from './scheduler.js';

const silent = { error() {}, info() {}, warn() {} } as unknown as Services['log'];

describe(`scheduled jobs on PostgreSQL (${engineName()})`, () => {
  let db: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ db, drop } = await createTestDatabase());
  });
  afterAll(() => drop());

  const servicesAt = (clock = testClock()): Services & { clock: typeof clock } => ({
    db,
    config: loadConfig({ NODE_ENV: 'test', BLEIBE_DEMO: 'false' }),
    log: silent,
    now: clock.now,
    clock,
  });

  function countingJob(intervalSeconds = 3600, fail = false): Job & { calls: number } {
    const job = {
      name: `test.job_${uniqueSuffix()}`,
      intervalSeconds,
      calls: 0,
      async run() {
        job.calls++;
        if (fail) throw new Error('boom');
        return { ok: true };
      },
    };
    return job;
  }

  it('runs a due job once, then again only after its interval', async () => {
    const s = servicesAt();
    const job = countingJob(3600);
    await registerJobs(s, [job]);
    expect(await runDueJobs(s, [job])).toEqual([job.name]);
    expect(await runDueJobs(s, [job])).toEqual([]);
    s.clock.advance(3599_000);
    expect(await runDueJobs(s, [job])).toEqual([]);
    s.clock.advance(2_000);
    expect(await runDueJobs(s, [job])).toEqual([job.name]);
    expect(job.calls).toBe(2);
  });

  it('two runners at once never run the same job twice', async () => {
    const s = servicesAt();
    const job = countingJob();
    await registerJobs(s, [job]);
    const [a, b] = await Promise.all([runDueJobs(s, [job]), runDueJobs(s, [job])]);
    expect([...a, ...b]).toEqual([job.name]);
    expect(job.calls).toBe(1);
  });

  it('records a failure, audits it and reschedules', async () => {
    const s = servicesAt();
    const job = countingJob(60, true);
    await registerJobs(s, [job]);
    await runDueJobs(s, [job]);
    const row = await unsafeInternalTx(db, null, (tx) => tx.db.selectFrom('scheduled_jobs').selectAll().where('name', '=', job.name).executeTakeFirstOrThrow());
    expect(row.last_error).toBe('boom');
    expect(row.leased_until).toBeNull();
    const audit = await unsafeInternalTx(db, null, (tx) => tx.db.selectFrom('audit_log').select('action').where('entity_id', '=', job.name).execute());
    expect(audit.map((a) => a.action)).toEqual(['job.failed']);
  });

  it('session cleanup deletes sessions past their idle or absolute timeout, and only those', async () => {
    const s = servicesAt(testClock(new Date('2026-11-21T12:00:00Z')));
    const org = await createOrg(db);
    const user = await createUser(db, org, ['caseworker']);
    const now = s.now().getTime();
    const mk = (label: string, lastSeenMinutesAgo: number, expiresInMinutes: number) => ({
      org_id: org.id,
      user_id: user.id,
      token_hash: `${label}-${uniqueSuffix()}`,
      csrf_token: 'x',
      stage: 'active',
      last_seen_at: new Date(now - lastSeenMinutesAgo * 60_000),
      expires_at: new Date(now + expiresInMinutes * 60_000),
    });
    await unsafeInternalTx(db, null, (tx) =>
      tx.db.insertInto('sessions').values([mk('fresh', 5, 600), mk('idle', 31, 600), mk('old', 1, -1)]).execute(),
    );
    const summary = await sessionCleanupJob.run(s);
    const left = await unsafeInternalTx(db, null, (tx) => tx.db.selectFrom('sessions').select('token_hash').where('user_id', '=', user.id).execute());
    expect(left.map((r) => r.token_hash.split('-')[0])).toEqual(['fresh']);
    expect(summary.deleted).toBeGreaterThanOrEqual(2);
  });
});
