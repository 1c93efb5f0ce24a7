import { sql } from 'kysely';
import type { Trx } from '../db/database.ts';
import type { DemandContent } from '../db/schema.ts';
import type { FileStorage } from '../lib/storage/file-storage.ts';
import * as repo from '../modules/tracking/implementations.repository.ts';
import { meets, normalisePlan, suggestTarget, wanOfCny } from '../modules/tracking/implementations.rules.ts';
import * as mrepo from '../modules/tracking/milestones.repository.ts';
import { addMonthsBeijing } from '../modules/tracking/effect-reports.due.ts';
import { DEMO_FAIR_NAME } from './demo-fair.ts';
import { insertAgreedImplementation, seedDemoImplementation } from './demo-implementations.ts';

/**
 * 演示数据 (issue 15, effect tracking): impl's running implementation (UDI, in progress), and an
 * implementation accepted 230 days ago — 普惠金融数据队 × the 供应链金融 sub-topic's enterprise
 * (e09@demo.cn), from their docking-fair meeting — with its 3-month effect report filed, its 6-month report late (the
 * committee's console lists it), and published as a 典型案例 with both sides' consent.
 * Idempotent: nothing is added when the accepted implementation exists; nothing at all when the
 * fair, the meeting or the accounts are missing.
 */
export const DEMO_CASE_TEAM = '普惠金融数据队';
export const DEMO_CASE_DEMAND = '供应链金融数智化：全链数据驱动的普惠融资服务';
export const DEMO_CASE_ACCEPTED_DAYS_AGO = 230;
const DAY = 86400_000;

export interface DemoTrackingContext {
  editionId: string;
  userIdByEmail: Map<string, string>;
  storage?: FileStorage;
  now: Date;
}

export async function seedDemoTracking(
  trx: Trx,
  ctx: DemoTrackingContext,
): Promise<{ running: string | null; accepted: string | null; overdue: string | null }> {
  const running = ctx.storage ? await seedDemoImplementation(trx, { ...ctx, storage: ctx.storage }) : null;
  return { running, accepted: await seedAcceptedCase(trx, ctx), overdue: await seedOverdueImplementation(trx, ctx) };
}

/** A signed demo-fair meeting of `team` on the sub-topic `demandTitle`, with the enterprise's first admin. */
async function demoMeeting(trx: Trx, ctx: DemoTrackingContext, team: string, demandTitle: string) {
  const meeting = await trx
    .selectFrom('meetings as m')
    .innerJoin('fairs as f', 'f.id', 'm.fair_id')
    .innerJoin('fair_participants as tp', 'tp.id', 'm.team_participant_id')
    .innerJoin('teams as t', 't.id', 'tp.team_id')
    .innerJoin('demands as d', 'd.id', 'm.demand_id')
    .select(['m.id', 'd.org_id', 'd.id as demand_id'])
    .where('f.edition_id', '=', ctx.editionId)
    .where('f.name', '=', DEMO_FAIR_NAME)
    .where('t.name', '=', team)
    .where('m.status', '=', 'active')
    .where(sql<boolean>`d.published_content->>'title' = ${demandTitle}`)
    .executeTakeFirst();
  if (!meeting) return null;
  const enterpriseUser = (
    await trx
      .selectFrom('org_members')
      .select('user_id')
      .where('org_id', '=', meeting.org_id)
      .orderBy(sql`role = 'admin'`, 'desc')
      .executeTakeFirst()
  )?.user_id;
  return enterpriseUser ? { ...meeting, enterpriseUser } : null;
}

async function recordSigning(trx: Trx, meetingId: string, amountWan: number, by: { enterprise: string; team: string }, note: string) {
  for (const side of ['enterprise', 'team'] as const) {
    await trx
      .insertInto('meeting_outcomes')
      .values({ meeting_id: meetingId, side, result: 'signed', amount_wan: amountWan, note, recorded_by: by[side] })
      .onConflict((oc) => oc.columns(['meeting_id', 'side']).doUpdateSet({ result: 'signed', amount_wan: amountWan }))
      .execute();
  }
}

export const DEMO_OVERDUE_TEAM = '钢铁智算队';
export const DEMO_OVERDUE_DEMAND = '钢铁供应链数智化：算法驱动全链条资源配置优化';

/**
 * 钢铁智算队 × 冀中钢铁 (enterprise1@demo.cn), agreed 60 days ago: milestone 1 (due 20 days ago)
 * submitted 14 days ago and not reviewed within the committee's 10 days, milestone 2 due 5 days
 * ago and not delivered — what the committee's console flags.
 */
async function seedOverdueImplementation(trx: Trx, ctx: DemoTrackingContext): Promise<string | null> {
  const teamUser = (await trx.selectFrom('users').select('id').where('email', '=', 'team4@demo.cn').executeTakeFirst())?.id;
  const meeting = await demoMeeting(trx, ctx, DEMO_OVERDUE_TEAM, DEMO_OVERDUE_DEMAND);
  if (!meeting || !teamUser) return null;
  const existing = await repo.findBySource(trx, 'fair_signing', meeting.id);
  if (existing) return existing.id;
  const { enterpriseUser } = meeting;
  const ago = (days: number) => new Date(ctx.now.getTime() - days * DAY);
  const dateOf = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  const demandRow = (await repo.findDemand(trx, meeting.demand_id))!;
  const content = demandRow.published_content as DemandContent;
  const budgetWan = Math.min(200, wanOfCny(content.budgetCny));
  await recordSigning(trx, meeting.id, budgetWan, { enterprise: enterpriseUser, team: teamUser }, '签订供应链优化实施协议');
  const source = (await repo.findSignedMeeting(trx, meeting.id))!;
  const c = content.acceptanceCriteria;
  const refs = (from: number, to: number) => c.slice(from, to).map((text, i) => ({ ref: from + i, target: suggestTarget(text) }));
  const plan = normalisePlan(
    {
      budgetWan,
      budgetNote: '',
      milestones: [
        {
          title: '需求预测与库存优化模型',
          deliverables: '预测模型回测报告与库存优化方案',
          dueDate: dateOf(ago(20)),
          budgetShare: 30,
          criteria: refs(0, 2),
        },
        {
          title: '数字孪生调度仿真',
          deliverables: '三类调度场景仿真与线下对比报告',
          dueDate: dateOf(ago(5)),
          budgetShare: 30,
          criteria: refs(2, 3),
        },
        {
          title: '厂内物流试点',
          deliverables: '3 个月试点报告，集团财务部核定意见',
          dueDate: dateOf(ago(-75)),
          budgetShare: 40,
          criteria: refs(3, c.length),
        },
      ],
    },
    c,
    wanOfCny(content.budgetCny),
  );
  const agreedAt = ago(60);
  const {
    impl,
    milestones: [first],
  } = await insertAgreedImplementation(
    trx,
    {
      edition_id: ctx.editionId,
      demand_id: demandRow.id,
      team_id: source.team_id!,
      project_id: (await repo.findTeamProject(trx, source.team_id!, demandRow.id))?.id ?? null,
      enterprise_org_id: source.org_id!,
      source: 'fair_signing',
      source_id: meeting.id,
      title: content.title,
      budget_wan: plan.budgetWan,
      status: 'in_progress',
      plan_version: 1,
      agreed_at: agreedAt,
      created_by: enterpriseUser,
    },
    plan,
    { enterpriseUser, teamUser, agreedAt },
  );
  const submittedAt = ago(14);
  await mrepo.insertSubmission(trx, {
    milestone_id: first!.id,
    round: 1,
    note: '以 2024 年数据回测，原燃料周度需求预测准确率 91.2%；试点品种库存天数下降 12%。',
    figures: JSON.stringify(
      first!.criteria.map((cr, k) => ({
        criterion: k,
        value: cr.target?.value ?? 1,
        met: cr.target ? meets(cr.target, cr.target.value) : null,
      })),
    ),
    evidence_ids: [],
    submitted_by: teamUser,
    submitted_at: submittedAt,
  });
  await mrepo.updateMilestone(trx, first!.id, {
    status: 'submitted',
    submitted_at: submittedAt,
    review_due_at: new Date(submittedAt.getTime() + 10 * DAY),
  });
  return impl.id;
}

async function seedAcceptedCase(trx: Trx, ctx: DemoTrackingContext): Promise<string | null> {
  const teamUser = (await trx.selectFrom('users').select('id').where('email', '=', 'team5@demo.cn').executeTakeFirst())?.id;
  const meeting = await demoMeeting(trx, ctx, DEMO_CASE_TEAM, DEMO_CASE_DEMAND);
  if (!meeting || !teamUser) return null;
  const existing = await repo.findBySource(trx, 'fair_signing', meeting.id);
  if (existing) return existing.id;
  const { enterpriseUser } = meeting;

  const acceptedAt = new Date(ctx.now.getTime() - DEMO_CASE_ACCEPTED_DAYS_AGO * DAY);
  const at = (daysBeforeAcceptance: number) => new Date(acceptedAt.getTime() - daysBeforeAcceptance * DAY);
  const dateOf = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

  const demandRow = (await repo.findDemand(trx, meeting.demand_id))!;
  const content = demandRow.published_content as DemandContent;
  const budgetWan = Math.min(120, wanOfCny(content.budgetCny));
  await recordSigning(trx, meeting.id, budgetWan, { enterprise: enterpriseUser, team: teamUser }, '签订供应链金融平台建设协议');
  const source = (await repo.findSignedMeeting(trx, meeting.id))!;
  const c = content.acceptanceCriteria;
  const half = Math.ceil(c.length / 2);
  const criteria = (from: number, to: number) => c.slice(from, to).map((text, i) => ({ ref: from + i, target: suggestTarget(text) }));
  const plan = normalisePlan(
    {
      budgetWan,
      budgetNote: '',
      milestones: [
        {
          title: '链上存证与融资匹配模型',
          deliverables: '交易、仓单、物流数据存证接口与融资匹配模型评测报告',
          dueDate: dateOf(at(90)),
          budgetShare: 40,
          criteria: criteria(0, half),
        },
        {
          title: '金融机构线上融资试点',
          deliverables: '两家银行纯线上融资试点记录、3 个月运行报告与企业验收意见',
          dueDate: dateOf(at(10)),
          budgetShare: 60,
          criteria: criteria(half, c.length),
        },
      ],
    },
    c,
    wanOfCny(content.budgetCny),
  );
  const agreedAt = at(150);
  const { impl, milestones: milestones } = await insertAgreedImplementation(
    trx,
    {
      edition_id: ctx.editionId,
      demand_id: demandRow.id,
      team_id: source.team_id!,
      project_id: (await repo.findTeamProject(trx, source.team_id!, demandRow.id))?.id ?? null,
      enterprise_org_id: source.org_id!,
      source: 'fair_signing',
      source_id: meeting.id,
      title: content.title,
      budget_wan: plan.budgetWan,
      status: 'accepted',
      plan_version: 1,
      agreed_at: agreedAt,
      accepted_at: acceptedAt,
      accepted_by: ctx.userIdByEmail.get('committee@demo.cn') ?? enterpriseUser,
      acceptance_note: '线上融资试点达标，同意最终验收。',
      publish_consent_enterprise: true,
      publish_consent_team: true,
      created_by: enterpriseUser,
    },
    plan,
    { enterpriseUser, teamUser, agreedAt },
  );
  for (const [i, m] of milestones.entries()) {
    const submittedAt = at(i === 0 ? 95 : 12);
    const reviewedAt = at(i === 0 ? 90 : 5);
    const figures = m.criteria.map((cr, k) => {
      const value = cr.target ? cr.target.value : 1;
      return { criterion: k, value, met: cr.target ? meets(cr.target, value) : null };
    });
    const submission = await mrepo.insertSubmission(trx, {
      milestone_id: m.id,
      round: 1,
      note: i === 0 ? '关键数据全部上链存证，历史撮合回测匹配准确率 88.6%。' : '两家银行完成纯线上试点，单笔审批平均 6 小时。',
      figures: JSON.stringify(figures),
      evidence_ids: [],
      submitted_by: teamUser,
      submitted_at: submittedAt,
    });
    await mrepo.insertReview(trx, {
      milestone_id: m.id,
      submission_id: submission.id,
      decision: 'accepted',
      reason: '达到验收标准。',
      reviewed_by: enterpriseUser,
      reviewed_at: reviewedAt,
    });
    await mrepo.updateMilestone(trx, m.id, {
      status: 'accepted',
      submitted_at: submittedAt,
      accepted_at: reviewedAt,
      accepted_by: enterpriseUser,
    });
  }

  // The 3-month report, filed on time; the 6-month one is missing (late), the 12-month one not yet due.
  const threeMonths = addMonthsBeijing(acceptedAt, 3);
  await trx
    .insertInto('effect_reports')
    .values({
      implementation_id: impl.id,
      period_months: 3,
      cost_saved_wan: 86.5,
      revenue_wan: 40,
      efficiency_pct: 35,
      economic_note: '平台撮合融资 2.3 亿元，企业平均融资成本下降 1.2 个百分点，风控人工审核量减少三分之一。',
      social_figures: JSON.stringify([
        { name: '获得融资的中小微企业', value: 46, unit: '家' },
        { name: '融资需求满足率', value: 43, unit: '%' },
      ]),
      social_note: '缺少抵押物的上下游小微企业凭真实交易数据获得授信，试点期间未新增逾期风险事件。',
      due_at: threeMonths,
      late: false,
      submitted_by: enterpriseUser,
      submitted_at: new Date(threeMonths.getTime() + 6 * DAY),
    })
    .execute();
  await trx
    .insertInto('case_summaries')
    .values({
      implementation_id: impl.id,
      summary:
        '以可用不可见方式联合核心企业的交易、仓单、物流轨迹与税务数据，关键数据上链存证供银行核验；联邦学习训练的信用评分与融资匹配模型为上下游小微企业推荐合适的金融产品，银行据此纯线上审批放款。',
      updated_by: teamUser,
      updated_at: acceptedAt,
    })
    .execute();
  return impl.id;
}
