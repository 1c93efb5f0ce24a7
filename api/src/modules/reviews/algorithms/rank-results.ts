// Rankings within groups (issue 11). Interface first.
export interface RankInput {
  projectId: string;
  groupKey: string;
  total: number | null;
  /** larger first, in order */
  tieBreak: number[];
}

export function rankWithin(_items: RankInput[]): Map<string, number> {
  throw new Error('rankWithin: not implemented yet');
}
