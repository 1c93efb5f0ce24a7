import type { UserRow } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { actingSide, loadImplementation } from './implementations.access.ts';
import { plannedOf } from './implementations.dto.ts';
import { announce, deliver, type Posted } from './implementations.events.ts';
import * as repo from './implementations.repository.ts';
import { lockedProblems, normalisePlan, wanOfCny, type Plan, type PlanInput } from './implementations.rules.ts';
import { getImplementation, type TrackingContext } from './implementations.service.ts';
import type { DemandContent } from '../../db/schema.ts';
import type { Executor } from '../../db/database.ts';
import * as mrepo from './milestones.repository.ts';

/**
 * 变更申请: once both sides agreed a plan, it changes only through a change request
 * that the other side accepts; accepting makes the proposed plan the next version
 * (every version is kept). One pending request at a time; a request may not touch a
 * milestone under review or accepted, nor drop one already submitted.
 */

const sideName = { enterprise: '需求企业', team: '参赛团队' } as const;

async function assertUnlocked(db: Executor, implementationId: string, proposed: Plan) {
  const live = await mrepo.listMilestones(db, implementationId);
  const counts = await mrepo.submissionCounts(
    db,
    live.map((m) => m.id),
  );
  const problems = lockedProblems(
    live.map((m) => ({ ...plannedOf(m), status: m.status, submissions: counts.get(m.id) ?? 0 })),
    proposed.milestones,
  );
  if (problems.length) throw new AppError('MILESTONE_LOCKED', problems.join('；'), { problems });
}

export async function proposeChange(ctx: TrackingContext, user: UserRow, id: string, body: PlanInput & { reason: string }) {
  const { impl, viewer } = await loadImplementation(ctx.db, user, id);
  const side = actingSide(viewer, '提交变更申请');
  const content = impl.demand_content as DemandContent;
  const plan = normalisePlan(body, content.acceptanceCriteria, wanOfCny(content.budgetCny));
  const now = ctx.clock();
  const posted: Posted[] = [];
  await ctx.db.transaction().execute(async (trx) => {
    const locked = (await repo.lockImplementation(trx, id))!;
    if (locked.status !== 'agreed' && locked.status !== 'in_progress') {
      throw new AppError(
        'INVALID_TRANSITION',
        locked.status === 'draft' ? '计划尚未经双方确认，可直接修改草案' : '项目已完成最终验收，不能再变更计划',
        { status: locked.status },
      );
    }
    if (await mrepo.pendingChangeRequest(trx, id)) throw new AppError('CHANGE_REQUEST_PENDING', '已有一份待处理的变更申请，请先处理或撤回');
    await assertUnlocked(trx, id, plan);
    await mrepo.insertChangeRequest(trx, {
      implementation_id: id,
      base_version: locked.plan_version,
      proposed: JSON.stringify(plan),
      reason: body.reason,
      proposed_by: user.id,
      proposed_side: side,
      ...(side === 'enterprise'
        ? { enterprise_accepted_at: now, enterprise_accepted_by: user.id }
        : { team_accepted_at: now, team_accepted_by: user.id }),
    });
    posted.push(
      await announce(trx, impl, {
        actorId: user.id,
        action: 'change_proposed',
        message: `${sideName[side]}提出计划变更（基于第 ${locked.plan_version} 版），理由：${body.reason}。请对方同意或拒绝。`,
        notify: side === 'enterprise' ? 'team' : 'enterprise',
      }),
    );
  });
  deliver(ctx.hub, posted);
  return getImplementation(ctx, user, id);
}

async function loadRequest(ctx: TrackingContext, user: UserRow, requestId: string) {
  const cr = /^[0-9a-f-]{36}$/i.test(requestId) ? await mrepo.findChangeRequest(ctx.db, requestId) : undefined;
  if (!cr) throw notFound('变更申请');
  const { impl, viewer } = await loadImplementation(ctx.db, user, cr.implementation_id);
  return { cr, impl, viewer };
}

const notPending = (status: string) => new AppError('INVALID_TRANSITION', '该变更申请已处理', { status });

export async function acceptChange(ctx: TrackingContext, user: UserRow, requestId: string) {
  const { cr, impl, viewer } = await loadRequest(ctx, user, requestId);
  const side = actingSide(viewer, '同意变更申请');
  if (side === cr.proposed_side) throw new AppError('INVALID_TRANSITION', '变更申请须由对方同意');
  const now = ctx.clock();
  const posted: Posted[] = [];
  await ctx.db.transaction().execute(async (trx) => {
    const locked = (await repo.lockImplementation(trx, impl.id))!;
    const current = (await mrepo.lockChangeRequest(trx, requestId))!;
    if (current.status !== 'pending') throw notPending(current.status);
    if (locked.status !== 'agreed' && locked.status !== 'in_progress') {
      throw new AppError('INVALID_TRANSITION', '项目已完成最终验收，不能再变更计划', { status: locked.status });
    }
    if (current.base_version !== locked.plan_version) throw new AppError('VERSION_CONFLICT', '计划已有更新的版本，该变更申请已失效');
    const plan = current.proposed;
    await assertUnlocked(trx, impl.id, { ...plan, milestones: plan.milestones });
    const version = locked.plan_version + 1;
    const accepted =
      side === 'enterprise'
        ? { enterprise_accepted_at: now, enterprise_accepted_by: user.id }
        : { team_accepted_at: now, team_accepted_by: user.id };
    await mrepo.updateChangeRequest(trx, requestId, {
      ...accepted,
      status: 'accepted',
      decided_by: user.id,
      decided_at: now,
      result_version: version,
    });
    await repo.insertPlan(trx, {
      implementation_id: impl.id,
      version,
      budget_wan: plan.budgetWan,
      milestones: JSON.stringify(plan.milestones),
      change_request_id: requestId,
      created_by: current.proposed_by,
      agreed_by_enterprise: side === 'enterprise' ? user.id : current.enterprise_accepted_by,
      agreed_by_enterprise_at: side === 'enterprise' ? now : current.enterprise_accepted_at,
      agreed_by_team: side === 'team' ? user.id : current.team_accepted_by,
      agreed_by_team_at: side === 'team' ? now : current.team_accepted_at,
    });
    await repo.updateImplementation(trx, impl.id, { plan_version: version, budget_wan: plan.budgetWan, budget_note: plan.budgetNote });
    await mrepo.applyPlanMilestones(trx, impl.id, plan.milestones);
    posted.push(
      await announce(trx, impl, {
        actorId: user.id,
        action: 'change_accepted',
        message: `${sideName[side]}同意了计划变更，计划更新为第 ${version} 版。`,
        notify: cr.proposed_side,
        data: { changeRequestId: requestId, version },
      }),
    );
  });
  deliver(ctx.hub, posted);
  return getImplementation(ctx, user, impl.id);
}

export async function declineChange(ctx: TrackingContext, user: UserRow, requestId: string, reason: string) {
  return decide(ctx, user, requestId, 'declined', reason);
}

export async function withdrawChange(ctx: TrackingContext, user: UserRow, requestId: string) {
  return decide(ctx, user, requestId, 'withdrawn', '');
}

async function decide(ctx: TrackingContext, user: UserRow, requestId: string, status: 'declined' | 'withdrawn', reason: string) {
  const { cr, impl, viewer } = await loadRequest(ctx, user, requestId);
  const side = actingSide(viewer, status === 'declined' ? '拒绝变更申请' : '撤回变更申请');
  if (status === 'declined' && side === cr.proposed_side) throw new AppError('INVALID_TRANSITION', '提出方不能拒绝自己的申请，可以撤回');
  if (status === 'withdrawn' && side !== cr.proposed_side) throw new AppError('INVALID_TRANSITION', '只有提出方可以撤回变更申请');
  const now = ctx.clock();
  const posted: Posted[] = [];
  await ctx.db.transaction().execute(async (trx) => {
    await repo.lockImplementation(trx, impl.id);
    const current = (await mrepo.lockChangeRequest(trx, requestId))!;
    if (current.status !== 'pending') throw notPending(current.status);
    await mrepo.updateChangeRequest(trx, requestId, { status, decided_by: user.id, decided_at: now, decline_reason: reason || null });
    posted.push(
      await announce(trx, impl, {
        actorId: user.id,
        action: status === 'declined' ? 'change_declined' : 'change_withdrawn',
        message: status === 'declined' ? `${sideName[side]}拒绝了计划变更，理由：${reason}` : `${sideName[side]}撤回了计划变更申请。`,
        notify: status === 'declined' ? cr.proposed_side : side === 'enterprise' ? 'team' : 'enterprise',
      }),
    );
  });
  deliver(ctx.hub, posted);
  return getImplementation(ctx, user, impl.id);
}
