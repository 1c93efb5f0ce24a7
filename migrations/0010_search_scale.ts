import { sql, type Kysely } from 'kysely';

/**
 * Search at scale (issue 16):
 * - `tsv` now carries one position per weighted occurrence (title ×3, key fields ×2,
 *   body ×1), from which the engine reads term frequencies for BM25; `len` is the
 *   document's weighted length; `hi_tsv` holds the tokens a document is strong in
 *   (weighted frequency ≥ 3, e.g. every title token), to shortlist candidates by score;
 * - token vectors compressed with lz4 where the server has it (faster to read back);
 * - the public board's order and count as indexes;
 * - a NOTIFY on every outbox insert wakes the sync workers at once (they still poll);
 * - every indexed demand is queued again, so the workers rewrite the documents in the
 *   new form (searches keep working meanwhile, with frequencies of 1).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table search_documents add column len integer not null default 0, add column hi_tsv tsvector not null default ''::tsvector`.execute(
    db,
  );
  await sql`create index search_documents_hi_tsv on search_documents using gin (hi_tsv)`.execute(db);
  // Inserting a document adds ~500 entries to the token index: a larger pending list lets
  // GIN merge them in bigger sorted batches (measured 3× faster per batch of 1,000);
  // searches read the pending list too, and vacuum empties it.
  await sql`alter index search_documents_tsv set (gin_pending_list_limit = 16384)`.execute(db);
  await sql`
    do $$ begin
      alter table search_documents alter column tsv set compression lz4, alter column hi_tsv set compression lz4, alter column key_tsv set compression lz4;
    exception when others then
      raise notice 'lz4 compression unavailable: token vectors stay pglz-compressed';
    end $$`.execute(db);
  await sql`
    create function search_outbox_notify() returns trigger language plpgsql as $$
    begin
      perform pg_notify('search_outbox', '');
      return null;
    end $$`.execute(db);
  await sql`create trigger search_outbox_notify after insert on search_outbox for each statement execute function search_outbox_notify()`.execute(
    db,
  );
  // The public board (GET /api/demands?public=1): its order as an index, so a page is read
  // in order instead of sorting every demand; and its total as an index-only count.
  await sql`create index demands_board on demands (published_at desc nulls last, created_at desc)`.execute(db);
  await sql`create index demands_public_count on demands (status, edition_id, topic_id) where published_content is not null`.execute(db);
  await sql`
    insert into search_outbox (entity, entity_id)
    select 'demand', id from demands where published_content is not null`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
