/**
 * What the benchmarks share: environment knobs, logging, the seeded population's name and street
 * pools, the bulk loader, quantiles, the code state and the writer of their docs/benchmarks.md
 * section. Each benchmark keeps only what is its own.
 */
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { CompiledQuery, sql } from 'kysely';
import { generateTestSet, mulberry32 } from '../src/domain/matching/testset.js';
import type { Database } from '../src/server/platform/db/connect.js';
import { unsafeInternalTx } from '../src/server/platform/db/tenant.js';

const env = process.env;

export type Rng = () => number;

export const intEnv = (name: string, dflt: number) => {
  const v = env[name];
  if (v === undefined || v === '') return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer`);
  return n;
};

export const log = (msg: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${msg}`);
export const secs = (ms: number) => (ms / 1000).toFixed(1);
export const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];

/** Draws from a ranked list with weight 1/(rank + flatten): a long tail, the first entries most often. */
export function rankedSampler<T>(items: readonly T[], flatten: number) {
  const cum: number[] = [];
  let total = 0;
  for (let r = 0; r < items.length; r++) cum.push((total += 1 / (r + flatten)));
  return (rng: Rng): T => {
    const x = rng() * total;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return items[lo];
  };
}

// Invented surname parts; combined they give a long tail of plausible German surnames.
const SURNAME_HEADS = [
  'Acker', 'Adler', 'Alt', 'Bach', 'Baum', 'Beck', 'Berg', 'Birk', 'Blum', 'Bock', 'Brand', 'Breit', 'Brink', 'Brück', 'Busch',
  'Dorn', 'Eck', 'Eich', 'Eisen', 'Engel', 'Falk', 'Feld', 'Fink', 'Frei', 'Gold', 'Grün', 'Haber', 'Hag', 'Hart', 'Hasel',
  'Heil', 'Hell', 'Hirsch', 'Hoch', 'Hof', 'Holz', 'Horn', 'Kalt', 'Kamp', 'Kirch', 'Kling', 'Kolb', 'Korn', 'Kreuz', 'Kron',
  'Kuhl', 'Lau', 'Lehm', 'Lind', 'Löw', 'Mark', 'Moos', 'Nuss', 'Ober', 'Pfeif', 'Rade', 'Rein', 'Ring', 'Rosen', 'Sand',
  'Schön', 'See', 'Sieg', 'Sonn', 'Stahl', 'Stock', 'Storch', 'Strom', 'Tann', 'Thal', 'Wald', 'Wasser', 'Weid', 'Wend',
  'Wester', 'Wies', 'Wild', 'Wind', 'Zorn', 'Ahl', 'Bür', 'Dreh', 'Ehr', 'Gieß', 'Hein', 'Jost', 'Kött', 'Mühl', 'Nord', 'Süd',
];
const SURNAME_TAILS = [
  'mann', 'er', 'ner', 'ler', 'meier', 'mayer', 'hoff', 'bach', 'berg', 'feld', 'ke', 'inger', 'ing', 'hardt', 'wald',
  'hausen', 'stedt', 'brink', 'kamp', 'kötter', 'meister', 'rich', 'ert', 'hold', 'haus', 'lein', 'eder', 'bauer', 'gruber',
  'huber', 'reuter', 'wig', 'dorf', 'thaler', 'hage', 'beck', 'mund', 'scheid', 'rath', 'kemper',
];
export const STREET_STEMS = [
  'Linden', 'Birken', 'Eichen', 'Ahorn', 'Kastanien', 'Rosen', 'Tulpen', 'Mühlen', 'Schul', 'Kirch', 'Bahnhof', 'Garten',
  'Wiesen', 'Feld', 'Berg', 'Tal', 'Sonnen', 'Buchen', 'Erlen', 'Fichten', 'Tannen', 'Holunder', 'Flieder', 'Amsel',
  'Drossel', 'Finken', 'Lerchen', 'Meisen', 'Brunnen', 'Quellen', 'Bach', 'Weiher', 'Heide', 'Ginster', 'Weiden', 'Hasel',
  'Kirschen', 'Apfel', 'Hopfen', 'Töpfer', 'Weber', 'Schmiede', 'Markt', 'Post', 'Rathaus', 'Kloster', 'Burg', 'Schloss',
];

/**
 * First names and surnames ranked by frequency: those of the matching test set (seeded), then
 * invented ones, so a large population has a long tail like real registers.
 */
export function namePools(seed: number) {
  const set = generateTestSet({ persons: 20_000, seed });
  const count = (xs: string[]) => {
    const m = new Map<string, number>();
    for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
    return [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([x]) => x);
  };
  const base = set.records.filter((r) => r.role !== 'variant').map((r) => r.record);
  const firsts = count(base.map((r) => r.firstName).filter((n) => !n.includes(' ')));
  const lasts = count(base.map((r) => r.lastName).filter((n) => !n.includes('-') && !/^(von|van|de|zu) /.test(n)));
  const rng = mulberry32(seed + 1);
  const invented = SURNAME_HEADS.flatMap((h) => SURNAME_TAILS.map((t) => h + t)).filter((n) => !lasts.includes(n));
  for (let i = invented.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [invented[i], invented[j]] = [invented[j], invented[i]];
  }
  const surnames = [...lasts, ...invented];
  return { first: rankedSampler(firsts, 25), last: rankedSampler(surnames, 60), surnames };
}

/** Bulk load of generated rows through unnest(), 20,000 rows per statement. */
export async function unnestInsertChunks(db: Database, table: string, columns: [string, string][], rows: unknown[][]) {
  const CHUNK = 20_000;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = rows.slice(i, i + CHUNK);
    const arrays = columns.map((_, c) => part.map((r) => r[c]));
    const text = `insert into ${table} (${columns.map(([n]) => n).join(', ')}) select * from unnest(${columns.map(([, t], c) => `$${c + 1}::${t}[]`).join(', ')})`;
    await unsafeInternalTx(db, null, async (tx) => {
      // Bulk load of generated, consistent rows: foreign-key triggers off for this transaction.
      await sql`set local session_replication_role = replica`.execute(tx.db);
      await tx.db.executeQuery(CompiledQuery.raw(text, arrays));
    });
  }
}

export const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : 0;
};

export function codeStateOf() {
  try {
    const head = execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
    const dirty = execSync('git status --porcelain -- src migrations', { encoding: 'utf8' }).trim();
    return `commit ${head}${dirty ? ' plus uncommitted changes in src/ or migrations/' : ''}`;
  } catch {
    return 'unknown (no git)';
  }
}

/** Replaces (or appends) the section `heading` of docs/benchmarks.md, naming the script that wrote it. */
export function writeDocsSection(heading: string, script: string, section: string) {
  const path = new URL('../docs/benchmarks.md', import.meta.url);
  const block = `${heading}\n\n<!-- Written by \`npm run ${script}\` (bench/${script.slice('bench:'.length)}.ts); rerun it instead of editing by hand. -->\n\n${section.trim()}\n`;
  let text = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n\nEvery figure is printed next to a baseline measured in the same run; compare the ratios.\n';
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.trim() === heading);
  if (start === -1) text = `${text.trimEnd()}\n\n${block}`;
  else {
    let end = lines.findIndex((l, i) => i > start && /^## /.test(l));
    if (end === -1) end = lines.length;
    text = [...lines.slice(0, start), ...block.trimEnd().split('\n'), ...(end < lines.length ? ['', ...lines.slice(end)] : [])].join('\n');
  }
  writeFileSync(path, text.endsWith('\n') ? text : `${text}\n`);
}
