import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { PostgresSearchEngine } from '@jb/search/postgres-engine.ts';
import { tsvectorArray, tsvectorLiteral } from '@jb/search/scoring.ts';
import { createTestDatabase } from '../support/db.ts';
import { doc, ids } from '../support/search-docs.ts';
import { engineContract } from './contract.ts';

engineContract('postgres', async () => {
  const database = await createTestDatabase();
  return {
    engine: new PostgresSearchEngine(database.db),
    estimating: new PostgresSearchEngine(database.db, { estimateAbove: 3 }),
    teardown: () => database.drop(),
  };
});

describe('postgres engine specifics', () => {
  it('sends the token vectors in binary exactly as their literals read', async () => {
    const database = await createTestDatabase();
    try {
      const vectors = [
        new Map([
          ['b算力', 3],
          ['c算', 5],
          ['ludi', 1],
          ['lai', 100],
        ]),
        new Map<string, number>(),
        new Map([
          ['b𠀀中', 2],
          ["l'x", 1],
          ['l\\y', 2],
          ['b数据', 64],
        ]),
      ];
      const { rows } = await sql<{ same: boolean[]; sizes: number[] }>`
        select array_agg(t.v = l.v order by t.n) as same, array_agg(length(t.v) order by t.n) as sizes
        from unnest(${tsvectorArray(vectors)}::tsvector[]) with ordinality as t(v, n)
        join unnest(${vectors.map(tsvectorLiteral)}::text[]::tsvector[]) with ordinality as l(v, n) using (n)`.execute(database.db);
      expect(rows[0]).toEqual({ same: [true, true, true], sizes: [4, 0, 4] });
    } finally {
      await database.drop();
    }
  });

  it('never lets an older revision overwrite a newer one', async () => {
    const database = await createTestDatabase();
    try {
      const engine = new PostgresSearchEngine(database.db);
      await engine.init();
      const d = doc({ title: '新版本标题', revision: 5 });
      await engine.upsert([d]);
      await engine.upsert([{ ...d, title: '旧版本标题', revision: 4 }]);
      expect((await engine.search({ q: '', sort: 'newest', page: 1, pageSize: 5 })).hits[0].document.title).toBe('新版本标题');
    } finally {
      await database.drop();
    }
  });

  it('keeps writing to the live index while a rebuild is in progress', async () => {
    const database = await createTestDatabase();
    try {
      const engine = new PostgresSearchEngine(database.db);
      await engine.init();
      const early = doc({ title: '重建前的需求' });
      const during = doc({ title: '重建期间发布的需求' });
      await engine.upsert([early]);
      async function* batches() {
        yield [early];
        // a write arriving mid-rebuild goes to both the live and the new index
        await engine.upsert([during]);
        const states = await sql<{ state: string }>`select state from search_indexes order by state`.execute(database.db);
        expect(states.rows.map((r) => r.state)).toEqual(['building', 'live']);
      }
      await engine.rebuild(batches());
      expect([...(await engine.snapshot()).keys()].sort()).toEqual([early.id, during.id].sort());
    } finally {
      await database.drop();
    }
  });

  it('ranks a common word from the impact index and estimates the total from the first matches read', async () => {
    const database = await createTestDatabase();
    try {
      const engine = new PostgresSearchEngine(database.db, { estimateAbove: 20 });
      await engine.init();
      // 30 title matches (strong) among 150 matches
      const docs = Array.from({ length: 150 }, (_, i) =>
        i % 5 === 0
          ? doc({ title: i % 10 === 0 ? `数据安全平台${i}` : `数据安全中心${i}` })
          : doc({ title: `其他需求${i}`, businessNeed: '涉及数据安全的业务流程。' }),
      );
      await engine.upsert(docs);
      const first = await engine.search({ q: '数据安全', sort: 'relevance', page: 1, pageSize: 10 });
      expect(first.estimated).toBe(true);
      expect(first.total).toBeGreaterThan(20);
      expect(first.total).toBeLessThanOrEqual(150);
      expect(first.hits.map((h) => h.document.title).every((t) => t.startsWith('数据安全'))).toBe(true);
      for (const n of Object.values(first.facets.track)) expect(n).toBeGreaterThan(0);
      // a page past the scored shortlist counts every match
      const deep = await engine.search({ q: '数据安全', sort: 'relevance', page: 11, pageSize: 10 });
      expect(deep.total).toBe(150);
      expect(deep.hits).toHaveLength(10);
      // below the threshold the count is exact
      const few = await engine.search({ q: '平台', sort: 'relevance', page: 1, pageSize: 10 });
      expect(few).toMatchObject({ total: 15, estimated: false });
    } finally {
      await database.drop();
    }
  });

  it('reads the estimates of a common query from the sample (ids ending in 0), and the full index when the sample shows few', async () => {
    const database = await createTestDatabase();
    try {
      const engine = new PostgresSearchEngine(database.db, { estimateAbove: 50, sampleAbove: 100 });
      await engine.init();
      // 320 matches, exactly 20 of them in the sample (a sixteenth); 30 in the finance track, 1 of them sampled
      const withId = (i: number, sampled: boolean) => randomUUID().slice(0, 35) + (sampled ? '0' : String(1 + (i % 9)));
      const docs = Array.from({ length: 320 }, (_, i) =>
        doc({
          id: withId(i, i % 16 === 0),
          title: `数据安全需求${i}`,
          trackId: i % 16 === 0 ? (i === 0 ? ids.finance : ids.industry) : i < 58 && i % 2 ? ids.finance : ids.industry,
        }),
      );
      await engine.upsert(docs);
      const finance = docs.filter((d) => d.trackId === ids.finance);
      expect(finance).toHaveLength(30);
      const all = await engine.search({ q: '数据安全', sort: 'relevance', page: 1, pageSize: 10 });
      // 20 sampled matches × (320 documents ÷ 20 sampled)
      expect(all).toMatchObject({ total: 320, estimated: true });
      expect(all.facets.track).toEqual({ [ids.industry]: 304, [ids.finance]: 16 });
      expect(all.hits).toHaveLength(10);
      // 1 sampled match × 16 ≤ 50: read again from the full index, exactly
      const few = await engine.search({ q: '数据安全', trackIds: [ids.finance], sort: 'relevance', page: 1, pageSize: 10 });
      expect(few).toMatchObject({ total: 30, estimated: false });
      expect(few.facets.track).toEqual({ [ids.finance]: 30 });
      expect(few.hits.every((h) => h.document.trackId === ids.finance)).toBe(true);
      // a later page is never read from the sample
      const deep = await engine.search({ q: '数据安全', sort: 'relevance', page: 20, pageSize: 10 });
      expect(deep.total).toBe(320);
    } finally {
      await database.drop();
    }
  });

  it('pages through relevance results beyond the re-ranked first pages without gaps or repeats', async () => {
    const database = await createTestDatabase();
    try {
      const engine = new PostgresSearchEngine(database.db);
      await engine.init();
      // more matches than the scored shortlist serves (SCORED_DEPTH = 200), so the last pages come from the rest
      const docs = Array.from({ length: 260 }, (_, i) =>
        i % 3 === 0 ? doc({ title: `数据安全需求${i}` }) : doc({ title: `其他需求${i}`, businessNeed: '涉及数据安全的业务。' }),
      );
      await engine.upsert(docs);
      const seen: string[] = [];
      for (let page = 1; page <= 6; page++) {
        const res = await engine.search({ q: '数据安全', sort: 'relevance', page, pageSize: 50 });
        expect(res.total).toBe(260);
        seen.push(...res.hits.map((h) => h.id));
      }
      expect(seen).toHaveLength(260);
      expect(new Set(seen).size).toBe(260);
      // title matches come first
      expect(seen.slice(0, 87).every((id) => docs.find((d) => d.id === id)!.title.startsWith('数据安全'))).toBe(true);
      // the same page twice is the same page
      const again = await engine.search({ q: '数据安全', sort: 'relevance', page: 5, pageSize: 50 });
      expect(again.hits.map((h) => h.id)).toEqual(seen.slice(200, 250));
    } finally {
      await database.drop();
    }
  });

  it('shortlists the documents strong in the lexemes that exist when one of the query never occurs (算力调度 without 力调)', async () => {
    const database = await createTestDatabase();
    try {
      const engine = new PostgresSearchEngine(database.db);
      await engine.init();
      // 150 short documents naming 算力 and 调度 once in the body, and a long one about them:
      // no document writes 算力调度 whole, so the match is relaxed to most of its bigrams
      const weak = Array.from({ length: 150 }, (_, i) => doc({ title: `其他需求${i}`, businessNeed: '算力与调度。' }));
      const strong = doc({
        title: '算力智能调度：算力资源优化配置',
        businessNeed: `${'结合全国算力中心分布数据，支撑算力资源调度与运营方设备调度。'.repeat(3)}${'集团希望提升上架率并降低能耗。'.repeat(8)}`,
      });
      await engine.upsert([...weak, strong]);
      const res = await engine.search({ q: '算力调度', sort: 'relevance', page: 1, pageSize: 10 });
      expect(res.total).toBe(151);
      expect(res.hits[0].id).toBe(strong.id);
    } finally {
      await database.drop();
    }
  });

  it('matches a long query on all but one of its words when few documents hold every word, ranked by BM25', async () => {
    const database = await createTestDatabase();
    try {
      const engine = new PostgresSearchEngine(database.db);
      await engine.init();
      const q = '整合电力物流信贷数据分析产业集群发展态势';
      // every word once, in a long body
      const all = doc({
        title: '其他需求',
        businessNeed: `整合、电力、物流、信贷、数据、分析、产业、集群、发展、态势。${'企业希望通过数据赋能解决实际问题。'.repeat(10)}`,
      });
      // all but 整合, written often and in the title
      const most = doc({
        title: '产业集群智脑：电力—物流—信贷数据融合分析',
        businessNeed: '围绕电力、物流、信贷数据，构建产业集群发展态势分析模型，识别产业集群分布。',
      });
      // only the words most documents hold (数据, 分析, 发展) and two of the rare ones
      const few = Array.from({ length: 10 }, (_, i) =>
        doc({ title: `数据分析需求${i}`, businessNeed: '产业发展的数据分析，电力与物流。' }),
      );
      await engine.upsert([all, most, ...few]);
      const res = await engine.search({ q, sort: 'relevance', page: 1, pageSize: 10 });
      expect(res.hits.map((h) => h.id)).toEqual([most.id, all.id]);
      expect(res.total).toBe(2);
      // the same rule whatever the order
      expect((await engine.search({ q, sort: 'newest', page: 1, pageSize: 10 })).total).toBe(2);
      // with enough documents holding every word, those alone match
      const more = Array.from({ length: 10 }, (_, i) =>
        doc({ title: `完整需求${i}`, businessNeed: '整合电力物流信贷数据分析产业集群发展态势。' }),
      );
      await engine.upsert(more);
      const full = await engine.search({ q, sort: 'relevance', page: 1, pageSize: 20 });
      expect(full.total).toBe(11);
      expect(full.hits.map((h) => h.id)).not.toContain(most.id);
    } finally {
      await database.drop();
    }
  });
});
