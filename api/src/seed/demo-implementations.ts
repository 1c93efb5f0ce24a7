import { Readable } from 'node:stream';
import { sql } from 'kysely';
import type { Trx } from '../db/database.ts';
import type { Insertable } from 'kysely';
import type { DemandContent, ImplementationsTable, PlannedMilestone } from '../db/schema.ts';
import type { FileStorage } from '../lib/storage/file-storage.ts';
import { announce } from '../modules/tracking/implementations.events.ts';
import * as repo from '../modules/tracking/implementations.repository.ts';
import { meets, normalisePlan, suggestTarget, wanOfCny } from '../modules/tracking/implementations.rules.ts';
import * as mrepo from '../modules/tracking/milestones.repository.ts';
import { DEMO_FAIR_NAME } from './demo-fair.ts';
import { demoPdf } from './demo-teams.ts';

/**
 * 演示数据 (issue 15): at the Hebei docking fair, 华北医疗器械 (enterprise2@demo.cn) signs
 * with 理工数智揭榜队 (team2@demo.cn) on the UDI traceability sub-topic (150 万元); the
 * implementation has an agreed three-milestone plan over the sub-topic's five 验收标准
 * and its first milestone accepted (evidence file, figures, review). The tracking
 * helper's demo seeding calls `seedDemoImplementation`; it is idempotent and does
 * nothing when the fair, the team or the meeting is missing (e.g. seeded without storage).
 */
export const DEMO_IMPLEMENTATION_TEAM = '理工数智揭榜队';
export const DEMO_IMPLEMENTATION_DEMAND = '医疗器械全链追溯：UDI驱动的产供销智能协同';
export const DEMO_IMPLEMENTATION_AMOUNT_WAN = 150;

export interface DemoImplementationContext {
  editionId: string;
  userIdByEmail: Map<string, string>;
  storage: FileStorage;
  now: Date;
}

const day = (now: Date, plus: number) => new Date(now.getTime() + 8 * 3600_000 + plus * 86400_000).toISOString().slice(0, 10);

export async function seedDemoImplementation(trx: Trx, ctx: DemoImplementationContext): Promise<string | null> {
  const enterpriseUser = ctx.userIdByEmail.get('enterprise2@demo.cn');
  const teamUser = ctx.userIdByEmail.get('team2@demo.cn');
  if (!enterpriseUser || !teamUser) return null;
  const meeting = await trx
    .selectFrom('meetings as m')
    .innerJoin('fairs as f', 'f.id', 'm.fair_id')
    .innerJoin('fair_participants as tp', 'tp.id', 'm.team_participant_id')
    .innerJoin('teams as t', 't.id', 'tp.team_id')
    .innerJoin('demands as d', 'd.id', 'm.demand_id')
    .select(['m.id', 'm.starts_at'])
    .where('f.edition_id', '=', ctx.editionId)
    .where('f.name', '=', DEMO_FAIR_NAME)
    .where('t.name', '=', DEMO_IMPLEMENTATION_TEAM)
    .where('m.status', '=', 'active')
    .where(sql<boolean>`d.published_content->>'title' = ${DEMO_IMPLEMENTATION_DEMAND}`)
    .executeTakeFirst();
  if (!meeting) return null;
  const existing = await repo.findBySource(trx, 'fair_signing', meeting.id);
  if (existing) return existing.id;

  // 签约 recorded by both sides.
  for (const [side, by] of [
    ['enterprise', enterpriseUser],
    ['team', teamUser],
  ] as const) {
    await trx
      .insertInto('meeting_outcomes')
      .values({
        meeting_id: meeting.id,
        side,
        result: 'signed',
        amount_wan: DEMO_IMPLEMENTATION_AMOUNT_WAN,
        note: '现场签订实施协议',
        recorded_by: by,
      })
      .onConflict((oc) => oc.columns(['meeting_id', 'side']).doUpdateSet({ result: 'signed', amount_wan: DEMO_IMPLEMENTATION_AMOUNT_WAN }))
      .execute();
  }
  const source = (await repo.findSignedMeeting(trx, meeting.id))!;
  const demand = (await repo.findDemand(trx, source.demand_id!))!;
  const content = demand.published_content as DemandContent;
  const c = content.acceptanceCriteria;
  const target = (i: number) => (c[i] ? suggestTarget(c[i]) : null);
  const plan = normalisePlan(
    {
      budgetWan: DEMO_IMPLEMENTATION_AMOUNT_WAN,
      budgetNote: '',
      milestones: [
        {
          title: '追溯数据贯通与覆盖',
          deliverables: 'UDI 主数据打通方案、试点品规追溯链路与覆盖率测试报告',
          dueDate: day(ctx.now, -5),
          budgetShare: 30,
          criteria: [{ ref: 0, target: target(0) }],
        },
        {
          title: '精准召回与窜货识别',
          deliverables: '召回演练报告、窜货识别模型与评估报告',
          dueDate: day(ctx.now, 60),
          budgetShare: 40,
          criteria: [1, 2].filter((i) => i < c.length).map((ref) => ({ ref, target: target(ref) })),
        },
        {
          title: '三端看板上线与验收',
          deliverables: '生产、流通、医院三端看板，接口规范符合性报告，企业质量管理部验收意见',
          dueDate: day(ctx.now, 120),
          budgetShare: 30,
          criteria: c
            .map((_, i) => i)
            .filter((i) => i >= 3)
            .map((ref) => ({ ref, target: target(ref) })),
        },
      ],
    },
    c,
    wanOfCny(content.budgetCny),
  );
  const agreedAt = new Date(ctx.now.getTime() - 40 * 86400_000);
  const {
    impl,
    milestones: [first],
  } = await insertAgreedImplementation(
    trx,
    {
      edition_id: ctx.editionId,
      demand_id: demand.id,
      team_id: source.team_id!,
      project_id: (await repo.findTeamProject(trx, source.team_id!, demand.id))?.id ?? null,
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
  const staged = await ctx.storage.stage(Readable.from(demoPdf('UDI traceability milestone 1 report')));
  await staged.commit();
  const evidence = await mrepo.insertEvidence(trx, {
    milestone_id: first!.id,
    file_name: '里程碑1-追溯覆盖率测试报告.pdf',
    mime_type: 'application/pdf',
    size: staged.size,
    sha256: staged.sha256,
    uploaded_by: teamUser,
  });
  const figureValues = [96.8];
  const figures = first!.criteria.map((cr, i) => ({
    criterion: i,
    value: figureValues[i] ?? 1,
    met: cr.target ? meets(cr.target, figureValues[i] ?? 1) : null,
  }));
  const submission = await mrepo.insertSubmission(trx, {
    milestone_id: first!.id,
    round: 1,
    note: '试点 12 个品规全链追溯覆盖率 96.8%，任一 UDI 查询完整链路平均 1.4 秒。',
    figures: JSON.stringify(figures),
    evidence_ids: [evidence.id],
    submitted_by: teamUser,
    submitted_at: new Date(ctx.now.getTime() - 9 * 86400_000),
  });
  await mrepo.insertReview(trx, {
    milestone_id: first!.id,
    submission_id: submission.id,
    decision: 'accepted',
    reason: '覆盖率与接口规范均达标，同意拨付首期款。',
    reviewed_by: enterpriseUser,
    reviewed_at: new Date(ctx.now.getTime() - 4 * 86400_000),
  });
  await mrepo.updateMilestone(trx, first!.id, {
    status: 'accepted',
    submitted_at: submission.submitted_at,
    accepted_at: new Date(ctx.now.getTime() - 4 * 86400_000),
    accepted_by: enterpriseUser,
  });
  await announce(trx, impl, {
    actorId: enterpriseUser,
    action: 'milestone_accepted',
    message: `需求企业验收通过里程碑 1「${first!.title}」，累计拨付 ${Math.round(plan.budgetWan * 30) / 100} 万元。`,
  });
  return impl.id;
}

/** Inserts an implementation whose plan (version 1) both sides agreed at `agreedAt`, and its milestones. */
export async function insertAgreedImplementation(
  trx: Trx,
  row: Insertable<ImplementationsTable>,
  plan: { budgetWan: number; milestones: PlannedMilestone[] },
  agreed: { enterpriseUser: string; teamUser: string; agreedAt: Date },
) {
  const impl = await repo.insertImplementation(trx, row);
  await repo.insertPlan(trx, {
    implementation_id: impl.id,
    version: 1,
    budget_wan: plan.budgetWan,
    milestones: JSON.stringify(plan.milestones),
    created_by: agreed.enterpriseUser,
    agreed_by_enterprise: agreed.enterpriseUser,
    agreed_by_enterprise_at: agreed.agreedAt,
    agreed_by_team: agreed.teamUser,
    agreed_by_team_at: agreed.agreedAt,
  });
  await mrepo.applyPlanMilestones(trx, impl.id, plan.milestones);
  return { impl, milestones: await mrepo.listMilestones(trx, impl.id) };
}
