import { loadConfig } from '../platform/config/config.js';
import { openEmbedded, openServer } from '../platform/db/connect.js';
import { migrate } from '../platform/db/migrate.js';

const config = loadConfig();
const db = config.database.kind === 'server' ? await openServer(config.database.url, 1) : await openEmbedded(config.database.dataDir);
try {
  const applied = await migrate(db);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
} finally {
  await db.close();
}
