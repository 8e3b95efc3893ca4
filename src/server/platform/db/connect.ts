import { Worker } from 'node:worker_threads';
import pg from 'pg';
import {
  sql,
  CompiledQuery,
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
} from 'kysely';
import type { DB } from './schema.js';

export type Engine = 'embedded' | 'server';

/** The one database handle the application uses; the same migrations and queries run on both engines. */
export interface Database {
  engine: Engine;
  kysely: Kysely<DB>;
  /**
   * Runs a multi-statement SQL script (migrations). Pass `within` to run it inside a
   * transaction the caller holds; without it the script runs on its own.
   */
  execScript(sqlText: string, within?: Kysely<DB>): Promise<void>;
  /**
   * Statements executed so far (tests use it as a budget: a list must not issue one query per row),
   * and an optional observer of each statement's SQL and duration (benchmarks, profiling).
   */
  readonly stats: QueryStats;
  /** Embedded only: a snapshot of the data directory (tests clone a migrated template). */
  dump?(): Promise<ArrayBuffer>;
  close(): Promise<void>;
}

export interface QueryStats {
  queries: number;
  observe?: (sql: string, ms: number) => void;
}

function countingLog(stats: QueryStats) {
  return (event: { query: { sql: string }; queryDurationMillis: number }) => {
    stats.queries++;
    stats.observe?.(event.query.sql, event.queryDurationMillis);
  };
}

export class DatabaseError extends Error {
  constructor(
    message: string,
    readonly code?: string,
    readonly constraint?: string,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'DatabaseError';
  }
}

// ---- embedded: PGlite in a worker thread ------------------------------------

interface WorkerReply {
  id: number;
  rows: unknown[];
  affectedRows: number;
  dump?: ArrayBuffer;
  error?: { message: string; code?: string; constraint?: string; detail?: string };
}

class PgliteWorkerClient {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: WorkerReply) => void; reject: (e: Error) => void }>();

  constructor(dataDir: string | null, initialDump?: ArrayBuffer) {
    this.worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), {
      workerData: { dataDir, initialDump },
      transferList: initialDump ? [initialDump] : [],
    });
    this.worker.on('message', (reply: WorkerReply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      if (reply.error) {
        const e = reply.error;
        p.reject(new DatabaseError(e.message, e.code, e.constraint, e.detail));
      } else p.resolve(reply);
    });
    this.worker.on('error', (err) => {
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    });
  }

  call(msg: { op: string; sql?: string; params?: readonly unknown[] }): Promise<WorkerReply> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, ...msg });
    });
  }

  async terminate() {
    await this.call({ op: 'close' }).catch(() => undefined);
    await this.worker.terminate();
  }
}

/** PGlite has a single session: one connection at a time, handed out by this queue. */
class Mutex {
  private tail: Promise<void> = Promise.resolve();
  lock(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((r) => (release = r));
    const acquired = this.tail.then(() => release);
    this.tail = this.tail.then(() => next);
    return acquired;
  }
}

class WorkerConnection implements DatabaseConnection {
  constructor(private readonly client: PgliteWorkerClient) {}
  async executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
    const reply = await this.client.call({ op: 'query', sql: q.sql, params: q.parameters });
    return { rows: reply.rows as R[], numAffectedRows: BigInt(reply.affectedRows) };
  }
  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported on the embedded database');
  }
}

class WorkerDriver implements Driver {
  private readonly mutex = new Mutex();
  private readonly releases = new WeakMap<DatabaseConnection, () => void>();
  private readonly connection: WorkerConnection;
  constructor(private readonly client: PgliteWorkerClient) {
    this.connection = new WorkerConnection(client);
  }
  async init() {
    await this.client.call({ op: 'ping' });
  }
  async acquireConnection() {
    const release = await this.mutex.lock();
    this.releases.set(this.connection, release);
    return this.connection;
  }
  async beginTransaction(c: DatabaseConnection) {
    await c.executeQuery(CompiledQuery.raw('begin'));
  }
  async commitTransaction(c: DatabaseConnection) {
    await c.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(c: DatabaseConnection) {
    await c.executeQuery(CompiledQuery.raw('rollback'));
  }
  async releaseConnection(c: DatabaseConnection) {
    this.releases.get(c)?.();
  }
  async destroy() {
    await this.client.terminate();
  }
}

function workerDialect(client: PgliteWorkerClient): Dialect {
  return {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new WorkerDriver(client),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  };
}

export async function openEmbedded(dataDir: string | null, initialDump?: ArrayBuffer): Promise<Database> {
  const client = new PgliteWorkerClient(dataDir, initialDump);
  const stats: QueryStats = { queries: 0 };
  const kysely = new Kysely<DB>({ dialect: workerDialect(client), log: countingLog(stats) });
  await client.call({ op: 'ping' });
  return {
    engine: 'embedded',
    kysely,
    stats,
    async execScript(sqlText, within) {
      // PGlite's extended protocol takes one statement per query, so scripts go through exec.
      // With `within` the caller already holds the single session (its transaction).
      if (within) await client.call({ op: 'exec', sql: sqlText });
      else await kysely.connection().execute(() => client.call({ op: 'exec', sql: sqlText }));
    },
    async dump() {
      const reply = await client.call({ op: 'dump' });
      return reply.dump!;
    },
    close: () => kysely.destroy(),
  };
}

// ---- server: node-postgres pool ---------------------------------------------

const { types } = pg;
// Identical value shapes on both engines (see pglite-worker.mjs).
types.setTypeParser(20, (v) => Number(v)); // int8
types.setTypeParser(1700, (v) => Number(v)); // numeric
types.setTypeParser(1082, (v) => v); // date stays 'YYYY-MM-DD'

export async function openServer(connectionString: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  pool.on('error', () => undefined); // idle client errors surface on the next query instead
  const stats: QueryStats = { queries: 0 };
  const kysely = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log: countingLog(stats) });
  return {
    engine: 'server',
    kysely,
    stats,
    async execScript(sqlText, within) {
      // An unparameterised query uses the simple protocol, which accepts several statements.
      if (within) {
        await sql.raw(sqlText).execute(within);
        return;
      }
      const client = await pool.connect();
      try {
        await client.query(sqlText);
      } finally {
        client.release();
      }
    },
    close: () => kysely.destroy(),
  };
}
