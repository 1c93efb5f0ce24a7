import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '@jb/api/seed/demo.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { randomWord } from './contract.ts';

/**
 * Queries a team would type, each with the demand it is looking for (by title
 * prefix), over the 20 seeded Hebei demands. Reports recall@5 and MRR; fails
 * below recall@5 = 0.9. Runs through the HTTP API on the default engine.
 */
const judgements: [query: string, expected: string][] = [
  // short Chinese keywords
  ['陶瓷', '陶瓷智造升级'],
  ['缺陷检测', '陶瓷智造升级'],
  ['化工安全', '化工安全智教'],
  ['安全培训', '化工安全智教'],
  ['疏散路径', '化工安全智教'],
  ['钢铁大模型', '钢铁垂直大模型'],
  ['智能体', '钢铁垂直大模型'],
  ['排产', '智能排产优化'],
  ['需求预测 库存积压', '智能排产优化'],
  ['降本', '成本控制中枢'],
  ['成本预测', '成本控制中枢'],
  ['次品率', '智能生产优化'],
  ['工艺参数优化', '智能生产优化'],
  ['用户满意度', '用户驱动型产品迭代'],
  ['售后维修', '用户驱动型产品迭代'],
  ['生物医药', '生物医药链网'],
  ['替代供应商 断供风险', '生物医药链网'],
  ['产业集群', '产业集群智脑'],
  ['用电数据', '产业集群智脑'],
  ['医疗器械追溯', '医疗器械全链追溯'],
  ['召回', '医疗器械全链追溯'],
  ['钢铁供应链', '钢铁供应链数智化'],
  ['地磅', '钢铁供应链数智化'],
  ['营销', '智能营销决策'],
  ['会员消费', '智能营销决策'],
  ['物流园区数字化', '全链路数智转型'],
  ['无形资产', '科创企业贷款服务优化'],
  ['科创贷款', '科创企业贷款服务优化'],
  ['供应链金融', '供应链金融数智化'],
  ['仓单融资', '供应链金融数智化'],
  ['绿色保险', '绿色保险创新'],
  ['新能源车险定价', '绿色保险创新'],
  ['景区客流', '文旅产业智能决策'],
  ['文旅', '文旅产业智能决策'],
  ['算力调度', '算力智能调度'],
  ['数据中心', '算力智能调度'],
  ['隐私计算沙箱 政务', '数据安全沙箱'],
  ['政务数据共享', '数据安全沙箱'],
  ['充电桩', '车网协同'],
  ['交通减排', '车网协同'],
  // Latin and mixed
  ['UDI', '医疗器械全链追溯'],
  ['udi追溯', '医疗器械全链追溯'],
  ['MES ERP 成本', '成本控制中枢'],
  ['SCADA', '智能生产优化'],
  ['POS', '智能营销决策'],
  // longer sentences
  ['用机器视觉提高卫生陶瓷表面缺陷的检出率', '陶瓷智造升级'],
  ['基于新能源汽车动态数据的保险风险定价模型', '绿色保险创新'],
  ['整合电力物流信贷数据分析产业集群发展态势', '产业集群智脑'],
];

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
