/**
 * Search benchmark: npm run bench:search  (BENCH_DOCS=100000 by default)
 *
 * 0. generates BENCH_DOCS published demands (text from the seed documents) next to the
 *    20 seeded ones, in a fresh embedded PostgreSQL, or once into BENCH_DATA_DIR and
 *    reused by later runs (the index is emptied and rebuilt every run);
 * 1. relevance on the small corpus: the relevance suite's 48 queries over the seeded demands;
 * 2. indexing throughput: the sync worker (two loops) drains the outbox of the distractors;
 * 3. relevance at scale: the same 48 queries, and the top-10 overlap with a BM25 reference
 *    computed in this run over every document (bench/search/relevance.ts);
 * 4. API latency of searches with text + 2 filters + facets, through HTTP, at
 *    concurrency 1 and 8 (p50/p95/p99), with GET /api/health measured the same way as
 *    the baseline the ratios refer to;
 * 5. lag from commit to applied at 50 writes/s (worker woken by NOTIFY), and end-to-end
 *    probes that find the written document by a new random word;
 * 6. the public board's req/s against a bare Fastify route.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { sql, type Insertable } from 'kysely';
import { buildApp } from '@jb/api/app.ts';
import { LocalFileStorage } from '@jb/api/lib/storage/file-storage.ts';
import type { DB } from '@jb/api/db/database.ts';
import type { Database } from '@jb/api/db/schema.ts';
import { migrateToLatest } from '@jb/api/db/migrate.ts';
import { updateDemand } from '@jb/api/modules/demands/demands.repository.ts';
import { seedDemo } from '@jb/api/seed/demo.ts';
import { outboxListener } from '@jb/api/modules/search/outbox-listener.ts';
import { createSearchEngine, reindex, SyncWorker } from '@jb/search';
import { measureBoard } from './board.ts';
import { TextGenerator } from './generate.ts';
import { Bm25Reference, judgedTargets, judgeThroughApi, overlapWithReference } from './relevance.ts';
import { measure, openBenchDatabase, round, stats } from '../support.ts';

const DOCS = Number(process.env.BENCH_DOCS ?? 100_000);
const ACCESS = ['download', 'api', 'sandbox', 'onsite'];
const CITIES = [
  '石家庄市',
  '唐山市',
  '保定市',
  '邯郸市',
  '沧州市',
  '廊坊市',
  '邢台市',
  '秦皇岛市',
  '张家口市',
  '承德市',
  '衡水市',
  '雄安新区',
];
const QUERIES = [
  '陶瓷缺陷检测',
  '供应链金融',
  '算力调度',
  '新能源汽车',
  '数据安全',
  '安全生产',
  '医疗器械追溯',
  '智能排产',
  '成本控制',
  '产业集群',
  '文旅',
  '碳排放',
  '大模型',
  '隐私计算',
  '库存优化',
  '风险定价',
  '客流预测',
  '设备运维',
  '质量检测',
  'UDI',
  '物流数据',
  '信用评估',
  '能源管理',
  '工艺参数',
  '农业生产',
  '气象',
  '应急',
  '交通',
  '数据要素',
  '智能决策',
];

const log = (...args: unknown[]) => console.log(...args);

async function generate(db: DB, gen: TextGenerator, editionId: string) {
  const topics = await db
    .selectFrom('topics')
    .innerJoin('tracks', 'tracks.id', 'topics.track_id')
    .select(['topics.id'])
    .where('tracks.edition_id', '=', editionId)
    .execute();
  const orgs = await db.selectFrom('organizations').select(['id', 'created_by']).where('kind', '=', 'enterprise').execute();
  const now = Date.now();
  const batch = 1000;
  for (let start = 0; start < DOCS; start += batch) {
    const rows: Insertable<Database['demands']>[] = [];
    for (let i = start; i < Math.min(DOCS, start + batch); i++) {
      const org = gen.pick(orgs);
      const deadline = new Date(now + (5 + Math.floor(gen.random() * 60)) * 86400_000);
      const items = Array.from({ length: 2 + Math.floor(gen.random() * 3) }, () => ({
        name: gen.pick(gen.dataNames),
        description: gen.sentence(30, 80),
        fields: ['编号', '日期', '数量'],
        volume: `约${1 + Math.floor(gen.random() * 500)}万条`,
        accessMode: gen.pick(ACCESS),
        availableFrom: new Date(now - 5 * 86400_000).toISOString().slice(0, 10),
        openedAt: new Date(now).toISOString(),
        evidence: '已开放（基准测试数据）',
      }));
      const content = {
        title: gen.title(),
        businessNeed: gen.sentence(200, 500),
        techGoals: gen.sentence(80, 200),
        acceptanceCriteria: [gen.sentence(20, 60), gen.sentence(20, 60), gen.sentence(20, 60)],
        budgetCny: (30 + Math.floor(gen.random() * 470)) * 10_000,
        region: `河北省${gen.pick(CITIES)}`,
        contact: { name: '联系人', phone: '0311-80000000', email: 'bench@example.cn' },
        bidDeadline: deadline.toISOString(),
        dataScope: items,
      };
      rows.push({
        id: randomUUID(),
        org_id: org.id,
        edition_id: editionId,
        topic_id: gen.pick(topics).id,
        status: 'published' as const,
        content: JSON.stringify(content),
        published_content: JSON.stringify(content),
        published_version: 1,
        published_at: new Date(now - Math.floor(gen.random() * 90) * 86400_000),
        bid_deadline: deadline,
        created_by: org.created_by,
      });
    }
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('demands').values(rows).execute();
      await sql`insert into search_outbox (entity, entity_id) select 'demand', unnest(${rows.map((r) => r.id)}::uuid[])`.execute(trx);
    });
    if ((start / batch) % 10 === 0) process.stdout.write(`  generated ${start + rows.length}/${DOCS}\r`);
  }
  log(`  generated ${DOCS} demands`);
}

/** Empties the engine's index and the outbox, so indexing is measured from nothing (the generated demands are kept). */
async function resetIndex(db: DB) {
  await sql`truncate search_documents, search_payloads, search_outbox`.execute(db);
  await sql`delete from search_indexes`.execute(db);
}

const GENERATED = sql<boolean>`published_content->'contact'->>'email' = 'bench@example.cn'`;

async function main() {
  log(`search benchmark: ${DOCS} documents, ${os.cpus().length} cores, node ${process.version}, ${new Date().toISOString()}`);
  const { db, url, close } = await openBenchDatabase();
  try {
    await migrateToLatest(db);
    const { editionId } = await seedDemo(db);
    const gen = new TextGenerator();
    let t0 = performance.now();
    const existing = Number((await sql<{ n: number }>`select count(*)::int as n from demands where ${GENERATED}`.execute(db)).rows[0].n);
    if (existing >= DOCS) log(`  reusing ${existing} generated demands (BENCH_DATA_DIR)`);
    else {
      await generate(db, gen, editionId);
      log(`  generation: ${round((performance.now() - t0) / 1000)} s`);
    }
    if (process.env.BENCH_GENERATE_ONLY) return;
    await sql`vacuum analyze demands`.execute(db);

    const engine = createSearchEngine(db, { meiliUrl: process.env.MEILI_URL, meiliKey: process.env.MEILI_KEY });
    // BENCH_KEEP_INDEX=1: search-side changes only; the index of the previous run is kept (no small-corpus or indexing figures).
    const keepIndex = !!process.env.BENCH_KEEP_INDEX;
    if (engine.name === 'postgres' && !keepIndex) await resetIndex(db);
    await engine.init();
    const worker = new SyncWorker(db, engine, { listen: outboxListener(url) });
    const app = await buildApp({
      config: { jwtSecret: 'bench'.padEnd(40, '-'), nodeEnv: 'production', logLevel: 'silent' },
      db,
      search: engine,
      logger: false,
      webBuildDir: false,
      storage: new LocalFileStorage(path.join(os.tmpdir(), 'jb-bench-files')),
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const baseUrl = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;

    const targets = await judgedTargets(db, GENERATED);
    // 1. Relevance on the small corpus: the seeded demands alone.
    let small = { queries: 0, recall5: NaN, mrr: NaN, misses: [] as string[], matches: { median: 0, over100: 0 } };
    let syncRate: number | null = null;
    let settledRate: number | null = null;
    if (!keepIndex) {
      await sql`insert into search_outbox (entity, entity_id) select 'demand', id from demands where not ${GENERATED}`.execute(db);
      await worker.drain();
      small = await judgeThroughApi(baseUrl, targets);
      log(
        `relevance, ${(await engine.stats()).documents} seeded demands: ${small.queries} queries, recall@5 ${small.recall5}, MRR ${small.mrr}`,
      );

      // 2. Indexing the distractors through the outbox (two sync loops).
      await sql`insert into search_outbox (entity, entity_id) select 'demand', id from demands where ${GENERATED}`.execute(db);
      t0 = performance.now();
      await worker.drain();
      const syncSeconds = (performance.now() - t0) / 1000;
      // The documents are searchable once written; merging the token indexes' pending lists
      // (which the worker does once the outbox is drained) is timed too.
      await engine.settle?.();
      const settledSeconds = (performance.now() - t0) / 1000;
      const loaded = (await engine.stats()).documents;
      syncRate = round((loaded - 20) / syncSeconds, 0);
      settledRate = round((loaded - 20) / settledSeconds, 0);
      log(
        `indexing through the outbox (2 loops, batches of 1,000): ${loaded} docs, ${loaded - 20} in ${round(syncSeconds)} s = ${syncRate} docs/s;` +
          ` with the pending lists merged, ${round(settledSeconds)} s = ${settledRate} docs/s`,
      );
    }
    const indexed = (await engine.stats()).documents;
    let rebuildRate: number | null = null;
    if (process.env.BENCH_REBUILD) {
      t0 = performance.now();
      const rebuilt = await reindex(db, engine);
      rebuildRate = round(rebuilt.documents / ((performance.now() - t0) / 1000), 0);
      log(`full rebuild (search:reindex): ${rebuilt.documents} docs = ${rebuildRate} docs/s`);
      await worker.drain();
    }
    // The outbox too: its pending-rows index (which /api/health reads) holds 100,000 dead entries until vacuumed.
    await sql`vacuum analyze search_documents, search_payloads, search_outbox`.execute(db);

    // 3. Relevance at scale and the BM25 reference.
    const large = await judgeThroughApi(baseUrl, targets);
    log(
      `relevance, ${indexed} documents: recall@5 ${large.recall5} (small corpus ${small.recall5}, Δ ${round(large.recall5 - small.recall5, 3)}), MRR ${large.mrr} (small ${small.mrr}, Δ ${round(large.mrr - small.mrr, 3)})`,
    );
    log(
      `  matches per judged query: median ${large.matches.median}, ${large.matches.over100} of ${large.queries} queries match over 100 documents`,
    );
    if (large.misses.length) log(`  misses: ${large.misses.join('; ')}`);
    t0 = performance.now();
    const reference = await Bm25Reference.build(db, QUERIES);
    const overlap = await overlapWithReference(baseUrl, reference, QUERIES);
    log(
      `top-10 overlap with a BM25 reference over ${reference.documents} documents (computed in ${round((performance.now() - t0) / 1000)} s): mean ${overlap.mean} over ${QUERIES.length} queries, ${overlap.zero} with none in common`,
    );
    log(`  per query: ${overlap.perQuery.map((p) => `${p.q} ${p.overlap}`).join(', ')}`);
    // BENCH_RELEVANCE_ONLY=1: stop after the relevance figures (ranking changes, with BENCH_KEEP_INDEX=1).
    if (process.env.BENCH_RELEVANCE_ONLY) return void (await app.close());

    // 4. Search latency: text + 2 filters + facets.
    const tracks = await db.selectFrom('tracks').select('id').where('edition_id', '=', editionId).execute();
    const searchPath = () => {
      const q = encodeURIComponent(gen.pick(QUERIES));
      const second = gen.random() < 0.5 ? `track=${gen.pick(tracks).id}` : `access=${gen.pick(ACCESS)}`;
      return `/api/search/demands?q=${q}&edition=${editionId}&${second}&pageSize=10`;
    };
    const probe = (await (await fetch(baseUrl + searchPath())).json()) as {
      total: number;
      estimated: boolean;
      engine: string;
      tookMs: number;
    };
    log(`  sample: total=${probe.total}, estimated=${probe.estimated}, engine=${probe.engine}, server tookMs=${probe.tookMs}`);
    await measure(baseUrl, searchPath, 100, 4); // warm-up (also fills the idf cache)
    const results: Record<string, unknown> = {};
    for (const concurrency of [1, 8]) {
      const baseline = await measure(baseUrl, () => '/api/health', concurrency === 1 ? 200 : 400, concurrency);
      const search = await measure(baseUrl, searchPath, concurrency === 1 ? 400 : 800, concurrency);
      results[`c${concurrency}`] = { search, baseline };
      log(
        `API search, concurrency ${concurrency}: p50 ${search.p50} ms, p95 ${search.p95} ms, p99 ${search.p99} ms, ${search.throughput} req/s` +
          ` | baseline GET /api/health p50 ${baseline.p50} ms, p95 ${baseline.p95} ms → search p95 = ${round(search.p95 / baseline.p50)}× baseline p50`,
      );
    }
    const c1 = (results.c1 as { search: { p95: number } }).search.p95;
    const c8 = (results.c8 as { search: { p95: number } }).search.p95;
    log(`  c8 p95 / c1 p95 = ${round(c8 / c1, 2)}`);

    // 5. Lag at 50 writes/s, with the worker woken by NOTIFY.
    const lagResult = await measureLag(db, worker, baseUrl);

    // 6. The public board against a bare Fastify route.
    const board = await measureBoard(baseUrl);
    log(
      `public board GET /api/demands?public=1 (${board.bytes} bytes, c8): ${board.board.throughput} req/s, p50 ${board.board.p50} ms, p95 ${board.board.p95} ms` +
        ` | bare Fastify route ${board.bare.throughput} req/s, p50 ${board.bare.p50} ms → ${board.ratio}× fewer req/s`,
    );
    await app.close();
    log(
      JSON.stringify({
        docs: indexed,
        engine: engine.name,
        small,
        large: { ...large, misses: undefined },
        overlap: { mean: overlap.mean, zero: overlap.zero },
        syncRate,
        settledRate,
        rebuildRate,
        ...results,
        ...lagResult,
        board,
      }),
    );
  } finally {
    await close();
  }
}

async function measureLag(db: DB, worker: SyncWorker, baseUrl: string) {
  worker.start();
  const ids = (await db.selectFrom('demands').select('id').where(GENERATED).limit(1000).execute()).map((r) => r.id);
  const writes = Number(process.env.BENCH_LAG_WRITES ?? 500);
  const firstOutbox = (await sql<{ max: number | null }>`select max(id)::int as max from search_outbox`.execute(db)).rows[0].max ?? 0;
  const probeLags: number[] = [];
  let probeMisses = 0;
  const probes: Promise<void>[] = [];
  const lagStart = performance.now();
  // Writes start on a 20 ms clock (50 per second) whether or not the previous one has
  // committed yet (each reads and updates a demand in its own transaction; a slow one
  // must not hold back the next), at most 16 in flight.
  const inFlight = new Set<Promise<void>>();
  const write = async (i: number) => {
    const id = ids[i % ids.length];
    // A word written nowhere else (and unlike every earlier one), so only this document can match it.
    const token = randomLetters(12);
    await db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('demands').select('published_content').where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
      const content = row.published_content!;
      await updateDemand(trx, id, { published_content: { ...content, title: `${content.title.replace(/ [a-z]{12}$/, '')} ${token}` } });
    });
    const committed = performance.now();
    if (i % 25 === 0) {
      // end-to-end probe: poll the API until the written document is found by its new word
      probes.push(
        (async () => {
          while (performance.now() - committed < 10_000) {
            const res = (await (await fetch(`${baseUrl}/api/search/demands?q=${token}&pageSize=5`)).json()) as { hits: { id: string }[] };
            if (res.hits.some((h: { id: string }) => h.id === id)) return void probeLags.push(performance.now() - committed);
            await new Promise((r) => setTimeout(r, 10));
          }
          probeMisses += 1;
        })(),
      );
    }
  };
  for (let i = 0; i < writes; i++) {
    const due = lagStart + i * 20; // 50 per second
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    while (inFlight.size >= 16) await Promise.race(inFlight);
    const p: Promise<void> = write(i).finally(() => inFlight.delete(p));
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  const writeSeconds = (performance.now() - lagStart) / 1000;
  await Promise.all(probes);
  while ((await sql<{ n: number }>`select count(*)::int as n from search_outbox where processed_at is null`.execute(db)).rows[0].n > 0) {
    await new Promise((r) => setTimeout(r, 100));
  }
  await worker.stop();
  const lags = (
    await sql<{
      ms: number;
    }>`select extract(epoch from processed_at - created_at) * 1000 as ms from search_outbox where id > ${firstOutbox} and processed_at is not null`.execute(
      db,
    )
  ).rows.map((r) => Number(r.ms));
  const lag = stats(lags);
  const probed = stats(probeLags);
  log(
    `lag at ${round(writes / writeSeconds)} writes/s: outbox commit → applied p50 ${lag.p50} ms, p95 ${lag.p95} ms, max ${lag.max} ms (${lag.n} writes)`,
  );
  log(
    `  end-to-end probes (commit → that document found by its new word through the API): p50 ${probed.p50} ms, p95 ${probed.p95} ms, max ${probed.max} ms (${probed.n} found, ${probeMisses} not within 10 s)`,
  );
  return { lag, probed, probeMisses };
}

const randomLetters = (n: number) => Array.from({ length: n }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
