import { sql, type Kysely } from 'kysely';

/**
 * Search at scale (issue 16, third pass): a token index over a uniform sixteenth of the
 * documents (ids ending in 0; ids are random UUIDs). A first results page of a common query
 * reads its estimated total and facets from the sample's first matches instead of building
 * the full index's bitmap of every match (search/src/postgres-query.ts, SAMPLE).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create index if not exists search_documents_tsv_sample on search_documents using gin (tsv)
    with (gin_pending_list_limit = 65536) where (right(id::text, 1) = '0')`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
