import type { AppDb } from './db.ts';
import { sql } from 'kysely';

/**
 * The transactional outbox. Call `enqueueDemand` inside the transaction that
 * changes a demand: the row commits with the change or not at all, so a crash
 * never loses an index update.
 */
export async function enqueueDemand(trx: AppDb, demandId: string): Promise<void> {
  await sql`insert into search_outbox (entity, entity_id) values ('demand', ${demandId})`.execute(trx);
}

export async function enqueueDemands(db: AppDb, demandIds: string[]): Promise<void> {
  if (!demandIds.length) return;
  await sql`insert into search_outbox (entity, entity_id) select 'demand', unnest(${demandIds}::uuid[])`.execute(db);
}

/** Search lag: age in seconds of the oldest update not yet applied (0 when none). */
export async function outboxLag(db: AppDb): Promise<{ pending: number; oldestSeconds: number; failing: number }> {
  const { rows } = await sql<{ pending: number; oldest: number | null; failing: number }>`
    select count(*)::int as pending,
           extract(epoch from clock_timestamp() - min(created_at))::float8 as oldest,
           count(*) filter (where attempts > 0)::int as failing
    from search_outbox where processed_at is null`.execute(db);
  const r = rows[0];
  return { pending: r.pending, oldestSeconds: Math.round((r.oldest ?? 0) * 1000) / 1000, failing: r.failing };
}

/** Processed rows are kept a while for inspection, then removed. */
export async function pruneOutbox(db: AppDb, olderThanHours = 24): Promise<void> {
  await sql`delete from search_outbox where processed_at < now() - make_interval(hours => ${olderThanHours})`.execute(db);
}
