/** Types and labels of implementations (落地实施), from the generated API schema. */
import type { components, paths } from './api/schema';

type S = components['schemas'];
type Ok<P extends keyof paths, M extends 'get' | 'post' | 'put'> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer T } } };
}
  ? T
  : never;
type Body<P extends keyof paths, M extends 'post' | 'put'> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer T } };
}
  ? T
  : never;

export type Implementation = S['ImplementationDetail'];
export type ImplementationSummary = S['ImplementationSummary'];
export type ImplementationStatus = S['ImplementationStatus'];
export type ImplementationSource = S['ImplementationSource'];
export type Milestone = S['Milestone'];
export type MilestoneStatus = S['MilestoneStatus'];
export type PlanVersion = S['ImplementationPlanVersion'];
export type ChangeRequest = S['ImplementationChangeRequest'];
export type ExpertOpinion = S['ExpertOpinion'];
export type SourceOption = Ok<'/api/implementations/sources', 'get'>['items'][number];
export type ExpertCandidate = Ok<'/api/implementations/{id}/expert-candidates', 'get'>['items'][number];
export type PlanInput = Body<'/api/implementations/{id}/plan', 'put'>;
export type MilestoneInput = PlanInput['milestones'][number];
export type Target = NonNullable<Milestone['criteria'][number]['target']>;
export type Comparator = Target['comparator'];

export const implementationStatusLabels: Record<ImplementationStatus, string> = {
  draft: '计划商定中',
  agreed: '计划已确认',
  in_progress: '实施中',
  accepted: '已验收',
  closed: '已结项',
};
export const implementationStatusTone: Record<ImplementationStatus, '' | 'green' | 'amber' | 'grey'> = {
  draft: 'amber',
  agreed: '',
  in_progress: '',
  accepted: 'green',
  closed: 'grey',
};
export const milestoneStatusLabels: Record<MilestoneStatus, string> = {
  pending: '待提交',
  submitted: '待企业验收',
  accepted: '已验收',
  returned: '已退回',
};
export const milestoneStatusTone: Record<MilestoneStatus, '' | 'green' | 'amber' | 'red'> = {
  pending: '',
  submitted: 'amber',
  accepted: 'green',
  returned: 'red',
};
export const sourceLabels: Record<ImplementationSource, string> = { award: '子赛题获奖', fair_signing: '对接会签约' };
export const comparatorLabels: Record<Comparator, string> = { gte: '≥', lte: '≤', eq: '=' };
export const comparators = Object.keys(comparatorLabels) as Comparator[];
export const changeStatusLabels: Record<ChangeRequest['status'], string> = {
  pending: '待对方同意',
  accepted: '已同意',
  declined: '已拒绝',
  withdrawn: '已撤回',
};
export const recommendationLabels: Record<NonNullable<ExpertOpinion['recommendation']>, string> = {
  accept: '建议通过',
  return: '建议退回修改',
  neutral: '仅供参考',
};
export const sideLabels = { enterprise: '需求企业', team: '参赛团队' } as const;

export const targetText = (t: Target | null) => (t ? `${t.metric} ${comparatorLabels[t.comparator]} ${t.value}${t.unit}` : '');
/** "12.5 万元" with at most two decimals. */
export const wan = (x: number) => `${Math.round(x * 100) / 100} 万元`;
export const dateOnly = (iso: string | null) => (iso ? new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10) : '');

/** The editor's form of a plan: milestones, and for each sub-topic criterion its milestone and target. */
export interface PlanForm {
  budgetWan: number;
  budgetNote: string;
  milestones: { title: string; deliverables: string; dueDate: string; budgetShare: number; extra: Milestone['criteria'] }[];
  /** For criterion i of the sub-topic: the index of its milestone. */
  assign: number[];
  targets: (Target | null)[];
}

export function formOf(plan: Pick<PlanVersion, 'budgetWan' | 'budgetNote' | 'milestones'>, criteriaCount: number): PlanForm {
  const assign = Array.from({ length: criteriaCount }, () => 0);
  const targets: (Target | null)[] = Array.from({ length: criteriaCount }, () => null);
  plan.milestones.forEach((m, i) =>
    m.criteria.forEach((c) => {
      if (c.ref !== null && c.ref < criteriaCount) {
        assign[c.ref] = i;
        targets[c.ref] = c.target ? { ...c.target } : null;
      }
    }),
  );
  return {
    budgetWan: plan.budgetWan,
    budgetNote: plan.budgetNote,
    milestones: plan.milestones.map((m) => ({
      title: m.title,
      deliverables: m.deliverables,
      dueDate: m.dueDate,
      budgetShare: m.budgetShare,
      extra: m.criteria.filter((c) => c.ref === null),
    })),
    assign,
    targets,
  };
}

export function inputOf(form: PlanForm): PlanInput {
  return {
    budgetWan: Number(form.budgetWan),
    budgetNote: form.budgetNote,
    milestones: form.milestones.map((m, i) => ({
      title: m.title,
      deliverables: m.deliverables,
      dueDate: m.dueDate,
      budgetShare: Number(m.budgetShare),
      criteria: [
        ...form.assign.flatMap((at, ref) => (at === i ? [{ ref, target: form.targets[ref] ?? null }] : [])),
        ...m.extra.map((c) => ({ ref: null, text: c.text, target: c.target })),
      ],
    })),
  };
}
