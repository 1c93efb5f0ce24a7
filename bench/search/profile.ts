/**
 * Where the time goes, on the benchmark's kept database (after a bench run filled the index):
 *   BENCH_DATA_DIR=.data/bench100k npx tsx bench/search/profile.ts [explain|index]
 * explain: EXPLAIN (ANALYZE, BUFFERS) of the engine's statement for the bench's slowest
 *          query shapes (a common word with an access-mode or track filter);
 * index:   one batch of 1,000 documents written inside a rolled-back transaction, split
 *          into loading, JS tokenisation and the statement, with every index, without
 *          the token index, and without any.
 */
import { sql } from 'kysely';
import { createSearchEngine, loadDocuments } from '@jb/search';
import { searchStatement } from '@jb/search/postgres-query.ts';
import { documentTerms } from '@jb/search/scoring.ts';
import { queryWords, rankLexemes, termQuery } from '@jb/search/tokenize.ts';
import { ESTIMATE_ABOVE, type SearchQuery } from '@jb/search/types.ts';
import { openBenchDatabase, round } from '../support.ts';

const mode = process.argv[2] ?? 'explain';
const { db, close } = await openBenchDatabase();
try {
  const engine = createSearchEngine(db, {});
  const index = (await sql<{ name: string }>`select name from search_indexes where state = 'live'`.execute(db)).rows[0]?.name;
  if (mode === 'explain') {
    const edition = (await sql<{ id: string }>`select edition_id as id from search_documents limit 1`.execute(db)).rows[0].id;
    const track = (
      await sql<{ id: string }>`select track_id as id from search_documents group by 1 order by count(*) desc limit 1`.execute(db)
    ).rows[0].id;
    const shapes: [string, Partial<SearchQuery>][] = [
      ['数据要素', { accessModes: ['api'] }],
      ['数据要素', { trackIds: [track] }],
      ['交通', { accessModes: ['download'] }],
      ['大模型', { trackIds: [track] }],
      ['陶瓷缺陷检测', { accessModes: ['api'] }],
    ];
    for (const [q, filter] of shapes) {
      const query = { q, editionId: edition, sort: 'relevance', page: 1, pageSize: 10, ...filter } as SearchQuery;
      await engine.search(query); // fills the idf cache
      const t0 = performance.now();
      const result = await engine.search(query);
      const took = performance.now() - t0;
      const words = queryWords(q);
      const ranking = await (engine as unknown as { rankingOf(i: string, l: string[]): Promise<never> }).rankingOf(
        index,
        rankLexemes(words),
      );
      const statement = searchStatement(index, query, { match: words.map(termQuery).join(' & '), rank: ranking }, ESTIMATE_ABOVE);
      const compiled = statement.compile(db);
      const plan = await db.transaction().execute(async (trx) => {
        await sql`set local enable_seqscan = off; set local enable_indexscan = off`.execute(trx);
        const { rows } = await trx.executeQuery({
          ...compiled,
          sql: `explain (analyze, buffers, costs off) ${compiled.sql}`,
        } as typeof compiled);
        return { rows: rows as { 'QUERY PLAN': string }[] };
      });
      console.log(`\n=== ${q} ${JSON.stringify(filter)}: total ${result.total}, engine ${round(took)} ms`);
      console.log(plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
    }
  } else {
    const ids = (await sql<{ id: string }>`select id from demands order by id limit 1000`.execute(db)).rows.map((r) => r.id);
    for (const drop of [[], ['search_documents_tsv'], ['search_documents_tsv', 'search_documents_key_tsv', 'search_documents_hi_tsv']]) {
      await db
        .transaction()
        .execute(async (trx) => {
          for (const name of drop) await sql`drop index ${sql.id(name)}`.execute(trx);
          let t = performance.now();
          const docs = await loadDocuments(trx, ids);
          const load = performance.now() - t;
          t = performance.now();
          for (const d of docs.values()) documentTerms(d);
          const terms = performance.now() - t;
          const trxEngine = createSearchEngine(trx, {});
          t = performance.now();
          await sql`delete from search_documents where id = any(${ids}::uuid[])`.execute(trx);
          const del = performance.now() - t;
          t = performance.now();
          await trxEngine.upsert([...docs.values()]);
          const write = performance.now() - t;
          console.log(
            `without [${drop.join(', ')}]: load ${round(load)} ms, JS terms ${round(terms)} ms, delete ${round(del)} ms, upsert ${round(write)} ms (${docs.size} docs)`,
          );
          throw new Error('rollback');
        })
        .catch((e: Error) => {
          if (e.message !== 'rollback') throw e;
        });
    }
  }
} finally {
  await close();
}
