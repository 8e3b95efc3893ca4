// Runs the embedded PostgreSQL (PGlite, WebAssembly) in a worker thread.
// Why: PGlite executes queries synchronously on the thread that owns it, so a heavy query
// would freeze every HTTP request in the main thread. Here it only blocks this worker.
// Plain JavaScript on purpose: worker threads load it directly, under tsx, vitest or node.
import { parentPort, workerData } from 'node:worker_threads';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
// btree_gist: the exclusion constraint that keeps a caseworker from being booked twice (migration 009).
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
// btree_gin: the organisation as the first key of the search's trigram indexes (migration 016).
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';

// Same value shapes as the node-postgres setup in connect.ts: dates as 'YYYY-MM-DD' strings,
// int8 and numeric as numbers, so both engines hand the application identical rows.
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
const parsers = {
  [INT8]: (v) => Number(v),
  [NUMERIC]: (v) => Number(v),
  [DATE]: (v) => v,
};

let db;

function serializeError(err) {
  return {
    message: err?.message ?? String(err),
    code: err?.code,
    detail: err?.detail,
    constraint: err?.constraint,
    table: err?.table,
    column: err?.column,
    severity: err?.severity,
  };
}

async function open() {
  const { dataDir, initialDump } = workerData;
  if (dataDir) mkdirSync(dirname(dataDir), { recursive: true });
  // initialDump: a data directory dumped earlier (tests start from a migrated template).
  const loadDataDir = initialDump ? new Blob([initialDump]) : undefined;
  db = await PGlite.create(dataDir ?? undefined, { extensions: { pg_trgm, fuzzystrmatch, btree_gist, btree_gin }, parsers, loadDataDir });
}

const ready = open();

parentPort.on('message', async (msg) => {
  try {
    await ready;
    if (msg.op === 'query') {
      const res = await db.query(msg.sql, msg.params ?? []);
      parentPort.postMessage({ id: msg.id, rows: res.rows, affectedRows: res.affectedRows ?? 0 });
    } else if (msg.op === 'exec') {
      await db.exec(msg.sql);
      parentPort.postMessage({ id: msg.id, rows: [], affectedRows: 0 });
    } else if (msg.op === 'dump') {
      const file = await db.dumpDataDir('none');
      parentPort.postMessage({ id: msg.id, rows: [], affectedRows: 0, dump: await file.arrayBuffer() });
    } else if (msg.op === 'close') {
      await db.close();
      parentPort.postMessage({ id: msg.id, rows: [], affectedRows: 0 });
    } else if (msg.op === 'ping') {
      parentPort.postMessage({ id: msg.id, rows: [], affectedRows: 0 });
    }
  } catch (err) {
    parentPort.postMessage({ id: msg.id, error: serializeError(err) });
  }
});
