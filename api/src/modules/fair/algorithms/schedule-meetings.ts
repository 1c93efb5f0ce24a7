/**
 * The docking fair's scheduler (issue 13): accepted meetings → slots and tables.
 *
 * - No availability limits, no pins: a balanced bipartite edge colouring with exactly
 *   max(Δ, ⌈M/T⌉) colours (König, de Werra) — the fewest slots any schedule can use, each
 *   slot holding at most T meetings. With fewer slots S than that, the most meetings that fit
 *   (a maximum subgraph of degree ≤ S, found by max flow, cut to S·T edges) are coloured with
 *   S colours: optimal too.
 * - Availability windows or pins: greedy + augmenting repair, checked against a combinatorial
 *   upper bound; when it does not reach the bound and the model is small, HiGHS solves the
 *   0/1 model exactly. The result says which method won, whether it is proven optimal and the gap.
 *
 * Deterministic: the same input gives the same output (except `millis`; and a MILP cut short by
 * the time limit depends on the machine's speed).
 */
import { colourBipartiteEdges } from './edge-colouring.ts';
import { MaxFlow } from './max-flow.ts';
import { assignTables, unplacedReasons } from './schedule-finish.ts';
import { greedyWithRepair } from './schedule-heuristic.ts';
import { placementUpperBound } from './schedule-bounds.ts';
import { MILP_MAX_VARIABLES, milpSize, solveMilp } from './schedule-milp.ts';
import { Placement, prepare, type Prepared } from './schedule-state.ts';
import type { ScheduleInput, ScheduleResult } from './schedule-types.ts';

export type { MeetingToPlace, PlacedMeeting, ScheduleInput, ScheduleResult, SlotDef, UnplacedMeeting } from './schedule-types.ts';

const DEFAULT_TIME_LIMIT_MS = 2000;

export async function scheduleMeetings(input: ScheduleInput): Promise<ScheduleResult> {
  const started = performance.now();
  const prep = prepare(input);
  const pl = new Placement(prep);
  const valid: number[] = [];
  for (let m = 0; m < prep.M; m++) if (!prep.invalid.has(m)) valid.push(m);

  let method: ScheduleResult['method'];
  let optimal: boolean;
  let upperBound: number;
  if (!prep.restricted && !prep.hasPins && prep.bipartite && prep.T > 0) {
    colourWithoutWindows(prep, pl, valid);
    method = 'edge-colouring';
    optimal = true;
    upperBound = pl.placedCount;
  } else {
    for (const m of valid) if (prep.pinnedSlot[m] !== -1) pl.place(m, prep.pinnedSlot[m]);
    const free = valid.filter((m) => prep.pinnedSlot[m] === -1);
    upperBound = placementUpperBound(prep, valid);
    const pinnedOnly = snapshot(pl);
    if (!prep.restricted) {
      // Pins without windows: first try to fit everything into the fewest slots the pins allow.
      let lastPinned = -1;
      for (const m of valid) lastPinned = Math.max(lastPinned, prep.pinnedSlot[m]);
      pl.slotLimit = Math.min(prep.S, Math.max(prep.lowerBound, lastPinned + 1));
      greedyWithRepair(pl, free, upperBound);
      pl.slotLimit = prep.S;
    }
    greedyWithRepair(
      pl,
      free.filter((m) => pl.slotOf[m] === -1),
      upperBound,
    );
    method = 'heuristic';
    optimal = pl.placedCount >= upperBound;
    if (!optimal) {
      const exact = new Placement(prep);
      restore(exact, pinnedOnly);
      if (milpSize(exact, free) <= MILP_MAX_VARIABLES) {
        const outcome = await solveMilp(exact, free, input.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS);
        if (outcome) {
          for (const [m, s] of outcome.slotOf) if (s !== -1) exact.place(m, s);
          if (outcome.optimal) upperBound = Math.min(upperBound, exact.placedCount);
          if (exact.placedCount > pl.placedCount || (outcome.optimal && exact.placedCount === pl.placedCount)) {
            greedyWithRepair(
              exact,
              free.filter((m) => exact.slotOf[m] === -1),
              upperBound,
            );
            restore(pl, Array.from(exact.slotOf));
            method = 'milp';
          }
          optimal = pl.placedCount >= upperBound;
        }
      }
    }
  }
  const placed = assignTables(pl);
  const unplaced = unplacedReasons(pl);
  const slotsUsed = pl.members.filter((set) => set.size > 0).length;
  return {
    placed,
    unplaced,
    lowerBound: prep.lowerBound,
    slotsUsed,
    method,
    optimal,
    gap: optimal ? 0 : upperBound > 0 ? (upperBound - pl.placedCount) / upperBound : 0,
    millis: Math.round(performance.now() - started),
    upperBound,
  };
}

/** Edge colouring into the first max(Δ, ⌈M/T⌉) slots, or the most meetings that fit into fewer. */
function colourWithoutWindows(prep: Prepared, pl: Placement, valid: number[]): void {
  const { S, T, ma, mb, lowerBound } = prep;
  if (S === 0 || valid.length === 0) return;
  let chosen = valid;
  let colours = lowerBound;
  if (lowerBound > S) {
    chosen = degreeBoundedSubgraph(prep, valid, S, S * T);
    colours = S;
  }
  const colour = colourBipartiteEdges({ nodes: prep.pids.length, u: chosen.map((m) => ma[m]), v: chosen.map((m) => mb[m]) }, colours);
  chosen.forEach((m, i) => pl.place(m, colour[i]));
}

/**
 * The largest set of meetings in which nobody has more than `maxDegree` meetings (max flow),
 * cut to at most `maxEdges` by dropping meetings of the busiest pairs first.
 */
function degreeBoundedSubgraph(prep: Prepared, valid: number[], maxDegree: number, maxEdges: number): number[] {
  const { ma, mb, pids } = prep;
  const P = pids.length;
  const source = P;
  const sink = P + 1;
  const flow = new MaxFlow(P + 2);
  const isA = new Uint8Array(P);
  for (const m of valid) isA[ma[m]] = 1;
  for (let p = 0; p < P; p++) flow.addEdge(isA[p] ? source : p, isA[p] ? p : sink, maxDegree);
  const edgeIds = valid.map((m) => flow.addEdge(ma[m], mb[m], 1));
  flow.run(source, sink);
  let chosen = valid.filter((_, i) => flow.flowOn(edgeIds[i]) > 0);
  if (chosen.length > maxEdges) {
    const degree = new Int32Array(P);
    for (const m of chosen) {
      degree[ma[m]]++;
      degree[mb[m]]++;
    }
    const byLoad = [...chosen].sort((x, y) => degree[ma[y]] + degree[mb[y]] - (degree[ma[x]] + degree[mb[x]]) || y - x);
    const drop = new Set(byLoad.slice(0, chosen.length - maxEdges));
    chosen = chosen.filter((m) => !drop.has(m));
  }
  return chosen;
}

function snapshot(pl: Placement): number[] {
  return Array.from(pl.slotOf);
}

function restore(pl: Placement, slotOf: number[]): void {
  for (let m = 0; m < slotOf.length; m++) if (pl.slotOf[m] !== -1) pl.remove(m);
  for (let m = 0; m < slotOf.length; m++) if (slotOf[m] !== -1) pl.place(m, slotOf[m]);
}
