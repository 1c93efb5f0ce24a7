import { sql, type Kysely } from 'kysely';

/**
 * Search speed (issue 16, second pass):
 * - `hi_tsv` now holds a token once per impact level its BM25 term weight reaches
 *   (frequency and length together, search/src/scoring.ts), so the strongest documents
 *   are found level by level through its index instead of by sorting the matches;
 * - the key-field index is no longer read (deep pages order by the impact index), so
 *   it is dropped: one GIN index less to maintain on every write;
 * - `key_tsv` itself (no longer read) is dropped, one vector less to build and store per write;
 * - larger GIN pending lists (64 MB), merged in larger chunks;
 * - every indexed demand is queued again, so the sync workers rewrite the documents in
 *   the new form in the background (searches keep working meanwhile).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists search_documents_key_tsv`.execute(db);
  await sql`alter table search_documents drop column if exists key_tsv`.execute(db);
  // Writers merge the pending lists in chunks of their work_mem (the engine raises it to 128 MB
  // for its writes): 64 MB lists merged in large chunks, 1.5x faster than 16 MB in 4 MB chunks
  // at 100k documents (bench/search/profile.ts gin).
  await sql`alter index search_documents_tsv set (gin_pending_list_limit = 65536)`.execute(db);
  await sql`alter index search_documents_hi_tsv set (gin_pending_list_limit = 65536)`.execute(db);
  await sql`
    insert into search_outbox (entity, entity_id)
    select 'demand', id from demands where published_content is not null`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
