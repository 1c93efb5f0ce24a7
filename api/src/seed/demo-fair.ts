import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Trx } from '../db/database.ts';
import type { ProjectSections } from '../db/schema.ts';
import { applySchedule } from '../modules/fair/schedule.service.ts';

/**
 * 演示数据 for the docking fair (issue 13): four more Hebei teams, each with a draft
 * project aimed at a known sub-topic (the labelled pairs recommendation quality is
 * measured on), and the edition's 供需对接会 on the first day of its docking-fair
 * phase with a programme, registered enterprises and teams, requests in every state
 * and a computed schedule, so every role sees it working on a fresh start.
 */
export const DEMO_FAIR_NAME = '2025年“数据要素×”大赛河北分赛供需对接会';

interface DemoFairTeam {
  email: string;
  displayName: string;
  org: { key: string; name: string; kind: 'enterprise' | 'research' | 'university'; region: string };
  team: string;
  /** The sub-topic its project targets (published demand title): the label. */
  targetTitle: string;
  project: string;
  industry: string;
  technologies: string;
  background: string;
  dataUsage: string;
  cases: string;
}

export const demoFairTeams: DemoFairTeam[] = [
  {
    email: 'team3@demo.cn',
    displayName: '郑爽（冀北智能视觉）',
    org: { key: '000005', name: '冀北智能视觉科技有限公司（演示）', kind: 'enterprise', region: '河北省唐山市' },
    team: '慧眼质检队',
    targetTitle: '陶瓷智造升级：机器视觉驱动的缺陷精准检测',
    project: '基于机器视觉的陶瓷表面缺陷精准检测系统',
    industry: '陶瓷制造、建材',
    technologies: '机器视觉、深度学习、小样本缺陷检测、工业相机标定',
    background: '陶瓷釉面裂纹、针孔、色差等缺陷依赖人工目检，漏检率高、标准不一，质检数据没有沉淀。',
    dataUsage: '利用企业开放的产线图像和质检记录做数据标注与模型训练，缺陷样本在沙箱中增强，原始图像不出厂。',
    cases: '在唐山两家卫浴陶瓷企业试点，缺陷检出率 98.7%，质检人员减少 40%。',
  },
  {
    email: 'team4@demo.cn',
    displayName: '钱涛（保定钢研数据）',
    org: { key: '000006', name: '保定钢研数据科技有限公司（演示）', kind: 'enterprise', region: '河北省保定市' },
    team: '钢铁智算队',
    targetTitle: '钢铁供应链数智化：算法驱动全链条资源配置优化',
    project: '钢铁供应链全链条资源配置优化平台',
    industry: '钢铁冶金、供应链物流',
    technologies: '运筹优化、需求预测、数字孪生、库存优化',
    background: '钢铁企业原燃料采购、库存和物流调度分散决策，资金占用高、运输成本高。',
    dataUsage: '融合采购、库存、运输和生产计划数据，通过 API 接入企业数据，构建供应链数字孪生。',
    cases: '为某钢企原料库存优化，库存资金占用下降 15%，运输成本下降 8%。',
  },
  {
    email: 'team5@demo.cn',
    displayName: '冯敏（河北金融科技研究院）',
    org: { key: '000007', name: '河北金融科技研究院（演示）', kind: 'research', region: '河北省石家庄市' },
    team: '普惠金融数据队',
    targetTitle: '供应链金融数智化：全链数据驱动的普惠融资服务',
    project: '全链数据驱动的供应链普惠融资风控模型',
    industry: '金融服务、供应链金融',
    technologies: '隐私计算、联邦学习、信用评分、知识图谱',
    background: '中小微企业缺少抵押物，银行难以核实贸易真实性，供应链融资覆盖率低。',
    dataUsage: '以可用不可见方式联合核心企业交易、物流和税务数据建立信用模型，数据不出域。',
    cases: '与省内城商行合作试点，授信审批时间由 7 天缩短到 1 天，不良率低于 1%。',
  },
  {
    email: 'team6@demo.cn',
    displayName: '韩雪（雄安算力网络）',
    org: { key: '000008', name: '雄安算力网络科技有限公司（演示）', kind: 'enterprise', region: '河北省雄安新区' },
    team: '算力调度队',
    targetTitle: '算力智能调度：数据驱动的算力资源优化配置',
    project: '跨数据中心算力智能调度与资源优化系统',
    industry: '算力基础设施、数据中心',
    technologies: '强化学习、负载预测、容器编排、能耗优化',
    background: '算力中心负载不均衡，峰谷差大，GPU 资源利用率不足 40%，能耗成本高。',
    dataUsage: '使用算力中心开放的作业日志、资源监控和能耗数据训练负载预测与调度模型。',
    cases: '在某智算中心试运行，GPU 平均利用率提升到 68%，单位算力能耗下降 12%。',
  },
];

function sectionsOf(t: DemoFairTeam): ProjectSections {
  return {
    overview: {
      background: t.background,
      industry: t.industry,
      advantages: `团队在${t.industry}领域深耕多年，掌握${t.technologies}等关键技术。`,
    },
    solution: {
      architecture: '采用“数据接入—治理—模型—应用”四层架构，支持私有化部署。',
      features: `${t.project}：数据接入、模型训练、结果可视化与业务系统对接。`,
      keyTechnologies: t.technologies,
      dataUsage: t.dataUsage,
    },
    value: { cases: t.cases, economicBenefit: '预计为企业每年降本增效数百万元。', socialBenefit: '带动河北省相关产业数字化转型。' },
    businessModel: { promotion: '以试点项目带动同行业推广，SaaS 与私有化部署并行。', market: '河北省内同类企业数百家，市场空间广阔。' },
    team: { experience: '核心成员具有十年以上行业信息化经验。', qualifications: '拥有相关软件著作权和发明专利。' },
  };
}

interface Ctx {
  editionId: string;
  userIdByEmail: Map<string, string>;
  passwordHash: string;
  creditCode: (key: string) => string;
}

async function ensureUser(trx: Trx, email: string, displayName: string, passwordHash: string) {
  await trx
    .insertInto('users')
    .values({ email, password_hash: passwordHash, display_name: displayName, roles: [] })
    .onConflict((oc) => oc.column('email').doNothing())
    .execute();
  return (await trx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
}

async function seedTeam(trx: Trx, ctx: Ctx, t: DemoFairTeam) {
  const userId = await ensureUser(trx, t.email, t.displayName, ctx.passwordHash);
  const code = ctx.creditCode(t.org.key);
  await trx
    .insertInto('organizations')
    .values({ name: t.org.name, credit_code: code, kind: t.org.kind, region: t.org.region, created_by: userId })
    .onConflict((oc) => oc.column('credit_code').doNothing())
    .execute();
  const orgId = (await trx.selectFrom('organizations').select('id').where('credit_code', '=', code).executeTakeFirstOrThrow()).id;
  await trx
    .insertInto('org_members')
    .values({ org_id: orgId, user_id: userId, role: 'admin', added_by: userId })
    .onConflict((oc) => oc.columns(['org_id', 'user_id']).doNothing())
    .execute();
  const existing = await trx
    .selectFrom('teams')
    .select('id')
    .where('edition_id', '=', ctx.editionId)
    .where('name', '=', t.team)
    .executeTakeFirst();
  if (existing) return existing.id;
  const team = await trx
    .insertInto('teams')
    .values({ edition_id: ctx.editionId, name: t.team, lead_org_id: orgId, created_by: userId })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.insertInto('team_orgs').values({ team_id: team.id, org_id: orgId, role: 'lead' }).execute();
  await trx
    .insertInto('team_members')
    .values({ team_id: team.id, edition_id: ctx.editionId, user_id: userId, org_id: orgId, role: 'leader', added_by: userId })
    .execute();
  const demand = await trx
    .selectFrom('demands')
    .select(['id', 'topic_id'])
    .where('edition_id', '=', ctx.editionId)
    .where(sql<boolean>`published_content->>'title' = ${t.targetTitle}`)
    .executeTakeFirst();
  if (demand) {
    await trx
      .insertInto('projects')
      .values({
        team_id: team.id,
        edition_id: ctx.editionId,
        topic_id: demand.topic_id,
        demand_id: demand.id,
        name: t.project,
        sections: JSON.stringify(sectionsOf(t)),
        created_by: userId,
      })
      .execute();
  }
  return team.id;
}

const E = {
  steel: '冀中钢铁集团有限公司（演示）',
  medical: '华北医疗器械股份有限公司（演示）',
};

export async function seedDemoFair(trx: Trx, ctx: Ctx): Promise<void> {
  const teamIds = new Map<string, string>();
  for (const t of demoFairTeams) teamIds.set(t.team, await seedTeam(trx, ctx, t));
  const existing = await trx
    .selectFrom('fairs')
    .select('id')
    .where('edition_id', '=', ctx.editionId)
    .where('name', '=', DEMO_FAIR_NAME)
    .executeTakeFirst();
  if (existing) return;

  const committeeId = ctx.userIdByEmail.get('committee@demo.cn')!;
  const edition = await trx.selectFrom('editions').select('phases').where('id', '=', ctx.editionId).executeTakeFirstOrThrow();
  const first = new Date(Date.parse(edition.phases.dockingFair.start) + 8 * 3600_000).toISOString().slice(0, 10);
  const second = new Date(Date.parse(`${first}T00:00:00Z`) + 24 * 3600_000).toISOString().slice(0, 10);
  const fair = await trx
    .insertInto('fairs')
    .values({
      edition_id: ctx.editionId,
      name: DEMO_FAIR_NAME,
      venue: '石家庄国际会展中心 3 号馆',
      days: JSON.stringify([
        { date: first, start: '09:00', end: '12:00' },
        { date: second, start: '09:00', end: '12:00' },
      ]),
      slot_minutes: 20,
      break_minutes: 10,
      tables: 4,
      request_ttl_hours: 72,
      max_meetings: 6,
      checkin_grace_minutes: 10,
      created_by: committeeId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const at = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`).toISOString();
  await trx
    .insertInto('fair_presentations')
    .values([
      {
        fair_id: fair.id,
        title: '石家庄市数据要素产业政策推介',
        speaker: '石家庄市数据和政务服务局',
        starts_at: at(first, '08:30'),
        ends_at: at(first, '08:50'),
      },
      {
        fair_id: fair.id,
        title: '雄安新区数字经济创新发展试验区推介',
        speaker: '雄安新区改革发展局',
        starts_at: at(first, '13:30'),
        ends_at: at(first, '14:00'),
      },
      {
        fair_id: fair.id,
        title: '唐山高新区工业互联网产业园推介',
        speaker: '唐山高新区管委会',
        starts_at: at(second, '08:30'),
        ends_at: at(second, '08:50'),
      },
    ])
    .execute();

  // Enterprises: the orgs behind the sub-topics the demo teams aim at, plus the two named demo enterprises.
  const orgRows = await trx
    .selectFrom('demands')
    .innerJoin('organizations as o', 'o.id', 'demands.org_id')
    .select(['o.id', 'o.name', sql<string>`demands.published_content->>'title'`.as('title')])
    .where('demands.edition_id', '=', ctx.editionId)
    .execute();
  const orgOf = (title: string) => orgRows.find((r) => r.title === title)?.id;
  const orgByName = (name: string) => orgRows.find((r) => r.name === name)?.id;
  const enterpriseOrgIds = [orgByName(E.steel), orgByName(E.medical), ...demoFairTeams.map((t) => orgOf(t.targetTitle))].filter(
    (x): x is string => !!x,
  );
  const participant = new Map<string, string>();
  const registeredBy = committeeId;
  for (const orgId of [...new Set(enterpriseOrgIds)]) {
    const row = await trx
      .insertInto('fair_participants')
      .values({ fair_id: fair.id, kind: 'enterprise', org_id: orgId, availability: '[]', registered_by: registeredBy })
      .returning('id')
      .executeTakeFirstOrThrow();
    participant.set(orgId, row.id);
  }
  const udiTeam = await trx
    .selectFrom('teams')
    .select('id')
    .where('edition_id', '=', ctx.editionId)
    .where('name', '=', '理工数智揭榜队')
    .executeTakeFirst();
  if (udiTeam) teamIds.set('理工数智揭榜队', udiTeam.id);
  for (const [name, id] of teamIds) {
    // 算力调度队 can only come on the second day.
    const availability = name === '算力调度队' ? [{ start: at(second, '09:00'), end: at(second, '12:00') }] : [];
    const row = await trx
      .insertInto('fair_participants')
      .values({ fair_id: fair.id, kind: 'team', team_id: id, availability: JSON.stringify(availability), registered_by: registeredBy })
      .returning('id')
      .executeTakeFirstOrThrow();
    participant.set(name, row.id);
  }

  const now = new Date();
  const request = async (
    from: string | undefined,
    to: string | undefined,
    message: string,
    status: 'pending' | 'accepted' | 'declined',
    demandTitle?: string,
  ) => {
    if (!from || !to) return;
    const fromRow = await trx
      .selectFrom('fair_participants')
      .select(['kind', 'org_id', 'team_id'])
      .where('id', '=', from)
      .executeTakeFirstOrThrow();
    const demandId = demandTitle ? await demandIdOf(trx, ctx.editionId, demandTitle) : null;
    const r = await trx
      .insertInto('meeting_requests')
      .values({
        fair_id: fair.id,
        from_participant_id: from,
        to_participant_id: to,
        demand_id: demandId,
        message,
        status,
        expires_at: new Date(now.getTime() + 72 * 3600_000),
        created_by: committeeId,
        responded_at: status === 'pending' ? null : now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (status === 'accepted') {
      await trx
        .insertInto('meetings')
        .values({
          fair_id: fair.id,
          request_id: r.id,
          enterprise_participant_id: fromRow.kind === 'enterprise' ? from : to,
          team_participant_id: fromRow.kind === 'team' ? from : to,
          demand_id: demandId,
          qr_token: randomBytes(18).toString('base64url'),
        })
        .execute();
    }
  };
  const P = (key: string | undefined) => (key ? participant.get(key) : undefined);
  const target = (team: string) => demoFairTeams.find((t) => t.team === team)!.targetTitle;
  for (const t of demoFairTeams)
    await request(P(t.team), P(orgOf(t.targetTitle)), `我们的「${t.project}」正对应贵司子赛题，希望当面交流。`, 'accepted', t.targetTitle);
  await request(P(orgByName(E.steel)), P('慧眼质检队'), '钢材表面缺陷检测也有需求，想了解你们的视觉方案。', 'accepted');
  await request(
    P('理工数智揭榜队'),
    P(orgByName(E.medical)),
    '希望就 UDI 追溯方案的数据接入细节当面沟通。',
    'accepted',
    '医疗器械全链追溯：UDI驱动的产供销智能协同',
  );
  await request(P(orgOf(target('算力调度队'))), P('普惠金融数据队'), '想了解隐私计算平台能否用于算力计费数据共享。', 'accepted');
  await request(P('钢铁智算队'), P(orgByName(E.medical)), '我们在排产优化上有经验，希望交流智能排产子赛题。', 'pending');
  await request(P(orgByName(E.steel)), P('理工数智揭榜队'), '想了解贵团队的数据治理能力。', 'pending');
  await request(P('算力调度队'), P(orgOf(target('普惠金融数据队'))), '希望介绍算力调度方案。', 'declined');

  await applySchedule(trx, fair.id, committeeId, { pins: [], unpin: [] });
}

async function demandIdOf(trx: Trx, editionId: string, title: string) {
  const row = await trx
    .selectFrom('demands')
    .select('id')
    .where('edition_id', '=', editionId)
    .where(sql<boolean>`published_content->>'title' = ${title}`)
    .executeTakeFirst();
  return row?.id ?? null;
}
