import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEmbedded } from '../src/server/platform/db/connect.js';
import { migrate } from '../src/server/platform/db/migrate.js';

/**
 * Embedded runs: migrate one PGlite once and hand its data directory to every test file as a
 * template (loading it is about twice as fast as initdb + migrations). Server runs need nothing.
 */
export default async function setup() {
  if (process.env.DATABASE_URL) return;
  const db = await openEmbedded(null);
  await migrate(db);
  const dump = await db.dump!();
  await db.close();
  const dir = mkdtempSync(join(tmpdir(), 'bleibe-template-'));
  const file = join(dir, 'template.tar');
  writeFileSync(file, Buffer.from(dump));
  process.env.BLEIBE_TEST_TEMPLATE = file;
  return () => rmSync(dir, { recursive: true, force: true });
}
