import type { z } from 'zod';
import type { DB } from '../../db/database.ts';
import type { DemandContent, ImplementationStatus, UserRow } from '../../db/schema.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import type { ChatHub } from '../chat/chat-hub.ts';
import { actingSide, assertCommittee, assertSide, loadImplementation } from './implementations.access.ts';
import { detailDto, planDto, summaryDto } from './implementations.dto.ts';
import { announce, deliver, type Posted } from './implementations.events.ts';
import * as repo from './implementations.repository.ts';
import { defaultPlan, normalisePlan, planDigest, releasedWan, wanOfCny, type PlanInput } from './implementations.rules.ts';
import type { createImplementationBody } from './implementations.schemas.ts';
import * as mrepo from './milestones.repository.ts';
import { findSource, listSourcesOfUser } from './implementations.sources.ts';

export interface TrackingContext {
  db: DB;
  clock: () => Date;
  hub?: ChatHub;
}

export const beijingToday = (now: Date, plusDays = 0) =>
  new Date(now.getTime() + 8 * 3600_000 + plusDays * 86400_000).toISOString().slice(0, 10);

export async function listSources(ctx: TrackingContext, user: UserRow) {
  return { items: await listSourcesOfUser(ctx.db, user.id) };
}

/** 开启落地实施: the enterprise opens an implementation with the team of a signing or an award on its sub-topic. */
export async function createImplementation(ctx: TrackingContext, user: UserRow, body: z.infer<typeof createImplementationBody>) {
  const { db } = ctx;
  const now = ctx.clock();
  const source = await findSource(db, body.source, body.sourceId);
  if (!source) throw notFound(body.source === 'award' ? '奖项' : '签约会谈');
  if (!(await repo.isOrgMember(db, source.orgId, user.id))) throw forbidden('只有该需求企业的成员可以开启落地实施');
  if (!source.eligible) throw new AppError('SOURCE_NOT_ELIGIBLE', source.reason);
  if (source.implementationId)
    throw new AppError('IMPLEMENTATION_EXISTS', '该来源已开启落地实施', { implementationId: source.implementationId });
  const demandId = source.demandId ?? body.demandId;
  if (!demandId)
    throw new AppError('VALIDATION_FAILED', '请选择对应的子赛题', { issues: [{ path: 'demandId', message: '请选择对应的子赛题' }] });
  const demand = await repo.findDemand(db, demandId);
  if (!demand || demand.org_id !== source.orgId || demand.edition_id !== source.editionId || !demand.published_content) {
    throw new AppError('SOURCE_NOT_ELIGIBLE', '只能选择本企业在同一届大赛中已发布的子赛题');
  }
  const content = demand.published_content as DemandContent;
  const demandBudgetWan = wanOfCny(content.budgetCny);
  const budgetWan = body.budgetWan ?? (source.amountWan && source.amountWan > 0 ? source.amountWan : demandBudgetWan);
  const plan = normalisePlan(
    { ...defaultPlan(content.acceptanceCriteria, budgetWan, beijingToday(now, 90)), budgetNote: body.budgetNote ?? '' },
    content.acceptanceCriteria,
    demandBudgetWan,
  );
  const project = await repo.findTeamProject(db, source.teamId, demandId);
  const posted: Posted[] = [];
  const id = await db.transaction().execute(async (trx) => {
    const row = await repo.insertImplementation(trx, {
      edition_id: source.editionId,
      demand_id: demandId,
      team_id: source.teamId,
      project_id: project?.id ?? null,
      enterprise_org_id: source.orgId,
      source: body.source,
      source_id: body.sourceId,
      title: body.title ?? content.title,
      budget_wan: plan.budgetWan,
      budget_note: plan.budgetNote,
      created_by: user.id,
    });
    await repo.insertPlan(trx, {
      implementation_id: row.id,
      version: 1,
      budget_wan: plan.budgetWan,
      milestones: JSON.stringify(plan.milestones),
      created_by: user.id,
    });
    await mrepo.applyPlanMilestones(trx, row.id, plan.milestones);
    posted.push(
      await announce(trx, row, {
        actorId: user.id,
        action: 'opened',
        message: `${source.orgName}开启了落地实施「${row.title}」（预算 ${plan.budgetWan} 万元），请双方商定里程碑计划。`,
        notify: 'team',
        data: { source: body.source, sourceId: body.sourceId },
      }),
    );
    return row.id;
  });
  deliver(ctx.hub, posted);
  return getImplementation(ctx, user, id);
}

export async function getImplementation(ctx: TrackingContext, user: UserRow | null, id: string) {
  const { impl, viewer } = await loadImplementation(ctx.db, user, id);
  return detailDto(ctx.db, impl, viewer, ctx.clock());
}

export async function listImplementations(
  ctx: TrackingContext,
  user: UserRow,
  query: { editionId?: string; status?: ImplementationStatus },
) {
  const overseer = user.roles.includes('committee') || user.roles.includes('supervisor');
  const rows = await repo.listImplementations(ctx.db, user.id, { overseer, ...query });
  return {
    items: rows.map((r) =>
      summaryDto(r, {
        milestoneCount: r.milestone_count ?? 0,
        acceptedCount: r.accepted_count ?? 0,
        releasedWan: releasedWan(Number(r.budget_wan), [{ status: 'accepted', budgetShare: Number(r.accepted_share ?? 0) }]),
      }),
    ),
  };
}

export async function listVersions(ctx: TrackingContext, user: UserRow, id: string) {
  const { impl } = await loadImplementation(ctx.db, user, id);
  const plans = await repo.listPlans(ctx.db, id);
  return { items: plans.map((p) => planDto(p, impl.plan_version, impl.budget_note)) };
}

function demandOf(impl: { demand_content: unknown }) {
  const content = impl.demand_content as DemandContent;
  return { criteria: content.acceptanceCriteria, budgetWan: wanOfCny(content.budgetCny) };
}

/** Edits the draft plan (either side, before both agree); every edit clears both agreements. */
export async function updateDraftPlan(ctx: TrackingContext, user: UserRow, id: string, body: PlanInput) {
  const { impl, viewer } = await loadImplementation(ctx.db, user, id);
  const side = actingSide(viewer, '修改计划');
  const demand = demandOf(impl);
  const plan = normalisePlan(body, demand.criteria, demand.budgetWan);
  const posted: Posted[] = [];
  await ctx.db.transaction().execute(async (trx) => {
    const locked = (await repo.lockImplementation(trx, id))!;
    if (locked.plan_version > 0) throw planAgreed();
    await repo.updateImplementation(trx, id, { budget_wan: plan.budgetWan, budget_note: plan.budgetNote });
    await repo.updatePlan(trx, id, 1, {
      budget_wan: plan.budgetWan,
      milestones: JSON.stringify(plan.milestones),
      agreed_by_enterprise: null,
      agreed_by_enterprise_at: null,
      agreed_by_team: null,
      agreed_by_team_at: null,
    });
    await mrepo.applyPlanMilestones(trx, id, plan.milestones);
    posted.push(
      await announce(trx, impl, {
        actorId: user.id,
        action: 'plan_edited',
        message: `${side === 'enterprise' ? '需求企业' : '参赛团队'}修改了计划草案（${plan.milestones.length} 个里程碑），请查看后确认。`,
        notify: side === 'enterprise' ? 'team' : 'enterprise',
      }),
    );
  });
  deliver(ctx.hub, posted);
  return getImplementation(ctx, user, id);
}

export const planAgreed = () =>
  new AppError('PLAN_AGREED', '计划已由双方确认，不能直接修改；请提交变更申请，经双方同意后生效', { via: 'change-requests' });

/** One side agrees to the draft it has seen (named by its digest); when both have, the plan is version 1. */
export async function agreePlan(ctx: TrackingContext, user: UserRow, id: string, digest: string) {
  const { impl, viewer } = await loadImplementation(ctx.db, user, id);
  const side = actingSide(viewer, '确认计划');
  const now = ctx.clock();
  const posted: Posted[] = [];
  await ctx.db.transaction().execute(async (trx) => {
    const locked = (await repo.lockImplementation(trx, id))!;
    if (locked.plan_version > 0) throw planAgreed();
    const draft = (await repo.findPlan(trx, id, 1))!;
    const current = planDigest({ budgetWan: Number(draft.budget_wan), budgetNote: locked.budget_note, milestones: draft.milestones });
    if (current !== digest) throw new AppError('VERSION_CONFLICT', '计划草案已被修改，请刷新查看最新内容后再确认', { digest: current });
    const agreed =
      side === 'enterprise'
        ? { agreed_by_enterprise: user.id, agreed_by_enterprise_at: now }
        : { agreed_by_team: user.id, agreed_by_team_at: now };
    await repo.updatePlan(trx, id, 1, agreed);
    const both = side === 'enterprise' ? !!draft.agreed_by_team_at : !!draft.agreed_by_enterprise_at;
    if (both) await repo.updateImplementation(trx, id, { status: 'agreed', plan_version: 1, agreed_at: now });
    posted.push(
      await announce(trx, impl, {
        actorId: user.id,
        action: both ? 'plan_agreed' : 'plan_agreed_by_side',
        message: both
          ? '双方已确认里程碑计划（第 1 版），实施开始；此后修改须经变更申请。'
          : `${side === 'enterprise' ? '需求企业' : '参赛团队'}已确认计划草案，等待对方确认。`,
        notify: both ? 'both' : side === 'enterprise' ? 'team' : 'enterprise',
      }),
    );
  });
  deliver(ctx.hub, posted);
  return getImplementation(ctx, user, id);
}

/** 验收: the committee signs off once every milestone is accepted. */
export async function finalAcceptance(ctx: TrackingContext, user: UserRow, id: string, note: string) {
  const { impl, viewer } = await loadImplementation(ctx.db, user, id);
  assertCommittee(viewer, '签署最终验收');
  const now = ctx.clock();
  const posted: Posted[] = [];
  await ctx.db.transaction().execute(async (trx) => {
    const locked = (await repo.lockImplementation(trx, id))!;
    if (locked.status !== 'agreed' && locked.status !== 'in_progress') {
      throw new AppError('INVALID_TRANSITION', locked.status === 'draft' ? '计划尚未经双方确认' : '该项目已完成最终验收', {
        status: locked.status,
      });
    }
    const open = (await mrepo.listMilestones(trx, id)).filter((m) => m.status !== 'accepted');
    if (open.length) {
      throw new AppError('MILESTONES_OPEN', `还有 ${open.length} 个里程碑未通过企业验收，不能签署最终验收`, {
        open: open.map((m) => m.seq),
      });
    }
    await repo.updateImplementation(trx, id, { status: 'accepted', accepted_at: now, accepted_by: user.id, acceptance_note: note || null });
    posted.push(
      await announce(trx, impl, {
        actorId: user.id,
        action: 'accepted',
        message: `组委会已签署最终验收。${note ? `意见：${note}` : ''}`,
        notify: 'both',
      }),
    );
  });
  deliver(ctx.hub, posted);
  return getImplementation(ctx, user, id);
}

/** Each side says whether the implementation may appear in the public cases bulletin (典型案例). */
export async function setPublishConsent(ctx: TrackingContext, user: UserRow, id: string, consent: boolean) {
  const { viewer } = await loadImplementation(ctx.db, user, id);
  const side = actingSide(viewer, '同意公开');
  assertSide(viewer, side, '同意公开');
  await ctx.db.transaction().execute(async (trx) => {
    await repo.lockImplementation(trx, id);
    await repo.updateImplementation(
      trx,
      id,
      side === 'enterprise' ? { publish_consent_enterprise: consent } : { publish_consent_team: consent },
    );
  });
  return getImplementation(ctx, user, id);
}
