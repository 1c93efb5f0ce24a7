import { createSearchEngine, reindex } from '@jb/search';
import { loadConfig } from '../config.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { openDatabase } from '../db/open.ts';

/** npm run search:reindex — builds a fresh index from the database and swaps it in without downtime. */
const config = loadConfig();
const database = await openDatabase(config);
try {
  await migrateToLatest(database.db);
  const engine = createSearchEngine(database.db, { meiliUrl: config.meiliUrl, meiliKey: config.meiliKey });
  const started = performance.now();
  const result = await reindex(database.db, engine);
  console.log(
    `${engine.name}: ${result.documents} documents in ${result.indexName} (${Math.round(performance.now() - started)} ms); ` +
      `${result.requeued} changed meanwhile and re-queued for the sync worker`,
  );
} finally {
  await database.close();
}
