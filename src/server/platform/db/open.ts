import type { Config } from '../config/config.js';
import { openEmbedded, openServer, type Database } from './connect.js';
import { migrate } from './migrate.js';

/** Opens the configured engine and brings its schema up to date. */
export async function openDatabase(config: Config): Promise<Database> {
  const db =
    config.database.kind === 'server' ? await openServer(config.database.url) : await openEmbedded(config.database.dataDir);
  try {
    await migrate(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}
