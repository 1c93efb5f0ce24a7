/**
 * Search benchmark: npm run bench:search  (BENCH_DOCS=100000 by default)
 *
 * 1. generates BENCH_DOCS published demands (text from the seed documents) in a fresh
 *    embedded PostgreSQL (or DATABASE_URL's server), each with a search outbox row;
 * 2. indexing throughput: the sync worker drains the outbox into the engine, and a full
 *    rebuild (search:reindex) runs, both in docs/s;
 * 3. API latency of searches with text + 2 filters + facets, through HTTP, at
 *    concurrency 1 and 8 (p50/p95/p99), with GET /api/health measured the same way as
 *    the baseline the ratios refer to;
 * 4. lag from outbox commit to searchable at 50 writes/s with the worker running.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { buildApp } from '@jb/api/app.ts';
import { LocalFileStorage } from '@jb/api/lib/storage/file-storage.ts';
import type { DB } from '@jb/api/db/database.ts';
import { migrateToLatest } from '@jb/api/db/migrate.ts';
import { updateDemand } from '@jb/api/modules/demands/demands.repository.ts';
import { seedDemo } from '@jb/api/seed/demo.ts';
import { createSearchEngine, reindex, SyncWorker } from '@jb/search';
import { TextGenerator } from './generate.ts';
import { measure, openBenchDatabase, round, stats } from '../support.ts';

const DOCS = Number(process.env.BENCH_DOCS ?? 100_000);
const ACCESS = ['download', 'api', 'sandbox', 'onsite'];
const CITIES = ['石家庄市', '唐山市', '保定市', '邯郸市', '沧州市', '廊坊市', '邢台市', '秦皇岛市', '张家口市', '承德市', '衡水市', '雄安新区'];
const QUERIES = [
  '陶瓷缺陷检测', '供应链金融', '算力调度', '新能源汽车', '数据安全', '安全生产', '医疗器械追溯', '智能排产', '成本控制',
  '产业集群', '文旅', '碳排放', '大模型', '隐私计算', '库存优化', '风险定价', '客流预测', '设备运维', '质量检测', 'UDI',
  '物流数据', '信用评估', '能源管理', '工艺参数', '农业生产', '气象', '应急', '交通', '数据要素', '智能决策',
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
    const rows = [];
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

async function main() {
  log(`search benchmark: ${DOCS} documents, ${os.cpus().length} cores, node ${process.version}`);
  const { db, close } = await openBenchDatabase();
  try {
    await migrateToLatest(db);
    const { editionId } = await seedDemo(db);
    const gen = new TextGenerator();
    let t0 = performance.now();
    // BENCH_REUSE=1 with DATABASE_URL pointing at a database a previous run kept: only the searches are measured again.
    const reuse = !!process.env.BENCH_REUSE;
    const existing = Number((await sql<{ n: number }>`select count(*)::int as n from demands`.execute(db)).rows[0].n);
    if (!reuse && existing >= DOCS) log(`  reusing ${existing} demands generated by an earlier run (BENCH_DATA_DIR)`);
    else if (!reuse) {
      await generate(db, gen, editionId);
      log(`  generation: ${round((performance.now() - t0) / 1000)} s`);
    }
    if (process.env.BENCH_GENERATE_ONLY) return;

    const engine = createSearchEngine(db, { meiliUrl: process.env.MEILI_URL, meiliKey: process.env.MEILI_KEY });
    await engine.init();
    const worker = new SyncWorker(db, engine);
    t0 = performance.now();
    if (reuse) process.env.BENCH_SKIP_REBUILD = '1';
    await worker.drain();
    const syncSeconds = (performance.now() - t0) / 1000;
    const indexed = (await engine.stats()).documents;
    const syncRate = reuse ? null : round(indexed / syncSeconds, 0);
    if (!reuse) log(`indexing through the outbox: ${indexed} docs in ${round(syncSeconds)} s = ${syncRate} docs/s`);
    let rebuildRate: number | null = null;
    if (!process.env.BENCH_SKIP_REBUILD) {
      t0 = performance.now();
      const rebuilt = await reindex(db, engine);
      const rebuildSeconds = (performance.now() - t0) / 1000;
      rebuildRate = round(rebuilt.documents / rebuildSeconds, 0);
      log(`full rebuild (search:reindex): ${rebuilt.documents} docs in ${round(rebuildSeconds)} s = ${rebuildRate} docs/s`);
    }
    await worker.drain();
    await sql`vacuum analyze search_documents`.execute(db);

    const app = await buildApp({ config: { jwtSecret: 'bench'.padEnd(40, '-'), nodeEnv: 'production', logLevel: 'silent' }, db, search: engine, logger: false, webBuildDir: false, storage: new LocalFileStorage(path.join(os.tmpdir(), 'jb-bench-files')) });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address() as { port: number };
    const baseUrl = `http://127.0.0.1:${address.port}`;
    const tracks = await db.selectFrom('tracks').select('id').where('edition_id', '=', editionId).execute();
    const searchPath = () => {
      const q = encodeURIComponent(gen.pick(QUERIES));
      // text + 2 filters (edition and either a track or an access mode) + facets (always returned)
      const second = gen.random() < 0.5 ? `track=${gen.pick(tracks).id}` : `access=${gen.pick(ACCESS)}`;
      return `/api/search/demands?q=${q}&edition=${editionId}&${second}&pageSize=10`;
    };
    const probe = await (await fetch(baseUrl + searchPath())).json();
    log(`  sample: total=${probe.total}, engine=${probe.engine}, server tookMs=${probe.tookMs}`);

    if (process.env.BENCH_PROFILE) {
      // Which queries are slow: server time per query, with a track filter.
      for (const q of QUERIES) {
        const res = await (await fetch(`${baseUrl}/api/search/demands?q=${encodeURIComponent(q)}&edition=${editionId}&track=${tracks[3].id}&pageSize=10`)).json();
        const res2 = await (await fetch(`${baseUrl}/api/search/demands?q=${encodeURIComponent(q)}&edition=${editionId}&access=api&pageSize=10`)).json();
        log(`  ${q}: track ${res.tookMs} ms (${res.total}) | access ${res2.tookMs} ms (${res2.total})`);
      }
      await app.close();
      if (process.env.BENCH_KEEP) {
        log(`  keeping the database for inspection; press Ctrl-C to stop`);
        await new Promise(() => {});
      }
      return;
    }
    await measure(baseUrl, searchPath, 100, 4); // warm-up
    const results: Record<string, unknown> = {};
    for (const concurrency of [1, 8]) {
      const baseline = await measure(baseUrl, () => '/api/health', concurrency === 1 ? 200 : 400, concurrency);
      const search = await measure(baseUrl, searchPath, concurrency === 1 ? 400 : 800, concurrency);
      results[`c${concurrency}`] = { search, baseline };
      log(
        `API search, concurrency ${concurrency}: p50 ${search.p50} ms, p95 ${search.p95} ms, p99 ${search.p99} ms, ${search.throughput} req/s` +
          ` | baseline GET /api/health p50 ${baseline.p50} ms → search p95 = ${round(search.p95 / baseline.p50)}× baseline p50`,
      );
    }

    // Lag at 50 writes/s: each write is a committed demand update with its outbox row.
    worker.start();
    const ids = (await db.selectFrom('demands').select('id').limit(1000).execute()).map((r) => r.id);
    const writes = Number(process.env.BENCH_LAG_WRITES ?? 500);
    const firstOutbox = (await sql<{ max: number | null }>`select max(id)::int as max from search_outbox`.execute(db)).rows[0].max ?? 0;
    const probeLags: number[] = [];
    const lagStart = performance.now();
    for (let i = 0; i < writes; i++) {
      const due = lagStart + i * 20; // 50 per second
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const id = ids[i % ids.length];
      const token = `BENCHLAG${i}X`;
      const row = await db.selectFrom('demands').select('published_content').where('id', '=', id).executeTakeFirstOrThrow();
      await db.transaction().execute((trx) => updateDemand(trx, id, { published_content: { ...row.published_content!, title: `${row.published_content!.title} ${token}` } }));
      const committed = performance.now();
      if (i % 25 === 0) {
        // end-to-end probe: poll the API until the token is findable
        void (async () => {
          while (performance.now() - committed < 10_000) {
            const res = await (await fetch(`${baseUrl}/api/search/demands?q=${token.toLowerCase()}&pageSize=1`)).json();
            if (res.total > 0) return probeLags.push(performance.now() - committed);
            await new Promise((r) => setTimeout(r, 20));
          }
        })();
      }
    }
    const writeSeconds = (performance.now() - lagStart) / 1000;
    while ((await sql<{ n: number }>`select count(*)::int as n from search_outbox where processed_at is null`.execute(db)).rows[0].n > 0) {
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 1500));
    await worker.stop();
    const lags = (
      await sql<{ ms: number }>`select extract(epoch from processed_at - created_at) * 1000 as ms from search_outbox where id > ${firstOutbox} and processed_at is not null`.execute(db)
    ).rows.map((r) => Number(r.ms));
    const lag = stats(lags);
    const probed = stats(probeLags);
    log(`lag at ${round(writes / writeSeconds)} writes/s: outbox commit → applied p50 ${lag.p50} ms, p95 ${lag.p95} ms, max ${lag.max} ms (${lag.n} writes)`);
    log(`  end-to-end probes (commit → found through the API): p50 ${probed.p50} ms, p95 ${probed.p95} ms, max ${probed.max} ms (${probed.n} probes)`);
    await app.close();
    log(JSON.stringify({ docs: DOCS, engine: engine.name, syncRate, rebuildRate, ...results, lag, probed }));
    if (process.env.BENCH_KEEP) {
      log('  keeping the database for inspection; press Ctrl-C to stop');
      await new Promise(() => {});
    }
  } finally {
    await close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
