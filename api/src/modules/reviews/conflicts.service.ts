import type { DB } from '../../db/database.ts';
import type { UserRow } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { recordAudit } from '../../lib/audit.ts';
import * as repo from './reviews.repository.ts';
import { materialiseTasks } from './sync-round.ts';

export const sourceLabels: Record<string, string> = {
  team_member: '参赛团队成员',
  org_member: '参赛单位（或其关联单位）成员',
  affiliation: '与参赛单位（或其关联单位）存在任职/顾问/持股/合作等关系（3 年内）',
  demand_enterprise: '与子赛题发布企业存在关联',
  declared: '本人声明',
};

const dto = (c: Awaited<ReturnType<typeof repo.listConflicts>>[number]) => ({
  id: c.id,
  reviewerId: c.reviewer_id,
  reviewerName: c.reviewer_name,
  projectId: c.project_id,
  projectName: c.project_name,
  source: c.source,
  sourceLabel: sourceLabels[c.source] ?? c.source,
  evidence: c.evidence,
  status: c.status,
  dismissedBy: c.dismissed_by ? { id: c.dismissed_by, displayName: c.dismissed_by_name ?? '' } : null,
  dismissedReason: c.dismissed_reason,
  dismissedAt: c.dismissed_at ? new Date(c.dismissed_at).toISOString() : null,
  createdAt: new Date(c.created_at).toISOString(),
});

export async function listConflicts(db: DB, roundId: string) {
  if (!(await repo.findRound(db, roundId))) throw notFound('评审轮次');
  const items = (await repo.listConflicts(db, roundId)).map(dto);
  return {
    items,
    active: items.filter((c) => c.status === 'active').length,
    dismissed: items.filter((c) => c.status === 'dismissed').length,
  };
}

/** A false positive is dismissed only with a reason (schema and DB check), logged; the pair may then be assigned. */
export async function dismissConflict(db: DB, user: UserRow, roundId: string, conflictId: string, reason: string) {
  await db.transaction().execute(async (trx) => {
    const round = await repo.findRound(trx, roundId, true);
    if (!round) throw notFound('评审轮次');
    const conflict = await repo.findConflict(trx, roundId, conflictId);
    if (!conflict) throw notFound('利益相关记录');
    if (conflict.status === 'dismissed') throw new AppError('INVALID_TRANSITION', '该利益相关记录已被排除');
    if (conflict.source === 'declared') throw new AppError('INVALID_TRANSITION', '评审人本人声明的利益相关不能排除');
    await repo.dismissConflict(trx, conflict.id, user.id, reason);
    if (round.status === 'open') await materialiseTasks(trx, roundId);
    await recordAudit(trx, {
      actorId: user.id,
      action: 'review_conflict.dismiss',
      entityType: 'review_conflict',
      entityId: conflict.id,
      data: { roundId, reason, source: conflict.source, evidence: conflict.evidence },
    });
  });
  const item = (await repo.listConflicts(db, roundId, { includeStale: true })).find((c) => c.id === conflictId)!;
  return dto(item);
}
