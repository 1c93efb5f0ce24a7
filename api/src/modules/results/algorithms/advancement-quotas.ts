// Advancement to the final (issue 14; notice 五(二)3: 各赛道根据参赛项目数量按比例确定晋级名额；
// 对于包含企业需求子赛题的赛道，为报名子赛题的优秀项目保留晋级名额；剩余名额按本赛道项目评分排序确定).
// Pure functions, no database. The steps, in order, each recorded in the computation:
//
// 1. Places in total. Eligible = the projects of the closed preliminary round that have a
//    total (fully scored). T = the committee's total, or round-half-up(ratio × eligible);
//    never more than the eligible projects.
// 2. Quota per track by largest remainder (Hamilton): exact_t = T × n_t / N; each track gets
//    floor(exact_t); the places left go one each to the largest remainders. Remainders
//    within 1e-9 count as equal; equal remainders go to the track with more eligible
//    projects, then to the track listed first (track position). No track gets more places
//    than it has eligible projects.
// 3. Reserved places. In a track with s_t scored sub-topic projects,
//    reserved_t = min(quota_t, s_t, max(1, round-half-up(reservedRatio × s_t))) (none when
//    s_t = 0 or the ratio is 0). They go to the track's sub-topic projects in the track's
//    ranking order.
// 4. Regular places = quota_t − reserved_t, to the rest of the track (regular projects and
//    sub-topic projects not placed in step 3) in the track's ranking order.
// 5. Cut-off scores: the total of the last project admitted into the reserved places and
//    into the regular places. Ties at a cut-off (projects with the same competition rank
//    as the last admitted — equal on total and on every tie-break of rank-results):
//    tieRule 'include_ties' admits them all (extra places, shown); 'tie_break' admits
//    them in order of earlier submission (submittedAt), then project id, up to the quota.
//
// Backfill (递补, notice 五(二)4): when a finalist fails verification, the next project of
// the same track by preliminary ranking that is not (and never was) a finalist takes the
// same kind of place; a reserved place goes to the next sub-topic project of that track
// first and falls back to the next project of any kind when none is left.

export interface AdvancementProject {
  projectId: string;
  trackId: string;
  demandId: string | null;
  /** Competition rank within the track from the preliminary results; null when unscored. */
  rank: number | null;
  total: number | null;
  /** ISO time of submission, for the 'tie_break' rule. */
  submittedAt: string;
}

export interface AdvancementTrack {
  trackId: string;
  /** Track listing order (tracks.position). */
  position: number;
}

export interface AdvancementSettings {
  mode: 'total' | 'ratio';
  total: number | null;
  ratio: number | null;
  reservedRatio: number;
  tieRule: 'include_ties' | 'tie_break';
}

export type Outcome = 'reserved' | 'regular' | 'out' | 'unscored';

export interface RankedEntry {
  projectId: string;
  demandId: string | null;
  rank: number | null;
  total: number | null;
  submittedAt: string;
  outcome: Outcome;
  /** Admitted beyond the quota because of a tie at the cut-off. */
  tieExtra: boolean;
}

export interface TrackComputation {
  trackId: string;
  eligible: number;
  subTopicEligible: number;
  unscored: number;
  exactQuota: number;
  floorQuota: number;
  remainder: number;
  /** Got one of the places left after the floors (step 2). */
  remainderPlace: boolean;
  quota: number;
  reservedPlaces: number;
  regularPlaces: number;
  reservedCutoff: number | null;
  regularCutoff: number | null;
  tieExtras: number;
  admitted: number;
  /** Regular-place ratio actually applied: regular places / projects competing for them. */
  ranking: RankedEntry[];
}

export interface AdvancementComputation {
  settings: AdvancementSettings;
  eligible: number;
  totalPlaces: number;
  totalSource: string;
  placesFromFloors: number;
  placesByRemainder: number;
  tracks: TrackComputation[];
  admitted: number;
}

const EPS = 1e-9;
const roundHalfUp = (x: number) => Math.floor(x + 0.5 + EPS);

/** Step 2 on its own: largest-remainder apportionment of `total` places over groups. */
export function largestRemainder(total: number, groups: { key: string; count: number; position: number }[]) {
  const n = groups.reduce((s, g) => s + g.count, 0);
  const rows = groups.map((g) => {
    const exact = n === 0 ? 0 : (total * g.count) / n;
    const floor = Math.min(g.count, Math.floor(exact + EPS));
    return { key: g.key, count: g.count, position: g.position, exact, floor, remainder: exact - floor, extra: 0 };
  });
  let left = total - rows.reduce((s, r) => s + r.floor, 0);
  const order = [...rows].sort(
    (a, b) => (Math.abs(a.remainder - b.remainder) <= EPS ? 0 : b.remainder - a.remainder) || b.count - a.count || a.position - b.position,
  );
  for (const r of order) {
    if (left <= 0) break;
    if (r.floor + r.extra >= r.count) continue;
    r.extra = 1;
    left--;
  }
  return rows.map((r) => ({ ...r, quota: r.floor + r.extra }));
}

const byRank = (a: { rank: number | null; projectId: string }, b: { rank: number | null; projectId: string }) =>
  (a.rank ?? 1e9) - (b.rank ?? 1e9) || (a.projectId < b.projectId ? -1 : a.projectId > b.projectId ? 1 : 0);

/**
 * Takes `places` from `candidates` (in ranking order); ties with the last one taken are
 * admitted too ('include_ties') or ordered by submission time ('tie_break').
 */
function admit(candidates: RankedEntry[], places: number, tieRule: AdvancementSettings['tieRule']) {
  if (places <= 0 || !candidates.length) return { taken: [] as RankedEntry[], extras: 0 };
  const lastRank = candidates[Math.min(places, candidates.length) - 1].rank;
  const before = candidates.filter((c) => c.rank! < lastRank!);
  const tied = candidates.filter((c) => c.rank === lastRank);
  const room = Math.min(places, candidates.length) - before.length;
  if (tieRule === 'include_ties' || tied.length <= room) {
    const extras = Math.max(0, tied.length - room);
    tied.slice(room).forEach((t) => (t.tieExtra = true));
    return { taken: [...before, ...tied], extras };
  }
  const ordered = [...tied].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt) || (a.projectId < b.projectId ? -1 : 1));
  return { taken: [...before, ...ordered.slice(0, room)], extras: 0 };
}

export function computeAdvancement(
  projects: AdvancementProject[],
  tracks: AdvancementTrack[],
  settings: AdvancementSettings,
): AdvancementComputation {
  const scored = projects.filter((p) => p.total !== null && p.rank !== null);
  const eligible = scored.length;
  let totalPlaces: number;
  let totalSource: string;
  if (settings.mode === 'total') {
    totalPlaces = Math.min(eligible, Math.max(0, settings.total ?? 0));
    totalSource = `组委会设定晋级总名额 ${settings.total ?? 0}${totalPlaces < (settings.total ?? 0) ? `（超过可晋级项目数，取 ${totalPlaces}）` : ''}`;
  } else {
    const ratio = settings.ratio ?? 0;
    totalPlaces = Math.min(eligible, roundHalfUp(ratio * eligible));
    totalSource = `晋级比例 ${(ratio * 100).toFixed(1)}% × 有效项目 ${eligible} = ${(ratio * eligible).toFixed(2)}，四舍五入为 ${totalPlaces}`;
  }
  const sortedTracks = [...tracks].sort((a, b) => a.position - b.position);
  const perTrack = new Map<string, AdvancementProject[]>();
  for (const p of projects) perTrack.set(p.trackId, [...(perTrack.get(p.trackId) ?? []), p]);
  const withProjects = sortedTracks.filter((t) => perTrack.has(t.trackId));
  const apportioned = largestRemainder(
    totalPlaces,
    withProjects.map((t) => ({
      key: t.trackId,
      count: (perTrack.get(t.trackId) ?? []).filter((p) => p.total !== null && p.rank !== null).length,
      position: t.position,
    })),
  );

  const out: TrackComputation[] = apportioned.map((a) => {
    const ranking: RankedEntry[] = [...(perTrack.get(a.key) ?? [])].sort(byRank).map((p) => ({
      projectId: p.projectId,
      demandId: p.demandId,
      rank: p.rank,
      total: p.total,
      submittedAt: p.submittedAt,
      outcome: p.total === null || p.rank === null ? 'unscored' : 'out',
      tieExtra: false,
    }));
    const ranked = ranking.filter((r) => r.outcome !== 'unscored');
    const subTopic = ranked.filter((r) => r.demandId !== null);
    const s = subTopic.length;
    const reservedPlaces =
      s === 0 || settings.reservedRatio <= 0 ? 0 : Math.min(a.quota, s, Math.max(1, roundHalfUp(settings.reservedRatio * s)));
    const reserved = admit(subTopic, reservedPlaces, settings.tieRule);
    for (const r of reserved.taken) r.outcome = 'reserved';
    const regularPlaces = Math.max(0, a.quota - reservedPlaces);
    const rest = ranked.filter((r) => r.outcome === 'out');
    const regular = admit(rest, regularPlaces, settings.tieRule);
    for (const r of regular.taken) r.outcome = 'regular';
    const lastTotal = (xs: RankedEntry[]) => (xs.length ? xs[xs.length - 1].total : null);
    return {
      trackId: a.key,
      eligible: a.count,
      subTopicEligible: s,
      unscored: ranking.length - ranked.length,
      exactQuota: Math.round(a.exact * 10000) / 10000,
      floorQuota: a.floor,
      remainder: Math.round(a.remainder * 10000) / 10000,
      remainderPlace: a.extra > 0,
      quota: a.quota,
      reservedPlaces,
      regularPlaces,
      reservedCutoff: lastTotal(reserved.taken.sort(byRank)),
      regularCutoff: lastTotal(regular.taken.sort(byRank)),
      tieExtras: reserved.extras + regular.extras,
      admitted: reserved.taken.length + regular.taken.length,
      ranking,
    };
  });
  const placesFromFloors = apportioned.reduce((s, a) => s + a.floor, 0);
  return {
    settings,
    eligible,
    totalPlaces,
    totalSource,
    placesFromFloors,
    placesByRemainder: totalPlaces - placesFromFloors,
    tracks: out,
    admitted: out.reduce((s, t) => s + t.admitted, 0),
  };
}

/**
 * The project that backfills a place of `kind` in `track` (递补). `taken`: projects that
 * are or ever were finalists (a failed one never comes back).
 */
export function nextForBackfill(
  track: Pick<TrackComputation, 'ranking'>,
  kind: 'reserved' | 'regular',
  taken: Set<string>,
): { projectId: string; kind: 'reserved' | 'regular'; fellBack: boolean } | null {
  const free = track.ranking.filter((r) => r.outcome !== 'unscored' && !taken.has(r.projectId)).sort(byRank);
  if (kind === 'reserved') {
    const sub = free.find((r) => r.demandId !== null);
    if (sub) return { projectId: sub.projectId, kind: 'reserved', fellBack: false };
    return free[0] ? { projectId: free[0].projectId, kind: 'regular', fellBack: true } : null;
  }
  return free[0] ? { projectId: free[0].projectId, kind: 'regular', fellBack: false } : null;
}
