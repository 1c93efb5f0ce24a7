/** Greedy baseline: every candidate pair (no conflict, on the track, room for the load)
 *  sorted by fit (then item id, expert id), taken when the item still needs an expert and
 *  the expert still has room. What a spreadsheet-style "best match first" pass does. */
import type { AssignmentInput } from '@jb/api/modules/reviews/algorithms/assign-experts.ts';
import { fitScore } from '@jb/api/modules/reviews/algorithms/assign-experts.ts';

export function greedyAssign(input: AssignmentInput) {
  const conflict = new Set(input.conflicts.map((c) => `${c.itemId}\u0000${c.expertId}`));
  const pairs: { i: number; e: number; fit: number }[] = [];
  const byTrack = new Map<string, number[]>();
  input.experts.forEach((ex, e) => {
    for (const t of ex.trackIds) byTrack.set(t, [...(byTrack.get(t) ?? []), e]);
  });
  input.items.forEach((it, i) => {
    for (const e of byTrack.get(it.trackId) ?? []) {
      if (conflict.has(`${it.id}\u0000${input.experts[e]!.id}`)) continue;
      pairs.push({ i, e, fit: fitScore(it, input.experts[e]!) });
    }
  });
  pairs.sort((a, b) => b.fit - a.fit || (input.items[a.i]!.id < input.items[b.i]!.id ? -1 : 1) || a.e - b.e);
  const need = input.items.map((it) => it.expertsNeeded);
  const load = new Array<number>(input.experts.length).fill(0);
  let totalFit = 0;
  for (const { i, e, fit } of pairs) {
    const l = input.items[i]!.load;
    if (need[i]! === 0 || load[e]! + l > input.maxPerExpert) continue;
    need[i]! -= 1;
    load[e]! += l;
    totalFit += fit * l;
  }
  return { totalFit, loads: load, missingSeats: need.reduce((a, b) => a + b, 0) };
}
