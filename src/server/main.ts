import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './platform/config/config.js';
import { openDatabase } from './platform/db/open.js';
import { seedDemo } from './modules/demo/seed.js';
import { registerJobs, startScheduler } from './platform/jobs/scheduler.js';
import { allJobs } from './jobs.js';

async function main() {
  const config = loadConfig();
  const db = await openDatabase(config);
  if (config.demo && (await seedDemo(db, { cases: { config } }))) console.log('Demo data "Kreis Musterland" loaded (password for all demo accounts: Bleibe-Demo-2026!)');
  const app = await buildApp({ config, db });
  const services = { db, config, log: app.log, now: () => new Date() };
  await registerJobs(services, allJobs);
  const stopScheduler = startScheduler(services, allJobs);
  const close = async () => {
    await stopScheduler();
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', close);
  process.once('SIGTERM', close);
  await app.listen({ port: config.port, host: config.host });
  app.log.info(`Bleibe listens on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port} (${db.engine} database${config.demo ? ', demo mode' : ''})`);
}

main().catch((err) => {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(2);
  }
  console.error(err);
  process.exit(1);
});
