import type { Executor } from '../../db/database.ts';
import type { ReviewTaskRole } from '../../db/schema.ts';
import { defaultIndicatorWeights, indicatorTotal, indicatorTree, leafKeys, leafShares } from './indicators.ts';
import * as repo from './reviews.repository.ts';

/**
 * What a reviewer scores, by task:
 * - the enterprise on its sub-topic: 需求匹配度, one rubric item per 验收标准 of the sub-topic
 *   (keys `fit1`…`fitN`), its score the mean of the items;
 * - an expert on a sub-topic bid: 技术创新性 (key `innovation`);
 * - an expert on a regular project: the indicator system (third-level keys such as `A1.1`),
 *   its score the weighted sum with the edition's weights.
 * Every item is scored 0–100.
 */
export type FormKind = 'demandFit' | 'innovation' | 'indicators';

export interface Criterion {
  key: string;
  label: string;
  /** Share of the task's score, 0..1. */
  share: number;
  path: string[];
}

export interface ScoreForm {
  kind: FormKind;
  title: string;
  criteria: Criterion[];
  weights: Record<string, number> | null;
  tree: typeof indicatorTree | null;
}

export const SCORE_MIN = 0;
export const SCORE_MAX = 100;
/** Scores below LOW or above HIGH need a comment (the reason is what makes them traceable). */
export const COMMENT_LOW = 60;
export const COMMENT_HIGH = 90;

export function buildForm(
  role: ReviewTaskRole,
  project: { demand_id: string | null; acceptance_criteria: string[] | null },
  weights: Record<string, number>,
): ScoreForm {
  if (role === 'enterprise') {
    const items = project.acceptance_criteria?.length ? project.acceptance_criteria : ['需求匹配度'];
    return {
      kind: 'demandFit',
      title: '需求匹配度（按本子赛题的验收标准逐项评分）',
      criteria: items.map((label, i) => ({ key: `fit${i + 1}`, label, share: 1 / items.length, path: ['需求匹配度'] })),
      weights: null,
      tree: null,
    };
  }
  if (project.demand_id) {
    return {
      kind: 'innovation',
      title: '技术创新性',
      criteria: [{ key: 'innovation', label: '技术创新性', share: 1, path: ['技术创新性'] }],
      weights: null,
      tree: null,
    };
  }
  const shares = leafShares(weights);
  const labels = new Map<string, string[]>();
  for (const a of indicatorTree)
    for (const b of a.children ?? []) for (const c of b.children ?? []) labels.set(c.key, [a.label, b.label, c.label]);
  return {
    kind: 'indicators',
    title: '评价指标（先进性、实效性、示范性）',
    criteria: leafKeys.map((key) => ({ key, label: labels.get(key)![2]!, share: shares[key]!, path: labels.get(key)!.slice(0, 2) })),
    weights,
    tree: indicatorTree,
  };
}

/** The task's score on 0–100 from its item scores (all items present). */
export function taskTotal(form: ScoreForm, scores: Record<string, number>): number {
  if (form.kind === 'indicators') return indicatorTotal(scores, form.weights!);
  const sum = form.criteria.reduce((s, c) => s + (scores[c.key] ?? 0) * c.share, 0);
  return Math.round(sum * 100) / 100;
}

export async function indicatorWeightsOf(db: Executor, editionId: string) {
  const settings = await repo.findSettings(db, editionId);
  return {
    weights: settings?.indicator_weights ?? defaultIndicatorWeights(),
    rankBy: settings?.rank_by ?? ('normalised' as const),
    outlierMargin: settings?.outlier_margin ?? 15,
  };
}
