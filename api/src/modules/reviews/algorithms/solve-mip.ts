// The assignment model (see assign-experts.ts), solved with HiGHS (npm `highs`,
// WebAssembly build, structured sparse input) in three steps:
//   1. the LP relaxation over every candidate pair, giving the bound Z_LP and reduced
//      costs d (a transportation LP in disguise: substitute y = load·x);
//   2. an incumbent: each panel takes its pairs by LP value (then fit) while the expert has
//      room; single projects are then solved exactly around the panels (transportation
//      LP: totally unimodular, so its simplex vertex is integral);
//   3. reduced-cost fixing — for any feasible x, obj(x) ≤ Z_LP + Σ_{j at 0} d_j x_j
//      − Σ_{j at 1} d_j (1 − x_j); the objective is integral, so a pair at 0 with
//      Z_LP + d_j < Z_inc + 1 cannot be in a solution better than the incumbent (fixed to
//      0), symmetrically at 1 — then branch-and-cut on what is left, only panel pairs
//      integer, single projects re-solved exactly around the panels it picks. The answer
//      is the better of that and the incumbent; proven optimal when the small MIP is.
// The full MIP at 5,000 projects × 300 experts does not finish in 2 minutes in
// WebAssembly (cut rounds and sub-MIP heuristics over 86k binaries); steps 1–2 take
// seconds, and step 3 only runs when fixing leaves a small problem.

import highsModule from 'highs';
import type { Highs } from 'highs';
import type { Prepared } from './prepare.ts';

// The package's types describe a CommonJS module (the loader is `.default` there) while
// Node's ESM entry exports the loader itself as the default: accept both.
type Loader = typeof highsModule.default;
const loadHighs: Loader = typeof highsModule === 'function' ? (highsModule as unknown as Loader) : highsModule.default;
let highsPromise: Promise<Highs> | null = null;
export const getHighs = () => (highsPromise ??= loadHighs());

/** Objective units per fit point (fits have 3 decimals, so coefficients are integers). */
export const SCALE = 1000;
/** Cost of one review left unassigned, in fit points: larger than anything one review can
 *  gain elsewhere (fit ≤ 1, balance penalty ≤ 1), so filling seats always comes first. */
export const MISSING_COST = 10;
/** Above these sizes (after fixing) the branch-and-cut would take minutes in WebAssembly:
 *  the incumbent is returned with its proven gap instead (deterministic, no time limit). */
export const MIP_MAX_FREE_PAIRS = 20_000;
export const MIP_MAX_FREE_PANEL_PAIRS = 400;

export interface MipSolution {
  /** chosen candidates per item: expert indexes */
  chosen: number[][];
  missing: number[];
  objective: number;
  bound: number;
  optimal: boolean;
  status: string;
  stats: { pairs: number; panelPairs: number; freeAfterFixing: number; freePanels: number; lpMillis: number; mipMillis: number };
}

export interface MipOptions {
  target: number;
  balanceWeight: number;
  timeLimitSeconds: number;
  /** defaults MIP_MAX_FREE_PAIRS / MIP_MAX_FREE_PANEL_PAIRS (tests lower them) */
  maxFreePairs?: number;
  maxFreePanelPairs?: number;
}

interface Pair {
  i: number;
  e: number;
  cost: number;
}

interface Lp {
  cost: number[];
  lower: number[];
  upper: number[];
  integer: boolean[];
  cols: [number, number][][];
  rowLower: number[];
  rowUpper: number[];
}

interface Run {
  status: string;
  values: Float64Array;
  colDual: Float64Array;
  objective: number;
  bound: number;
}

async function run(lp: Lp, mip: boolean, timeLimit: number): Promise<Run> {
  const highs = await getHighs();
  const numCols = lp.cost.length;
  const numRows = lp.rowLower.length;
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const entries of lp.cols) {
    for (const [r, v] of entries) {
      indices.push(r);
      values.push(v);
    }
    starts.push(indices.length);
  }
  return highs.withModel(
    {
      numCols,
      numRows,
      sense: highs.constants.objectiveSense.maximize,
      colCost: lp.cost,
      colLower: lp.lower,
      colUpper: lp.upper,
      rowLower: lp.rowLower.map((v) => (v === -Infinity ? -highs.infinity : v)),
      rowUpper: lp.rowUpper,
      matrix: { format: 'csc', numRows, numCols, starts, indices, values },
      integrality: mip ? lp.integer.map((b) => (b ? 1 : 0)) : undefined,
    },
    (model) => {
      model.options.set({
        output_flag: false,
        // the LP is a transportation problem presolve cannot reduce; skip its passes
        presolve: mip ? 'choose' : 'off',
        mip_rel_gap: 0,
        // every coefficient is an integer, so a gap below 1 proves optimality
        mip_abs_gap: 0.999,
        time_limit: timeLimit,
        random_seed: 0,
      });
      const result = model.run();
      let status = String(result.modelStatus);
      for (const [name, value] of Object.entries(highs.constants.modelStatus)) if (value === result.modelStatus) status = name;
      const solution = model.getSolution();
      if (solution.colValue.length !== numCols || !(status === 'optimal' || Number(model.info.get('primal_solution_status')) === 2)) {
        throw new Error(`HiGHS ended without a solution (${status})`);
      }
      const objective = model.getObjectiveValue();
      let bound = objective;
      if (mip) {
        const b = Number(model.info.get('mip_dual_bound'));
        if (Number.isFinite(b)) bound = b;
      }
      return { status, values: solution.colValue, colDual: solution.colDual, objective, bound };
    },
  );
}

export async function solveMip(p: Prepared, opt: MipOptions): Promise<MipSolution> {
  const I = p.items.length;
  const E = p.experts.length;
  const penalty = Math.round(opt.balanceWeight * SCALE);
  const load = (i: number) => p.items[i]!.load;
  const targetRem = p.cap.map((c, e) => Math.min(c, Math.max(0, Math.min(opt.target, p.maxPerExpert) - p.fixedLoad[e]!)));
  const missCost = (i: number) => MISSING_COST * SCALE * load(i);

  const pairs: Pair[] = [];
  const itemsWithRow: number[] = [];
  for (let i = 0; i < I; i++) {
    if (p.needed[i]! === 0 || p.candidates[i]!.length === 0) continue;
    itemsWithRow.push(i);
    p.candidates[i]!.forEach((e, k) => pairs.push({ i, e, cost: Math.round(p.fits[i]![k]! * SCALE) * load(i) }));
  }

  // Model over a subset of pairs, with `fixedOne` pairs already taken.
  const build = (free: number[], fixedOne: number[], integer: Set<number>) => {
    const need = [...p.needed];
    const used = new Array<number>(E).fill(0);
    for (const j of fixedOne) {
      need[pairs[j]!.i]! -= 1;
      used[pairs[j]!.e]! += load(pairs[j]!.i);
    }
    const itemRow = new Map<number, number>();
    const expertRow = new Map<number, number>();
    for (const j of free) {
      if (!itemRow.has(pairs[j]!.i)) itemRow.set(pairs[j]!.i, itemRow.size);
      if (!expertRow.has(pairs[j]!.e)) expertRow.set(pairs[j]!.e, -1);
    }
    const lp: Lp = { cost: [], lower: [], upper: [], integer: [], cols: [], rowLower: [], rowUpper: [] };
    const col = (c: number, lo: number, up: number, int: boolean, entries: [number, number][]) => {
      lp.cost.push(c);
      lp.lower.push(lo);
      lp.upper.push(up);
      lp.integer.push(int);
      lp.cols.push(entries);
    };
    for (const [i] of itemRow) {
      lp.rowLower.push(need[i]!);
      lp.rowUpper.push(need[i]!);
    }
    const nItemRows = itemRow.size;
    [...expertRow.keys()]
      .sort((a, b) => a - b)
      .forEach((e, k) => {
        expertRow.set(e, nItemRows + k);
        lp.rowLower.push(-Infinity);
        lp.rowUpper.push(targetRem[e]! - used[e]!);
      });
    for (const j of free) {
      const { i, e, cost } = pairs[j]!;
      col(cost, 0, 1, integer.has(j), [
        [itemRow.get(i)!, 1],
        [expertRow.get(e)!, load(i)],
      ]);
    }
    for (const [i, r] of itemRow) col(-missCost(i), 0, need[i]!, false, [[r, 1]]);
    for (const [e, r] of expertRow) col(-penalty, 0, Math.max(0, p.cap[e]! - targetRem[e]!), false, [[r, -1]]);
    // objective of everything outside the model
    let constant = 0;
    for (const j of fixedOne) constant += pairs[j]!.cost;
    for (const i of itemsWithRow) if (!itemRow.has(i)) constant -= missCost(i) * need[i]!;
    for (let e = 0; e < E; e++) if (!expertRow.has(e)) constant -= penalty * Math.max(0, used[e]! - targetRem[e]!);
    return { lp, constant };
  };

  // Objective of a complete choice (x = 1 for `chosen` pair indexes).
  const evaluate = (chosen: number[]) => {
    const need = [...p.needed];
    const used = new Array<number>(E).fill(0);
    let obj = 0;
    for (const j of chosen) {
      obj += pairs[j]!.cost;
      need[pairs[j]!.i]! -= 1;
      used[pairs[j]!.e]! += load(pairs[j]!.i);
    }
    for (const i of itemsWithRow) obj -= missCost(i) * need[i]!;
    for (let e = 0; e < E; e++) obj -= penalty * Math.max(0, used[e]! - targetRem[e]!);
    return obj;
  };

  const all = pairs.map((_, j) => j);
  const isPanel = (j: number) => load(pairs[j]!.i) > 1;
  const unitPairs = all.filter((j) => !isPanel(j));

  // Best single-project part for a given choice of panel pairs: a transportation LP, whose
  // simplex (vertex) solution is integral; anything fractional left by degeneracy is dropped
  // and refilled greedily.
  const completeUnits = async (panelChoice: number[]) => {
    const m = build(unitPairs, panelChoice, new Set());
    const r = await run(m.lp, false, opt.timeLimitSeconds);
    const chosen = [...panelChoice, ...unitPairs.filter((_, k) => r.values[k]! > 1 - 1e-6)];
    return fillGreedily(p, pairs, chosen, unitPairs);
  };

  const t0 = performance.now();
  const relax = await run(build(all, [], new Set()).lp, false, opt.timeLimitSeconds);
  const x = relax.values;
  const d = relax.colDual;
  const zLp = relax.objective;

  // 2. incumbent: panels rounded from the LP, single projects solved exactly around them
  //    (without panels the LP's own vertex solution is already integral and optimal)
  const panelPairs = all.filter(isPanel);
  const incumbent =
    panelPairs.length === 0
      ? fillGreedily(
          p,
          pairs,
          all.filter((j) => x[j]! > 1 - 1e-6),
          unitPairs,
        )
      : await completeUnits(roundPanels(p, pairs, panelPairs, x));
  const zInc = evaluate(incumbent);
  const lpMillis = performance.now() - t0;

  // 3. reduced-cost fixing, then the MIP (integer panel pairs only) on what is left
  const free: number[] = [];
  const fixedOne: number[] = [];
  for (const j of all) {
    if (x[j]! < 1e-6 && zLp + Math.min(0, d[j]!) < zInc + 0.5) continue; // at 0: fixed to 0
    if (x[j]! > 1 - 1e-6 && zLp - Math.max(0, d[j]!) < zInc + 0.5) {
      fixedOne.push(j); // at 1: fixed to 1
      continue;
    }
    free.push(j);
  }
  let best = incumbent;
  let bestObj = zInc;
  let optimal = zLp < zInc + 0.5;
  let bound = zLp;
  let status = optimal ? 'optimal: the incumbent meets the LP bound' : 'not solved';
  let mipMillis = 0;
  const freePanels = free.filter(isPanel).length;
  if (
    !optimal &&
    (free.length > (opt.maxFreePairs ?? MIP_MAX_FREE_PAIRS) || freePanels > (opt.maxFreePanelPairs ?? MIP_MAX_FREE_PANEL_PAIRS))
  ) {
    status = 'MIP skipped: too many pairs left after fixing; the incumbent with its proven gap';
  } else if (!optimal) {
    const t1 = performance.now();
    const reduced = build(free, fixedOne, new Set(free.filter(isPanel)));
    const res = await run(reduced.lp, freePanels > 0, Math.max(1, opt.timeLimitSeconds - lpMillis / 1000));
    const panels = [...fixedOne, ...free.filter((j, k) => isPanel(j) && res.values[k]! > 0.5)].filter(isPanel);
    const chosen = await completeUnits(panels);
    mipMillis = performance.now() - t1;
    const obj = evaluate(chosen);
    if (obj > bestObj) {
      best = chosen;
      bestObj = obj;
    }
    optimal = res.status === 'optimal';
    // solutions outside the reduced model are no better than the incumbent
    bound = Math.min(zLp, Math.max(zInc, reduced.constant + res.bound));
    status = `branch-and-cut ${res.status}`;
  }
  if (optimal) bound = bestObj;

  const chosen: number[][] = Array.from({ length: I }, () => []);
  for (const j of best) chosen[pairs[j]!.i]!.push(pairs[j]!.e);
  for (const c of chosen) c.sort((a, b) => a - b);
  const missing = p.needed.map((n, i) => n - chosen[i]!.length);
  return {
    chosen,
    missing,
    objective: bestObj,
    bound,
    optimal,
    status,
    stats: {
      pairs: pairs.length,
      panelPairs: all.length - unitPairs.length,
      freeAfterFixing: free.length,
      freePanels,
      lpMillis: Math.round(lpMillis),
      mipMillis: Math.round(mipMillis),
    },
  };
}

/** Panels rounded from the LP: largest panels first, each takes its pairs by LP value then
 *  fit, while the expert has room (counting panels and fixed assignments only). */
function roundPanels(p: Prepared, pairs: Pair[], panelPairs: number[], x: Float64Array): number[] {
  const byItem = new Map<number, number[]>();
  for (const j of panelPairs) byItem.set(pairs[j]!.i, [...(byItem.get(pairs[j]!.i) ?? []), j]);
  const used = [...p.fixedLoad];
  const out: number[] = [];
  const order = [...byItem.keys()].sort((a, b) => p.items[b]!.load - p.items[a]!.load || a - b);
  for (const i of order) {
    const list = byItem.get(i)!.sort((a, b) => x[b]! - x[a]! || pairs[b]!.cost - pairs[a]!.cost || a - b);
    let have = 0;
    for (const j of list) {
      if (have >= p.needed[i]!) break;
      const e = pairs[j]!.e;
      if (used[e]! + p.items[i]!.load > p.maxPerExpert) continue;
      used[e]! += p.items[i]!.load;
      out.push(j);
      have += 1;
    }
  }
  return out;
}

/** Completes `chosen` with single-project pairs (best fit first) where seats are empty and
 *  experts have room; only acts when the LP left fractional values. */
function fillGreedily(p: Prepared, pairs: Pair[], chosen: number[], unitPairs: number[]): number[] {
  const have = new Array<number>(p.items.length).fill(0);
  const used = [...p.fixedLoad];
  const taken = new Set(chosen);
  for (const j of chosen) {
    have[pairs[j]!.i]! += 1;
    used[pairs[j]!.e]! += p.items[pairs[j]!.i]!.load;
  }
  const out = [...chosen];
  const order = unitPairs.filter((j) => !taken.has(j)).sort((a, b) => pairs[b]!.cost - pairs[a]!.cost || a - b);
  for (const j of order) {
    const { i, e } = pairs[j]!;
    if (have[i]! >= p.needed[i]! || used[e]! + 1 > p.maxPerExpert) continue;
    have[i]! += 1;
    used[e]! += 1;
    out.push(j);
  }
  return out;
}
