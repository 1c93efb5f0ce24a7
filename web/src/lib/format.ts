/** Dates are always shown in Beijing time, whatever the browser's zone. */
const TZ = 'Asia/Shanghai';
const BEIJING_OFFSET_MS = 8 * 3600 * 1000;

const dateFmt = new Intl.DateTimeFormat('zh-CN', { timeZone: TZ, year: 'numeric', month: 'long', day: 'numeric' });
const shortFmt = new Intl.DateTimeFormat('zh-CN', { timeZone: TZ, month: 'long', day: 'numeric' });
const dateTimeFmt = new Intl.DateTimeFormat('zh-CN', {
  timeZone: TZ,
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** 2025年7月1日 */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  return Number.isNaN(t) ? '—' : dateFmt.format(t);
}

/** 7月1日 */
export function formatShortDate(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? '—' : shortFmt.format(t);
}

/** 2025年7月1日 09:30 */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  return Number.isNaN(t) ? '—' : dateTimeFmt.format(t);
}

/** "2025年7月1日 — 8月10日" (the year is repeated only when it changes). */
export function formatRange(start: string, end: string): string {
  const sameYear = beijingDateInput(start).slice(0, 4) === beijingDateInput(end).slice(0, 4);
  return `${formatDate(start)} — ${sameYear ? formatShortDate(end) : formatDate(end)}`;
}

/** ISO instant → "YYYY-MM-DD" of that instant in Beijing, for <input type="date">. */
export function beijingDateInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  return Number.isNaN(t) ? '' : new Date(t + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** "YYYY-MM-DD" → the start (00:00:00) or end (23:59:59) of that day in Beijing, as ISO with +08:00. */
export function beijingDayBoundary(date: string, edge: 'start' | 'end'): string {
  return `${date}T${edge === 'start' ? '00:00:00' : '23:59:59'}+08:00`;
}

/** Whole days from now until an instant (rounded up; negative when past). */
export function daysUntil(iso: string, now = Date.now()): number {
  return Math.ceil((Date.parse(iso) - now) / (24 * 3600 * 1000));
}
