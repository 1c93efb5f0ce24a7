import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { startScheduler } from './jobs/scheduler.ts';
import { startMaintenance } from './jobs/maintenance.ts';
import { createSearchEngine, SyncWorker } from '@jb/search';
import { migrateToLatest } from './db/migrate.ts';
import { openDatabase } from './db/open.ts';
import { ensureAdmin } from './seed/admin.ts';
import { seedDemo } from './seed/demo.ts';
import { LocalFileStorage } from './lib/storage/file-storage.ts';
import { outboxListener } from './modules/search/outbox-listener.ts';
import path from 'node:path';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }

  console.log(config.databaseUrl ? 'Connecting to PostgreSQL (DATABASE_URL)…' : `Starting embedded PostgreSQL in ${config.dataDir}/pg …`);
  const database = await openDatabase(config);
  await migrateToLatest(database.db);
  if (config.admin) await ensureAdmin(database.db, config.admin);
  const storage = new LocalFileStorage(path.join(config.dataDir, 'files'));
  if (config.seedDemo) await seedDemo(database.db, new Date(), { storage });

  const search = createSearchEngine(database.db, { meiliUrl: config.meiliUrl, meiliKey: config.meiliKey });
  await search.init();
  const app = await buildApp({
    config,
    db: database.db,
    search,
    storage,
    uploadLimits: config.uploadLimits,
    webBuildDir: config.webBuildDir,
    security: config.security,
    chat: { databaseUrl: database.url },
  });
  const stopMaintenance = startMaintenance(database.db, storage, app.log);
  const stopScheduler = startScheduler(database.db, app.log);
  // The sync worker applies the search outbox; it can also run alone (npm run search:worker).
  const worker = new SyncWorker(database.db, search, { log: app.log, listen: outboxListener(database.url, app.log) });
  worker.start();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    try {
      await stopScheduler();
      stopMaintenance();
      await worker.stop();
      await app.close();
    } finally {
      await database.close();
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  console.log(`\n  揭榜挂帅平台已启动: http://${shown}:${config.port}/  ·  API 文档: http://${shown}:${config.port}/api/docs\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
