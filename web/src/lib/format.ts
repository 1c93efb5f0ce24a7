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

/** 7月1日; with `withYear`, 2025年7月1日 (for dates that do not all fall in one year). */
export function formatShortDate(iso: string, withYear = false): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? '—' : (withYear ? dateFmt : shortFmt).format(t);
}

/** The instants fall in more than one year (Beijing time): short dates would be ambiguous. */
export function spansYears(isos: string[]): boolean {
  return new Set(isos.map((iso) => beijingDateInput(iso).slice(0, 4)).filter(Boolean)).size > 1;
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

const wanFmt = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 4 });

/** Integer yuan → "120 万元" (null → "—"). */
export function formatWan(yuan: number | null | undefined): string {
  if (yuan === null || yuan === undefined || !Number.isFinite(yuan)) return '—';
  return `${wanFmt.format(yuan / 10000)} 万元`;
}

/** Integer yuan → the number of 万元 for an input ("120", "12.5"). */
export function wanInputOf(yuan: number | null | undefined): string {
  if (yuan === null || yuan === undefined) return '';
  return String(Math.round(yuan) / 10000);
}

/**
 * A 万元 amount typed by the user → integer yuan. `null` when empty, `NaN` when
 * it is not a positive number with at most 4 decimals (1 元).
 */
export function yuanFromWan(text: string): number | null {
  const t = text.trim().replace(/[,，\s]/g, '');
  if (!t) return null;
  if (!/^\d+(\.\d{1,4})?$/.test(t)) return Number.NaN;
  const [int, frac = ''] = t.split('.');
  return Number(int) * 10000 + Number(frac.padEnd(4, '0'));
}

/** Today in Beijing as "YYYY-MM-DD". */
export function beijingToday(now = Date.now()): string {
  return new Date(now + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** "YYYY-MM-DD" (a calendar date, e.g. a data item's availableFrom) → "2025年7月1日". */
export function formatDay(date: string | null | undefined): string {
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return date || '—';
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** Countdown to a deadline: "剩余 12 天", "今天截止", "已截止". */
export function deadlineStatus(iso: string | null | undefined, now = Date.now()): { text: string; tone: 'ok' | 'soon' | 'past' | 'none' } {
  if (!iso) return { text: '未设置', tone: 'none' };
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return { text: '未设置', tone: 'none' };
  if (t <= now) return { text: '已截止', tone: 'past' };
  if (beijingDateInput(iso) === beijingToday(now)) return { text: '今天截止', tone: 'soon' };
  const days = daysUntil(iso, now);
  return { text: `剩余 ${days} 天`, tone: days <= 7 ? 'soon' : 'ok' };
}

/** "刚刚", "5 分钟前", "3 小时前", "昨天 14:20", or the date. */
export function formatRelative(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '—';
  const seconds = Math.max(0, Math.round((now - t) / 1000));
  if (seconds < 60) return '刚刚';
  if (seconds < 3600) return `${Math.floor(seconds / 60)} 分钟前`;
  if (seconds < 6 * 3600 || beijingDateInput(iso) === beijingToday(now)) return `${Math.floor(seconds / 3600)} 小时前`;
  const yesterday = beijingToday(now - 24 * 3600 * 1000);
  if (beijingDateInput(iso) === yesterday) return `昨天 ${formatDateTime(iso).slice(-5)}`;
  return formatDateTime(iso);
}

/** "字段A，字段B、字段C" → ["字段A", "字段B", "字段C"] (commas, 、, semicolons or new lines; duplicates dropped). */
export function splitTags(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(/[,，、;；\n]+/)) {
    const tag = part.trim();
    if (tag && !out.includes(tag)) out.push(tag);
  }
  return out;
}
