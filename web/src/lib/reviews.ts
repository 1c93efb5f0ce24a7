import type { Schemas } from '$lib/api/client';

export type ReviewTask = Schemas['ReviewTask'];
export type ReviewTaskDetail = Schemas['ReviewTaskDetail'];
export type ReviewRound = Schemas['ReviewRound'];
export type ReviewConflict = Schemas['ReviewConflict'];
export type ReviewResults = Schemas['ReviewResults'];
export type Assignments = Schemas['Assignments'];
export type AssignmentRun = Schemas['AssignmentRun'];
export type Expert = Schemas['Expert'];
export type OrgLink = Schemas['OrgLink'];

export const roleLabels = { enterprise: '企业评审（需求匹配度）', expert: '专家评审' } as const;
export const statusTone: Record<ReviewTask['status'], string> = {
  pending: 'amber',
  accepted: 'blue',
  submitted: 'green',
  conflict: 'red',
  removed: '',
};

/** Scores below 60 or above 90 need a comment (the server checks the same). */
export const COMMENT_LOW = 60;
export const COMMENT_HIGH = 90;

/** Percent text of a 0..1 share: 0.1 → "10%". */
export function percent(share: number): string {
  const p = Math.round(share * 1000) / 10;
  return `${p}%`;
}

export function formatScore(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : String(Math.round(value * 100) / 100);
}
