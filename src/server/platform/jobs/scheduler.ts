import { sql } from 'kysely';
import type { Services } from '../services.js';
import { unsafeInternalTx } from '../db/tenant.js';

export interface Job {
  name: string;
  intervalSeconds: number;
  /** Does the work; returns a short summary for the audit log. */
  run(s: Services): Promise<Record<string, unknown>>;
}

/** How long a claimed job may run before another runner may take it over. */
const LEASE_SECONDS = 15 * 60;

/** Registers the jobs (idempotently), keeping the schedule of those already known. */
export async function registerJobs(s: Services, jobs: Job[]) {
  await unsafeInternalTx(s.db, null, async (tx) => {
    for (const job of jobs) {
      await tx.db
        .insertInto('scheduled_jobs')
        .values({ name: job.name, interval_seconds: job.intervalSeconds, next_run_at: s.now() })
        .onConflict((oc) => oc.column('name').doUpdateSet({ interval_seconds: job.intervalSeconds }))
        .execute();
    }
  });
}

/**
 * Claims one due job: a single UPDATE that only succeeds if nobody else holds the lease
 * (SKIP LOCKED lets concurrent runners pass over a row another runner is claiming).
 */
async function claimDue(s: Services, names: string[]): Promise<string | null> {
  if (!names.length) return null;
  const now = s.now();
  const rows = await unsafeInternalTx(s.db, null, async (tx) =>
    (
      await sql<{ name: string }>`
        update scheduled_jobs set leased_until = ${new Date(now.getTime() + LEASE_SECONDS * 1000)},
          last_started_at = ${now}
        where name = (
          select name from scheduled_jobs
          where name in (${sql.join(names)}) and next_run_at <= ${now}
            and (leased_until is null or leased_until < ${now})
          order by next_run_at limit 1 for update skip locked)
        returning name`.execute(tx.db)
    ).rows,
  );
  return rows[0]?.name ?? null;
}

/** Runs every job that is due now, one after another; returns the names it ran. */
export async function runDueJobs(s: Services, jobs: Job[]): Promise<string[]> {
  const byName = new Map(jobs.map((j) => [j.name, j]));
  const ran: string[] = [];
  for (;;) {
    const name = await claimDue(s, [...byName.keys()].filter((n) => !ran.includes(n)));
    if (!name) return ran;
    const job = byName.get(name)!;
    let error: string | null = null;
    let summary: Record<string, unknown> = {};
    try {
      summary = await job.run(s);
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
      s.log.error({ err, job: name }, 'scheduled job failed');
    }
    const finished = s.now();
    await unsafeInternalTx(s.db, null, async (tx) => {
      await tx.db
        .updateTable('scheduled_jobs')
        .set({
          leased_until: null,
          last_finished_at: finished,
          last_error: error,
          runs: sql`runs + 1`,
          next_run_at: new Date(finished.getTime() + job.intervalSeconds * 1000),
        })
        .where('name', '=', name)
        .execute();
      tx.audit({ action: error ? 'job.failed' : 'job.run', entityType: 'job', entityId: name, details: error ? { error } : summary });
    });
    ran.push(name);
  }
}

/** Polls for due jobs in the background; returns a function that stops it. */
export function startScheduler(s: Services, jobs: Job[], pollMs = 60_000): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = runDueJobs(s, jobs).catch((err) => s.log.error({ err }, 'scheduler tick failed'));
  };
  const timer = setInterval(tick, pollMs);
  timer.unref();
  tick();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
