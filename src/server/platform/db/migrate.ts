import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Database } from './connect.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../../../migrations/', import.meta.url));

export interface MigrationFile {
  name: string;
  sql: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => ({ name, sql: readFileSync(dir + name, 'utf8') }));
}

/**
 * Applies pending migrations in order, each in its own transaction. An advisory lock keeps two
 * processes starting against the same PostgreSQL server from migrating at the same time.
 */
export async function migrate(db: Database, files = readMigrations()): Promise<string[]> {
  await db.execScript(`create table if not exists schema_migrations (
      name text primary key, applied_at timestamptz not null default now())`);
  const applied: string[] = [];
  await db.kysely.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(4711001)`.execute(conn);
    try {
      const done = new Set(
        (await conn.selectFrom('schema_migrations').select('name').execute()).map((r) => r.name),
      );
      for (const file of files) {
        if (done.has(file.name)) continue;
        await conn.transaction().execute(async (trx) => {
          await db.execScript(file.sql, trx);
          await trx.insertInto('schema_migrations').values({ name: file.name }).execute();
        });
        applied.push(file.name);
      }
    } finally {
      await sql`select pg_advisory_unlock(4711001)`.execute(conn);
    }
  });
  return applied;
}
