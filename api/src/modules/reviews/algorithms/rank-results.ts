// Rankings within groups (issue 11): a project's rank within its sub-topic, within its
// track, … — the caller picks the groupKey and calls once per kind of grouping.
//
// Order within a group:
//   1. total, larger first; totals within 1e-9 of each other count as equal
//      (floating sums of the same scores in another order must not split a tie);
//   2. then tieBreak[0], tieBreak[1], … larger first (e.g. the enterprise's demand-fit
//      score, then the expert mean); a missing entry counts as smaller than any number;
//   3. null totals (not scored yet) come after every scored project.
// Ranks are competition ranks ("1224"): projects equal on total and on every tie-break
// share a rank and the next rank skips. All projects with a null total share the rank
// after the last scored one. No arbitrary rule separates a full tie: the deterministic
// final key (projectId ascending) only fixes the order in which tied projects are
// listed (see orderWithin), never their rank. projectId is unique per call (a later
// duplicate replaces an earlier one).

export interface RankInput {
  projectId: string;
  groupKey: string;
  total: number | null;
  /** larger first, in order */
  tieBreak: number[];
}

const EPS = 1e-9;

function compareNumbers(a: number | undefined, b: number | undefined): number {
  if (a === undefined && b === undefined) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  if (Math.abs(a - b) <= EPS) return 0;
  return a > b ? -1 : 1;
}

/** < 0 when a ranks before b, 0 when they share a rank. */
export function compareRank(a: RankInput, b: RankInput): number {
  if (a.total === null || b.total === null) {
    if (a.total === null && b.total === null) return 0;
    return a.total === null ? 1 : -1;
  }
  const byTotal = compareNumbers(a.total, b.total);
  if (byTotal !== 0) return byTotal;
  const n = Math.max(a.tieBreak.length, b.tieBreak.length);
  for (let i = 0; i < n; i++) {
    const c = compareNumbers(a.tieBreak[i], b.tieBreak[i]);
    if (c !== 0) return c;
  }
  return 0;
}

/** Listing order within a group: rank order, then projectId ascending. */
export function orderWithin(items: RankInput[]): RankInput[] {
  return [...items].sort((a, b) => compareRank(a, b) || (a.projectId < b.projectId ? -1 : a.projectId > b.projectId ? 1 : 0));
}

export function rankWithin(items: RankInput[]): Map<string, number> {
  const unique = new Map<string, RankInput>();
  for (const it of items) unique.set(it.projectId, it);
  const groups = new Map<string, RankInput[]>();
  for (const it of unique.values()) {
    const g = groups.get(it.groupKey);
    if (g) g.push(it);
    else groups.set(it.groupKey, [it]);
  }
  const ranks = new Map<string, number>();
  for (const group of groups.values()) {
    const sorted = orderWithin(group);
    sorted.forEach((it, i) => {
      const prev = sorted[i - 1];
      const rank = prev && compareRank(prev, it) === 0 ? ranks.get(prev.projectId)! : i + 1;
      ranks.set(it.projectId, rank);
    });
  }
  return ranks;
}
