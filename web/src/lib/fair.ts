/** Types and labels of the docking fair (供需对接会), from the generated API schema. */
import type { paths } from './api/schema';

type Ok<P extends keyof paths, M extends 'get' | 'post' | 'put'> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer T } } };
}
  ? T
  : paths[P][M] extends { responses: { 201: { content: { 'application/json': infer T } } } }
    ? T
    : never;

export type Fair = Ok<'/api/fairs/{id}', 'get'>;
export type Participant = Ok<'/api/fairs/{id}/participants', 'get'>['items'][number];
export type MeetingRequest = Ok<'/api/fairs/{id}/requests', 'get'>['items'][number];
export type Schedule = Ok<'/api/fairs/{id}/schedule', 'get'>;
export type Meeting = Schedule['meetings'][number];
export type Agenda = Ok<'/api/fairs/{id}/agenda', 'get'>;
export type AgendaMeeting = Agenda['meetings'][number];
export type Dashboard = Ok<'/api/fairs/{id}/dashboard', 'get'>;
export type Recommendations = Ok<'/api/recommendations', 'get'>;
export type Recommendation = Recommendations['items'][number];

export const requestStatusLabels: Record<MeetingRequest['status'], string> = {
  pending: '待回复',
  accepted: '已接受',
  declined: '已拒绝',
  expired: '已过期',
  cancelled: '已撤回/取消',
};
export const resultLabels = { none: '无意向', intent: '有意向', signed: '签约' } as const;
export const sideLabels = { enterprise: '需求企业', team: '参赛团队' } as const;

const beijing = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString();
/** "3月1日 09:00–09:20" in Beijing time. */
export function slotText(start: string | null, end: string | null): string {
  if (!start || !end) return '未排定';
  const s = beijing(start);
  return `${Number(s.slice(5, 7))}月${Number(s.slice(8, 10))}日 ${s.slice(11, 16)}–${beijing(end).slice(11, 16)}`;
}
/** "09:00" in Beijing time. */
export const hhmm = (iso: string) => beijing(iso).slice(11, 16);
