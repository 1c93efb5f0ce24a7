/**
 * Exact maximisation with HiGHS (the `highs` WebAssembly build) for small constrained fairs:
 * binary x[m,s] for every meeting m and slot s inside both sides' windows;
 *   Σ_s x[m,s] ≤ 1 (each meeting once), Σ_{m∋p} x[m,s] ≤ 1 (nobody twice in a slot),
 *   Σ_m x[m,s] ≤ T − pinned(s) (tables); maximise Σ x.
 * Pinned meetings are fixed beforehand and take their participants and tables out of the model.
 */
import highsModule from 'highs';
import type { Highs } from 'highs';
import type { Placement } from './schedule-state.ts';

// The package's types describe its CommonJS build; under ESM the default export is the loader itself.
type Loader = () => Promise<Highs>;
const exported = highsModule as unknown as Loader | { default: Loader };
const highsLoader: Loader = typeof exported === 'function' ? exported : exported.default;
let loading: Promise<Highs> | null = null;
const loadHighs = (): Promise<Highs> => (loading ??= highsLoader());

/** Largest model (binary variables) handed to the exact solver. */
export const MILP_MAX_VARIABLES = 6000;

export interface MilpOutcome {
  /** Slot per meeting for the free meetings (−1 = not placed). */
  slotOf: Map<number, number>;
  placed: number;
  optimal: boolean;
}

/** Number of binary variables the model for these free meetings would have. */
export function milpSize(pl: Placement, free: number[]): number {
  let n = 0;
  for (const m of free) for (const s of pl.prep.feasible[m]) if (pl.canPlace(m, s)) n++;
  return n;
}

/**
 * Solves the model for the unpinned meetings `free`, given that `pl` holds only the pinned ones.
 * Returns null when HiGHS fails or finds no solution within the time limit.
 */
export async function solveMilp(pl: Placement, free: number[], timeLimitMs: number): Promise<MilpOutcome | null> {
  const { prep } = pl;
  const { S, T, ma, mb, feasible } = prep;
  const vars: { m: number; s: number; name: string }[] = [];
  for (const m of free) for (const s of feasible[m]) if (pl.canPlace(m, s)) vars.push({ m, s, name: `x${m}_${s}` });
  const slotOf = new Map<number, number>(free.map((m) => [m, -1]));
  if (vars.length === 0) return { slotOf, placed: 0, optimal: true };

  const rows: string[] = [];
  const group = (key: (v: (typeof vars)[number]) => string | null): Map<string, string[]> => {
    const g = new Map<string, string[]>();
    for (const v of vars) {
      const k = key(v);
      if (k === null) continue;
      const list = g.get(k);
      if (list) list.push(v.name);
      else g.set(k, [v.name]);
    }
    return g;
  };
  for (const [k, names] of group((v) => `m${v.m}`)) if (names.length > 1) rows.push(`${k}: ${names.join(' + ')} <= 1`);
  for (const [k, names] of group((v) => `p${ma[v.m]}_${v.s}`)) if (names.length > 1) rows.push(`${k}: ${names.join(' + ')} <= 1`);
  for (const [k, names] of group((v) => `p${mb[v.m]}_${v.s}`)) if (names.length > 1) rows.push(`${k}: ${names.join(' + ')} <= 1`);
  for (const [k, names] of group((v) => `t${v.s}`)) {
    const cap = T - pl.load[Number(k.slice(1))];
    if (names.length > cap) rows.push(`${k}: ${names.join(' + ')} <= ${cap}`);
  }
  if (rows.length === 0) rows.push(`r0: ${vars[0].name} <= 1`); // the LP format wants at least one row
  const model = [
    'Maximize',
    ` obj: ${vars.map((v) => v.name).join(' + ')}`,
    'Subject To',
    ...rows.map((r) => ` ${r}`),
    'Binary',
    ` ${vars.map((v) => v.name).join(' ')}`,
    'End',
  ].join('\n');

  const highs = await loadHighs();
  let result;
  try {
    result = highs.solve(model, {
      output_flag: false,
      log_to_console: false,
      time_limit: Math.max(0.05, timeLimitMs / 1000),
      random_seed: 0,
      parallel: 'off',
      threads: 1,
      mip_rel_gap: 0,
    });
  } catch {
    return null;
  }
  if (result.Status !== 'Optimal' && result.Status !== 'Time limit reached') return null;
  let placed = 0;
  for (const v of vars) {
    const col = result.Columns[v.name] as { Primal?: number } | undefined;
    if (col?.Primal !== undefined && col.Primal > 0.5) {
      slotOf.set(v.m, v.s);
      placed++;
    }
  }
  if (result.Status !== 'Optimal' && placed === 0) return null;
  void S;
  return { slotOf, placed, optimal: result.Status === 'Optimal' };
}
