import type { z } from 'zod';
import type { DB } from '../../db/database.ts';
import type { UserRow } from '../../db/schema.ts';
import { forbidden, notFound } from '../../errors.ts';
import { recordAudit } from '../../lib/audit.repository.ts';
import { findEdition } from './dashboard.repository.ts';
import { beijingDay, effectSchedule, lateGraceDays } from './effect-reports.due.ts';
import { listReports } from './effect-reports.repository.ts';
import * as repo from './tracking-console.repository.ts';
import type { outstandingReportSchema } from './tracking-console.schemas.ts';

type Outstanding = z.infer<typeof outstandingReportSchema>;

const DAY = 24 * 3600_000;
/** The enterprise's review time when the committee has not set one (migration 0013's default). */
export const defaultReviewDays = 10;

export function assertOverseer(user: UserRow) {
  if (!user.roles.includes('committee') && !user.roles.includes('supervisor')) throw forbidden('只有组委会和监督委员会可以查看');
}

/** 追踪台: overdue milestones, overdue enterprise reviews, due and late effect reports of one edition. */
export async function getTrackingConsole(db: DB, user: UserRow, editionId: string, now: Date) {
  assertOverseer(user);
  const edition = await findEdition(db, editionId);
  if (!edition) throw notFound('赛事');
  const today = beijingDay(now);
  const [milestones, reviews, accepted, counts, reviewDays] = await Promise.all([
    repo.overdueMilestones(db, editionId, today),
    repo.overdueReviews(db, editionId, now),
    repo.acceptedImplementations(db, editionId),
    repo.countImplementations(db, editionId),
    repo.reviewDaysOf(db, editionId),
  ]);
  const reports = await listReports(
    db,
    accepted.map((a) => a.id),
  );
  const lateReports: Outstanding[] = [];
  const dueReports: Outstanding[] = [];
  for (const impl of accepted) {
    const filed = new Set(reports.filter((r) => r.implementation_id === impl.id).map((r) => r.period_months));
    for (const p of effectSchedule(impl.accepted_at!, filed, now)) {
      if (p.status !== 'due' && p.status !== 'late') continue;
      const item: Outstanding = {
        implementationId: impl.id,
        title: impl.title,
        enterpriseName: impl.enterprise_name,
        teamName: impl.team_name,
        acceptedAt: impl.accepted_at!.toISOString(),
        period: p.period,
        dueDate: beijingDay(p.dueAt),
        status: p.status,
        daysLate: p.daysLate,
      };
      (p.status === 'late' ? lateReports : dueReports).push(item);
    }
  }
  lateReports.sort((a, b) => b.daysLate - a.daysLate);
  const byStatus: Record<string, number> = {};
  for (const c of counts) byStatus[c.status] = c.n;
  return {
    editionId,
    editionName: edition.name,
    asOf: now.toISOString(),
    reviewDays: reviewDays ?? defaultReviewDays,
    graceDays: lateGraceDays,
    implementations: { total: counts.reduce((n, c) => n + c.n, 0), byStatus },
    overdueMilestones: milestones.map((m) => ({
      implementationId: m.implementation_id,
      title: m.title,
      enterpriseName: m.enterprise_name,
      teamName: m.team_name,
      milestoneId: m.milestone_id,
      seq: m.seq,
      milestoneTitle: m.milestone_title,
      dueDate: m.due_date,
      milestoneStatus: m.milestone_status,
      daysOverdue: Math.round((Date.parse(`${today}T00:00:00+08:00`) - Date.parse(`${m.due_date}T00:00:00+08:00`)) / DAY),
    })),
    overdueReviews: reviews.map((r) => ({
      implementationId: r.implementation_id,
      title: r.title,
      enterpriseName: r.enterprise_name,
      teamName: r.team_name,
      milestoneId: r.milestone_id,
      seq: r.seq,
      milestoneTitle: r.milestone_title,
      submittedAt: r.submitted_at?.toISOString() ?? null,
      reviewDueAt: r.review_due_at!.toISOString(),
      daysOverdue: Math.floor((now.getTime() - r.review_due_at!.getTime()) / DAY),
    })),
    lateReports,
    dueReports,
  };
}

/** The committee sets the enterprise's review time; milestones submitted afterwards are due after it. */
export async function setReviewDays(db: DB, user: UserRow, editionId: string, reviewDays: number) {
  if (!user.roles.includes('committee')) throw forbidden('只有组委会可以设置验收期限');
  if (!(await findEdition(db, editionId))) throw notFound('赛事');
  await db.transaction().execute(async (trx) => {
    await repo.upsertReviewDays(trx, editionId, reviewDays, user.id);
    await recordAudit(trx, {
      actorId: user.id,
      action: 'tracking.review_days',
      entityType: 'edition',
      entityId: editionId,
      data: { reviewDays },
    });
  });
  return { editionId, reviewDays };
}
