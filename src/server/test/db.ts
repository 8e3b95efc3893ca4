import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { openEmbedded, openServer, type Database } from '../platform/db/connect.js';
import { migrate } from '../platform/db/migrate.js';

/**
 * A migrated database of its own for one test file: an in-memory PGlite by default, or — when
 * DATABASE_URL is set — a fresh database on that PostgreSQL server, dropped afterwards.
 */
export async function createTestDatabase(): Promise<{ db: Database; drop(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    // A migrated template from the global setup, when there is one (see scripts/test-global-setup.ts).
    const template = process.env.BLEIBE_TEST_TEMPLATE;
    const db = await openEmbedded(null, template ? toArrayBuffer(readFileSync(template)) : undefined);
    await migrate(db); // a no-op on the template; keeps a stale template from hiding a migration
    return { db, drop: () => db.close() };
  }
  const name = `bleibe_test_${randomBytes(6).toString('hex')}`;
  const adminUrl = new URL(url);
  const maintenance = await openServer(withDatabase(adminUrl, 'postgres'), 1);
  await sql.raw(`create database ${name}`).execute(maintenance.kysely);
  const db = await openServer(withDatabase(adminUrl, name), 5);
  await migrate(db);
  return {
    db,
    async drop() {
      await db.close();
      await sql.raw(`drop database if exists ${name} with (force)`).execute(maintenance.kysely);
      await maintenance.close();
    },
  };
}

function withDatabase(url: URL, database: string) {
  const u = new URL(url.toString());
  u.pathname = `/${database}`;
  return u.toString();
}

export const engineName = () => (process.env.DATABASE_URL ? 'server' : 'embedded');

const toArrayBuffer = (b: Buffer) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
