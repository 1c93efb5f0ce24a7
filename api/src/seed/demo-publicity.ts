import { createHash } from 'node:crypto';
import { enqueueDemand } from '@jb/search/outbox.ts';
import { Readable } from 'node:stream';
import type { Trx } from '../db/database.ts';
import type { DemandContent, ProjectSections, ReviewTaskRole } from '../db/schema.ts';
import type { FileStorage } from '../lib/storage/file-storage.ts';
import { stableStringify } from '../lib/stable-json.ts';
import { defaultRules } from '../modules/catalog/catalog.schemas.ts';
import { computeResults } from '../modules/reviews/compute-results.ts';
import { defaultIndicatorWeights, leafKeys } from '../modules/reviews/indicators.ts';
import { buildForm, taskTotal } from '../modules/reviews/score-forms.ts';
import { demoPdf } from './demo-teams.ts';

/**
 * 演示数据 for results: a third, past edition (河北分赛 2024, 往届演示) whose whole cycle is over —
 * four eligible projects of yyteam1–4 (two on a sub-topic of 邢台恒远轴承, two regular), a closed
 * preliminary round scored by e05@ (demand fit) and expert1 (snapshot and hash as closing writes them),
 * approved awards (一、二、三等奖; sub-topic winners marked 优先推荐), a publicity that ended
 * 30 days ago, and one real-name report by e06@ rejected by the supervisor with a written
 * ruling — so the public 公示 and results pages, the reports desk, yyteam1's feedback page and
 * the dossier all have something to show. Runs once (skipped when the edition exists).
 */
export const RESULTS_EDITION_SLUG = 'hebei-2024-past';
const DAY = 24 * 3600 * 1000;
/** Accounts no other demo or test relies on for counts: the bearing maker's contact scores demand fit; expert1 scores as expert (those tasks listed after the 益阳 ones). */
export const ENTERPRISE_REVIEWER = 'e05@demo.cn';
export const RESULTS_ENTERPRISE = '邢台恒远轴承股份有限公司（演示）';
const REPORTER = 'e06@demo.cn';

export interface PublicitySeedContext {
  userIdByEmail: Map<string, string>;
  orgIdByCreditCode: (key: string) => Promise<string>;
  enterpriseOrgId: string;
  storage?: FileStorage | undefined;
  now: Date;
}

const teams = [
  {
    email: 'yyteam1@demo.cn',
    orgKey: '000201',
    team: '恒远能效队',
    project: '钢铁产线多源数据能耗优化平台',
    demand: true,
    scores: { fit: 90, innovation: [86] },
  },
  {
    email: 'yyteam2@demo.cn',
    orgKey: '000202',
    team: '智造数联队',
    project: '轧钢工序能耗预测与调度系统',
    demand: true,
    scores: { fit: 78, innovation: [81] },
  },
  {
    email: 'yyteam3@demo.cn',
    orgKey: '000203',
    team: '数研院数据空间队',
    project: '工业数据空间可信流通平台',
    demand: false,
    scores: { indicators: [88] },
  },
  {
    email: 'yyteam4@demo.cn',
    orgKey: '000204',
    team: '洞庭质检队',
    project: '工业视觉质检数据集建设',
    demand: false,
    scores: { indicators: [74] },
  },
] as const;

const comments = ['方案数据融合思路清晰，场景价值明确。', '技术路线成熟，建议补充数据安全评估。', '应用成效数据较翔实，推广路径可行。'];

function sections(project: string): ProjectSections {
  return {
    overview: { background: `${project}（往届演示）`, industry: '工业制造', advantages: '多源工业数据融合与落地经验（演示）' },
    solution: {
      architecture: '数据接入—治理—模型—应用四层架构',
      features: '数据汇聚、模型训练、决策看板',
      keyTechnologies: '隐私计算、时序预测',
      dataUsage: '企业数据在沙箱中可用不可见',
    },
    value: { cases: '试点单位上线 6 个月（演示）', economicBenefit: '年节约成本数百万元（演示）', socialBenefit: '形成可复制推广模式' },
    businessModel: { promotion: 'SaaS 与私有化部署', market: '省内同类企业逾千家（演示）' },
    team: { experience: '核心成员 10 年行业数据经验', qualifications: '软件著作权 5 项（演示）' },
  };
}

export async function seedDemoPublicity(trx: Trx, ctx: PublicitySeedContext): Promise<string> {
  const existing = await trx.selectFrom('editions').select('id').where('slug', '=', RESULTS_EDITION_SLUG).executeTakeFirst();
  if (existing) return existing.id;
  const user = (email: string) => ctx.userIdByEmail.get(email)!;
  const committee = user('committee@demo.cn');
  const supervisor = user('supervisor@demo.cn');
  const ago = (days: number) => new Date(ctx.now.getTime() - days * DAY);
  const window = (from: number, to: number) => ({ start: ago(from).toISOString(), end: ago(to).toISOString() });
  const { id: editionId } = await trx
    .insertInto('editions')
    .values({
      slug: RESULTS_EDITION_SLUG,
      name: '2024年“数据要素×”大赛河北分赛（往届演示）',
      year: 2024,
      region: '河北省',
      organizer: '河北省数据和政务服务局（演示）',
      description: '往届分赛：评审、获奖公示均已结束，用于展示公示、举报裁定、评审反馈与留档。',
      phases: JSON.stringify({
        registration: window(200, 170),
        submission: window(200, 160),
        compliance: window(159, 150),
        preliminaryReview: window(149, 130),
        verification: window(129, 120),
        final: window(119, 110),
        dockingFair: window(119, 110),
        publicity: window(40, 33),
      }),
      rules: JSON.stringify(defaultRules),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { id: trackId } = await trx
    .insertInto('tracks')
    .values({ edition_id: editionId, code: 'industry', position: 1, name: '工业制造', full_name: '数据要素×工业制造' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { id: topicId } = await trx
    .insertInto('topics')
    .values({ track_id: trackId, position: 1, title: '提高工业制造决策科学性', description: '降本提质增效' })
    .returning('id')
    .executeTakeFirstOrThrow();

  const content: DemandContent = {
    title: '轴承产线能耗优化（往届演示）',
    businessNeed: '轧钢产线能耗占成本三成以上，需融合产线、能源与订单数据实现智能调度，降低吨钢能耗。',
    techGoals: '吨钢综合能耗下降 5% 以上，调度方案生成不超过 10 分钟。',
    acceptanceCriteria: ['历史数据回测吨钢能耗下降不少于 5%', '沙箱环境连续运行 30 天无重大故障'],
    budgetCny: 1000000,
    region: '河北省石家庄市',
    contact: { name: '钱工', phone: '0319-5550101', email: ENTERPRISE_REVIEWER },
    bidDeadline: ago(165).toISOString(),
    dataScope: [
      {
        name: '产线运行数据',
        description: '2022—2023 年产线传感器数据',
        fields: ['设备编号', '时间', '功率'],
        volume: '约 1 亿条',
        accessMode: 'sandbox',
        availableFrom: ago(190).toISOString().slice(0, 10),
        openedAt: ago(190).toISOString(),
        evidence: '沙箱已开通（演示）',
      },
    ],
  };
  const { id: demandId } = await trx
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
      published_at: ago(195),
      bid_deadline: ago(165),
      submitted_at: ago(197),
      created_by: user(ENTERPRISE_REVIEWER),
      created_at: ago(198),
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  await enqueueDemand(trx, demandId);

  const { id: roundId } = await trx
    .insertInto('review_rounds')
    .values({ edition_id: editionId, stage: 'preliminary', created_by: committee, created_at: ago(149) })
    .returning('id')
    .executeTakeFirstOrThrow();
  const weights = defaultIndicatorWeights();
  const projects: { id: string; teamId: string; demand: boolean }[] = [];
  for (const [i, t] of teams.entries()) {
    const leader = user(t.email);
    const orgId = await ctx.orgIdByCreditCode(t.orgKey);
    const { id: teamId } = await trx
      .insertInto('teams')
      .values({ edition_id: editionId, name: t.team, lead_org_id: orgId, created_by: leader })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('team_orgs').values({ team_id: teamId, org_id: orgId, role: 'lead' }).execute();
    await trx
      .insertInto('team_members')
      .values({ team_id: teamId, edition_id: editionId, user_id: leader, org_id: orgId, role: 'leader', added_by: leader })
      .execute();
    const { id } = await trx
      .insertInto('projects')
      .values({
        team_id: teamId,
        edition_id: editionId,
        topic_id: topicId,
        demand_id: t.demand ? demandId : null,
        name: t.project,
        sections: JSON.stringify(sections(t.project)),
        status: 'submitted',
        submitted_version: 1,
        submitted_at: ago(161),
        compliance_status: 'eligible',
        compliance_by: committee,
        compliance_at: ago(152),
        created_by: leader,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('project_versions')
      .values({
        project_id: id,
        version: 1,
        name: t.project,
        sections: JSON.stringify(sections(t.project)),
        material_ids: [],
        submitted_by: leader,
        submitted_at: ago(161),
      })
      .execute();
    await trx.insertInto('review_round_projects').values({ round_id: roundId, project_id: id, version: 1 }).execute();
    projects.push({ id, teamId, demand: t.demand });

    const project = { demand_id: t.demand ? demandId : null, acceptance_criteria: t.demand ? content.acceptanceCriteria : null };
    const task = async (reviewer: string, role: ReviewTaskRole, score: number, comment: string) => {
      const form = buildForm(role, project, weights);
      const scores = Object.fromEntries(form.criteria.map((c, k) => [c.key, Math.min(100, score + ((k % 3) - 1))]));
      if (form.kind === 'indicators') for (const key of leafKeys) scores[key] ??= score;
      await trx
        .insertInto('review_tasks')
        .values({
          round_id: roundId,
          project_id: id,
          reviewer_id: reviewer,
          role,
          status: 'submitted',
          declared_at: ago(148),
          scores: JSON.stringify(scores),
          comment,
          total: taskTotal(form, scores),
          submitted_at: ago(140 - i),
          // Listed after expert1's current (益阳) tasks: 我的评审 lists by creation, and those are the work waiting.
          created_at: new Date(ctx.now.getTime() + 60_000),
        })
        .execute();
    };
    if ('fit' in t.scores) await task(user(ENTERPRISE_REVIEWER), 'enterprise', t.scores.fit, '企业意见：方案与本企业需求匹配。');
    const expertScores = 'innovation' in t.scores ? t.scores.innovation : t.scores.indicators;
    await task(user('expert1@demo.cn'), 'expert', expertScores[0], comments[i % 3]!);
  }

  // Closing, as close-review-round.ts does: results and every score frozen with their hash.
  const results = await computeResults(trx, roundId);
  const scores = (await trx.selectFrom('review_tasks').selectAll().where('round_id', '=', roundId).orderBy('created_at').execute()).map(
    (t) => ({
      taskId: t.id,
      projectId: t.project_id,
      reviewerId: t.reviewer_id,
      role: t.role,
      scores: t.scores,
      comment: t.comment,
      total: t.total,
      submittedAt: t.submitted_at,
    }),
  );
  const snapshot = { closedAt: ago(130).toISOString(), results: { ...results, status: 'closed' as const }, scores };
  const hash = createHash('sha256').update(stableStringify(snapshot)).digest('hex');
  await trx
    .updateTable('review_rounds')
    .set({ status: 'closed', snapshot: JSON.stringify(snapshot), snapshot_hash: hash, closed_by: committee, closed_at: ago(130) })
    .where('id', '=', roundId)
    .execute();

  const ranked = [...results.items].sort((a, b) => (a.rankInTrack ?? 99) - (b.rankInTrack ?? 99));
  const levels = ['first', 'second', 'third'] as const;
  const awardIds: string[] = [];
  for (const [k, level] of levels.entries()) {
    const item = ranked[k]!;
    const p = projects.find((x) => x.id === item.projectId)!;
    const { id } = await trx
      .insertInto('awards')
      .values({
        edition_id: editionId,
        round_id: roundId,
        project_id: p.id,
        team_id: p.teamId,
        track_id: trackId,
        demand_id: p.demand ? demandId : null,
        level,
        proposed_level: level,
        status: 'approved',
        final_rank: item.rankInTrack,
        final_score: item.normalisedTotal,
        priority_recommendation: p.demand,
        proposed_by: committee,
        proposed_at: ago(108),
        approved_by: committee,
        approved_at: ago(105),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    awardIds.push(id);
  }

  const start = ago(40);
  const end = new Date(start.getTime() + defaultRules.publicityDays * DAY);
  await trx
    .insertInto('publicity_notices')
    .values({
      edition_id: editionId,
      start_at: start,
      end_at: end,
      days: defaultRules.publicityDays,
      note: '',
      opened_by: committee,
      opened_at: start,
    })
    .execute();
  const log = (
    action: string,
    subjectType: string,
    subjectId: string,
    at: Date,
    actorId: string | null,
    data: unknown,
    reason: string | null = null,
  ) =>
    trx
      .insertInto('decision_log')
      .values({
        edition_id: editionId,
        actor_id: actorId,
        at,
        action,
        subject_type: subjectType,
        subject_id: subjectId,
        data: JSON.stringify(data),
        reason,
      })
      .execute();
  await log('publicity.opened', 'publicity', editionId, start, committee, {
    start: start.toISOString(),
    end: end.toISOString(),
    days: defaultRules.publicityDays,
  });

  // One real-name report (by e06's 郑文) on the second prize, rejected with a written ruling.
  const ruling = '经核查，被举报项目的应用案例有合同与验收报告佐证，举报所称“成效数据虚构”与事实不符，举报不成立。';
  const { id: reportId } = await trx
    .insertInto('publicity_reports')
    .values({
      edition_id: editionId,
      award_id: awardIds[1]!,
      reporter_id: user(REPORTER),
      real_name: '郑文',
      phone: '13800000000',
      content: '该项目申报书中的应用成效数据与其公开宣传材料不一致，疑似虚构，请核查。',
      status: 'rejected',
      ruling,
      ruled_by: supervisor,
      ruled_at: ago(35),
      created_at: ago(38),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const pdf = demoPdf('Demo: report evidence');
  let sha256 = createHash('sha256').update(pdf).digest('hex');
  if (ctx.storage) {
    const staged = await ctx.storage.stage(Readable.from(pdf));
    await staged.commit();
    sha256 = staged.sha256;
  }
  await trx
    .insertInto('publicity_report_evidence')
    .values({
      report_id: reportId,
      file_name: '宣传材料截图（演示）.pdf',
      mime_type: 'application/pdf',
      size: pdf.length,
      sha256,
      created_at: ago(38),
    })
    .execute();
  await log('report.filed', 'report', reportId, ago(38), null, { awardId: awardIds[1] });
  await log('report.rejected', 'report', reportId, ago(35), supervisor, { awardId: awardIds[1] }, ruling);
  return editionId;
}
