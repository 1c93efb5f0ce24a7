// Feasibility check before solving (issue 11): says in plain Chinese what cannot work
// and why, instead of "no solution". All loads are counted in reviews (份): assigning an
// expert to a panel of 6 bids costs 6 of the expert's maxPerExpert.
//
// Checks, in this order (all are necessary conditions; the last one is the exact
// condition for the fractional relaxation):
//   1. input: unknown ids, duplicates, fixed pairs in conflict (dropped) or beyond an
//      expert's limit (kept, the expert gets nothing else)           — prepare.ts
//   2. per item: fewer candidate experts than seats still needed, naming how many track
//      experts conflicts removed and how many lack room for the item's load;
//   3. per track: reviews needed vs what the track's experts can give without conflicts
//      (each expert gives at most min(remaining limit, load of the track's items it may
//      review)), naming how many experts conflicts touch and fully exclude;
//   4. overall: reviews needed vs all remaining capacity;
//   5. Hall's condition across tracks: a max flow source → item (needed × load) →
//      candidate expert (load) → sink (remaining limit). If it cannot carry every review,
//      the minimum cut names the group of items (by track) whose candidate experts are
//      too few, even when every single track passes check 3 (experts shared between
//      tracks). Reported only when checks 2–4 found nothing, to avoid repeating them.
// A panel cannot be split between experts, so a solution can still fail to exist after
// all checks pass (rare; the solver then reports the unassigned seats).

import type { AssignmentInput, FeasibilityProblem } from './assignment-types.ts';
import { itemLabel, prepare, type Prepared } from './prepare.ts';

export function checkFeasibility(input: AssignmentInput): FeasibilityProblem[] {
  return feasibilityOf(prepare(input, false));
}

export function feasibilityOf(p: Prepared): FeasibilityProblem[] {
  const problems = [...p.problems];
  const E = p.experts.length;
  let found = false;

  // 2. items
  p.items.forEach((it, i) => {
    const need = p.needed[i]!;
    const have = p.candidates[i]!.length;
    if (have >= need) return;
    found = true;
    const pool = p.pool[i]!;
    const conflicted = pool.filter((e) => p.conflict.has(i * E + e)).length;
    const full = pool.filter((e) => !p.conflict.has(i * E + e) && p.cap[e]! < it.load).length;
    const parts = [`可选专家 ${pool.length} 位`];
    if (conflicted > 0) parts.push(`其中 ${conflicted} 位存在利益冲突`);
    if (full > 0) parts.push(`${full} 位剩余额度不足 ${it.load} 份`);
    if (p.fixedCount[i]! > 0) parts.push(`已手工指派 ${p.fixedCount[i]} 位`);
    problems.push({
      itemId: it.id,
      trackId: it.trackId,
      message: `${itemLabel(it)}（赛道「${it.trackName}」）还需 ${need} 位专家，只有 ${have} 位可以评审（${parts.join('，')}）`,
    });
  });

  // 3. tracks
  const tracks = new Map<string, { name: string; items: number[] }>();
  p.items.forEach((it, i) => {
    const t = tracks.get(it.trackId);
    if (t) t.items.push(i);
    else tracks.set(it.trackId, { name: it.trackName, items: [i] });
  });
  const trackIds = [...tracks.keys()].sort();
  for (const trackId of trackIds) {
    const t = tracks.get(trackId)!;
    let demand = 0;
    let seats = 0;
    for (const i of t.items) {
      demand += p.needed[i]! * p.items[i]!.load;
      seats += p.needed[i]!;
    }
    if (demand === 0) continue;
    const offer = new Map<number, number>(); // expert → load of this track's items it may review
    const touched = new Set<number>();
    const pool = new Set<number>();
    for (const i of t.items) {
      for (const e of p.pool[i]!) {
        pool.add(e);
        if (p.conflict.has(i * E + e)) touched.add(e);
      }
      p.candidates[i]!.forEach((e) => offer.set(e, (offer.get(e) ?? 0) + p.items[i]!.load));
    }
    let supply = 0;
    for (const [e, l] of offer) supply += Math.min(p.cap[e]!, l);
    if (supply >= demand) continue;
    found = true;
    const excluded = [...touched].filter((e) => !offer.has(e)).length;
    const partial = touched.size - excluded;
    let conflictText = excluded > 0 ? `冲突排除了 ${excluded} 位专家` : '没有专家因利益冲突被完全排除';
    if (partial > 0) conflictText += `${excluded > 0 ? '，另有' : '，但有'} ${partial} 位专家与其中部分评审对象冲突`;
    problems.push({
      trackId,
      message:
        `赛道「${t.name}」：需要 ${demand} 份评审（${seats} 个评审席位，专题评审组按揭榜项目数计），` +
        `本赛道 ${pool.size} 位专家在每人上限 ${p.maxPerExpert} 份内、避开利益冲突后最多只能提供 ${supply} 份；${conflictText}。` +
        `请增加本赛道专家或提高每人上限`,
    });
  }

  // 4. overall
  let demandAll = 0;
  p.items.forEach((it, i) => (demandAll += p.needed[i]! * it.load));
  const capAll = p.cap.reduce((a, b) => a + b, 0);
  if (demandAll > capAll) {
    found = true;
    problems.push({
      message: `总体：还需 ${demandAll} 份评审，${E} 位专家在每人上限 ${p.maxPerExpert} 份内剩余额度合计只有 ${capAll} 份`,
    });
  }

  // 5. Hall's condition across tracks
  if (!found && demandAll > 0) {
    const cut = hallViolation(p);
    if (cut) {
      const names = [...new Set(cut.items.map((i) => p.items[i]!.trackName))];
      problems.push({
        trackId: cut.items.length > 0 ? p.items[cut.items[0]!]!.trackId : undefined,
        message:
          `赛道「${names.join('」「')}」中 ${cut.items.length} 个评审对象合计需要 ${cut.demand} 份评审，` +
          `能评审它们的 ${cut.experts} 位无冲突专家（多位同时属于多个赛道）合计最多只能提供 ${cut.supply} 份`,
      });
    }
  }
  return problems;
}

/** Max flow (Dinic) of the relaxation; on a shortfall, the items on the source side of a
 *  minimum cut, their demand, and what their reachable experts can give. */
function hallViolation(p: Prepared): { items: number[]; demand: number; experts: number; supply: number } | null {
  const I = p.items.length;
  const E = p.experts.length;
  const S = I + E;
  const T = S + 1;
  const g = new FlowGraph(T + 1);
  let demand = 0;
  for (let i = 0; i < I; i++) {
    const d = p.needed[i]! * p.items[i]!.load;
    if (d === 0 || p.candidates[i]!.length === 0) continue;
    demand += d;
    g.add(S, i, d);
    for (const e of p.candidates[i]!) g.add(i, I + e, p.items[i]!.load);
  }
  for (let e = 0; e < E; e++) if (p.cap[e]! > 0) g.add(I + e, T, p.cap[e]!);
  const flow = g.maxFlow(S, T);
  if (flow >= demand) return null;
  const side = g.reachable(S);
  const items: number[] = [];
  let cutDemand = 0;
  for (let i = 0; i < I; i++) {
    if (side[i] && p.needed[i]! > 0) {
      items.push(i);
      cutDemand += p.needed[i]! * p.items[i]!.load;
    }
  }
  const experts = new Set<number>();
  for (const i of items) for (const e of p.candidates[i]!) experts.add(e);
  let supply = 0;
  const offer = new Map<number, number>();
  for (const i of items) for (const e of p.candidates[i]!) offer.set(e, (offer.get(e) ?? 0) + p.items[i]!.load);
  for (const [e, l] of offer) supply += Math.min(p.cap[e]!, l);
  return { items, demand: cutDemand, experts: experts.size, supply };
}

class FlowGraph {
  private head: number[];
  private to: number[] = [];
  private capacity: number[] = [];
  private next: number[] = [];
  constructor(private n: number) {
    this.head = new Array<number>(n).fill(-1);
  }
  add(u: number, v: number, c: number) {
    for (const [a, b, cc] of [
      [u, v, c],
      [v, u, 0],
    ] as const) {
      this.to.push(b);
      this.capacity.push(cc);
      this.next.push(this.head[a]!);
      this.head[a] = this.to.length - 1;
    }
  }
  private bfs(s: number, t: number, level: Int32Array): boolean {
    level.fill(-1);
    level[s] = 0;
    const queue = [s];
    for (let q = 0; q < queue.length; q++) {
      const u = queue[q]!;
      for (let a = this.head[u]!; a !== -1; a = this.next[a]!) {
        const v = this.to[a]!;
        if (this.capacity[a]! > 0 && level[v] === -1) {
          level[v] = level[u]! + 1;
          queue.push(v);
        }
      }
    }
    return level[t] !== -1;
  }
  private dfs(u: number, t: number, f: number, level: Int32Array, it: number[]): number {
    if (u === t) return f;
    for (; it[u]! !== -1; it[u] = this.next[it[u]!]!) {
      const a = it[u]!;
      const v = this.to[a]!;
      if (this.capacity[a]! > 0 && level[v] === level[u]! + 1) {
        const d = this.dfs(v, t, Math.min(f, this.capacity[a]!), level, it);
        if (d > 0) {
          this.capacity[a]! -= d;
          this.capacity[a ^ 1]! += d;
          return d;
        }
      }
    }
    return 0;
  }
  maxFlow(s: number, t: number): number {
    let flow = 0;
    const level = new Int32Array(this.n);
    while (this.bfs(s, t, level)) {
      const it = [...this.head];
      for (let f = this.dfs(s, t, Infinity, level, it); f > 0; f = this.dfs(s, t, Infinity, level, it)) flow += f;
    }
    return flow;
  }
  reachable(s: number): boolean[] {
    const seen = new Array<boolean>(this.n).fill(false);
    seen[s] = true;
    const stack = [s];
    while (stack.length > 0) {
      const u = stack.pop()!;
      for (let a = this.head[u]!; a !== -1; a = this.next[a]!) {
        const v = this.to[a]!;
        if (this.capacity[a]! > 0 && !seen[v]) {
          seen[v] = true;
          stack.push(v);
        }
      }
    }
    return seen;
  }
}
