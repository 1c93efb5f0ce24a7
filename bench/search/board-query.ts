/**
 * The public board's query before and after issue 16, on the benchmark's kept database
 * (BENCH_DATA_DIR=.data/bench100k npx tsx bench/search/board-query.ts): the page of 20
 * and the total as they were (a sort and a count over a five-table join, without the
 * board indexes, dropped inside a rolled-back transaction) against the repository's
 * listDemands today, interleaved, median of 12.
 */
import { sql } from 'kysely';
import * as repo from '@jb/api/modules/demands/demands.repository.ts';
import { openBenchDatabase, round } from '../support.ts';

const LIVE = sql`demands.published_content is not null and demands.status in ('published','pending_review','rejected','closed','disqualified')`;
const JOINS = sql`from demands join organizations o on o.id = demands.org_id join topics t on t.id = demands.topic_id
  join tracks tr on tr.id = t.track_id join editions e on e.id = demands.edition_id`;

const { db, close } = await openBenchDatabase();
try {
  const median = (a: number[]) => round([...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]);
  const before: number[] = [];
  const after: number[] = [];
  for (let i = 0; i < 12; i++) {
    await db
      .transaction()
      .execute(async (trx) => {
        await sql`drop index if exists demands_board`.execute(trx);
        await sql`drop index if exists demands_public_count`.execute(trx);
        const t = performance.now();
        await Promise.all([
          sql`select demands.*, o.name, t.title, tr.id, tr.name, tr.full_name, e.name,
                (select count(*) from demand_follows f where f.demand_id = demands.id) ${JOINS}
              where ${LIVE} order by demands.published_at desc nulls last, demands.created_at desc limit 20`.execute(trx),
          sql`select count(*) ${JOINS} where ${LIVE}`.execute(trx),
        ]);
        before.push(performance.now() - t);
        throw new Error('rollback');
      })
      .catch((error: Error) => {
        if (error.message !== 'rollback') throw error;
      });
    const t = performance.now();
    await repo.listDemands(db, { visibility: { all: false, memberOrgIds: [] }, limit: 20, offset: 0 });
    after.push(performance.now() - t);
  }
  const demands = (await sql<{ n: number }>`select count(*)::int as n from demands`.execute(db)).rows[0].n;
  console.log(
    `board query (page of 20 + total) at ${demands} demands: before p50 ${median(before)} ms, after p50 ${median(after)} ms → ${round(median(before) / median(after))}× faster`,
  );
} finally {
  await close();
}
