// Score normalisation and outliers (issue 11). Interface first.
export interface RawScore {
  reviewerId: string;
  projectId: string;
  /** 0..100 */
  score: number;
}

export function normaliseScores(_scores: RawScore[]): Map<string, number> {
  throw new Error('normaliseScores: not implemented yet');
}

export function findOutliers(
  _scores: RawScore[],
  _margin: number,
): { reviewerId: string; projectId: string; score: number; panelMean: number; diff: number }[] {
  throw new Error('findOutliers: not implemented yet');
}
