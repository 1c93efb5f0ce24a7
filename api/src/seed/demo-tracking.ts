import { sql } from 'kysely';
import type { Trx } from '../db/database.ts';
import type { DemandContent } from '../db/schema.ts';
import type { FileStorage } from '../lib/storage/file-storage.ts';
import * as repo from '../modules/tracking/implementations.repository.ts';
import { meets, normalisePlan, suggestTarget, wanOfCny } from '../modules/tracking/implementations.rules.ts';
import * as mrepo from '../modules/tracking/milestones.repository.ts';
import { addMonthsBeijing } from '../modules/tracking/effect-reports.due.ts';
import { DEMO_FAIR_NAME } from './demo-fair.ts';
import { seedDemoImplementation } from './demo-implementations.ts';

/**
 * 演示数据 (issue 15, effect tracking): impl's running implementation (UDI, in progress), and an
 * implementation accepted 230 days ago — 慧眼质检队 × the 陶瓷 sub-topic's enterprise, from their
 * docking-fair meeting — with its 3-month effect report filed, its 6-month report late (the
 * committee's console lists it), and published as a 典型案例 with both sides' consent.
 * Idempotent: nothing is added when the accepted implementation exists; nothing at all when the
 * fair, the meeting or the accounts are missing.
 */
export const DEMO_CASE_TEAM = '慧眼质检队';
export const DEMO_CASE_DEMAND = '陶瓷智造升级：机器视觉驱动的缺陷精准检测';
export const DEMO_CASE_ACCEPTED_DAYS_AGO = 230;
const DAY = 86400_000;

export interface DemoTrackingContext {
  editionId: string;
  userIdByEmail: Map<string, string>;
  storage?: FileStorage;
  now: Date;
}

export async function seedDemoTracking(trx: Trx, ctx: DemoTrackingContext): Promise<{ running: string | null; accepted: string | null }> {
  const running = ctx.storage ? await seedDemoImplementation(trx, { ...ctx, storage: ctx.storage }) : null;
  return { running, accepted: await seedAcceptedCase(trx, ctx) };
}

async function seedAcceptedCase(trx: Trx, ctx: DemoTrackingContext): Promise<string | null> {
  const teamUser = (await trx.selectFrom('users').select('id').where('email', '=', 'team3@demo.cn').executeTakeFirst())?.id;
  const meeting = await trx
    .selectFrom('meetings as m')
    .innerJoin('fairs as f', 'f.id', 'm.fair_id')
    .innerJoin('fair_participants as tp', 'tp.id', 'm.team_participant_id')
    .innerJoin('teams as t', 't.id', 'tp.team_id')
    .innerJoin('demands as d', 'd.id', 'm.demand_id')
    .select(['m.id', 'd.org_id', 'd.id as demand_id'])
    .where('f.edition_id', '=', ctx.editionId)
    .where('f.name', '=', DEMO_FAIR_NAME)
    .where('t.name', '=', DEMO_CASE_TEAM)
    .where('m.status', '=', 'active')
    .where(sql<boolean>`d.published_content->>'title' = ${DEMO_CASE_DEMAND}`)
    .executeTakeFirst();
  if (!meeting || !teamUser) return null;
  const existing = await repo.findBySource(trx, 'fair_signing', meeting.id);
  if (existing) return existing.id;
  const enterpriseUser = (
    await trx
      .selectFrom('org_members')
      .select('user_id')
      .where('org_id', '=', meeting.org_id)
      .orderBy(sql`role = 'admin'`, 'desc')
      .executeTakeFirst()
  )?.user_id;
  if (!enterpriseUser) return null;

  const acceptedAt = new Date(ctx.now.getTime() - DEMO_CASE_ACCEPTED_DAYS_AGO * DAY);
  const at = (daysBeforeAcceptance: number) => new Date(acceptedAt.getTime() - daysBeforeAcceptance * DAY);
  const dateOf = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

  const demandRow = (await repo.findDemand(trx, meeting.demand_id))!;
  const content = demandRow.published_content as DemandContent;
  const budgetWan = Math.min(120, wanOfCny(content.budgetCny));
  for (const [side, by] of [
    ['enterprise', enterpriseUser],
    ['team', teamUser],
  ] as const) {
    await trx
      .insertInto('meeting_outcomes')
      .values({ meeting_id: meeting.id, side, result: 'signed', amount_wan: budgetWan, note: '签订产线质检改造协议', recorded_by: by })
      .onConflict((oc) => oc.columns(['meeting_id', 'side']).doUpdateSet({ result: 'signed', amount_wan: budgetWan }))
      .execute();
  }
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
          title: '缺陷样本库与检测模型',
          deliverables: '标注样本库、缺陷检测模型与离线评测报告',
          dueDate: dateOf(at(90)),
          budgetShare: 40,
          criteria: criteria(0, half),
        },
        {
          title: '产线部署与试运行',
          deliverables: '两条釉面产线部署、30 天试运行记录与企业质检部验收意见',
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
  const impl = await repo.insertImplementation(trx, {
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
    acceptance_note: '两条产线试运行达标，同意最终验收。',
    publish_consent_enterprise: true,
    publish_consent_team: true,
    created_by: enterpriseUser,
  });
  await repo.insertPlan(trx, {
    implementation_id: impl.id,
    version: 1,
    budget_wan: plan.budgetWan,
    milestones: JSON.stringify(plan.milestones),
    created_by: enterpriseUser,
    agreed_by_enterprise: enterpriseUser,
    agreed_by_enterprise_at: agreedAt,
    agreed_by_team: teamUser,
    agreed_by_team_at: agreedAt,
  });
  await mrepo.applyPlanMilestones(trx, impl.id, plan.milestones);
  const milestones = await mrepo.listMilestones(trx, impl.id);
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
      note: i === 0 ? '样本库 3.2 万张，离线评测缺陷检出率 98.9%。' : '两条产线连续运行 30 天，漏检率 0.6%。',
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
      economic_note: '质检人员由 24 人减至 14 人，返工与客诉赔付明显下降。',
      social_figures: JSON.stringify([
        { name: '缺陷检出率', value: 98.9, unit: '%' },
        { name: '带动同行业试点企业', value: 3, unit: '家' },
      ]),
      social_note: '质检标准统一、数据沉淀可追溯，唐山卫浴陶瓷产业集群已有 3 家企业开始同类改造。',
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
        '基于企业开放的产线图像与质检记录，构建釉面裂纹、针孔、色差等缺陷的小样本检测模型，原始图像在沙箱内标注与训练、不出厂；模型部署到两条釉面产线的工业相机工位，实时剔除缺陷品并沉淀质检数据。',
      updated_by: teamUser,
      updated_at: acceptedAt,
    })
    .execute();
  return impl.id;
}
