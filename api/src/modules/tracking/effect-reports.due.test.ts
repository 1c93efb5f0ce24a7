import { describe, expect, it } from 'vitest';
import { addMonthsBeijing, beijingDay, effectSchedule } from './effect-reports.due.ts';

const at = (s: string) => new Date(s);

describe('addMonthsBeijing', () => {
  it('counts calendar months in Beijing time from the accepted day', () => {
    // 2026-01-31 02:00 Beijing is still 2026-01-30 in UTC.
    expect(beijingDay(addMonthsBeijing(at('2026-01-30T18:00:00Z'), 3))).toBe('2026-04-30');
    expect(addMonthsBeijing(at('2026-01-30T18:00:00Z'), 3).toISOString()).toBe('2026-04-29T16:00:00.000Z');
    expect(beijingDay(addMonthsBeijing(at('2026-03-15T04:00:00Z'), 12))).toBe('2027-03-15');
  });
  it('ends on the month’s last day when it is shorter', () => {
    expect(beijingDay(addMonthsBeijing(at('2025-11-30T04:00:00Z'), 3))).toBe('2026-02-28');
    expect(beijingDay(addMonthsBeijing(at('2027-11-30T04:00:00Z'), 3))).toBe('2028-02-29');
  });
});

describe('effectSchedule', () => {
  const accepted = at('2026-01-10T04:00:00Z'); // 2026-01-10 Beijing
  it('is upcoming before the due day, due from it, late after the grace days', () => {
    const before = effectSchedule(accepted, new Set(), at('2026-04-09T15:59:59Z'));
    expect(before.map((p) => p.status)).toEqual(['upcoming', 'upcoming', 'upcoming']);
    const onDue = effectSchedule(accepted, new Set(), at('2026-04-09T16:00:00Z'));
    expect(onDue[0]!.status).toBe('due');
    const late = effectSchedule(accepted, new Set(), at('2026-05-10T16:00:00Z'));
    expect(late[0]).toMatchObject({ status: 'late', daysLate: 31 });
    expect(late[1]!.status).toBe('upcoming');
  });
  it('a submitted period is never late', () => {
    const s = effectSchedule(accepted, new Set([3, 6]), at('2027-06-01T00:00:00Z'));
    expect(s.map((p) => p.status)).toEqual(['submitted', 'submitted', 'late']);
    expect(s[2]!.daysLate).toBeGreaterThan(100);
  });
});
