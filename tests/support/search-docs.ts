import { randomUUID } from 'node:crypto';
import type { DemandDocument } from '@jb/search';

export const ids = {
  edition: '11111111-1111-4111-8111-111111111111',
  otherEdition: '22222222-2222-4222-8222-222222222222',
  industry: '33333333-3333-4333-8333-333333333333',
  finance: '44444444-4444-4444-8444-444444444444',
  topicA: '55555555-5555-4555-8555-555555555555',
  topicB: '66666666-6666-4666-8666-666666666666',
};

let n = 0;
export function doc(overrides: Partial<DemandDocument> & { title: string }): DemandDocument {
  n += 1;
  const deadline = new Date(Date.UTC(2025, 7, 1) + n * 86400_000);
  const published = new Date(Date.UTC(2025, 5, 1) + n * 3600_000);
  return {
    id: randomUUID(),
    revision: 1,
    businessNeed: '企业希望通过数据赋能解决实际问题。',
    techGoals: '形成可落地的解决方案。',
    dataNames: ['业务数据'],
    dataDescriptions: ['企业内部业务系统导出的数据'],
    acceptanceCriteria: ['方案通过企业验收'],
    enterprise: '测试企业（演示）',
    editionId: ids.edition,
    editionName: '测试分赛',
    trackId: ids.industry,
    trackName: '数据要素×工业制造',
    topicId: ids.topicA,
    topicTitle: '提高工业制造决策科学性',
    region: '河北省石家庄市',
    accessModes: ['download'],
    budgetCny: 1_000_000,
    bidDeadline: deadline.toISOString(),
    bidDeadlineTs: deadline.getTime(),
    publishedAt: published.toISOString(),
    publishedAtTs: published.getTime(),
    status: 'published',
    ...overrides,
  };
}

/** A small corpus with known answers for the contract suite. */
export function corpus() {
  const ceramics = doc({
    title: '陶瓷智造升级：机器视觉驱动的缺陷精准检测',
    businessNeed: '对卫生陶瓷制造过程中的成型、烧制数据进行标注，通过机器视觉提升表面缺陷检测准确率。',
    region: '河北省唐山市',
    accessModes: ['download', 'sandbox'],
    budgetCny: 800_000,
  });
  const udi = doc({
    title: '医疗器械全链追溯：UDI驱动的产供销智能协同',
    businessNeed: '基于UDI唯一标识打通生产、流通、使用环节数据，实现医疗器械全链追溯。',
    region: '河北省保定市',
    accessModes: ['api'],
    budgetCny: 1_800_000,
    trackId: ids.finance,
    trackName: '数据要素×商贸流通',
    topicId: ids.topicB,
    topicTitle: '提升流通效率',
  });
  const compute = doc({
    title: '算力智能调度：数据驱动的算力资源优化配置',
    businessNeed: '整合数据中心算力资源使用数据，构建调度模型，提升算力资源利用率。',
    techGoals: '基于AI大模型预测负载，blockchain 存证调度记录。',
    region: '河北省张家口市',
    accessModes: ['sandbox'],
    budgetCny: 2_200_000,
  });
  const insurance = doc({
    title: '绿色保险创新：新能源汽车动态数据驱动的风险定价模型',
    businessNeed: '利用新能源汽车行驶与电池数据构建风险定价模型，支持绿色保险产品创新。',
    region: '河北省雄安新区',
    accessModes: ['sandbox', 'onsite'],
    budgetCny: 1_200_000,
    trackId: ids.finance,
    trackName: '数据要素×商贸流通',
    status: 'closed',
  });
  const carbon = doc({
    title: '车网协同：数据驱动的交通能源减排与清洁化转型',
    businessNeed: '融合充电桩、电网负荷与车辆数据，降低碳排放。',
    region: '河北省保定市',
    accessModes: ['api', 'onsite'],
    budgetCny: 2_000_000,
    editionId: ids.otherEdition,
  });
  return { ceramics, udi, compute, insurance, carbon, all: [ceramics, udi, compute, insurance, carbon] };
}
