import type { FairDay, TimeWindow } from '../../db/schema.ts';

/** A meeting slot of a fair: id is its Beijing start "YYYY-MM-DDTHH:MM", stable across re-runs. */
export interface Slot {
  id: string;
  start: string;
  end: string;
}

const BEIJING_OFFSET_MS = 8 * 3600 * 1000;

/** "2026-03-01" + "09:30" in Beijing time as an instant. */
export function beijingInstant(date: string, time: string): Date {
  return new Date(`${date}T${time}:00+08:00`);
}

/** "2026-03-01T09:30" (Beijing) of an instant. */
export function beijingLocal(at: Date | string): string {
  const t = typeof at === 'string' ? Date.parse(at) : at.getTime();
  return new Date(t + BEIJING_OFFSET_MS).toISOString().slice(0, 16);
}

/** The slots of a fair: each day from its start, slotMinutes long with breakMinutes between, all ending by the day's end. */
export function buildSlots(days: FairDay[], slotMinutes: number, breakMinutes: number): Slot[] {
  const slots: Slot[] = [];
  for (const day of [...days].sort((a, b) => (a.date + a.start).localeCompare(b.date + b.start))) {
    const dayEnd = beijingInstant(day.date, day.end).getTime();
    let t = beijingInstant(day.date, day.start).getTime();
    while (t + slotMinutes * 60_000 <= dayEnd) {
      const end = t + slotMinutes * 60_000;
      slots.push({ id: beijingLocal(new Date(t)), start: new Date(t).toISOString(), end: new Date(end).toISOString() });
      t = end + breakMinutes * 60_000;
    }
  }
  return slots;
}

/** Slots that lie wholly inside one of the windows; no windows means every slot (available all day). */
export function slotsWithin(slots: Slot[], windows: TimeWindow[]): string[] | undefined {
  if (!windows.length) return undefined;
  const ranges = windows.map((w) => [Date.parse(w.start), Date.parse(w.end)] as const);
  return slots.filter((s) => ranges.some(([a, b]) => Date.parse(s.start) >= a && Date.parse(s.end) <= b)).map((s) => s.id);
}

/** The first window not inside any fair day, if any (availability must fall within the fair). */
export function windowOutsideFair(days: FairDay[], windows: TimeWindow[]): TimeWindow | undefined {
  const dayRanges = days.map((d) => [beijingInstant(d.date, d.start).getTime(), beijingInstant(d.date, d.end).getTime()] as const);
  return windows.find((w) => {
    const a = Date.parse(w.start);
    const b = Date.parse(w.end);
    return !(b > a) || !dayRanges.some(([s, e]) => a >= s && b <= e);
  });
}

/** Beijing-time label "3月1日 09:30–10:00" for agendas and notifications. */
export function slotLabel(start: Date | string, end: Date | string): string {
  const s = beijingLocal(start);
  const e = beijingLocal(end);
  return `${Number(s.slice(5, 7))}月${Number(s.slice(8, 10))}日 ${s.slice(11)}–${e.slice(11)}`;
}

/** "河北省石家庄市" → "石家庄", "河北省雄安新区" → "雄安新区": the part a recommendation compares. */
export function normalizeRegion(region: string | null | undefined): string | null {
  if (!region) return null;
  let r = region.trim();
  r = r.replace(/^(.*?(省|自治区))/, '');
  r = r.replace(/^(北京|天津|上海|重庆)市/, '$1');
  r = r.replace(/(市|地区|盟)$/, '');
  return r || null;
}
