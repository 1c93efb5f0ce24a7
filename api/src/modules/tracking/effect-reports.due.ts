/**
 * When effect reports (成效报告) are due, pure. After the committee's final acceptance
 * (验收, `accepted_at`) the enterprise reports at 3, 6 and 12 months. A period's report
 * may be filed from its due date (Beijing calendar day, accepted day + N months, the
 * month's last day when shorter); before that it is refused (EFFECT_REPORT_NOT_DUE). It
 * is late once `graceDays` have passed after the due date without a report.
 */

export const effectPeriods = [3, 6, 12] as const;
export type EffectPeriod = (typeof effectPeriods)[number];
export const lateGraceDays = 30;

export type EffectPeriodStatus = 'upcoming' | 'due' | 'late' | 'submitted';

const BEIJING = 8 * 3600_000;
const DAY = 24 * 3600_000;

/** The instant Beijing midnight starts the calendar day `months` after the Beijing day of `at`. */
export function addMonthsBeijing(at: Date, months: number): Date {
  const local = new Date(at.getTime() + BEIJING);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const day = Math.min(local.getUTCDate(), lastDay);
  return new Date(Date.UTC(y, m, day) - BEIJING);
}

export interface PeriodState {
  period: EffectPeriod;
  /** Beijing midnight of the due day: reports are accepted from then on. */
  dueAt: Date;
  /** After this instant without a report the period is late. */
  lateAfter: Date;
  status: EffectPeriodStatus;
  /** Whole days since the due date, for a late period (else 0). */
  daysLate: number;
}

/** Every period's due date and status for an implementation accepted at `acceptedAt`, at `now`. */
export function effectSchedule(acceptedAt: Date, submitted: ReadonlySet<number>, now: Date, graceDays = lateGraceDays): PeriodState[] {
  return effectPeriods.map((period) => {
    const dueAt = addMonthsBeijing(acceptedAt, period);
    const lateAfter = new Date(dueAt.getTime() + graceDays * DAY);
    const status: EffectPeriodStatus = submitted.has(period) ? 'submitted' : now < dueAt ? 'upcoming' : now < lateAfter ? 'due' : 'late';
    const daysLate = status === 'late' ? Math.floor((now.getTime() - dueAt.getTime()) / DAY) : 0;
    return { period, dueAt, lateAfter, status, daysLate };
  });
}

/** "2026-03-01" — the Beijing calendar day of an instant. */
export const beijingDay = (at: Date) => new Date(at.getTime() + BEIJING).toISOString().slice(0, 10);
