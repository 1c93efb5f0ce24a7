import type { DB, Trx } from '../../db/database.ts';
import type { DemandContent, DemandRow, DemandStatus, UserRow } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { insertNotifications } from '../notifications/notifications.repository.ts';
import { assertOwner, assertVisible, viewerOf, type Viewer } from './demand-access.ts';
import { canTransition, statusLabels, transitions, type DemandAction } from './demand-lifecycle.ts';
import { checkSubmission, incomplete, type CompleteDemand, type SubmissionContext } from './demand-rules.ts';
import * as repo from './demands.repository.ts';
import { getDemand } from './demands.service.ts';

function refuse(action: DemandAction, status: DemandStatus): never {
  throw new AppError('INVALID_TRANSITION', `需求当前状态为「${statusLabels[status]}」，不能${actionVerb[action]}`, {
    status,
    action,
    allowedFrom: transitions[action].from,
  });
}

const actionVerb: Record<DemandAction, string> = {
  submit: '提交审核',
  approve: '审核通过',
  reject: '退回',
  revise: '修改',
  close: '截止',
  disqualify: '取消资格',
  withdraw: '撤回',
};

/**
 * Runs one lifecycle step in a transaction with the demand row locked: checks the
 * transition, applies the change, writes the audit event; `after` adds
 * notifications in the same transaction.
 */
async function step(
  db: DB,
  viewer: Viewer,
  id: string,
  action: DemandAction,
  authorize: (viewer: Viewer, demand: repo.DemandWithContext | undefined) => asserts demand is repo.DemandWithContext,
  apply: (demand: DemandRow, trx: Trx) => Promise<{ patch: repo.DemandPatch; reason?: string | null }>,
  after?: (demand: repo.DemandWithContext, trx: Trx) => Promise<void>,
) {
  await db.transaction().execute(async (trx) => {
    const context = await repo.findDemand(trx, id);
    authorize(viewer, context);
    const demand = (await repo.lockDemand(trx, id))!;
    if (!canTransition(action, effectiveStatus(action, demand))) refuse(action, demand.status);
    const { patch, reason } = await apply(demand, trx);
    const to = transitions[action].to;
    await repo.updateDemand(trx, id, { ...patch, status: to });
    await repo.insertDemandEvent(trx, {
      demand_id: id,
      actor_id: viewer.user?.id ?? null,
      action,
      from_status: demand.status,
      to_status: to,
      version: patch.version ?? demand.version,
      reason: reason ?? null,
    });
    if (after) await after(context, trx);
  });
}

/**
 * Disqualifying concerns what the public sees: a published demand whose revision is
 * under review (or was sent back) is still published, and can be disqualified.
 */
function effectiveStatus(action: DemandAction, demand: DemandRow): DemandStatus {
  if (action === 'disqualify' && demand.published_content && (demand.status === 'pending_review' || demand.status === 'rejected')) {
    return 'published';
  }
  return demand.status;
}

const committeeOnly = (viewer: Viewer, demand: repo.DemandWithContext | undefined): asserts demand is repo.DemandWithContext => {
  assertVisible(viewer, demand);
  if (!viewer.committee) throw new AppError('FORBIDDEN', '此操作仅限组委会秘书处');
};

/** draft | rejected → pending_review, once the demand is complete and its dates make sense. */
export async function submitDemand(db: DB, user: UserRow, id: string, now = new Date()) {
  const viewer = await viewerOf(db, user);
  await step(db, viewer, id, 'submit', assertOwner, async (demand, trx) => {
    assertComplete(demand.content, { now, submissionEnd: await repo.submissionEnd(trx, demand.edition_id) });
    return { patch: { submitted_at: now, review_reason: null } };
  });
  return getDemand(db, user, id);
}

/** Refuses with every issue at once (INCOMPLETE_DEMAND, details {missing, issues}). */
export function assertComplete(content: unknown, ctx: SubmissionContext): CompleteDemand {
  const { issues, content: complete } = checkSubmission(content, ctx);
  if (issues.length || !complete) throw incomplete(issues);
  return complete;
}

/** 事前需求审核: the committee approves (publishes this version) or rejects with a reason. */
export async function reviewDemand(
  db: DB,
  user: UserRow,
  id: string,
  input: { decision: 'approve' | 'reject'; reason?: string; version?: number },
  now = new Date(),
) {
  const viewer = await viewerOf(db, user);
  const action = input.decision;
  await step(
    db,
    viewer,
    id,
    action,
    committeeOnly,
    async (demand, trx) => {
      if (input.version !== undefined && input.version !== demand.version) {
        throw new AppError('VERSION_CONFLICT', '企业已更新该需求，请查看最新版本后再审核', { currentVersion: demand.version });
      }
      if (action === 'reject') return { patch: { review_reason: input.reason! }, reason: input.reason };
      // A complete demand was submitted; the dates are checked again against the edition as it is now.
      assertComplete(demand.content, { now: new Date(0), submissionEnd: await repo.submissionEnd(trx, demand.edition_id) });
      const content = demand.content as DemandContent;
      return {
        patch: {
          published_content: content,
          published_version: demand.version,
          published_at: demand.published_at ?? now,
          bid_deadline: new Date(content.bidDeadline),
          review_reason: null,
        },
        reason: input.reason ?? null,
      };
    },
    async (demand, trx) => {
      const members = await repo.orgMemberIds(trx, demand.org_id);
      const title = demand.content.title;
      await insertNotifications(
        trx,
        members,
        action === 'approve'
          ? { kind: 'demand.approved', title: `需求「${title}」已通过审核并发布`, link: `/demands/${id}`, data: { demandId: id } }
          : {
              kind: 'demand.rejected',
              title: `需求「${title}」未通过审核`,
              body: `退回原因：${input.reason}`,
              link: `/workspace/demands/${id}`,
              data: { demandId: id, reason: input.reason },
            },
      );
    },
  );
  return getDemand(db, user, id);
}

/** The enterprise withdraws a demand; a published one only while nobody has bid on it. */
export async function withdrawDemand(db: DB, user: UserRow, id: string, reason?: string) {
  const viewer = await viewerOf(db, user);
  await step(db, viewer, id, 'withdraw', assertOwner, async (demand, trx) => {
    if (demand.published_content) {
      const bids = await repo.countBids(trx, id);
      if (bids > 0) throw new AppError('HAS_BIDS', `该需求已有 ${bids} 个团队揭榜，不能撤回`, { bidCount: bids });
    }
    return { patch: {}, reason: reason ?? null };
  });
  return getDemand(db, user, id);
}

/** The enterprise closes a published demand once its bid deadline has passed. */
export async function closeDemand(db: DB, user: UserRow, id: string, now = new Date()) {
  const viewer = await viewerOf(db, user);
  await step(db, viewer, id, 'close', assertOwner, async (demand) => {
    if (demand.bid_deadline && demand.bid_deadline.getTime() > now.getTime()) {
      throw new AppError('BID_DEADLINE_NOT_PASSED', `揭榜截止时间（${demand.bid_deadline.toISOString()}）未到，不能提前截止`, {
        bidDeadline: demand.bid_deadline.toISOString(),
      });
    }
    return { patch: {} };
  });
  return getDemand(db, user, id);
}

/**
 * 取消该子赛题的资格: the committee disqualifies a published demand (promised data not
 * opened in time). The enterprise, its followers and every bidder are told why.
 */
export async function disqualifyDemand(db: DB, user: UserRow, id: string, reason: string) {
  const viewer = await viewerOf(db, user);
  await step(
    db,
    viewer,
    id,
    'disqualify',
    committeeOnly,
    async () => ({ patch: { disqualified_reason: reason }, reason }),
    async (demand, trx) => {
      const title = demand.published_content?.title ?? demand.content.title;
      const [members, followers, bidders] = await Promise.all([
        repo.orgMemberIds(trx, demand.org_id),
        repo.followerIds(trx, id),
        repo.bidderUserIds(trx, id),
      ]);
      const notice = {
        title: `需求子赛题「${title}」已被取消资格`,
        body: `原因：${reason}`,
        link: `/demands/${id}`,
        data: { demandId: id, reason },
      };
      await insertNotifications(trx, members, { kind: 'demand.disqualified', ...notice });
      await insertNotifications(
        trx,
        [...followers, ...bidders].filter((u) => !members.includes(u)),
        { kind: 'demand.disqualified', ...notice, body: `${notice.body}。已揭榜的团队请关注组委会后续安排。` },
      );
    },
  );
  return getDemand(db, user, id);
}

/** The enterprise records that a promised data item is now open, with evidence (e.g. the sandbox address). */
export async function markDataOpened(db: DB, user: UserRow, id: string, itemIndex: number, evidence: string, now = new Date()) {
  const viewer = await viewerOf(db, user);
  await db.transaction().execute(async (trx) => {
    assertOwner(viewer, await repo.findDemand(trx, id));
    const demand = (await repo.lockDemand(trx, id))!;
    if (['withdrawn', 'disqualified', 'closed'].includes(demand.status)) {
      throw new AppError('INVALID_TRANSITION', `需求当前状态为「${statusLabels[demand.status]}」，不能登记数据开放`, {
        status: demand.status,
      });
    }
    const items = demand.content.dataScope ?? [];
    if (itemIndex >= items.length) throw notFound(`第 ${itemIndex + 1} 项开放数据`);
    const name = items[itemIndex].name;
    const opened = { openedAt: now.toISOString(), evidence };
    const content = { ...demand.content, dataScope: items.map((item, i) => (i === itemIndex ? { ...item, ...opened } : item)) };
    const live = demand.published_content;
    const publishedContent = live
      ? { ...live, dataScope: live.dataScope.map((item) => (item.name === name ? { ...item, ...opened } : item)) }
      : undefined;
    await repo.updateDemand(trx, id, { content, ...(publishedContent && { published_content: publishedContent }) });
    await repo.insertDemandEvent(trx, {
      demand_id: id,
      actor_id: user.id,
      action: 'data_opened',
      from_status: demand.status,
      to_status: demand.status,
      version: demand.version,
      reason: evidence,
      data: { itemIndex, name },
    });
  });
  return getDemand(db, user, id);
}

/** published → closed for every demand whose bid deadline has passed. Safe to run from several instances. */
export async function closeExpiredDemands(db: DB, now = new Date()): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const expired = await repo.lockExpiredPublished(trx, now);
    for (const demand of expired) {
      await repo.updateDemand(trx, demand.id, { status: 'closed' });
      await repo.insertDemandEvent(trx, {
        demand_id: demand.id,
        actor_id: null,
        action: 'close',
        from_status: 'published',
        to_status: 'closed',
        version: demand.version,
        reason: '揭榜截止时间已到，系统自动截止',
      });
    }
    return expired.length;
  });
}
