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
import { searchStatement, type TextMatch } from '@jb/search/postgres-query.ts';
import { documentTerms } from '@jb/search/scoring.ts';
import { queryWords, termQuery } from '@jb/search/tokenize.ts';
import { ESTIMATE_ABOVE, type SearchQuery } from '@jb/search/types.ts';
import { openBenchDatabase, round } from '../support.ts';

const mode = process.argv[2] ?? 'explain';
const { db, close } = await openBenchDatabase();
try {
  const engine = createSearchEngine(db, {});
  const index = (await sql<{ name: string }>`select name from search_indexes where state = 'live'`.execute(db)).rows[0]?.name;
  if (mode === 'explain') {
    await sql`vacuum analyze search_documents`.execute(db); // as the bench does before measuring: empties the GIN pending lists
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
      // The statement as the engine runs it: the ranking of the query's words, the strongest
      // documents' probe, and the sample when the words are common.
      const words = queryWords(q);
      const internals = engine as unknown as {
        rankingOf(index: string, words: string[]): Promise<NonNullable<TextMatch['rank']>>;
        strongest(trx: unknown, index: string, query: SearchQuery, rank: NonNullable<TextMatch['rank']>): Promise<object>;
        stats_: Map<string, { documents: number; sampled: number }>;
      };
      const ranking = await internals.rankingOf(index, words);
      const stats = internals.stats_.get(index)!;
      const sampled = Math.min(...ranking.df) >= 4 * ESTIMATE_ABOVE ? stats.documents / stats.sampled : undefined;
      const plan = await db.transaction().execute(async (trx) => {
        await sql`set local enable_seqscan = off; set local enable_indexscan = off; set local max_parallel_workers_per_gather = 0`.execute(
          trx,
        );
        const strong = await internals.strongest(trx, index, query, ranking);
        const match = words.map(termQuery).join(' & ');
        const compiled = searchStatement(index, query, { match, rank: ranking, ...strong }, ESTIMATE_ABOVE, sampled).compile(trx);
        const { rows } = await trx.executeQuery({
          ...compiled,
          sql: `explain (analyze, buffers, costs off) ${compiled.sql}`,
        } as typeof compiled);
        return { rows: rows as unknown as { 'QUERY PLAN': string }[] };
      });
      console.log(`\n=== ${q} ${JSON.stringify(filter)}: total ${result.total}, engine ${round(took)} ms`);
      console.log(plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
    }
  } else if (mode === 'board') {
    // The public board's steps, each timed 30 times (median): page, count, bid counts, DTOs, response check, JSON.
    const { listDemands } = await import('@jb/api/modules/demands/demands.service.ts');
    const repo = await import('@jb/api/modules/demands/demands.repository.ts');
    const { demandListResponse } = await import('@jb/api/modules/demands/demands.schemas.ts');
    const median = async (f: () => Promise<unknown> | unknown) => {
      const t: number[] = [];
      for (let i = 0; i < 30; i++) {
        const s0 = performance.now();
        await f();
        t.push(performance.now() - s0);
      }
      return round(t.sort((a, b) => a - b)[15], 2);
    };
    const visibility = { all: false, memberOrgIds: [] };
    const body = await listDemands(db, null, { public: '1', page: 1, pageSize: 20 });
    console.log('service listDemands', await median(() => listDemands(db, null, { public: '1', page: 1, pageSize: 20 })), 'ms');
    console.log('repo listDemands (page + count)', await median(() => repo.listDemands(db, { visibility, limit: 20, offset: 0 })), 'ms');
    console.log('count only (page of 0)', await median(() => repo.listDemands(db, { visibility, limit: 0, offset: 0 })), 'ms');
    console.log(
      'bid counts',
      await median(() =>
        repo.countBidsFor(
          db,
          body.items.map((i) => i.id),
        ),
      ),
      'ms',
    );
    console.log('zod response check', await median(() => demandListResponse.parse(body)), 'ms');
    const plan = await sql<{ 'QUERY PLAN': string }>`explain (analyze, buffers, costs off)
      select demands.*, o.name, t.title, tr.id, tr.name, tr.full_name, e.name,
        (select count(*) from demand_follows f where f.demand_id = demands.id) as follower_count
      from demands join organizations o on o.id = demands.org_id join topics t on t.id = demands.topic_id
        join tracks tr on tr.id = t.track_id join editions e on e.id = demands.edition_id
      where demands.published_content is not null
        and demands.status in ('published','pending_review','rejected','closed','disqualified')
      order by demands.published_at desc nulls last, demands.created_at desc limit 20`.execute(db);
    console.log(plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
    const { buildApp } = await import('@jb/api/app.ts');
    const { LocalFileStorage } = await import('@jb/api/lib/storage/file-storage.ts');
    const os = await import('node:os');
    const path = await import('node:path');
    const app = await buildApp({
      config: { jwtSecret: 'bench'.padEnd(40, '-'), nodeEnv: 'production', logLevel: 'silent' },
      db,
      search: engine,
      logger: false,
      webBuildDir: false,
      storage: new LocalFileStorage(path.join(os.tmpdir(), 'jb-bench-files')),
    });
    console.log('inject GET /api/demands?public=1', await median(() => app.inject('/api/demands?public=1')), 'ms');
    console.log('inject GET /api/health', await median(() => app.inject('/api/health')), 'ms');
    await app.close();
    console.log('JSON.stringify', await median(() => JSON.stringify(body)), 'ms', JSON.stringify(body).length, 'bytes');
  } else if (mode === 'gin') {
    // Sustained writes (5 batches of 1,000) with the GIN pending list flushed in work_mem-sized
    // chunks: the server's default work_mem against a larger one, and larger pending lists.
    const ids = (await sql<{ id: string }>`select id from demands order by id limit 5000`.execute(db)).rows.map((r) => r.id);
    const docs = [...(await loadDocuments(db, ids)).values()];
    const configs = (process.env.PROFILE_GIN ?? '4MB:16384,128MB:65536,4MB:16384,128MB:65536').split(',').map((c) => c.split(':'));
    for (const [workMem, pending] of configs) {
      await db
        .transaction()
        .execute(async (trx) => {
          await sql.raw(`set local work_mem = '${workMem}'`).execute(trx);
          // a pending list of 0 kB: no pending list (fastupdate off)
          const option = pending === '0' ? 'fastupdate = off' : `fastupdate = on, gin_pending_list_limit = ${pending}`;
          await sql.raw(`alter index search_documents_tsv set (${option})`).execute(trx);
          await sql.raw(`alter index search_documents_hi_tsv set (${option})`).execute(trx);
          await sql`delete from search_documents where id = any(${ids}::uuid[])`.execute(trx);
          const trxEngine = createSearchEngine(trx, {});
          const t = performance.now();
          for (let i = 0; i < docs.length; i += 1000) await trxEngine.upsert(docs.slice(i, i + 1000));
          console.log(`work_mem ${workMem}, pending list ${pending} kB: ${docs.length} docs in ${round(performance.now() - t)} ms`);
          throw new Error('rollback');
        })
        .catch((e: Error) => {
          if (e.message !== 'rollback') throw e;
        });
    }
  } else if (mode === 'wal') {
    // The database's own cost of writing 2,000 documents (no JS): into a scratch copy of the
    // table with its indexes, logged or unlogged, inside a rolled-back transaction.
    for (const kind of ['', 'unlogged', '', 'unlogged']) {
      for (const indexes of [true, false]) {
        await db
          .transaction()
          .execute(async (trx) => {
            await sql
              .raw(`create ${kind} table scratch (like search_documents including defaults ${indexes ? 'including indexes' : ''})`)
              .execute(trx);
            const t = performance.now();
            await sql`insert into scratch select * from search_documents order by id limit 2000`.execute(trx);
            console.log(
              `${kind || 'logged'}, ${indexes ? 'with indexes' : 'no indexes'}: 2,000 rows in ${round(performance.now() - t)} ms`,
            );
            throw new Error('rollback');
          })
          .catch((e: Error) => {
            if (e.message !== 'rollback') throw e;
          });
      }
    }
  } else {
    const ids = (await sql<{ id: string }>`select id from demands order by id limit 1000`.execute(db)).rows.map((r) => r.id);
    for (const drop of [[], ['search_documents_tsv'], ['search_documents_tsv', 'search_documents_hi_tsv']]) {
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
