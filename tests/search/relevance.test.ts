import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '@jb/api/seed/demo.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { randomWord } from './contract.ts';
import { judgements } from './judgements.ts';

describe('search relevance on the seeded Hebei demands', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t.db);
    await t.syncSearch();
  });
  afterAll(() => t.close());

  it(`recall@5 ≥ 0.9 over ${judgements.length} queries`, async () => {
    let found = 0;
    let reciprocal = 0;
    const misses: string[] = [];
    for (const [q, expected] of judgements) {
      const res = await t.client().get(`/api/search/demands?q=${encodeURIComponent(q)}&pageSize=10`);
      expect(res.statusCode).toBe(200);
      const titles: string[] = res.json().hits.map((h: { title: string }) => h.title);
      const rank = titles.findIndex((title) => title.startsWith(expected)) + 1;
      if (rank >= 1 && rank <= 5) found += 1;
      else misses.push(`${q} → ${expected} (rank ${rank || '>10'}; got ${titles.slice(0, 3).join(' / ')})`);
      if (rank >= 1) reciprocal += 1 / rank;
    }
    const recall = found / judgements.length;
    const mrr = reciprocal / judgements.length;
    console.log(`relevance: ${judgements.length} queries, recall@5 = ${recall.toFixed(3)}, MRR = ${mrr.toFixed(3)}`);
    if (misses.length) console.log(`misses:\n  ${misses.join('\n  ')}`);
    expect(judgements.length).toBeGreaterThanOrEqual(40);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });

  it('finds nothing for a random 12-letter word (the typo fallback invents no matches)', async () => {
    for (let i = 0; i < 5; i++) {
      const word = randomWord(12);
      const res = await t.client().get(`/api/search/demands?q=${word}`);
      expect(res.statusCode).toBe(200);
      expect(res.json(), word).toMatchObject({ total: 0, hits: [], estimated: false });
    }
    // a typo in a long Latin word still finds it (SCADA appears in one demand)
    const typo = (await t.client().get('/api/search/demands?q=scadda')).json();
    expect(typo.hits.map((h: { title: string }) => h.title).some((title: string) => title.startsWith('智能生产优化'))).toBe(true);
  });
});
