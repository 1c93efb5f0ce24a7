/**
 * Slots of a fair from its days, and a participant's availability intervals as slot ids.
 * Times are wall-clock times at the venue (China Standard Time by default, no daylight saving).
 */
import type { SlotDef } from './schedule-types.ts';

export interface FairDay {
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM, venue time */
  start: string;
  /** HH:MM, venue time */
  end: string;
}

export interface Interval {
  /** ISO date-time (with offset or Z). */
  start: string;
  end: string;
}

/**
 * Consecutive slots of `slotMinutes` separated by `breakMinutes` within each day; a slot that
 * would end after the day's end is not created. Ids are `YYYY-MM-DD#n` (n from 1 per day), stable
 * for the same days and lengths. ISO times carry the venue offset (default +08:00).
 */
export function buildSlots(days: FairDay[], slotMinutes: number, breakMinutes: number, utcOffset = '+08:00'): SlotDef[] {
  if (!(slotMinutes > 0) || !(breakMinutes >= 0)) throw new Error('slotMinutes must be > 0 and breakMinutes ≥ 0');
  const out: SlotDef[] = [];
  for (const day of [...days].sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0))) {
    const from = minutesOf(day.start);
    const to = minutesOf(day.end);
    let n = 0;
    for (let t = from; t + slotMinutes <= to; t += slotMinutes + breakMinutes) {
      n++;
      out.push({ id: `${day.date}#${n}`, start: iso(day.date, t, utcOffset), end: iso(day.date, t + slotMinutes, utcOffset) });
    }
  }
  return out;
}

/** Ids of the slots lying entirely inside one of the intervals. */
export function availableSlotIds(slots: SlotDef[], intervals: Interval[]): string[] {
  const ranges = intervals.map((i) => [Date.parse(i.start), Date.parse(i.end)] as const).filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b));
  return slots
    .filter((s) => {
      const a = Date.parse(s.start);
      const b = Date.parse(s.end);
      return ranges.some(([from, to]) => from <= a && b <= to);
    })
    .map((s) => s.id);
}

function minutesOf(hhmm: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!m) throw new Error(`invalid time ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

function iso(date: string, minutes: number, offset: string): string {
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${date}T${hh}:${mm}:00${offset}`;
}
