import type { AppDb } from './db.ts';
import { MeilisearchEngine } from './meilisearch-engine.ts';
import { PostgresSearchEngine } from './postgres-engine.ts';
import type { SearchEngine } from './types.ts';

export * from './types.ts';
export { SyncWorker } from './sync-worker.ts';
export { enqueueDemand, enqueueDemands, outboxLag } from './outbox.ts';
export { allDocuments, loadDocuments } from './documents.ts';
export { highlight } from './snippet.ts';

/** Meilisearch when MEILI_URL is set, otherwise the built-in PostgreSQL engine. */
export function createSearchEngine(db: AppDb, options: { meiliUrl?: string; meiliKey?: string; meiliPrefix?: string }): SearchEngine {
  return options.meiliUrl
    ? new MeilisearchEngine({ url: options.meiliUrl, key: options.meiliKey, prefix: options.meiliPrefix })
    : new PostgresSearchEngine(db);
}

/** Rebuilds the live index from the database, then re-enqueues what changed meanwhile. */
export async function reindex(db: AppDb, engine: SearchEngine) {
  const { allDocuments } = await import('./documents.ts');
  const { enqueueDemands } = await import('./outbox.ts');
  const { sql } = await import('kysely');
  const started = await sql<{ now: Date }>`select clock_timestamp() as now`.execute(db);
  await engine.init();
  const result = await engine.rebuild(allDocuments(db));
  // Changes committed while the new index was built may have been read before they happened.
  const changed = await sql<{ id: string }>`select id from demands where updated_at >= ${started.rows[0].now}`.execute(db);
  await enqueueDemands(
    db,
    changed.rows.map((r) => r.id),
  );
  return { ...result, requeued: changed.rows.length };
}
