// Canonical form of an assignment input, shared by the feasibility check and the solver.
// Items and experts are sorted by id (so the model, and therefore the solution, does not
// depend on the order of the input), conflicts and fixed pairs are indexed, and each
// item gets its candidate experts: not in conflict, on the item's track (or a
// generalist, or any expert with allowCrossTrack), not already fixed on it, and with
// room for the item's whole load.

import type { AssignmentExpert, AssignmentInput, AssignmentItem, FeasibilityProblem } from './assignment-types.ts';
import { fitScore } from './fit.ts';

export interface Prepared {
  items: AssignmentItem[];
  experts: AssignmentExpert[];
  maxPerExpert: number;
  /** conflict keys i * E + e */
  conflict: Set<number>;
  /** valid fixed pairs (known, not in conflict), deduplicated, sorted */
  fixed: [number, number][];
  fixedCount: number[];
  fixedLoad: number[];
  /** seats still to fill per item: max(0, expertsNeeded − fixed) */
  needed: number[];
  /** load an expert can still take: max(0, maxPerExpert − fixed load) */
  cap: number[];
  /** candidates[i] = expert indexes, ascending */
  candidates: number[][];
  /** fit of each candidate, parallel to candidates[i] (empty when prepared without fits) */
  fits: number[][];
  /** track experts of item i before conflicts and capacity (for messages) */
  pool: number[][];
  /** problems found while reading the input (unknown ids, conflicted or oversized fixed pairs) */
  problems: FeasibilityProblem[];
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export const itemLabel = (it: AssignmentItem) => `${it.kind === 'panel' ? '专题评审组' : '项目'}「${it.name ?? it.id}」`;

export function eligibleByTrack(item: AssignmentItem, expert: AssignmentExpert, crossTrack: boolean): boolean {
  return crossTrack || expert.trackIds.length === 0 || expert.trackIds.includes(item.trackId);
}

export function prepare(input: AssignmentInput, withFits = true): Prepared {
  const problems: FeasibilityProblem[] = [];
  const items = dedupe(input.items, problems, '评审对象').sort((a, b) => cmp(a.id, b.id));
  const experts = dedupe(input.experts, problems, '专家').sort((a, b) => cmp(a.id, b.id));
  const maxPerExpert = Number.isFinite(input.maxPerExpert) ? Math.max(0, Math.floor(input.maxPerExpert)) : 0;
  if (!(maxPerExpert >= 1)) problems.push({ message: `每位专家的评审上限必须至少为 1（现为 ${input.maxPerExpert}）` });
  const I = items.length;
  const E = experts.length;
  const itemIndex = new Map(items.map((it, i) => [it.id, i]));
  const expertIndex = new Map(experts.map((ex, e) => [ex.id, e]));
  for (const it of items) {
    if (!Number.isInteger(it.load) || it.load < 1 || !Number.isInteger(it.expertsNeeded) || it.expertsNeeded < 0) {
      problems.push({ itemId: it.id, trackId: it.trackId, message: `${itemLabel(it)}：项目数须为正整数、所需专家数须为非负整数` });
    }
  }

  const conflict = new Set<number>();
  for (const c of input.conflicts) {
    const i = itemIndex.get(c.itemId);
    const e = expertIndex.get(c.expertId);
    if (i !== undefined && e !== undefined) conflict.add(i * E + e);
  }

  const fixedKeys = new Set<number>();
  for (const f of input.fixed) {
    const i = itemIndex.get(f.itemId);
    const e = expertIndex.get(f.expertId);
    if (i === undefined || e === undefined) {
      problems.push({
        itemId: f.itemId,
        expertId: f.expertId,
        message: `手工指派无效：${i === undefined ? `评审对象 ${f.itemId} 不存在` : `专家 ${f.expertId} 不在专家库中`}`,
      });
      continue;
    }
    if (conflict.has(i * E + e)) {
      problems.push({
        itemId: f.itemId,
        trackId: items[i]!.trackId,
        expertId: f.expertId,
        message: `手工指派与利益冲突矛盾：专家 ${experts[e]!.name} 与${itemLabel(items[i]!)}存在利益冲突，该指派不会保留，请改派`,
      });
      continue;
    }
    fixedKeys.add(i * E + e);
  }
  const fixed = [...fixedKeys].sort((a, b) => a - b).map((k) => [Math.floor(k / E), k % E] as [number, number]);
  const fixedCount = new Array<number>(I).fill(0);
  const fixedLoad = new Array<number>(E).fill(0);
  for (const [i, e] of fixed) {
    fixedCount[i]! += 1;
    fixedLoad[e]! += items[i]!.load;
  }
  for (let e = 0; e < E; e++) {
    if (fixedLoad[e]! > maxPerExpert) {
      problems.push({
        expertId: experts[e]!.id,
        message: `手工指派超出上限：专家 ${experts[e]!.name} 已被手工指派 ${fixedLoad[e]} 份评审，超过每人上限 ${maxPerExpert} 份；不会再为其分配其他评审`,
      });
    }
  }
  const needed = items.map((it, i) => Math.max(0, it.expertsNeeded - fixedCount[i]!));
  const cap = fixedLoad.map((l) => Math.max(0, maxPerExpert - l));

  // Experts by track (generalists everywhere) to avoid an items × experts scan.
  const byTrack = new Map<string, number[]>();
  const generalists: number[] = [];
  experts.forEach((ex, e) => {
    if (ex.trackIds.length === 0) generalists.push(e);
    for (const t of new Set(ex.trackIds)) {
      const list = byTrack.get(t);
      if (list) list.push(e);
      else byTrack.set(t, [e]);
    }
  });
  const all = experts.map((_, e) => e);
  const cross = input.allowCrossTrack === true;
  const candidates: number[][] = [];
  const fits: number[][] = [];
  const pool: number[][] = [];
  items.forEach((it, i) => {
    const p = cross ? all : [...(byTrack.get(it.trackId) ?? []), ...generalists].sort((a, b) => a - b);
    pool.push(p);
    const cand: number[] = [];
    const fit: number[] = [];
    if (needed[i]! > 0) {
      for (const e of p) {
        const k = i * E + e;
        if (conflict.has(k) || fixedKeys.has(k) || cap[e]! < it.load) continue;
        cand.push(e);
        if (withFits) fit.push(fitScore(it, experts[e]!));
      }
    }
    candidates.push(cand);
    fits.push(fit);
  });
  return { items, experts, maxPerExpert, conflict, fixed, fixedCount, fixedLoad, needed, cap, candidates, fits, pool, problems };
}

function dedupe<T extends { id: string }>(list: T[], problems: FeasibilityProblem[], what: string): T[] {
  const seen = new Map<string, T>();
  for (const x of list) {
    if (seen.has(x.id)) problems.push({ message: `${what} ${x.id} 重复出现，只保留最后一条` });
    seen.set(x.id, x);
  }
  return [...seen.values()];
}
