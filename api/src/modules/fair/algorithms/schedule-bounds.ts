/**
 * Upper bounds on how many meetings can be placed, used to prove a schedule optimal or to
 * report its gap. Each bound relaxes the problem by dropping some constraints:
 *  - per side: each participant's meetings matched to distinct slots where they are feasible
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
    let total = 0;
    for (const list of groups.values()) total += matchToSlots(prep, list, 1);
    return total;
  };
  return Math.min(withSlot.length, bySide(prep.ma), bySide(prep.mb), matchToSlots(prep, withSlot, prep.T));
}

function slotsOf(prep: Prepared, m: number): ArrayLike<number> {
  return prep.pinnedSlot[m] !== -1 ? [prep.pinnedSlot[m]] : prep.feasible[m];
}

/** Maximum number of the meetings assignable to feasible slots with `capacity` per slot. */
function matchToSlots(prep: Prepared, meetings: number[], capacity: number): number {
  const n = meetings.length;
  const slotsUsed = new Map<number, number>();
  for (const m of meetings) for (const s of Array.from(slotsOf(prep, m))) if (!slotsUsed.has(s)) slotsUsed.set(s, slotsUsed.size);
  const source = n + slotsUsed.size;
  const sink = source + 1;
  const flow = new MaxFlow(sink + 1);
  meetings.forEach((m, i) => {
    flow.addEdge(source, i, 1);
    for (const s of Array.from(slotsOf(prep, m))) flow.addEdge(i, n + slotsUsed.get(s)!, 1);
  });
  for (const k of slotsUsed.values()) flow.addEdge(n + k, sink, capacity);
  return flow.run(source, sink);
}
