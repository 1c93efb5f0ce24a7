/**
 * Upper bounds on how many meetings can be placed, used to prove a schedule optimal or to
 * report its gap. Each bound relaxes the problem by dropping some constraints:
 *  - per side: each participant's meetings matched to distinct slots (Kuhn's algorithm) where they are feasible
 *    (drops the other side's clashes and the table limit), summed over one side;
 *  - tables: meetings matched to slots with T tables each (drops all participant clashes).
 * Pinned meetings count with their pinned slot as their only feasible slot.
 */
import { MaxFlow } from './max-flow.ts';
import type { Prepared } from './schedule-state.ts';

export function placementUpperBound(prep: Prepared, candidates: number[]): number {
  const withSlot = candidates.filter((m) => slotsOf(prep, m).length > 0);
  if (withSlot.length === 0) return 0;
  const bySide = (side: Int32Array): number => {
    const groups = new Map<number, number[]>();
    for (const m of withSlot) {
      const list = groups.get(side[m]);
      if (list) list.push(m);
      else groups.set(side[m], [m]);
    }
    const match = new SlotMatcher(prep.S);
    let total = 0;
    for (const list of groups.values()) total += match.run(list.map((m) => slotsOf(prep, m)));
    return total;
  };
  return Math.min(withSlot.length, bySide(prep.ma), bySide(prep.mb), matchToSlots(prep, withSlot, prep.T));
}

function slotsOf(prep: Prepared, m: number): ArrayLike<number> {
  return prep.pinnedSlot[m] !== -1 ? [prep.pinnedSlot[m]] : prep.feasible[m];
}

/**
 * Maximum number of the meetings assignable to feasible slots with `capacity` per slot (max flow).
 * Meetings with the same feasible slots are one node with their count as capacity, which keeps
 * the network small: windows are a few intervals, so few distinct slot sets exist.
 */
function matchToSlots(prep: Prepared, meetings: number[], capacity: number): number {
  const groups = new Map<string, { slots: ArrayLike<number>; count: number }>();
  for (const m of meetings) {
    const slots = slotsOf(prep, m);
    const key = Array.from(slots).join(',');
    const g = groups.get(key);
    if (g) g.count++;
    else groups.set(key, { slots, count: 1 });
  }
  const n = groups.size;
  const S = prep.S;
  const source = n + S;
  const sink = source + 1;
  const flow = new MaxFlow(sink + 1);
  let i = 0;
  for (const g of groups.values()) {
    flow.addEdge(source, i, g.count);
    for (const s of Array.from(g.slots)) flow.addEdge(i, n + s, g.count);
    i++;
  }
  for (let s = 0; s < S; s++) flow.addEdge(n + s, sink, capacity);
  return flow.run(source, sink);
}

/** Maximum matching of items to slots, one item per slot (Kuhn's augmenting paths); reusable. */
class SlotMatcher {
  private readonly owner: Int32Array;
  private readonly seen: Int32Array;
  private stamp = 0;

  constructor(slots: number) {
    this.owner = new Int32Array(slots).fill(-1);
    this.seen = new Int32Array(slots);
  }

  run(items: ArrayLike<number>[]): number {
    const touched: number[] = [];
    let matched = 0;
    const tryItem = (i: number): boolean => {
      const slots = items[i];
      for (let k = 0; k < slots.length; k++) {
        const s = slots[k];
        if (this.seen[s] === this.stamp) continue;
        this.seen[s] = this.stamp;
        if (this.owner[s] === -1 || tryItem(this.owner[s])) {
          if (this.owner[s] === -1) touched.push(s);
          this.owner[s] = i;
          return true;
        }
      }
      return false;
    };
    for (let i = 0; i < items.length; i++) {
      this.stamp++;
      if (tryItem(i)) matched++;
    }
    for (const s of touched) this.owner[s] = -1;
    return matched;
  }
}
