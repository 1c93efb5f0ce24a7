/**
 * A team's rank band (名次区间) in its track: it learns roughly where it stands without
 * learning anyone else's rank. Bands by the share of the track's ranked projects placed
 * ahead of it or level with it, rank / count:
 *   ≤ 10% 前10%, ≤ 30% 前10%–30%, ≤ 50% 前30%–50%, else 后50%.
 * Shared ranks use the shared (best) rank. A project without a total gets no band.
 */
export type RankBand = 'top10' | 'top30' | 'top50' | 'rest';

export const rankBandLabels: Record<RankBand, string> = {
  top10: '前10%',
  top30: '前10%–30%',
  top50: '前30%–50%',
  rest: '后50%',
};

export function rankBand(rank: number | null, ranked: number): RankBand | null {
  if (rank === null || ranked <= 0 || rank < 1) return null;
  const share = rank / ranked;
  if (share <= 0.1 + 1e-9) return 'top10';
  if (share <= 0.3 + 1e-9) return 'top30';
  if (share <= 0.5 + 1e-9) return 'top50';
  return 'rest';
}
