import { enqueueDemand } from '@jb/search/outbox.ts';
import type { Trx } from '../db/database.ts';
import type { DemandContent, EditionPhases, OrgKind, ProjectSections } from '../db/schema.ts';
import type { FileStorage } from '../lib/storage/file-storage.ts';
import { defaultRules } from '../modules/catalog/catalog.schemas.ts';
import * as reviews from '../modules/reviews/reviews.repository.ts';
import * as experts from '../modules/reviews/experts.repository.ts';
import { materialiseTasks, syncRound } from '../modules/reviews/sync-round.ts';
import catalog from './data/yiyang-2025-catalog.json' with { type: 'json' };
import { seedDemoMaterials } from './demo-teams.ts';
import { seedDemoResults } from './demo-results.ts';

/**
 * 演示数据 for the joint review: a second edition (益阳初赛 2025, tracks and topics from
 * its notice) whose dates put it in the preliminary review, two sub-topics of
 * enterprise1's company, five teams with eligible submitted projects (three bids on the
 * sub-topics, two on regular topics), an expert pool and an open round with experts
 * assigned: expert1 and expert2 have tasks waiting, enterprise1 has bids to score.
 * One expert advises a team's organisation, so the conflict list shows a finding.
 * The Hebei edition is left as it is. Runs once (skipped when the edition exists).
 */
export const REVIEW_EDITION_SLUG = 'yiyang-2025';
const DAY = 24 * 3600 * 1000;

export const reviewDemoUsers = [
  { email: 'expert3@demo.cn', displayName: '刘洋（评审专家）', roles: ['expert' as const] },
  ...['益阳智造', '资江数联', '益阳数研院', '洞庭农数', '益阳城数'].map((short, i) => ({
    email: `yyteam${i + 1}@demo.cn`,
    displayName: `团队代表${i + 1}（${short}）`,
    roles: [] as never[],
  })),
];

interface TeamSeed {
  key: string;
  org: string;
  kind: OrgKind;
  email: string;
  team: string;
  project: string;
  target: { demand: 0 | 1 } | { track: string; topic: number };
  focus: string;
}

const teams: TeamSeed[] = [
  {
    key: '000201',
    org: '益阳智造数据科技有限公司（演示）',
    kind: 'enterprise',
    email: 'yyteam1@demo.cn',
    team: '智造能效队',
    project: '钢铁产线能耗智能优化平台',
    target: { demand: 0 },
    focus: '多源能耗数据融合与负荷预测',
  },
  {
    key: '000202',
    org: '湖南资江数联信息技术有限公司（演示）',
    kind: 'enterprise',
    email: 'yyteam2@demo.cn',
    team: '资江数联队',
    project: '基于工业互联网的能耗协同调度系统',
    target: { demand: 0 },
    focus: '工业互联网平台与调度优化算法',
  },
  {
    key: '000203',
    org: '益阳高新区数据研究院（演示）',
    kind: 'research',
    email: 'yyteam3@demo.cn',
    team: '数研院运维队',
    project: '设备健康度预测与维护决策系统',
    target: { demand: 1 },
    focus: '振动与工况数据的故障预测模型',
  },
  {
    key: '000204',
    org: '洞庭湖农业大数据有限公司（演示）',
    kind: 'enterprise',
    email: 'yyteam4@demo.cn',
    team: '洞庭农数队',
    project: '稻虾共作数智化生产服务平台',
    target: { track: 'agriculture', topic: 1 },
    focus: '遥感、气象与农事数据融合',
  },
  {
    key: '000205',
    org: '益阳城市数据运营有限公司（演示）',
    kind: 'enterprise',
    email: 'yyteam5@demo.cn',
    team: '城数质检队',
    project: '工业视觉质检高质量数据集',
    target: { track: 'industry', topic: 6 },
    focus: '缺陷样本标注与数据集质量评估',
  },
];

type DemandSeed = Pick<DemandContent, 'title' | 'businessNeed' | 'techGoals' | 'acceptanceCriteria' | 'budgetCny'> & { topic: number };

const demands: DemandSeed[] = [
  {
    topic: 2,
    title: '钢铁产线能耗优化：多源工业数据驱动的智能调度（益阳基地）',
    businessNeed:
      '益阳基地轧钢产线能耗占成本 30% 以上，用能计划依赖经验排布，峰谷电价与订单波动下能耗居高不下，需要融合产线、能源与订单数据实现智能调度。',
    techGoals: '吨钢综合能耗下降 5% 以上；峰段用电占比下降 10%；调度方案生成时间不超过 10 分钟。',
    acceptanceCriteria: [
      '在企业提供的 2024 年历史数据上回测，吨钢能耗下降不少于 5%',
      '调度系统在沙箱环境中连续运行 30 天无重大故障',
      '提供可解释的调度依据，经产线工程师评审通过',
    ],
    budgetCny: 1200000,
  },
  {
    topic: 4,
    title: '关键设备预测性维护：振动与工况数据融合建模',
    businessNeed:
      '产线关键设备（轧机、风机、水泵）非计划停机每年造成损失逾千万元，现有点检以人工为主，需要基于振动、温度与工况数据提前发现故障。',
    techGoals: '主要故障提前 72 小时预警，准确率不低于 85%，误报率不高于 10%。',
    acceptanceCriteria: [
      '在企业标注的 2023—2024 年故障样本上，72 小时预警准确率不低于 85%',
      '误报率不高于 10%',
      '与企业设备管理系统完成接口对接',
    ],
    budgetCny: 800000,
  },
];

function sectionsFor(t: TeamSeed): ProjectSections {
  return {
    overview: {
      background: `${t.project}：面向益阳地区产业的数据要素应用需求，团队在${t.focus}方面有持续积累。`,
      industry: t.target && 'track' in t.target && t.target.track === 'agriculture' ? '现代农业' : '工业制造',
      advantages: `核心优势：${t.focus}；已在省内两家单位试点应用（演示）。`,
    },
    solution: {
      architecture: '“数据接入—治理—模型—应用”四层架构，企业数据在隐私计算沙箱中使用，原始数据不出域。',
      features: `${t.project}的核心功能：数据汇聚与质量评估、模型训练与评估、可视化决策看板。`,
      keyTechnologies: `${t.focus}、隐私计算、时序预测、知识图谱`,
      dataUsage: '融合企业开放数据与公共数据（气象、电价、产业），按“可用不可见”方式建模。',
    },
    value: {
      cases: '在试点单位上线 6 个月，关键指标改善明显（演示数据）。',
      economicBenefit: '预计每年为应用单位节约成本数百万元（演示）。',
      socialBenefit: '带动本地数据要素市场发展，形成可复制推广的模式。',
    },
    businessModel: {
      promotion: 'SaaS 订阅与私有化部署结合，面向省内同类企业推广。',
      market: '湖南省同类企业逾千家，市场空间约 3 亿元（演示）。',
    },
    team: {
      experience: '团队 5 人，核心成员具有 10 年以上行业数据经验。',
      qualifications: '具备 ISO 27001 认证，拥有软件著作权 5 项（演示）。',
    },
  };
}

/** Phases relative to the seeding day: the preliminary review runs from 2 days ago to 12 days ahead. */
export function reviewDemoPhases(now: Date): EditionPhases {
  const startOfToday = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - 8 * 3600 * 1000;
  const window = (from: number, to: number) => ({
    start: new Date(startOfToday + from * DAY).toISOString(),
    end: new Date(startOfToday + (to + 1) * DAY - 1000).toISOString(),
  });
  return {
    registration: window(-60, -31),
    submission: window(-60, -21),
    compliance: window(-20, -3),
    preliminaryReview: window(-2, 12),
    verification: window(13, 17),
    final: window(18, 20),
    dockingFair: window(18, 20),
    publicity: window(21, 27),
  };
}

export interface ReviewSeedContext {
  userIdByEmail: Map<string, string>;
  /** Creates (or finds) a demo organisation with its admin; returns its id. */
  seedOrg: (org: { key: string; name: string; kind: OrgKind; region: string; admin: string; members: string[] }) => Promise<string>;
  enterpriseOrgId: string;
  storage?: FileStorage | undefined;
  now: Date;
}

export async function seedDemoReview(trx: Trx, ctx: ReviewSeedContext): Promise<string> {
  const existing = await trx.selectFrom('editions').select('id').where('slug', '=', REVIEW_EDITION_SLUG).executeTakeFirst();
  if (existing) return existing.id;
  const user = (email: string) => ctx.userIdByEmail.get(email)!;
  const committeeId = user('committee@demo.cn');
  const { id: editionId } = await trx
    .insertInto('editions')
    .values({
      slug: REVIEW_EDITION_SLUG,
      ...catalog.edition,
      phases: JSON.stringify(reviewDemoPhases(ctx.now)),
      rules: JSON.stringify(defaultRules),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const topicIds = new Map<string, string>();
  const trackIds = new Map<string, string>();
  for (const track of catalog.tracks) {
    const { id: trackId } = await trx
      .insertInto('tracks')
      .values({
        edition_id: editionId,
        code: track.code,
        position: track.number,
        name: track.name,
        full_name: track.fullName,
        government_allowed: track.governmentAllowed,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    trackIds.set(track.code, trackId);
    const rows = await trx
      .insertInto('topics')
      .values(
        track.topics.map((topic) => ({ track_id: trackId, position: topic.number, title: topic.title, description: topic.description })),
      )
      .returning(['id', 'position'])
      .execute();
    for (const r of rows) topicIds.set(`${track.code}:${r.position}`, r.id);
  }

  // enterprise1's two sub-topics, published, bidding closed before the compliance check.
  const enterpriseUser = user('enterprise1@demo.cn');
  const demandIds: { id: string; topicId: string }[] = [];
  for (const d of demands) {
    const { topic, ...rest } = d;
    const content: DemandContent = {
      title: rest.title,
      businessNeed: rest.businessNeed,
      techGoals: rest.techGoals,
      acceptanceCriteria: rest.acceptanceCriteria,
      budgetCny: rest.budgetCny,
      region: '湖南省益阳市',
      contact: { name: '赵磊', phone: '0737-5550101', email: 'enterprise1@demo.cn' },
      bidDeadline: new Date(ctx.now.getTime() - 25 * DAY).toISOString(),
      dataScope: [
        {
          name: '产线运行数据',
          description: '2023—2024 年产线传感器与工况数据',
          fields: ['设备编号', '时间', '功率', '温度', '振动'],
          volume: '约 2 亿条',
          accessMode: 'sandbox',
          availableFrom: new Date(ctx.now.getTime() - 50 * DAY).toISOString().slice(0, 10),
          openedAt: new Date(ctx.now.getTime() - 50 * DAY).toISOString(),
          evidence: '隐私计算沙箱环境已开通，数据可用不可见（演示）',
        },
      ],
    };
    const topicId = topicIds.get(`industry:${topic}`)!;
    const publishedAt = new Date(ctx.now.getTime() - 55 * DAY);
    const { id } = await trx
      .insertInto('demands')
      .values({
        org_id: ctx.enterpriseOrgId,
        edition_id: editionId,
        topic_id: topicId,
        status: 'closed',
        version: 1,
        content: JSON.stringify(content),
        published_content: JSON.stringify(content),
        published_version: 1,
        published_at: publishedAt,
        bid_deadline: new Date(content.bidDeadline),
        submitted_at: new Date(publishedAt.getTime() - 2 * DAY),
        created_by: enterpriseUser,
        created_at: new Date(publishedAt.getTime() - 3 * DAY),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await enqueueDemand(trx, id);
    demandIds.push({ id, topicId });
  }

  // Five teams with eligible submitted projects.
  const teamOrgIds: string[] = [];
  const projectIds: string[] = [];
  for (const t of teams) {
    const leaderId = user(t.email);
    const orgId = await ctx.seedOrg({ key: t.key, name: t.org, kind: t.kind, region: '湖南省益阳市', admin: t.email, members: [] });
    teamOrgIds.push(orgId);
    const team = await trx
      .insertInto('teams')
      .values({ edition_id: editionId, name: t.team, lead_org_id: orgId, created_by: leaderId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('team_orgs').values({ team_id: team.id, org_id: orgId, role: 'lead' }).execute();
    await trx
      .insertInto('team_members')
      .values({ team_id: team.id, edition_id: editionId, user_id: leaderId, org_id: orgId, role: 'leader', added_by: leaderId })
      .execute();
    const target =
      'demand' in t.target ? demandIds[t.target.demand]! : { id: null, topicId: topicIds.get(`${t.target.track}:${t.target.topic}`)! };
    const sections = sectionsFor(t);
    const submittedAt = new Date(ctx.now.getTime() - 22 * DAY);
    const project = await trx
      .insertInto('projects')
      .values({
        team_id: team.id,
        edition_id: editionId,
        topic_id: target.topicId,
        demand_id: target.id,
        name: t.project,
        sections: JSON.stringify(sections),
        status: 'submitted',
        submitted_version: 1,
        submitted_at: submittedAt,
        compliance_status: 'eligible',
        compliance_by: committeeId,
        compliance_at: new Date(ctx.now.getTime() - 10 * DAY),
        created_by: leaderId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    projectIds.push(project.id);
    const materialIds: string[] = [];
    if (ctx.storage) {
      materialIds.push(
        ...(await seedDemoMaterials(trx, ctx.storage, project.id, leaderId, [
          ['qualification', '营业执照（演示）.pdf', 'Demo: business licence'],
          ['responsibility', '申报主体责任声明（演示）.pdf', 'Demo: declaration of responsibility'],
        ])),
      );
    }
    await trx
      .insertInto('project_versions')
      .values({
        project_id: project.id,
        version: 1,
        name: t.project,
        sections: JSON.stringify(sections),
        material_ids: materialIds,
        submitted_by: leaderId,
        submitted_at: submittedAt,
      })
      .execute();
    await trx
      .insertInto('project_events')
      .values([
        {
          project_id: project.id,
          actor_id: leaderId,
          action: 'submitted',
          from_status: 'draft',
          to_status: 'submitted',
          data: JSON.stringify({ version: 1 }),
        },
        {
          project_id: project.id,
          actor_id: committeeId,
          action: 'compliance',
          reason: null,
          data: JSON.stringify({ decision: 'eligible' }),
        },
      ])
      .execute();
  }

  // The expert pool; expert2 advises 洞庭湖农业大数据, so that project is not theirs to review.
  const industry = trackIds.get('industry')!;
  const agriculture = trackIds.get('agriculture')!;
  await experts.upsertExpert(trx, user('expert1@demo.cn'), {
    fields: ['工业大数据', '能耗优化', '智能制造'],
    trackIds: [industry, agriculture],
    by: committeeId,
  });
  await experts.upsertExpert(trx, user('expert2@demo.cn'), {
    fields: ['预测性维护', '设备运维', '数据治理'],
    trackIds: [industry, agriculture],
    by: committeeId,
  });
  await experts.upsertExpert(trx, user('expert3@demo.cn'), {
    fields: ['农业大数据', '遥感', '数据集建设'],
    trackIds: [industry, agriculture],
    by: committeeId,
  });
  await experts.replaceAffiliations(trx, user('expert2@demo.cn'), [
    { orgId: teamOrgIds[3]!, orgName: teams[3]!.org, relation: '顾问', from: '2023-03-01', to: null },
  ]);

  // The open preliminary round with its experts.
  const round = (await reviews.insertRound(trx, { editionId, stage: 'preliminary', by: committeeId }))!;
  await syncRound(trx, round.id, editionId, ctx.now);
  const [, , , p4, p5] = projectIds;
  await reviews.insertAssignments(trx, round.id, [
    ...demandIds.flatMap((d) =>
      ['expert1@demo.cn', 'expert2@demo.cn'].map((e) => ({
        itemId: `demand:${d.id}`,
        expertId: user(e),
        fit: 0.8,
        source: 'solver' as const,
        by: committeeId,
      })),
    ),
    { itemId: `project:${p4}`, expertId: user('expert1@demo.cn'), fit: 0.6, source: 'solver', by: committeeId },
    { itemId: `project:${p4}`, expertId: user('expert3@demo.cn'), fit: 0.9, source: 'solver', by: committeeId },
    { itemId: `project:${p5}`, expertId: user('expert2@demo.cn'), fit: 0.5, source: 'solver', by: committeeId },
    { itemId: `project:${p5}`, expertId: user('expert3@demo.cn'), fit: 0.7, source: 'solver', by: committeeId },
  ]);
  await reviews.updateRound(trx, round.id, { experts_per_project: 2, max_per_expert: 10 });
  await materialiseTasks(trx, round.id);
  // Results (issue 14): settings, and expert3's scores on the regular projects.
  await seedDemoResults(trx, { editionId, roundId: round.id, expertId: user('expert3@demo.cn'), committeeId, now: ctx.now });
  return editionId;
}
