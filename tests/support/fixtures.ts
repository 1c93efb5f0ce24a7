import type { SignedUp, TestApp } from './app.ts';
import { uniqueCreditCode } from './app.ts';

const day = 24 * 3600 * 1000;
export const isoDate = (offsetDays: number) => new Date(Date.now() + 8 * 3600 * 1000 + offsetDays * day).toISOString().slice(0, 10);
export const isoTime = (offsetDays: number) => new Date(Date.now() + offsetDays * day).toISOString();

const window = (from: number, to: number) => ({ start: isoTime(from), end: isoTime(to) });

/** An edition in its registration phase with one track and one topic, made through the API. */
export async function createCatalog(committee: SignedUp) {
  const edition = await committee.client.post('/api/editions', {
    name: '测试分赛',
    year: 2025,
    region: '测试省',
    phases: {
      registration: window(-5, 30),
      submission: window(-5, 40),
      compliance: window(41, 45),
      preliminaryReview: window(46, 55),
      verification: window(56, 60),
      final: window(61, 63),
      dockingFair: window(61, 63),
      publicity: window(64, 70),
    },
  });
  if (edition.statusCode !== 201) throw new Error(edition.body);
  const editionId = edition.json().id as string;
  const track = (await committee.client.post(`/api/editions/${editionId}/tracks`, { name: '工业制造' })).json();
  const topic = (
    await committee.client.post(`/api/tracks/${track.id}/topics`, { title: '提高工业制造决策科学性', description: '降本提质增效' })
  ).json();
  return { editionId, trackId: track.id as string, topicId: topic.id as string };
}

export async function createOrg(
  t: TestApp,
  admin: SignedUp,
  kind = 'enterprise',
  name = `测试企业${Math.random().toString(36).slice(2, 6)}有限公司`,
) {
  const res = await admin.client.post('/api/orgs', { name, creditCode: uniqueCreditCode(), kind, region: '河北省石家庄市' });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json().id as string;
}

export function completeDemand(topicId: string, orgId: string, overrides: Record<string, unknown> = {}) {
  return {
    orgId,
    topicId,
    title: '智能排产优化：流通数据驱动的生产调度系统',
    businessNeed: '药械生产企业信息孤岛导致需求预测不准确、库存积压及缺货问题，需要整合上下游流通数据实现精准调度。',
    techGoals: '需求预测准确率提升到 90% 以上，库存周转天数下降 20%。',
    acceptanceCriteria: ['在企业提供的 2024 年数据上回测，预测 MAPE ≤ 10%', '排产系统在沙箱环境中连续运行 30 天'],
    budgetCny: 800000,
    region: '河北省保定市',
    contact: { name: '张工', phone: '0312-5550000', email: 'zhang@example.cn' },
    bidDeadline: isoTime(30),
    dataScope: [
      {
        name: '销售出库数据',
        description: '2022—2024 年全国经销商出库明细',
        fields: ['产品编码', '出库日期', '数量', '经销商'],
        volume: '约 120 万条',
        accessMode: 'sandbox',
        availableFrom: isoDate(1),
      },
      {
        name: '库存快照',
        description: '各仓库每日库存',
        fields: ['仓库', '产品编码', '库存量'],
        volume: '约 30 万条',
        accessMode: 'api',
        availableFrom: isoDate(2),
      },
    ],
    ...overrides,
  };
}
