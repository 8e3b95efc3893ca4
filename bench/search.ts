/**
 * Search benchmark: the case search (GET /api/v1/search) on a statewide population — by default
 * 1,000,000 persons in households with one case each, spread over 50 organisations — as a
 * caseworker of the largest organisation, through the real route (Fastify inject: session,
 * validation, tenant transaction, audit). A fixed, seeded mix of entries: names with typos, with
 * umlauts spelt out or dropped and first and last name swapped, common and rare surnames alone,
 * internal case numbers, court file numbers as typed, addresses (street and house number, partly
 * with a typo), postal codes.
 *
 * Baselines in the same run and on the same connection pool: a plain primary-key lookup
 * (`select … from cases where id = $1`), a plain `count(*)` of the organisation's cases, and a
 * whole request of the same stack that reads one case by id (GET /api/v1/cases/:id).
 *
 * Everything is synthetic and seeded (names from domain/matching/testset.ts plus invented
 * surnames; streets and towns invented; postal codes in the never-assigned 05xxx range). Only
 * 127.0.0.1 is contacted; the server engine works in a database of its own, dropped at the end.
 *
 * Run: npm run bench:search
 * Knobs: BENCH_PERSONS (default 1000000), BENCH_ORGS (50), BENCH_QUERIES (400),
 * BENCH_ENGINES=server|embedded|server,embedded (default server: the embedded engine takes about
 * twice as long to load and index a million persons, past the quarter of an hour a default run may take),
 * BENCH_DATABASE_URL, BENCH_WRITE_DOCS=0|1 (default: only at the default sizes), BENCH_KEEP_DB=1 (keep the
 * server database bleibe_bench_search_keep for psql; drop it yourself afterwards).
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { sql } from 'kysely';
import { SearchResult } from '../src/contracts/search.js';
import { mulberry32, typo, umlautSpelling } from '../src/domain/matching/testset.js';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/platform/config/config.js';
import { openEmbedded, openServer, type Database } from '../src/server/platform/db/connect.js';
import { migrate } from '../src/server/platform/db/migrate.js';
import { unsafeInternalTx } from '../src/server/platform/db/tenant.js';
import { seedDemo } from '../src/server/modules/demo/seed.js';
import { DEMO_PASSWORD, ORGANISATIONS } from '../src/server/modules/demo/demo-data.js';
import { addressKey } from '../src/server/modules/intake/pipeline.js';
import { codeStateOf, intEnv, log, namePools, pick, quantile, rankedSampler, secs, STREET_STEMS, unnestInsertChunks, writeDocsSection, type Rng } from './shared.js';

const env = process.env;
const DEFAULTS = { persons: 1_000_000, orgs: 50, queries: 400 };
const PERSONS = intEnv('BENCH_PERSONS', DEFAULTS.persons);
const ORGS = intEnv('BENCH_ORGS', DEFAULTS.orgs);
const QUERIES = intEnv('BENCH_QUERIES', DEFAULTS.queries);
const ENGINES = (env.BENCH_ENGINES ?? 'server').split(',').map((s) => s.trim()) as ('embedded' | 'server')[];
const SERVER_URL = env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const IS_DEFAULT = PERSONS === DEFAULTS.persons && ORGS === DEFAULTS.orgs && QUERIES === DEFAULTS.queries;
const WRITE_DOCS = env.BENCH_WRITE_DOCS === undefined ? IS_DEFAULT : env.BENCH_WRITE_DOCS === '1';
const TARGET_MS = 200;
const KEEP_DB = env.BENCH_KEEP_DB === '1';
const SEED = 20261121;
for (const e of ENGINES) if (e !== 'embedded' && e !== 'server') throw new Error(`unknown engine ${e}`);

const pad = (n: number, w: number) => String(n).padStart(w, '0');

// ---- population ------------------------------------------------------------------------------


const STREET_TYPES = ['straße', 'straße', 'straße', 'weg', 'weg', 'allee', 'platz', 'gasse'];
const POSTCODES = 1000;

/** Name pools as in bench/intake.ts: the matching test set's names by frequency plus invented surnames for the tail. */

interface Pop {
  orgOf: Uint16Array; // household → org index
  hh: { id: string; caseId: string; caseNumber: string; street: string; houseNumber: string; postal: number; status: string; receivedOn: string; fileNumber: string | null }[];
  persons: { id: string; first: string; last: string; birth: string; household: number }[];
  surnames: string[];
}

function generate(): Pop {
  const rng = mulberry32(SEED);
  const names = namePools(SEED);
  // Organisation sizes: a long tail; organisation 0 (the measured one, Träger A) is the largest.
  const orgSampler = rankedSampler(Array.from({ length: ORGS }, (_, i) => i), 8);
  const persons: Pop['persons'] = [];
  const hh: Pop['hh'] = [];
  const orgOf: number[] = [];
  while (persons.length < PERSONS) {
    const org = orgSampler(rng);
    const year = 2018 + Math.floor(rng() * 9);
    const street = pick(rng, STREET_STEMS) + pick(rng, STREET_TYPES);
    const h = hh.length;
    const r = rng();
    hh.push({
      id: randomUUID(),
      caseId: randomUUID(),
      caseNumber: `${year}-${pad(h + 1, 6)}`,
      street,
      houseNumber: `${1 + Math.floor(rng() ** 1.6 * 140)}${rng() < 0.1 ? pick(rng, ['a', 'b', 'c']) : ''}`,
      // Each organisation serves a region: its own stretch of postal codes.
      postal: (org * Math.floor(POSTCODES / ORGS) + Math.floor(rng() * Math.floor(POSTCODES / ORGS))) % POSTCODES,
      status: r < 0.85 ? 'closed' : r < 0.95 ? 'open' : 'new',
      receivedOn: `${year}-${pad(1 + Math.floor(rng() * 12), 2)}-${pad(1 + Math.floor(rng() * 28), 2)}`,
      fileNumber: rng() < 0.5 ? `${1 + Math.floor(rng() * 40)} C ${1 + Math.floor(rng() * 9999)}/${String(year).slice(2)}` : null,
    });
    orgOf.push(org);
    const last = names.last(rng);
    const size = rng() < 0.45 ? 1 : rng() < 0.8 ? 2 : 3;
    for (let m = 0; m < size && persons.length < PERSONS; m++) {
      persons.push({
        id: randomUUID(),
        first: names.first(rng),
        last: m === 0 || rng() < 0.7 ? last : names.last(rng),
        birth: `${1935 + Math.floor(rng() * 70)}-${pad(1 + Math.floor(rng() * 12), 2)}-${pad(1 + Math.floor(rng() * 28), 2)}`,
        household: h,
      });
    }
  }
  return { orgOf: Uint16Array.from(orgOf), hh, persons, surnames: names.surnames };
}

const postalCode = (i: number) => `05${pad(i, 3)}`;
const cityOf = (i: number) => `Musterland-Ort ${Math.floor(i / 4) + 1}`;

// ---- loading ---------------------------------------------------------------------------------


/** The search's trigram indexes are dropped for the load and built afterwards (that is faster, and their build time is reported). */
const SEARCH_INDEXES = ['persons_search_name_trgm', 'persons_search_loose_trgm', 'households_search_street_trgm'];

async function load(db: Database, pop: Pop) {
  const orgIds = await unsafeInternalTx(db, null, async (tx) => {
    const a = await tx.db.selectFrom('organisations').select('id').where('name', '=', ORGANISATIONS.find((o) => o.key === 'traeger_a')!.name).executeTakeFirstOrThrow();
    const more = ORGS > 1
      ? await tx.db.insertInto('organisations').values(Array.from({ length: ORGS - 1 }, (_, i) => ({ name: `Träger ${pad(i + 2, 2)} (Benchmark)`, kind: 'provider' }))).returning('id').execute()
      : [];
    return [a.id, ...more.map((r) => r.id)];
  });
  const defs = await unsafeInternalTx(db, null, async (tx) =>
    (await sql<{ indexname: string; indexdef: string }>`select indexname, indexdef from pg_indexes where indexname = any(${SEARCH_INDEXES})`.execute(tx.db)).rows,
  );
  for (const d of defs) await unsafeInternalTx(db, null, (tx) => sql.raw(`drop index ${d.indexname}`).execute(tx.db));
  const t0 = performance.now();
  const org = (h: number) => orgIds[pop.orgOf[h]];
  await unnestInsertChunks(db, 'persons', [['id', 'uuid'], ['org_id', 'uuid'], ['first_name', 'text'], ['last_name', 'text'], ['birth_date', 'date']],
    pop.persons.map((p) => [p.id, org(p.household), p.first, p.last, p.birth]));
  await unnestInsertChunks(db, 'households', [['id', 'uuid'], ['org_id', 'uuid'], ['street', 'text'], ['house_number', 'text'], ['postal_code', 'text'], ['city', 'text'], ['address_key', 'text']],
    pop.hh.map((h, i) => {
      const a = { street: h.street, houseNumber: h.houseNumber, postalCode: postalCode(h.postal) };
      return [h.id, org(i), h.street, h.houseNumber, a.postalCode, cityOf(h.postal), addressKey(a)];
    }));
  await unnestInsertChunks(db, 'household_members', [['org_id', 'uuid'], ['household_id', 'uuid'], ['person_id', 'uuid'], ['role', 'text']],
    pop.persons.map((p, i) => [org(p.household), pop.hh[p.household].id, p.id, i === 0 || pop.persons[i - 1].household !== p.household ? 'main_tenant' : 'co_tenant']));
  await unnestInsertChunks(db, 'cases', [['id', 'uuid'], ['org_id', 'uuid'], ['case_number', 'text'], ['household_id', 'uuid'], ['status', 'text'], ['received_on', 'date'], ['first_contact_due', 'date']],
    pop.hh.map((h, i) => [h.caseId, org(i), h.caseNumber, h.id, h.status, h.receivedOn, h.receivedOn]));
  await unnestInsertChunks(db, 'case_tenants', [['org_id', 'uuid'], ['case_id', 'uuid'], ['person_id', 'uuid']],
    pop.persons.map((p) => [org(p.household), pop.hh[p.household].caseId, p.id]));
  await unnestInsertChunks(db, 'case_legal', [['case_id', 'uuid'], ['org_id', 'uuid'], ['court_file_number', 'text']],
    pop.hh.map((h, i) => [h.caseId, org(i), h.fileNumber]));
  const loadMs = performance.now() - t0;
  const t1 = performance.now();
  for (const d of defs) await unsafeInternalTx(db, null, (tx) => sql.raw(d.indexdef).execute(tx.db));
  const indexMs = performance.now() - t1;
  await db.kysely.connection().execute((c) => sql`analyze`.execute(c));
  return { orgIds, loadMs, indexMs };
}

// ---- the query mix ---------------------------------------------------------------------------

type Kind = 'name_typo' | 'name_variant' | 'surname_common' | 'surname_rare' | 'case_number' | 'court_file_number' | 'address' | 'postal_code';
const MIX: [Kind, number][] = [
  ['name_typo', 25], ['name_variant', 15], ['surname_common', 8], ['surname_rare', 7], ['case_number', 10], ['court_file_number', 10], ['address', 20], ['postal_code', 5],
];
interface Query {
  kind: Kind;
  q: string;
  /** The case the entry was made from: is it among the first page of hits? (Not for entries that match many.) */
  expect: string | null;
}

function queries(pop: Pop): Query[] {
  const rng = mulberry32(SEED + 7);
  const ownHh: number[] = [];
  for (let i = 0; i < pop.hh.length; i++) if (pop.orgOf[i] === 0) ownHh.push(i);
  const personsOf = new Map<number, number[]>();
  pop.persons.forEach((p, i) => {
    if (pop.orgOf[p.household] !== 0) return;
    const list = personsOf.get(p.household) ?? [];
    list.push(i);
    personsOf.set(p.household, list);
  });
  // Surname frequencies in the organisation: common = among the ten most frequent, rare = seen once.
  const freq = new Map<string, number>();
  for (const list of personsOf.values()) for (const i of list) freq.set(pop.persons[i].last, (freq.get(pop.persons[i].last) ?? 0) + 1);
  const byFreq = [...freq.entries()].sort((a, b) => b[1] - a[1]);
  const common = byFreq.slice(0, 10).map(([n]) => n);
  const rare = byFreq.filter(([, n]) => n === 1).map(([n]) => n);
  const total = MIX.reduce((s, [, w]) => s + w, 0);
  const out: Query[] = [];
  for (let n = 0; n < QUERIES; n++) {
    let x = rng() * total;
    const kind = MIX.find(([, w]) => (x -= w) < 0)![0];
    const h = pick(rng, ownHh);
    const hh = pop.hh[h];
    const p = pop.persons[pick(rng, personsOf.get(h)!)];
    switch (kind) {
      case 'name_typo':
        out.push({ kind, q: rng() < 0.5 ? `${p.first} ${typo(rng, p.last)}` : `${typo(rng, p.first)} ${p.last}`, expect: hh.caseId });
        break;
      case 'name_variant': {
        const first = umlautSpelling(rng, p.first);
        const last = umlautSpelling(rng, p.last);
        out.push({ kind, q: rng() < 0.5 ? `${last}, ${first}` : `${first.toUpperCase()} ${last.toUpperCase()}`, expect: hh.caseId });
        break;
      }
      case 'surname_common':
        out.push({ kind, q: pick(rng, common), expect: null });
        break;
      case 'surname_rare': {
        const name = pick(rng, rare);
        out.push({ kind, q: rng() < 0.5 ? name : typo(rng, name), expect: null });
        break;
      }
      case 'case_number':
        out.push({ kind, q: hh.caseNumber, expect: hh.caseId });
        break;
      case 'court_file_number': {
        const withNumber = ownHh.filter((i) => pop.hh[i].fileNumber);
        const f = pop.hh[pick(rng, withNumber)];
        out.push({ kind, q: rng() < 0.5 ? f.fileNumber! : f.fileNumber!.replace(/ /g, '').toLowerCase().replace(/\/(\d\d)$/, '/20$1'), expect: f.caseId });
        break;
      }
      case 'address': {
        const street = rng() < 0.3 ? typo(rng, hh.street) : rng() < 0.5 ? hh.street.replace(/straße$/, 'str.') : hh.street;
        out.push({ kind, q: `${street} ${hh.houseNumber}${rng() < 0.5 ? `, ${postalCode(hh.postal)}` : ''}`, expect: null });
        break;
      }
      case 'postal_code':
        out.push({ kind, q: postalCode(hh.postal), expect: null });
        break;
    }
  }
  return out;
}

// ---- measuring -------------------------------------------------------------------------------

interface Stats { p50: number; p95: number; max: number; n: number }
const stats = (xs: number[]): Stats => ({ p50: quantile(xs, 0.5), p95: quantile(xs, 0.95), max: Math.max(...xs), n: xs.length });

interface EngineResult {
  engine: 'embedded' | 'server';
  setupMs: number;
  loadMs: number;
  indexMs: number;
  orgPersons: number;
  all: Stats;
  byKind: Map<Kind, Stats & { found: number; expected: number; hits: number; truncated: number }>;
  pk: Stats;
  count: Stats;
  caseGet: Stats;
}

async function runEngine(engine: 'embedded' | 'server', pop: Pop, mix: Query[]): Promise<EngineResult> {
  const tStart = performance.now();
  let db: Database;
  let cleanup = async () => {};
  if (engine === 'embedded') db = await openEmbedded(null);
  else {
    // BENCH_KEEP_DB=1: the loaded database stays (bleibe_bench_search_keep) for looking at plans with psql.
    const name = KEEP_DB ? 'bleibe_bench_search_keep' : `bleibe_bench_search_${process.pid}`;
    const admin = await openServer(SERVER_URL, 1);
    await sql.raw(`drop database if exists ${name} with (force)`).execute(admin.kysely);
    await sql.raw(`create database ${name}`).execute(admin.kysely);
    const u = new URL(SERVER_URL);
    u.pathname = `/${name}`;
    db = await openServer(u.toString(), 10);
    cleanup = async () => {
      if (!KEEP_DB) await sql.raw(`drop database if exists ${name} with (force)`).execute(admin.kysely);
      await admin.close();
    };
  }
  try {
    await migrate(db);
    await seedDemo(db);
    const setupMs = performance.now() - tStart;
    log(`${engine}: migrated and seeded (${secs(setupMs)} s); loading ${pop.persons.length} persons …`);
    const { orgIds, loadMs, indexMs } = await load(db, pop);
    log(`${engine}: loaded in ${secs(loadMs)} s, search indexes built in ${secs(indexMs)} s`);
    const orgPersons = Number(
      (await unsafeInternalTx(db, null, (tx) => sql<{ n: number }>`select count(*)::int as n from persons where org_id = ${orgIds[0]}`.execute(tx.db))).rows[0].n,
    );

    const config = loadConfig({ NODE_ENV: 'test', BLEIBE_DEMO: 'true', LOG_LEVEL: 'silent', BLEIBE_LOGIN_RATE_PER_MINUTE: '1000' });
    const app = await buildApp({ config, db, logger: false });
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'fk.a@demo.test', password: DEMO_PASSWORD } });
    if (login.statusCode !== 200) throw new Error(`login failed: ${login.body}`);
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const get = (url: string) => app.inject({ method: 'GET', url, headers: { cookie } });

    // Warm-up: the first requests pay for plans and cold caches.
    for (const q of mix.slice(0, 30)) await get(`/api/v1/search?q=${encodeURIComponent(q.q)}`);
    const times: number[] = [];
    const byKind = new Map<Kind, { ms: number[]; found: number; expected: number; hits: number; truncated: number }>();
    for (const q of mix) {
      const t0 = performance.now();
      const res = await get(`/api/v1/search?q=${encodeURIComponent(q.q)}`);
      const ms = performance.now() - t0;
      if (res.statusCode !== 200) throw new Error(`${q.kind} ${JSON.stringify(q.q)}: ${res.statusCode} ${res.body}`);
      const body = SearchResult.parse(res.json());
      times.push(ms);
      const k = byKind.get(q.kind) ?? { ms: [], found: 0, expected: 0, hits: 0, truncated: 0 };
      k.ms.push(ms);
      k.hits += body.items.length;
      if (body.truncated) k.truncated++;
      if (q.expect) {
        k.expected++;
        if (body.items.some((i) => i.id === q.expect)) k.found++;
      }
      byKind.set(q.kind, k);
    }

    // Baselines on the same pool and the same stack.
    const sample = Array.from({ length: 300 }, (_, i) => pop.hh[(i * 7919) % pop.hh.length].caseId);
    const ownCases = pop.hh.filter((_, i) => pop.orgOf[i] === 0).slice(0, 100).map((h) => h.caseId);
    const pk: number[] = [];
    for (const id of sample) {
      const t0 = performance.now();
      await sql`select id, case_number, status, received_on from cases where id = ${id}`.execute(db.kysely);
      pk.push(performance.now() - t0);
    }
    const count: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      await sql`select count(*) from cases where org_id = ${orgIds[i % orgIds.length]}`.execute(db.kysely);
      count.push(performance.now() - t0);
    }
    const caseGet: number[] = [];
    for (const id of ownCases) {
      const t0 = performance.now();
      const res = await get(`/api/v1/cases/${id}`);
      caseGet.push(performance.now() - t0);
      if (res.statusCode !== 200) throw new Error(`GET case ${res.statusCode} ${res.body}`);
    }
    await app.close();
    return {
      engine, setupMs, loadMs, indexMs, orgPersons, all: stats(times),
      byKind: new Map([...byKind].map(([k, v]) => [k, { ...stats(v.ms), found: v.found, expected: v.expected, hits: v.hits, truncated: v.truncated }])),
      pk: stats(pk), count: stats(count), caseGet: stats(caseGet),
    };
  } finally {
    await db.close();
    await cleanup();
  }
}

// ---- report ----------------------------------------------------------------------------------

const f1 = (n: number) => n.toFixed(1);
const fmt = (n: number) => n.toLocaleString('en-US');

function report(results: EngineResult[], meta: { generateMs: number; totalMs: number; serverVersion: string; codeState: string; households: number }) {
  const L: string[] = [];
  L.push(`Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${os.cpus().length} cores, Node ${process.versions.node}, ${[ENGINES.includes('server') ? `${meta.serverVersion} on 127.0.0.1` : '', ENGINES.includes('embedded') ? 'PGlite (embedded, in memory, worker thread)' : ''].filter(Boolean).join(' and ')}; shared machine (other jobs ran at the same time: read the ratios).`);
  L.push('');
  L.push(`Code: ${meta.codeState}. Command: \`npm run bench:search\`${IS_DEFAULT ? '' : ` with BENCH_PERSONS=${PERSONS} BENCH_ORGS=${ORGS} BENCH_QUERIES=${QUERIES}`} (BENCH_ENGINES=${ENGINES.join(',')}) — whole run ${f1(meta.totalMs / 60_000)} min.`);
  L.push('');
  L.push(`Data: ${fmt(PERSONS)} synthetic persons in ${fmt(meta.households)} households (one to three adults, one case each, 85 % closed, half with a court file number) in ${ORGS} organisations of long-tailed sizes; ` +
    `the measured caseworker's organisation (Träger A, the largest) has ${fmt(results[0]?.orgPersons ?? 0)} persons. No notices are loaded (the court file number is found on the case's legal facts). ` +
    `${QUERIES} entries after 30 warm-up requests, one at a time, through GET /api/v1/search (session, validation, tenant transaction, audit entry), 20 hits per page.`);
  L.push('');
  L.push(`Baselines, same run and connection pool: a primary-key lookup of a case (\`select … from cases where id = $1\`), \`count(*)\` of one organisation's cases, and GET /api/v1/cases/:id (one case read through the same stack: five queries and an audit entry).`);
  L.push('');
  L.push('| engine | search p50 | p95 | max | p95 < 200 ms | PK lookup p50 | search p50 / PK p50 | count(*) per org p50 | GET case p50 | search p50 / GET case p50 |');
  L.push('| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    L.push(`| ${r.engine} | ${f1(r.all.p50)} ms | ${f1(r.all.p95)} ms | ${f1(r.all.max)} ms | ${r.all.p95 < TARGET_MS ? 'yes' : '**no**'} | ${r.pk.p50.toFixed(2)} ms | ${f1(r.all.p50 / r.pk.p50)} | ${f1(r.count.p50)} ms | ${f1(r.caseGet.p50)} ms | ${(r.all.p50 / r.caseGet.p50).toFixed(2)} |`);
  }
  L.push('');
  L.push('By kind of entry (expected case on the first page: for entries made from one case; "truncated": more than 200 candidates of one kind, only those ranked):');
  L.push('');
  L.push('| engine | entry | n | p50 | p95 | max | hits per page | expected case found | truncated |');
  L.push('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    for (const [kind] of MIX) {
      const k = r.byKind.get(kind);
      if (!k) continue;
      L.push(`| ${r.engine} | ${kind.replace(/_/g, ' ')} | ${k.n} | ${f1(k.p50)} ms | ${f1(k.p95)} ms | ${f1(k.max)} ms | ${f1(k.hits / k.n)} | ${k.expected ? `${k.found} / ${k.expected}` : '–'} | ${k.truncated} |`);
    }
  }
  L.push('');
  L.push('Setup (not part of the latencies): population generated once in ' + `${f1(meta.generateMs / 1000)} s; ` +
    results.map((r) => `${r.engine}: migrate + seed ${f1(r.setupMs / 1000)} s, bulk load ${f1(r.loadMs / 1000)} s, search indexes (three trigram GIN) ${f1(r.indexMs / 1000)} s`).join('; ') + '.');
  return L.join('\n');
}



const tAll = performance.now();
const codeState = codeStateOf();
const tGen = performance.now();
const pop = generate();
const mix = queries(pop);
const generateMs = performance.now() - tGen;
log(`generated ${fmt(pop.persons.length)} persons in ${fmt(pop.hh.length)} households and ${mix.length} entries in ${secs(generateMs)} s`);
let serverVersion = 'PostgreSQL server';
if (ENGINES.includes('server')) {
  const admin = await openServer(SERVER_URL, 1);
  const v = await sql<{ v: string }>`select current_setting('server_version') as v`.execute(admin.kysely);
  serverVersion = `PostgreSQL ${v.rows[0].v.split(' ')[0]}`;
  await admin.close();
}
const results: EngineResult[] = [];
for (const engine of ENGINES) {
  const r = await runEngine(engine, pop, mix);
  results.push(r);
  log(`${engine}: search p50 ${f1(r.all.p50)} ms, p95 ${f1(r.all.p95)} ms, max ${f1(r.all.max)} ms — p95 ${r.all.p95 < TARGET_MS ? '<' : '≥'} ${TARGET_MS} ms`);
}
const section = report(results, { generateMs, totalMs: performance.now() - tAll, serverVersion, codeState, households: pop.hh.length });
console.log(`\n${section}`);
if (WRITE_DOCS) {
  writeDocsSection('## Search', 'bench:search', section);
  console.log('\n(docs/benchmarks.md: section "Search" written)');
} else console.log('\n(docs/benchmarks.md not written: not the default sizes; BENCH_WRITE_DOCS=1 forces it)');
const failed = results.filter((r) => r.all.p95 >= TARGET_MS);
if (failed.length) {
  console.log(`p95 ≥ ${TARGET_MS} ms on: ${failed.map((r) => r.engine).join(', ')}`);
  process.exitCode = 1;
}
