// Awards per track (issue 14; notice 八: 每个赛道按照参赛队伍数量按比例设置一等奖、二等奖、
// 三等奖、特色单项奖). Pure functions, no database.
//
// Counts. With n teams in a track's final and shares r1, r2, r3, rs (edition settings),
// cumulative rounding keeps the total right: c1 = round(n·r1), c2 = round(n·(r1+r2)),
// c3 = round(n·(r1+r2+r3)), c4 = round(n·(r1+r2+r3+rs)) (round half up);
// first = c1, second = c2 − c1, third = c3 − c2, special = c4 − c3. A track with teams and
// r1 > 0 gets at least one 一等奖 (c1 ≥ 1), which the later levels then absorb.
//
// Proposal. Levels go down the track's final ranking: first the 一等奖 places, then 二等奖,
// 三等奖, then 特色单项奖 for the next projects. Projects tied at a level's boundary (same
// final rank) all get the better level, and the next level has that many fewer places —
// a tie never splits two equal projects. Unscored projects (no rank) get nothing.
//
// A revoked award's freed place, when the committee moves it (promotion chain): the best
// ranked holder of the next lower level moves up into the freed level, which frees its
// own level, and so on down to 三等奖 (a level nobody holds is skipped); the last freed level goes to the best ranked
// project of the track without an award. A freed 特色单项奖 goes straight to the best
// ranked project without an award.

export type Level = 'first' | 'second' | 'third' | 'special';
export const LEVELS: Level[] = ['first', 'second', 'third', 'special'];
export const LEVEL_ORDER: Record<Level, number> = { first: 0, second: 1, third: 2, special: 3 };

export interface Ratios {
  first: number;
  second: number;
  third: number;
  special: number;
}
export type Counts = Record<Level, number>;

const roundHalfUp = (x: number) => Math.floor(x + 0.5 + 1e-9);

export function awardCounts(teams: number, ratios: Ratios): Counts {
  if (teams <= 0) return { first: 0, second: 0, third: 0, special: 0 };
  const cap = (x: number) => Math.min(teams, Math.max(0, x));
  let c1 = cap(roundHalfUp(teams * ratios.first));
  if (ratios.first > 0 && c1 < 1) c1 = 1;
  const c2 = Math.max(c1, cap(roundHalfUp(teams * (ratios.first + ratios.second))));
  const c3 = Math.max(c2, cap(roundHalfUp(teams * (ratios.first + ratios.second + ratios.third))));
  const c4 = Math.max(c3, cap(roundHalfUp(teams * (ratios.first + ratios.second + ratios.third + ratios.special))));
  return { first: c1, second: c2 - c1, third: c3 - c2, special: c4 - c3 };
}

export interface RankedProject {
  projectId: string;
  /** Competition rank within the track (1224); null when unscored. */
  rank: number | null;
}

export interface ProposedLevel {
  projectId: string;
  level: Level;
  rank: number;
  /** True when this project got the level because it ties the last place of that level. */
  tie: boolean;
}

/** `ranked` in listing order (rank ascending). Returns the awarded projects in order. */
export function proposeLevels(ranked: RankedProject[], counts: Counts): ProposedLevel[] {
  const scored = ranked.filter((r): r is RankedProject & { rank: number } => r.rank !== null).sort((a, b) => a.rank - b.rank);
  const out: ProposedLevel[] = [];
  let i = 0;
  let carried = 0; // places a tie already took from the next levels
  for (const level of LEVELS) {
    let places = counts[level] - carried;
    carried = 0;
    if (places < 0) {
      carried = -places;
      places = 0;
    }
    const start = i;
    while (i < scored.length && i - start < places) {
      out.push({ projectId: scored[i].projectId, level, rank: scored[i].rank, tie: false });
      i++;
    }
    // Everyone tied with the last one placed at this level gets it too.
    while (i > start && i < scored.length && scored[i].rank === scored[i - 1].rank) {
      out.push({ projectId: scored[i].projectId, level, rank: scored[i].rank, tie: true });
      carried++;
      i++;
    }
  }
  return out;
}

export interface HeldAward {
  awardId: string;
  projectId: string;
  level: Level;
  rank: number | null;
}

export interface FreedPlaceMove {
  promotions: { awardId: string; projectId: string; from: Level; to: Level }[];
  /** The project without an award that receives the last freed level (null if none is left). */
  newAward: { projectId: string; level: Level } | null;
}

const byRank = (a: { rank: number | null; projectId: string }, b: { rank: number | null; projectId: string }) =>
  (a.rank ?? 1e9) - (b.rank ?? 1e9) || (a.projectId < b.projectId ? -1 : a.projectId > b.projectId ? 1 : 0);

/**
 * `held`: the track's live awards (the revoked one excluded); `candidates`: the track's
 * ranked final projects that hold no live award and were never revoked.
 */
export function moveFreedPlace(freed: Level, held: HeldAward[], candidates: RankedProject[]): FreedPlaceMove {
  const promotions: FreedPlaceMove['promotions'] = [];
  let open: Level = freed;
  if (freed !== 'special') {
    const chain: Level[] = ['first', 'second', 'third'];
    for (let k = chain.indexOf(freed) + 1; k < chain.length; k++) {
      const lower = chain[k];
      const best = held.filter((h) => h.level === lower).sort(byRank)[0];
      if (!best) continue; // a level nobody holds (e.g. no 二等奖 in a small track): look one lower
      promotions.push({ awardId: best.awardId, projectId: best.projectId, from: lower, to: open });
      open = lower;
    }
  }
  const next = candidates.filter((c) => c.rank !== null).sort(byRank)[0];
  return { promotions, newAward: next ? { projectId: next.projectId, level: open } : null };
}
