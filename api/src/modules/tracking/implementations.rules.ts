import { createHash } from 'node:crypto';
import type { CriterionTarget, MilestoneCriterion, MilestoneStatus, PlannedMilestone, TargetComparator } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { stableStringify } from '../../lib/stable-json.ts';

/**
 * The rules of an implementation plan (落地实施计划), pure: no database. A plan is the
 * agreed budget and an ordered list of milestones; every acceptance criterion of the
 * sub-topic (验收标准) belongs to exactly one milestone, the milestones' shares of the
 * budget add up to exactly 100 %, due dates never go backwards, and the budget lies
 * within the sub-topic's budget (above it only with a written justification, and at
 * most BUDGET_OVERRUN_LIMIT times it).
 */

export const MAX_MILESTONES = 12;
/** An agreed budget above the sub-topic's needs a justification and may not exceed 1.5 × its budget. */
export const BUDGET_OVERRUN_LIMIT = 1.5;
export const MIN_JUSTIFICATION = 10;

export interface CriterionInput {
  ref: number | null;
  text?: string;
  target: CriterionTarget | null;
}
export interface MilestoneInput {
  title: string;
  deliverables: string;
  dueDate: string;
  budgetShare: number;
  criteria: CriterionInput[];
}
export interface PlanInput {
  budgetWan: number;
  budgetNote: string;
  milestones: MilestoneInput[];
}
export interface Plan {
  budgetWan: number;
  budgetNote: string;
  milestones: PlannedMilestone[];
}

const cents = (x: number) => Math.round(x * 100);

/** 万元 from the sub-topic's budget in 元. */
export const wanOfCny = (cny: number) => Math.round(cny / 100) / 100;

export function checkBudget(budgetWan: number, budgetNote: string, demandBudgetWan: number) {
  if (!(budgetWan > 0)) throw new AppError('BUDGET_OUT_OF_RANGE', '实施预算须大于 0', { budgetWan, demandBudgetWan });
  if (cents(budgetWan) <= cents(demandBudgetWan)) return;
  if (cents(budgetWan) > cents(demandBudgetWan * BUDGET_OVERRUN_LIMIT)) {
    throw new AppError(
      'BUDGET_OUT_OF_RANGE',
      `实施预算 ${budgetWan} 万元超过子赛题预算 ${demandBudgetWan} 万元的 ${BUDGET_OVERRUN_LIMIT} 倍，不能确认`,
      { budgetWan, demandBudgetWan, limitWan: demandBudgetWan * BUDGET_OVERRUN_LIMIT },
    );
  }
  if (budgetNote.trim().length < MIN_JUSTIFICATION) {
    throw new AppError(
      'BUDGET_OUT_OF_RANGE',
      `实施预算 ${budgetWan} 万元超过子赛题预算 ${demandBudgetWan} 万元，请在预算说明中写明理由（至少 ${MIN_JUSTIFICATION} 个字）`,
      { budgetWan, demandBudgetWan },
    );
  }
}

/**
 * Checks a plan against the sub-topic's criteria and returns it as stored: milestones
 * numbered 1..n in the given order, criteria of the sub-topic carrying its own wording.
 */
export function normalisePlan(input: PlanInput, demandCriteria: string[], demandBudgetWan: number): Plan {
  checkBudget(input.budgetWan, input.budgetNote, demandBudgetWan);
  if (input.milestones.length < 1 || input.milestones.length > MAX_MILESTONES) {
    throw invalid('milestones', `里程碑数量须在 1 到 ${MAX_MILESTONES} 个之间`);
  }
  const seen = new Map<number, number[]>();
  const unknown: number[] = [];
  input.milestones.forEach((m, i) => {
    for (const c of m.criteria) {
      if (c.ref === null) continue;
      if (!Number.isInteger(c.ref) || c.ref < 0 || c.ref >= demandCriteria.length) unknown.push(c.ref);
      else seen.set(c.ref, [...(seen.get(c.ref) ?? []), i + 1]);
    }
  });
  const missing = demandCriteria.map((_, i) => i).filter((i) => !seen.has(i));
  const duplicated = [...seen].filter(([, at]) => at.length > 1).map(([ref, at]) => ({ ref, milestones: at }));
  if (missing.length || duplicated.length || unknown.length) {
    const parts = [
      missing.length ? `验收标准 ${missing.map((i) => `第 ${i + 1} 条`).join('、')} 尚未分配到里程碑` : '',
      duplicated.length ? `验收标准 ${duplicated.map((d) => `第 ${d.ref + 1} 条`).join('、')} 分配到了多个里程碑` : '',
      unknown.length ? `子赛题没有编号为 ${unknown.map((r) => r + 1).join('、')} 的验收标准` : '',
    ].filter(Boolean);
    throw new AppError('CRITERIA_UNASSIGNED', `每条验收标准须且只能属于一个里程碑：${parts.join('；')}`, { missing, duplicated, unknown });
  }
  const sum = input.milestones.reduce((s, m) => s + cents(m.budgetShare), 0);
  if (sum !== 10000 || input.milestones.some((m) => cents(m.budgetShare) <= 0)) {
    throw new AppError('SHARES_NOT_100', `各里程碑的预算占比须均大于 0 且合计为 100%（当前合计 ${sum / 100}%）`, { sum: sum / 100 });
  }
  for (let i = 1; i < input.milestones.length; i++) {
    if (input.milestones[i]!.dueDate < input.milestones[i - 1]!.dueDate) {
      throw invalid(`milestones.${i}.dueDate`, `里程碑 ${i + 1} 的截止日期不能早于里程碑 ${i}`);
    }
  }
  const milestones = input.milestones.map((m, i) => ({
    seq: i + 1,
    title: m.title.trim(),
    deliverables: m.deliverables.trim(),
    dueDate: m.dueDate,
    budgetShare: cents(m.budgetShare) / 100,
    criteria: m.criteria.map((c, j): MilestoneCriterion => {
      const text = c.ref === null ? (c.text ?? '').trim() : demandCriteria[c.ref]!;
      if (!text) throw invalid(`milestones.${i}.criteria.${j}.text`, '新增的验收标准须填写内容');
      return { ref: c.ref, text, target: c.target };
    }),
  }));
  return { budgetWan: cents(input.budgetWan) / 100, budgetNote: input.budgetNote.trim(), milestones };
}

function invalid(path: string, message: string) {
  return new AppError('VALIDATION_FAILED', message, { issues: [{ path, message }] });
}

/** Whether a reported figure meets the target. */
export function meets(target: Pick<CriterionTarget, 'comparator' | 'value'>, value: number): boolean {
  const eps = 1e-9;
  switch (target.comparator) {
    case 'gte':
      return value >= target.value - eps;
    case 'lte':
      return value <= target.value + eps;
    case 'eq':
      return Math.abs(value - target.value) <= eps;
  }
}

/** Reads a target such as "识别准确率≥85%" or "定位时间≤2小时" from a criterion's wording (null when none). */
export function suggestTarget(text: string): CriterionTarget | null {
  // A symbol (≥ ≤) says it best; words (不低于, 不少于…) only when there is none.
  const pattern = (ops: string) =>
    new RegExp(
      `([^\\s，,；;。、≥≤>=<]{0,12}?)\\s*(${ops})\\s*(\\d+(?:\\.\\d+)?)\\s*(%|％|个百分点|小时|分钟|秒|天|个|项|家|条|件|万元|元)?`,
    );
  const match = pattern('≥|>=|≤|<=').exec(text) ?? pattern('不低于|不少于|不超过|不高于').exec(text);
  if (!match) return null;
  const comparator: TargetComparator = ['≥', '>=', '不低于', '不少于'].includes(match[2]!) ? 'gte' : 'lte';
  const metric = match[1]!.replace(/^[\d.、）)]+/, '').trim() || '指标';
  return { metric, comparator, value: Number(match[3]), unit: (match[4] ?? '').replace('％', '%') };
}

/** The first draft: one milestone carrying every criterion (with the targets read from them), all of the budget. */
export function defaultPlan(demandCriteria: string[], budgetWan: number, dueDate: string): PlanInput {
  return {
    budgetWan,
    budgetNote: '',
    milestones: [
      {
        title: '方案交付与验收',
        deliverables: '按子赛题技术目标交付的系统与文档',
        dueDate,
        budgetShare: 100,
        criteria: demandCriteria.map((text, ref) => ({ ref, target: suggestTarget(text) })),
      },
    ],
  };
}

/** A fingerprint of a plan's content: agreeing names the digest, so nobody agrees to a plan they have not seen. */
export function planDigest(plan: Plan): string {
  return createHash('sha256')
    .update(stableStringify({ budgetWan: plan.budgetWan, budgetNote: plan.budgetNote, milestones: plan.milestones }))
    .digest('hex')
    .slice(0, 16);
}

/** 已拨付: the accepted milestones' shares of the budget, in 万元 (two decimals). */
export function releasedWan(budgetWan: number, milestones: { status: MilestoneStatus; budgetShare: number }[]): number {
  const shareCents = milestones.filter((m) => m.status === 'accepted').reduce((s, m) => s + cents(m.budgetShare), 0);
  return Math.round((budgetWan * shareCents) / 100) / 100;
}

export interface LiveMilestone extends PlannedMilestone {
  status: MilestoneStatus;
  submissions: number;
}

/**
 * What a change request may not do: alter a milestone under review or accepted (its
 * wording, criteria, date and share stay as agreed), or drop a milestone that has
 * already been submitted once. Returns the problems (empty: allowed).
 */
export function lockedProblems(current: LiveMilestone[], proposed: PlannedMilestone[]): string[] {
  const problems: string[] = [];
  for (const m of current) {
    const next = proposed.find((p) => p.seq === m.seq);
    if (m.status === 'submitted' || m.status === 'accepted') {
      const same = next && stableStringify(strip(next)) === stableStringify(strip(m));
      if (!same) problems.push(`里程碑 ${m.seq}「${m.title}」${m.status === 'accepted' ? '已验收' : '正在验收'}，不能修改或删除`);
    } else if (!next && m.submissions > 0) {
      problems.push(`里程碑 ${m.seq}「${m.title}」已提交过成果，不能删除`);
    }
  }
  return problems;
}

const strip = (m: PlannedMilestone): PlannedMilestone => ({
  seq: m.seq,
  title: m.title,
  deliverables: m.deliverables,
  dueDate: m.dueDate,
  budgetShare: m.budgetShare,
  criteria: m.criteria.map((c) => ({ ref: c.ref, text: c.text, target: c.target })),
});
