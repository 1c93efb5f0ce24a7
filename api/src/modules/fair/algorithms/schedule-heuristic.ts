/**
 * Greedy placement with augmenting repair, for fairs where availability windows or pins
 * constrain the schedule. Placed meetings only move to other slots inside both sides'
 * windows; pinned meetings never move.
 */
import type { Placement } from './schedule-state.ts';

/**
 * Work budgets (visited states) of one augmenting search per repair pass: cheap searches for
 * every unplaced meeting first, deeper ones after; keeps the worst case near-linear.
 */
const PASS_BUDGETS = [100, 1500, 1500, 1500];
const MAX_DEPTH = 3;

/** Places what it can of `candidates`; stops early once `target` meetings are placed (a proven upper bound). */
export function greedyWithRepair(pl: Placement, candidates: number[], target = Infinity): void {
  const { prep } = pl;
  const { feasible, ma, mb } = prep;
  const degree = new Int32Array(prep.pids.length);
  for (const m of candidates) {
    degree[ma[m]]++;
    degree[mb[m]]++;
  }
  // Most constrained first: fewest feasible slots, then busiest participants, then input order.
  const order = [...candidates].sort(
    (x, y) => feasible[x].length - feasible[y].length || degree[ma[y]] + degree[mb[y]] - (degree[ma[x]] + degree[mb[x]]) || x - y,
  );
  for (const m of order) {
    for (const s of feasible[m]) {
      if (pl.canPlace(m, s)) {
        pl.place(m, s);
        break;
      }
    }
  }
  // Repair: augmenting chains (place m by moving blockers elsewhere) until a pass adds nothing.
  for (let pass = 0; pass < PASS_BUDGETS.length; pass++) {
    let gained = 0;
    for (const m of order) {
      if (pl.placedCount >= target) return;
      if (pl.slotOf[m] !== -1 || feasible[m].length === 0) continue;
      const budget = { left: PASS_BUDGETS[pass] };
      for (let depth = 1; depth <= MAX_DEPTH; depth++) {
        if (augment(pl, m, depth, new Set([m]), budget)) {
          gained++;
          break;
        }
        if (budget.left <= 0) break;
      }
    }
    if (gained === 0 && pass > 0) return;
  }
}

/** Tries to place unplaced meeting m, displacing at most one meeting per step, `depth` steps deep. */
function augment(pl: Placement, m: number, depth: number, visiting: Set<number>, budget: { left: number }, exclude = -1): boolean {
  const { prep } = pl;
  const { S, T, ma, mb, feasible, pinnedSlot } = prep;
  for (const s of feasible[m]) {
    if (s !== exclude && pl.canPlace(m, s)) {
      pl.place(m, s);
      return true;
    }
  }
  if (depth === 0) return false;
  for (const s of feasible[m]) {
    if (s === exclude || s >= pl.slotLimit) continue;
    if (--budget.left <= 0) return false;
    const byA = pl.busy[ma[m] * S + s];
    const byB = pl.busy[mb[m] * S + s];
    let movable: number[];
    if (byA !== -1 && byB !== -1 && byA !== byB) continue; // two blockers: not a single-step move
    if (byA !== -1 || byB !== -1) movable = [byA !== -1 ? byA : byB];
    else if (pl.load[s] >= T) movable = [...pl.members[s]];
    else continue; // placeable: handled above
    for (const x of movable) {
      if (pinnedSlot[x] !== -1 || visiting.has(x)) continue;
      pl.remove(x);
      pl.place(m, s);
      visiting.add(x);
      const moved = augment(pl, x, depth - 1, visiting, budget, s);
      visiting.delete(x);
      if (moved) return true;
      pl.remove(m);
      pl.place(x, s);
      if (budget.left <= 0) return false;
    }
  }
  return false;
}
