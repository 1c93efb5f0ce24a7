import { describe, expect, it } from 'vitest';
import { orderWithin, rankWithin, type RankInput } from './rank-results.ts';

const r = (projectId: string, total: number | null, tieBreak: number[] = [], groupKey = 'g'): RankInput => ({
  projectId,
  groupKey,
  total,
  tieBreak,
});

describe('rankWithin', () => {
  it('competition ranking: equal totals share a rank and the next rank skips', () => {
    const ranks = rankWithin([r('a', 90), r('b', 85), r('c', 85), r('d', 70)]);
    expect(Object.fromEntries(ranks)).toEqual({ a: 1, b: 2, c: 2, d: 4 });
  });

  it('tie-breaks in order, larger first, separate equal totals', () => {
    const ranks = rankWithin([r('a', 85, [70, 1]), r('b', 85, [80, 0]), r('c', 85, [70, 2]), r('d', 85, [70, 2])]);
    expect(Object.fromEntries(ranks)).toEqual({ b: 1, c: 2, d: 2, a: 4 });
  });

  it('null totals come last and share a rank; groups are ranked separately', () => {
    const ranks = rankWithin([r('a', null, [], 'x'), r('b', 60, [], 'x'), r('c', null, [], 'x'), r('d', 75, [], 'x'), r('e', 50, [], 'y')]);
    expect(Object.fromEntries(ranks)).toEqual({ d: 1, b: 2, a: 3, c: 3, e: 1 });
  });

  it('floating noise does not split a tie; input order does not matter', () => {
    const items = [r('a', 0.1 + 0.2), r('b', 0.3), r('c', 0.31)];
    expect(Object.fromEntries(rankWithin(items))).toEqual({ c: 1, a: 2, b: 2 });
    expect(rankWithin([...items].reverse())).toEqual(rankWithin(items));
    expect(orderWithin([r('z', 1), r('y', 1), r('x', 2)]).map((i) => i.projectId)).toEqual(['x', 'y', 'z']);
  });
});
