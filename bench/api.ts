/**
 * Foundation benchmark: what a tenant transaction (SET LOCAL ROLE + RLS context) and an audited
 * read cost per HTTP request, on the embedded database and on a PostgreSQL server.
 * Baseline in the same run: GET /healthz (no database). Bounded: a fixed number of requests
 * per route, only to 127.0.0.1, then it stops. Run: npm run bench:api
 */
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/platform/config/config.js';
import { openEmbedded, openServer, type Database } from '../src/server/platform/db/connect.js';
import { migrate } from '../src/server/platform/db/migrate.js';
import { seedDemo } from '../src/server/modules/demo/seed.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const CONCURRENCY = 10;
const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function load(url: string, headers: Record<string, string>) {
  let next = 0;
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS) {
        next++;
        const t = performance.now();
        const res = await fetch(url, { headers });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { rps: REQUESTS / seconds, p50: latencies[Math.floor(latencies.length / 2)], p99: latencies[Math.floor(latencies.length * 0.99)] };
}

async function run(engine: 'embedded' | 'server') {
  let db: Database;
  let cleanup = async () => {};
  if (engine === 'embedded') db = await openEmbedded(null);
  else {
    const name = `bleibe_bench_${process.pid}`;
    const admin = await openServer(SERVER_URL, 1);
    await sql.raw(`drop database if exists ${name}`).execute(admin.kysely);
    await sql.raw(`create database ${name}`).execute(admin.kysely);
    const u = new URL(SERVER_URL);
    u.pathname = `/${name}`;
    db = await openServer(u.toString(), 10);
    cleanup = async () => {
      await sql.raw(`drop database if exists ${name} with (force)`).execute(admin.kysely);
      await admin.close();
    };
  }
  await migrate(db);
  await seedDemo(db);
  const config = loadConfig({ NODE_ENV: 'test', BLEIBE_DEMO: 'true', LOG_LEVEL: 'silent' });
  const app = await buildApp({ config, db, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'fk.a@demo.test', password: 'Bleibe-Demo-2026!' }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0];
  const rows: [string, Awaited<ReturnType<typeof load>>][] = [];
  await load(`${base}/healthz`, {}); // warm-up
  rows.push(['GET /healthz (baseline, no database)', await load(`${base}/healthz`, {})]);
  rows.push(['GET /api/v1/organisations (session + tenant tx + RLS)', await load(`${base}/api/v1/organisations`, { cookie })]);
  rows.push(['GET /api/v1/users (… + audited read of personal data)', await load(`${base}/api/v1/users`, { cookie })]);
  await app.close();
  await db.close();
  await cleanup();
  const base0 = rows[0][1].rps;
  console.log(`\n${engine} database — ${REQUESTS} requests per route, concurrency ${CONCURRENCY}`);
  console.log('| route | req/s | p50 ms | p99 ms | throughput vs baseline |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const [name, r] of rows) {
    console.log(`| ${name} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${(r.rps / base0).toFixed(3)} |`);
  }
}

await run('embedded');
await run('server');
