import { normaliseScores, type RawScore } from '../reviews/algorithms/normalise-scores.ts';
import { rankWithin, type RankInput } from '../reviews/algorithms/rank-results.ts';

/**
 * Recomputes a round's totals and rankings from nothing but the dossier's files (the
 * projects of the round and every submitted score), with the review module's own pure
 * algorithms — the same steps as `reviews/compute-results.ts`:
 *   expert scores normalised per reviewer (normalise-scores.ts); a sub-topic bid's total
 *   = (w_enterprise × mean(enterprise) + w_expert × mean(experts)) / 100, a regular
 *   project's = mean(experts); ranks within the sub-topic (regular: the topic) and the
 *   track by the edition's `rankBy`, ties broken by the other total, the enterprise's
 *   score, the expert mean (rank-results.ts).
 * An auditor (or the dossier test) compares the output with the published ranking.
 */
export interface RecomputeProject {
  projectId: string;
  trackId: string;
  topicId: string;
  demandId: string | null;
}

export interface RecomputeScore {
  projectId: string;
  reviewerId: string;
  role: 'enterprise' | 'expert';
  total: number;
}

export interface RecomputedRow {
  projectId: string;
  rawTotal: number | null;
  normalisedTotal: number | null;
  rankInSubTopic: number | null;
  rankInTrack: number | null;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);
const r2 = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);

export function recomputeRanking(
  projects: RecomputeProject[],
  scores: RecomputeScore[],
  opts: { weights: { enterprise: number; expert: number }; rankBy: 'raw' | 'normalised' },
): RecomputedRow[] {
  const expertRaw: RawScore[] = scores.filter((s) => s.role === 'expert').map((s) => ({ ...s, score: s.total }));
  const normalised = normaliseScores(expertRaw);
  const rows = projects.map((p) => {
    const own = scores.filter((s) => s.projectId === p.projectId);
    const enterprise = mean(own.filter((s) => s.role === 'enterprise').map((s) => s.total));
    const experts = own.filter((s) => s.role === 'expert');
    const expertMean = mean(experts.map((s) => s.total));
    const expertNormalisedMean = mean(experts.map((s) => normalised.get(`${s.reviewerId}:${p.projectId}`)!));
    const combine = (expert: number | null) => {
      if (expert === null) return null;
      if (!p.demandId) return r2(expert);
      if (enterprise === null) return null;
      return r2((opts.weights.enterprise * enterprise + opts.weights.expert * expert) / 100);
    };
    return {
      p,
      enterprise: r2(enterprise),
      expertMean: r2(expertMean),
      rawTotal: combine(expertMean),
      normalisedTotal: combine(expertNormalisedMean),
    };
  });
  const rankOf = (group: (p: RecomputeProject) => string) =>
    rankWithin(
      rows.map((r): RankInput => {
        const total = opts.rankBy === 'raw' ? r.rawTotal : r.normalisedTotal;
        const other = opts.rankBy === 'raw' ? r.normalisedTotal : r.rawTotal;
        return { projectId: r.p.projectId, groupKey: group(r.p), total, tieBreak: [other ?? -1, r.enterprise ?? -1, r.expertMean ?? -1] };
      }),
    );
  const bySubTopic = rankOf((p) => (p.demandId ? `demand:${p.demandId}` : `topic:${p.topicId}`));
  const byTrack = rankOf((p) => p.trackId);
  return rows.map((r) => ({
    projectId: r.p.projectId,
    rawTotal: r.rawTotal,
    normalisedTotal: r.normalisedTotal,
    rankInSubTopic: bySubTopic.get(r.p.projectId) ?? null,
    rankInTrack: byTrack.get(r.p.projectId) ?? null,
  }));
}
