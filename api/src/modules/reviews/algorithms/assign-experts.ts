// Expert assignment for the joint review (issue 11).
//
// MODEL. Items are sub-topic panels (all bids on one sub-topic, reviewed by the same
// experts; load = number of bids) and regular projects (load 1). Variables:
//   x[i,e] ∈ {0,1}  expert e reviews item i — only for candidate pairs: not in conflict,
//                   expert on the item's track (or a generalist / allowCrossTrack), and
//                   not already fixed by hand;
//   m[i]   ≥ 0      seats of item i left empty (only when there are not enough experts);
//   o[e]   ≥ 0      load of expert e above the balance target T.
// Constraints:
//   Σ_e x[i,e] + m[i] = needed[i]                 (expertsNeeded minus fixed experts)
//   Σ_i load[i]·x[i,e] − o[e] ≤ T − fixedLoad[e]  and  o[e] ≤ maxPerExpert − T,
//                                                 so load never exceeds maxPerExpert
// Objective (maximise):
//   Σ fit[i,e]·load[i]·x[i,e]  −  λ·Σ o[e]  −  10·Σ load[i]·m[i]
// i.e. total fit counted per review done; every review left empty costs more than any
// review can gain, so the model fills every seat it can and only then maximises fit.
//
// BALANCING. A hard cap (maxPerExpert) plus a soft target: T = ⌈total load / number of
// experts who can review something⌉ (the average load, counting fixed assignments),
// capped by maxPerExpert. Each review above T costs λ = balanceWeight fit points
// (default 0.1): an expert above the average gets one more review only when it fits at
// least 0.1 better than the best expert below the average. Within that trade-off fit is
// maximal; a track short of experts simply pays the penalty everywhere.
//
// WHY NOT JUST FLOW. With load 1 everywhere this is a transportation problem: the
// constraint matrix is totally unimodular, so the LP (≡ min-cost flow) has an integral
// optimum. A panel takes `load` units of an expert's limit at once — a knapsack
// constraint — so neither flow nor the LP is exact for panels. But once the panel pairs
// are decided, what is left is again a transportation problem. Hence (solve-mip.ts):
//   1. LP relaxation of the whole model (HiGHS dual simplex): bound Z_LP, reduced costs;
//   2. incumbent: panels rounded from the LP, single projects solved EXACTLY around them
//      (a second LP, whose vertex solution is integral);
//   3. reduced-cost fixing against the incumbent (a pair whose reduced cost shows it
//      cannot be in a better solution is fixed), then HiGHS branch-and-cut with only the
//      remaining panel pairs integer (single-project pairs stay continuous, which is
//      exact by the argument above), and the single projects re-solved around its panels.
//   Without panels step 2 already meets the bound: optimal at once.
//   When more than 20,000 pairs or 400 panel pairs remain after fixing, step 3 would take
//   minutes in WebAssembly: the incumbent is returned with its proven gap instead.
//
// GUARANTEE. `optimal` true: the assignment maximises the objective above over every
// assignment that respects conflicts, fixed pairs, tracks and limits. `optimal` false:
// no assignment is better than the returned one by more than `gap` (relative to the
// objective; Z_LP or the MIP's bound is the proof). Fit coefficients are integers
// (fit × 1000), so a gap below 1 unit is optimal. Deterministic: items and experts are
// sorted by id before the model is built, HiGHS runs single-threaded with a fixed seed
// and no decision depends on the clock, so the same input — in any order — gives the same
// result (the only exception: the 120 s safety time limit of step 3, never reached at
// the sizes above).
//
// SIZE. The model has one column per candidate pair. With tracks, 5,000 projects × 300
// experts give ~86k pairs (CPU ≈ 3 s, see bench/README.md). Generalists (experts without
// tracks) and allowCrossTrack make every expert a candidate everywhere: fine for a few
// thousand pairs per track (1,000 projects × 60 experts: 40k pairs, 2 s CPU), not
// measured at 5,000 projects × 300 experts (~1M pairs).
//
// FEASIBILITY is checked first (feasibility.ts); the solver runs anyway and the result
// lists what stays unassigned and why.

export type {
  AssignmentExpert,
  AssignmentInput,
  AssignmentItem,
  AssignmentPair,
  AssignmentResult,
  FeasibilityProblem,
} from './assignment-types.ts';
export { fitScore } from './fit.ts';
export { checkFeasibility } from './feasibility.ts';
import type { AssignmentInput, AssignmentResult } from './assignment-types.ts';
import { feasibilityOf } from './feasibility.ts';
import { fitScore } from './fit.ts';
import { itemLabel, prepare } from './prepare.ts';
import { solveMip } from './solve-mip.ts';

export const DEFAULT_BALANCE_WEIGHT = 0.1;
const TIME_LIMIT_SECONDS = 120;

export async function assignExperts(input: AssignmentInput): Promise<AssignmentResult> {
  const started = performance.now();
  const p = prepare(input);
  const problems = feasibilityOf(p);

  // Balance target: average load over the experts who can take part.
  let totalLoad = 0;
  p.items.forEach((it, i) => (totalLoad += (p.needed[i]! + p.fixedCount[i]!) * it.load));
  const active = new Set<number>();
  p.candidates.forEach((c) => c.forEach((e) => active.add(e)));
  for (const [, e] of p.fixed) active.add(e);
  const target = active.size > 0 ? Math.ceil(totalLoad / active.size) : 0;

  const anySeat = p.candidates.some((c, i) => c.length > 0 && p.needed[i]! > 0);
  const mip = anySeat
    ? await solveMip(p, {
        target,
        balanceWeight: input.balanceWeight ?? DEFAULT_BALANCE_WEIGHT,
        timeLimitSeconds: TIME_LIMIT_SECONDS,
      })
    : null;

  const assignments: AssignmentResult['assignments'] = [];
  const load = [...p.fixedLoad];
  let totalFit = 0;
  const push = (i: number, e: number) => {
    const fit = fitScore(p.items[i]!, p.experts[e]!);
    assignments.push({ itemId: p.items[i]!.id, expertId: p.experts[e]!.id, fit });
    totalFit += fit * p.items[i]!.load;
  };
  for (const [i, e] of p.fixed) push(i, e);
  if (mip) {
    mip.chosen.forEach((experts, i) => {
      for (const e of experts) {
        push(i, e);
        load[e]! += p.items[i]!.load;
      }
    });
  }
  assignments.sort((a, b) => cmp(a.itemId, b.itemId) || cmp(a.expertId, b.expertId));

  const unassigned: AssignmentResult['unassigned'] = [];
  p.items.forEach((it, i) => {
    const missing = mip ? mip.missing[i]! : p.needed[i]!;
    if (missing <= 0) return;
    const have = p.candidates[i]!.length;
    const reason =
      have < p.needed[i]!
        ? `${itemLabel(it)}只有 ${have} 位无冲突、有余量的赛道专家，还缺 ${missing} 位`
        : `${itemLabel(it)}的 ${have} 位可选专家已被其他评审占满额度（每人上限 ${p.maxPerExpert} 份），还缺 ${missing} 位`;
    unassigned.push({ itemId: it.id, missing, reason });
  });
  if (unassigned.length > 0 && problems.length === 0) {
    const seats = unassigned.reduce((a, u) => a + u.missing, 0);
    problems.push({
      message: `求解后仍有 ${unassigned.length} 个评审对象共 ${seats} 个席位无法安排：专题评审组须由同一批专家评审全部揭榜项目，剩余额度无法整块容纳；请提高每人上限或增加专家`,
    });
  }

  const gap = mip ? (mip.optimal ? 0 : Math.max(0, mip.bound - mip.objective) / Math.max(1, Math.abs(mip.objective))) : 0;
  return {
    feasible: problems.length === 0 && unassigned.length === 0,
    problems,
    assignments,
    unassigned,
    loads: p.experts.map((ex, e) => ({ expertId: ex.id, load: load[e]! })),
    totalFit: Math.round(totalFit * 1000) / 1000,
    optimal: mip ? mip.optimal : true,
    gap,
    solver: mip
      ? `HiGHS LP + reduced-cost fixing + MIP (${mip.status}; ${mip.stats.pairs} candidate pairs of which ${mip.stats.panelPairs} panel pairs; ${mip.stats.freeAfterFixing} pairs / ${mip.stats.freePanels} panel pairs left after fixing; LP + incumbent ${mip.stats.lpMillis} ms, MIP ${mip.stats.mipMillis} ms)`
      : 'none (nothing to assign)',
    millis: Math.round(performance.now() - started),
    target,
  };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
