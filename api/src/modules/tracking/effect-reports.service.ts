import type { DB } from '../../db/database.ts';
import type { EffectReportRow, UserRow } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { recordAudit } from '../../lib/audit.repository.ts';
import { beijingDay, effectSchedule, lateGraceDays } from './effect-reports.due.ts';
import * as repo from './effect-reports.repository.ts';
import { assertSide, loadImplementation } from './implementations.access.ts';
import type { EffectReportBody } from './effect-reports.schemas.ts';

const num = (v: string | number | null) => (v === null ? null : Number(v));

export const isAccepted = (impl: { status: string; accepted_at: Date | null }) =>
  (impl.status === 'accepted' || impl.status === 'closed') && !!impl.accepted_at;

export function reportDto(r: EffectReportRow) {
  return {
    id: r.id,
    implementationId: r.implementation_id,
    period: r.period_months,
    costSavedWan: num(r.cost_saved_wan),
    revenueWan: num(r.revenue_wan),
    efficiencyPct: num(r.efficiency_pct),
    economicNote: r.economic_note,
    socialFigures: r.social_figures,
    socialNote: r.social_note,
    dueAt: r.due_at.toISOString(),
    late: r.late,
    submittedBy: r.submitted_by,
    submittedAt: r.submitted_at.toISOString(),
  };
}

/** Periods of one implementation with their reports (none before 验收). */
export function periodsOf(impl: { accepted_at: Date | null; status: string }, reports: EffectReportRow[], now: Date) {
  if (!isAccepted(impl)) return [];
  const byPeriod = new Map(reports.map((r) => [r.period_months, r]));
  return effectSchedule(impl.accepted_at!, new Set(byPeriod.keys()), now).map((p) => {
    const report = byPeriod.get(p.period);
    return {
      period: p.period,
      dueDate: beijingDay(p.dueAt),
      dueAt: p.dueAt.toISOString(),
      lateAfter: p.lateAfter.toISOString(),
      status: p.status,
      daysLate: p.daysLate,
      report: report ? reportDto(report) : null,
    };
  });
}

/** 成效报告 of an implementation: both sides and the overseers read them. */
export async function getEffectReports(db: DB, user: UserRow, id: string, now: Date) {
  const { impl, viewer } = await loadImplementation(db, user, id);
  const reports = await repo.listReports(db, [impl.id]);
  return {
    implementationId: impl.id,
    title: impl.title,
    status: impl.status,
    acceptedAt: impl.accepted_at?.toISOString() ?? null,
    graceDays: lateGraceDays,
    canReport: viewer.sides.includes('enterprise') && isAccepted(impl),
    periods: periodsOf(impl, reports, now),
  };
}

/**
 * Files one period's report. Only the enterprise writes; only after 验收; not before the
 * period's due date; one report per period (the unique key settles two racing requests).
 */
export async function fileEffectReport(db: DB, user: UserRow, id: string, body: EffectReportBody, now: Date) {
  const { viewer } = await loadImplementation(db, user, id);
  assertSide(viewer, 'enterprise', '填报成效报告');
  const row = await db.transaction().execute(async (trx) => {
    const impl = await repo.findImplementation(trx, id, true);
    if (!impl) throw notFound('落地项目');
    if (!isAccepted(impl)) throw new AppError('EFFECT_REPORT_NOT_DUE', '落地项目通过最终验收后才需填报成效报告');
    const state = effectSchedule(impl.accepted_at!, new Set(), now).find((p) => p.period === body.period)!;
    if (now < state.dueAt) {
      throw new AppError('EFFECT_REPORT_NOT_DUE', `${body.period} 个月成效报告自 ${beijingDay(state.dueAt)} 起可以填报`, {
        dueDate: beijingDay(state.dueAt),
      });
    }
    const existing = await repo.listReports(trx, [impl.id]);
    if (existing.some((r) => r.period_months === body.period)) {
      throw new AppError('EFFECT_REPORT_EXISTS', `${body.period} 个月成效报告已经提交，每个报告期只填报一次`);
    }
    const inserted = await repo.insertReport(trx, {
      implementation_id: impl.id,
      period_months: body.period,
      cost_saved_wan: body.costSavedWan,
      revenue_wan: body.revenueWan,
      efficiency_pct: body.efficiencyPct,
      economic_note: body.economicNote,
      social_figures: JSON.stringify(body.socialFigures),
      social_note: body.socialNote,
      due_at: state.dueAt,
      late: now >= state.lateAfter,
      submitted_by: user.id,
      submitted_at: now,
    });
    await recordAudit(trx, {
      actorId: user.id,
      action: 'effect_report.submit',
      entityType: 'implementation',
      entityId: impl.id,
      data: { period: body.period, late: inserted.late },
    });
    return inserted;
  });
  return reportDto(row);
}
