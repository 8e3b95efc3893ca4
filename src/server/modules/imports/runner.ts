import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../../platform/db/connect.js';
import { unsafeInternalTx } from '../../platform/db/tenant.js';
import { AppError } from '../../platform/http/errors.js';
import type { Services } from '../../platform/services.js';
import { submitNotice, type Submitter } from '../intake/pipeline.js';
import { columnKeyOf, type RejectedRow, type RowProblem, type ValidRow } from './columns.js';

/*
 * The background side of an import: the job's validated rows go through the intake pipeline one
 * by one (channel "import"), in small batches. After each batch the counts are saved and the lease
 * renewed, and the runner yields, so that on the embedded database — where every query waits its
 * turn — requests never wait for more than one notice. A job whose runner died (restart, crash)
 * keeps its rows and is taken over once its lease has run out (see importResumeJob).
 */

/** Rows per batch: the counts visible to the progress bar move at least this often. */
export const BATCH_ROWS = 20;
/** How long a runner may go without saving a batch before another may take the job over. */
export const LEASE_SECONDS = 120;

interface RunnerState {
  running: Map<string, Promise<void>>;
  stopping: boolean;
}

const states = new WeakMap<Database, RunnerState>();

function stateOf(db: Database): RunnerState {
  let state = states.get(db);
  if (!state) states.set(db, (state = { running: new Map(), stopping: false }));
  return state;
}

/** Starts working on a job in the background (once per job and process). */
export function startImport(s: Services, jobId: string, leaseToken: string): void {
  const state = stateOf(s.db);
  if (state.stopping || state.running.has(jobId)) return;
  const work = processJob(s, state, jobId, leaseToken)
    .catch((err) => s.log.error({ err, importJob: jobId }, 'import runner failed'))
    .finally(() => state.running.delete(jobId));
  state.running.set(jobId, work);
}

/** Lets the running jobs finish their current row and save their progress; for shutdown. */
export async function stopImports(db: Database): Promise<void> {
  const state = stateOf(db);
  state.stopping = true;
  await Promise.allSettled([...state.running.values()]);
}

/** Resolves when no import of this database is being worked on in this process (tests). */
export async function importsIdle(db: Database): Promise<void> {
  const state = stateOf(db);
  while (state.running.size) await Promise.allSettled([...state.running.values()]);
}

/** Claims jobs whose runner is gone (lease expired) and starts them; returns how many. */
export async function resumeImports(s: Services): Promise<number> {
  const state = stateOf(s.db);
  if (state.stopping) return 0;
  const claimed = await unsafeInternalTx(s.db, null, async (tx) =>
    (
      await sql<{ id: string; lease_token: string }>`
        update import_jobs set lease_token = gen_random_uuid(), leased_until = now() + make_interval(secs => ${LEASE_SECONDS})
        where id in (
          select id from import_jobs
          where status = 'running' and (leased_until is null or leased_until < now())
          order by created_at limit 10 for update skip locked)
        returning id, lease_token`.execute(tx.db)
    ).rows,
  );
  for (const job of claimed) startImport(s, job.id, job.lease_token);
  return claimed.length;
}

export const newLeaseToken = () => randomUUID();

/**
 * A row the pipeline refused (its own checks, or the database's for the row's values) becomes a
 * rejected row; anything else (database gone, a bug) is no fault of the row: null.
 */
function rowProblems(err: unknown): RowProblem[] | null {
  if (err instanceof AppError) {
    if (err.statusCode >= 500) return null;
    return err.fields?.length
      ? err.fields.map((f) => ({ column: columnKeyOf(f.path) ?? (f.path || null), key: `field.${f.key}`, ...(f.params ? { params: f.params } : {}) }))
      : [{ column: null, key: err.code }];
  }
  const code = (err as { code?: unknown })?.code;
  if (typeof code === 'string' && /^2[23][0-9A-Z]{3}$/.test(code)) {
    return [{ column: null, key: code === '23505' ? 'duplicate' : code === '23503' ? 'invalid_reference' : 'validation_failed' }];
  }
  return null;
}

async function knownIds(s: Services, orgId: string, externalIds: string[]): Promise<Set<string>> {
  const rows = await unsafeInternalTx(s.db, null, (tx) =>
    tx.db.selectFrom('notice_receipts').select('external_id').where('org_id', '=', orgId).where('external_id', 'in', externalIds).execute(),
  );
  return new Set(rows.map((r) => r.external_id));
}

interface Progress {
  processed: number;
  imported: number;
  duplicates: number;
  rejected: RejectedRow[];
}

const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Rows between two refreshes of the planner statistics during an import (server engine). */
export const ANALYZE_EVERY_ROWS = 2000;

/**
 * A bulk load outruns autovacuum: on PostgreSQL the planner keeps its statistics of nearly empty
 * tables and picks plans (the person-matching candidate query) whose cost grows with every row —
 * 80 ms instead of 1.4 ms per notice after 500 rows in a fresh database. Refreshing them before
 * the first batches of an import and then every ANALYZE_EVERY_ROWS rows keeps the plans right; a warning instead of an
 * error when the role may not analyze. PGlite keeps good-enough plans without (and has no autovacuum
 * to compete with), so this runs on the server engine only.
 */
async function refreshStatistics(s: Services) {
  if (s.db.engine !== 'server') return;
  await sql`analyze persons, person_match_keys, households, household_members, cases, notices, notice_receipts, case_tenants, case_deadlines`
    .execute(s.db.kysely)
    .catch((err) => s.log.warn({ err }, 'import: could not refresh the planner statistics'));
}

async function processJob(s: Services, state: RunnerState, jobId: string, leaseToken: string): Promise<void> {
  const job = await unsafeInternalTx(s.db, null, (tx) =>
    tx.db
      .selectFrom('import_jobs as j')
      .leftJoin('users as u', 'u.id', 'j.created_by')
      .select(['j.org_id', 'j.created_by', 'j.request_id', 'j.pending_rows', 'j.next_index', 'u.email'])
      .where('j.id', '=', jobId)
      .where('j.lease_token', '=', leaseToken)
      .where('j.status', '=', 'running')
      .executeTakeFirst(),
  );
  if (!job) return;
  const rows = (typeof job.pending_rows === 'string' ? JSON.parse(job.pending_rows) : job.pending_rows ?? []) as ValidRow[];
  const by: Submitter = {
    orgId: job.org_id,
    userId: job.created_by,
    label: job.email ?? 'import',
    channel: 'import',
    requestId: job.request_id,
  };
  const started = performance.now();
  const startIndex = job.next_index;
  let index = job.next_index;
  // Statistics after 40, 80, 160 … rows of this job, then every ANALYZE_EVERY_ROWS (see refreshStatistics).
  let analyzeAt = startIndex + 2 * BATCH_ROWS;

  while (index < rows.length) {
    if (state.stopping) return;
    if (index >= analyzeAt) {
      await refreshStatistics(s);
      analyzeAt = index + Math.min(Math.max(index - startIndex, BATCH_ROWS), ANALYZE_EVERY_ROWS);
    }
    const batch = rows.slice(index, index + BATCH_ROWS);
    const p: Progress = { processed: 0, imported: 0, duplicates: 0, rejected: [] };
    let fatal: unknown = null;
    // What the organisation sent before is answered by the pipeline with 200 and left unchanged;
    // one query per batch finds those rows, so a re-upload does not cost a transaction per row.
    const known = await knownIds(s, by.orgId, batch.map((r) => r.input.externalId)).catch(() => new Set<string>());
    for (const r of batch) {
      if (known.has(r.input.externalId)) {
        p.duplicates++;
        p.processed++;
        continue;
      }
      try {
        const { status } = await submitNotice(s, r.input, by);
        if (status === 201) p.imported++;
        else p.duplicates++;
      } catch (err) {
        const problems = rowProblems(err);
        if (!problems) {
          fatal = err;
          break;
        }
        p.rejected.push({ row: r.row, externalId: r.input.externalId, problems });
      }
      p.processed++;
    }
    index += p.processed;
    if (fatal) {
      // On shutdown the database goes away under the runner: the job stays running and resumes.
      if (state.stopping) return;
      s.log.error({ err: fatal, importJob: jobId, row: rows[index]?.row }, 'import stopped by an error');
      await saveProgress(s, jobId, leaseToken, index, p, 'import_interrupted');
      return;
    }
    if (!(await saveProgress(s, jobId, leaseToken, index, p, index >= rows.length ? 'done' : null))) return;
    await yieldToOthers();
  }
  if (index >= rows.length && rows.length === startIndex) {
    // Nothing was left to send (every row was rejected up front, or a resumed job had just finished).
    await saveProgress(s, jobId, leaseToken, index, { processed: 0, imported: 0, duplicates: 0, rejected: [] }, 'done');
  }
  const seconds = (performance.now() - started) / 1000;
  s.log.info({ importJob: jobId, rows: index - startIndex, seconds: Math.round(seconds * 10) / 10 }, 'import finished');
}

/**
 * Adds a batch's counts to the job and renews the lease; with `end` set the job ends ('done', or a
 * failure's error code), its pending rows are removed and the import is audited. Returns false
 * when the lease was lost to another runner (this one then stops).
 */
async function saveProgress(s: Services, jobId: string, leaseToken: string, nextIndex: number, p: Progress, end: 'done' | string | null) {
  return unsafeInternalTx(s.db, null, async (tx) => {
    const rejections = p.rejected.length ? JSON.stringify(p.rejected) : null;
    const updated = await tx.db
      .updateTable('import_jobs')
      .set({
        processed_rows: sql`processed_rows + ${p.processed}`,
        imported_rows: sql`imported_rows + ${p.imported}`,
        duplicate_rows: sql`duplicate_rows + ${p.duplicates}`,
        rejected_rows: sql`rejected_rows + ${p.rejected.length}`,
        ...(rejections ? { rejections: sql`rejections || ${rejections}::jsonb` } : {}),
        next_index: nextIndex,
        ...(end
          ? {
              status: end === 'done' ? 'done' : 'failed',
              error: end === 'done' ? null : end,
              finished_at: sql`now()`,
              pending_rows: null,
              lease_token: null,
              leased_until: null,
            }
          : { leased_until: sql`now() + make_interval(secs => ${LEASE_SECONDS})` }),
      })
      .where('id', '=', jobId)
      .where('lease_token', '=', leaseToken)
      .where('status', '=', 'running')
      .returning(['org_id', 'created_by', 'total_rows', 'processed_rows', 'imported_rows', 'duplicate_rows', 'rejected_rows'])
      .executeTakeFirst();
    if (!updated) return false;
    if (end) {
      const user = updated.created_by
        ? await tx.db.selectFrom('users').select('email').where('id', '=', updated.created_by).executeTakeFirst()
        : undefined;
      tx.audit({
        action: end === 'done' ? 'import.finish' : 'import.fail',
        entityType: 'import_job',
        entityId: jobId,
        actor: { orgId: updated.org_id, userId: updated.created_by, label: user?.email ?? 'import' },
        details: {
          totalRows: updated.total_rows,
          processedRows: updated.processed_rows,
          importedRows: updated.imported_rows,
          duplicateRows: updated.duplicate_rows,
          rejectedRows: updated.rejected_rows,
          ...(end === 'done' ? {} : { error: end }),
        },
      });
    }
    return true;
  });
}
