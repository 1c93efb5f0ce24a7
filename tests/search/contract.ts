import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchEngine, SearchQuery } from '@jb/search';
import { corpus, doc, ids } from '../support/search-docs.ts';

const query = (q: string, extra: Partial<SearchQuery> = {}): SearchQuery => ({ q, sort: 'relevance', page: 1, pageSize: 10, ...extra });

/**
 * The behaviour every engine must have. Runs on the PostgreSQL engine always and on
 * Meilisearch when MEILI_URL is set (see the *.test.ts files that call it).
 */
export interface ContractSetup {
  engine: SearchEngine;
  /** An engine over the same index that estimates counts above 3 matches. */
  estimating: SearchEngine;
  teardown: () => Promise<void>;
}

/** A random lowercase Latin word: written nowhere, so no engine may find anything for it. */
export const randomWord = (length: number) =>
  Array.from({ length }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');

export function engineContract(name: string, setup: () => Promise<ContractSetup>) {
  describe(`search engine contract: ${name}`, () => {
    let engine: SearchEngine;
    let estimating: SearchEngine;
    let teardown: () => Promise<void>;
    const c = corpus();
    const titles = async (q: SearchQuery) => (await engine.search(q)).hits.map((h) => h.document.title);

    beforeAll(async () => {
      ({ engine, estimating, teardown } = await setup());
      await engine.init();
      await engine.upsert(c.all);
    });
    afterAll(() => teardown());

    it('is healthy and counts its documents', async () => {
      expect((await engine.health()).ok).toBe(true);
      expect((await engine.stats()).documents).toBe(5);
    });

    it('finds Chinese words in titles and body text', async () => {
      expect((await titles(query('陶瓷缺陷检测')))[0]).toBe(c.ceramics.title);
      expect((await titles(query('风险定价')))[0]).toBe(c.insurance.title);
      expect(await titles(query('电池数据'))).toContain(c.insurance.title);
    });

    it('finds partial words and short queries', async () => {
      expect((await titles(query('算力')))[0]).toBe(c.compute.title);
      expect(await titles(query('陶'))).toContain(c.ceramics.title);
      expect(await titles(query('追溯'))).toContain(c.udi.title);
    });

    it('finds Latin words case-insensitively', async () => {
      expect((await titles(query('udi')))[0]).toBe(c.udi.title);
      expect(await titles(query('AI'))).toContain(c.compute.title);
    });

    it('tolerates a typo in a long Latin word', async () => {
      expect(await titles(query('blockchian'))).toContain(c.compute.title);
    });

    it('invents no matches: a random 12-letter word and a typo in a short word find nothing', async () => {
      for (let i = 0; i < 5; i++) {
        const word = randomWord(12);
        const res = await engine.search(query(word));
        expect(res.total, word).toBe(0);
        expect(res.hits).toEqual([]);
      }
      // 4 letters: no typo tolerance ("udi" is in the corpus, "udix" is not)
      expect((await engine.search(query('udix'))).total).toBe(0);
    });

    it('drops words from the end when all words together match nothing', async () => {
      expect((await titles(query('陶瓷 区块链')))[0]).toBe(c.ceramics.title);
    });

    it('ranks a title match above a body match', async () => {
      const res = await titles(query('风险定价模型'));
      expect(res[0]).toBe(c.insurance.title);
    });

    it('filters by edition, track, region, access mode, budget and status', async () => {
      expect(await titles(query('', { editionId: ids.otherEdition }))).toEqual([c.carbon.title]);
      expect((await titles(query('', { trackIds: [ids.finance] }))).sort()).toEqual([c.udi.title, c.insurance.title].sort());
      expect((await titles(query('', { regions: ['河北省保定市'] }))).sort()).toEqual([c.udi.title, c.carbon.title].sort());
      expect((await titles(query('', { accessModes: ['onsite'] }))).sort()).toEqual([c.insurance.title, c.carbon.title].sort());
      expect((await titles(query('', { budgetMin: 1_500_000, budgetMax: 2_000_000 }))).sort()).toEqual(
        [c.udi.title, c.carbon.title].sort(),
      );
      expect(await titles(query('', { statuses: ['closed'] }))).toEqual([c.insurance.title]);
      expect(await titles(query('陶瓷', { trackIds: [ids.finance] }))).toEqual([]);
    });

    it('counts facets over the filtered results', async () => {
      const res = await engine.search(query('', { editionId: ids.edition }));
      expect(res.total).toBe(4);
      expect(res.estimated).toBe(false);
      expect(res.facets.track).toEqual({ [ids.industry]: 2, [ids.finance]: 2 });
      expect(res.facets.region).toEqual({ 河北省唐山市: 1, 河北省保定市: 1, 河北省张家口市: 1, 河北省雄安新区: 1 });
      expect(res.facets.access).toEqual({ download: 1, sandbox: 3, api: 1, onsite: 1 });
    });

    it('marks counts as estimated above its threshold, exact below it', async () => {
      const many = await estimating.search(query('', { editionId: ids.edition }));
      expect(many.estimated).toBe(true);
      expect(many.total).toBeGreaterThanOrEqual(3);
      expect(many.hits).toHaveLength(4);
      // estimated facets name only values that occur, with positive counts
      for (const [track, n] of Object.entries(many.facets.track)) {
        expect([ids.industry, ids.finance]).toContain(track);
        expect(n).toBeGreaterThan(0);
      }
      const few = await estimating.search(query('', { trackIds: [ids.finance] }));
      expect(few).toMatchObject({ total: 2, estimated: false });
      expect(few.facets.track).toEqual({ [ids.finance]: 2 });
      expect((await engine.search(query('陶瓷'))).estimated).toBe(false);
    });

    it('sorts by budget, deadline and publication time', async () => {
      expect(await titles(query('', { sort: 'budget_desc' }))).toEqual(
        [c.compute, c.carbon, c.udi, c.insurance, c.ceramics].map((d) => d.title),
      );
      const byDeadline = [...c.all].sort((a, b) => a.bidDeadlineTs - b.bidDeadlineTs).map((d) => d.title);
      expect(await titles(query('', { sort: 'deadline_asc' }))).toEqual(byDeadline);
      const newest = [...c.all].sort((a, b) => b.publishedAtTs - a.publishedAtTs).map((d) => d.title);
      expect(await titles(query('', { sort: 'newest' }))).toEqual(newest);
    });

    it('paginates without overlap', async () => {
      const p1 = await engine.search(query('', { sort: 'budget_desc', pageSize: 2, page: 1 }));
      const p2 = await engine.search(query('', { sort: 'budget_desc', pageSize: 2, page: 2 }));
      const p3 = await engine.search(query('', { sort: 'budget_desc', pageSize: 2, page: 3 }));
      expect(p1.total).toBe(5);
      expect([...p1.hits, ...p2.hits, ...p3.hits].map((h) => h.id)).toEqual(
        [c.compute, c.carbon, c.udi, c.insurance, c.ceramics].map((d) => d.id),
      );
    });

    it('updates and removes documents; applying the same update twice is harmless', async () => {
      const extra = doc({ title: '智能营销决策：数据驱动的商品全周期管理优化', revision: 1 });
      await engine.upsert([extra]);
      await engine.upsert([{ ...extra, title: '智能营销决策（修订）：商品全周期管理', revision: 2 }]);
      await engine.upsert([{ ...extra, title: '智能营销决策（修订）：商品全周期管理', revision: 2 }]);
      expect(await titles(query('商品全周期'))).toEqual(['智能营销决策（修订）：商品全周期管理']);
      expect((await engine.snapshot()).get(extra.id)).toBe(2);
      await engine.remove([extra.id]);
      await engine.remove([extra.id]);
      expect((await engine.search(query('商品全周期'))).hits.map((h) => h.id)).not.toContain(extra.id);
      expect((await engine.snapshot()).has(extra.id)).toBe(false);
    });

    it('rebuilds into a new index and swaps it in', async () => {
      const before = await engine.snapshot();
      async function* batches() {
        yield c.all.slice(0, 2);
        yield c.all.slice(2);
      }
      const result = await engine.rebuild(batches());
      expect(result.documents).toBe(5);
      expect(await engine.snapshot()).toEqual(before);
      expect((await titles(query('陶瓷')))[0]).toBe(c.ceramics.title);
    });
  });
}
