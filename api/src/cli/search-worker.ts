import pino from 'pino';
import { createSearchEngine, SyncWorker } from '@jb/search';
import { loadConfig } from '../config.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { openDatabase } from '../db/open.ts';
import { outboxListener } from '../modules/search/outbox-listener.ts';

/** npm run search:worker — the sync worker alone (the app also runs one; several can run side by side). */
const config = loadConfig();
const log = pino({ level: config.logLevel });
const database = await openDatabase(config);
await migrateToLatest(database.db);
const engine = createSearchEngine(database.db, { meiliUrl: config.meiliUrl, meiliKey: config.meiliKey });
await engine.init();
const worker = new SyncWorker(database.db, engine, {
  log,
  listen: outboxListener(database.url, log),
  // Test hook for the crash test: pause after the engine applied a batch, before the rows are marked done.
  afterApply: process.env.SEARCH_WORKER_PAUSE_AFTER_APPLY_MS
    ? async (rows) => {
        log.info({ rows: rows.length }, 'batch applied; pausing before commit (test hook)');
        await new Promise((r) => setTimeout(r, Number(process.env.SEARCH_WORKER_PAUSE_AFTER_APPLY_MS)));
      }
    : undefined,
});
worker.start();
log.info({ engine: engine.name }, 'search sync worker started');
const stop = async () => {
  await worker.stop();
  await database.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
