import { describe, expect, it } from 'vitest';
import { findOutliers, normaliseScores, type RawScore } from './normalise-scores.ts';
import { rankWithin } from './rank-results.ts';

const s = (reviewerId: string, projectId: string, score: number): RawScore => ({ reviewerId, projectId, score });

/** Three experts; each project of a panel is scored by two of them. */
const base: RawScore[] = [
  s('e1', 'p1', 80),
  s('e1', 'p2', 70),
  s('e1', 'p3', 60),
  s('e1', 'p4', 75),
  s('e2', 'p1', 78),
  s('e2', 'p2', 66),
  s('e2', 'p5', 72),
  s('e2', 'p6', 58),
  s('e3', 'p3', 64),
  s('e3', 'p4', 81),
  s('e3', 'p5', 70),
  s('e3', 'p6', 55),
];

function meanBy(norm: Map<string, number>, scores: RawScore[]) {
  const sums = new Map<string, number[]>();
  for (const x of scores) {
    const v = norm.get(`${x.reviewerId}:${x.projectId}`)!;
    sums.set(x.projectId, [...(sums.get(x.projectId) ?? []), v]);
  }
  return [...sums].map(([projectId, vs]) => ({
    projectId,
    groupKey: 'track',
    total: vs.reduce((a, b) => a + b, 0) / vs.length,
    tieBreak: [],
  }));
}

describe('normaliseScores', () => {
  it('standardises per reviewer and maps back to the scale of all scores', () => {
    const norm = normaliseScores([s('a', 'p1', 60), s('a', 'p2', 80), s('b', 'p1', 90), s('b', 'p2', 70)]);
    // all scores: mean 75, population sd sqrt((225+25+225+25)/4) = 11.18
    // a: mean 70 sd 10 → z −1, +1; b: mean 80 sd 10 → z +1, −1
    expect(norm.get('a:p1')).toBeCloseTo(75 - 11.18, 2);
    expect(norm.get('a:p2')).toBeCloseTo(75 + 11.18, 2);
    expect(norm.get('b:p1')).toBeCloseTo(75 + 11.18, 2);
    expect(norm.get('b:p2')).toBeCloseTo(75 - 11.18, 2);
  });

  it('a lenient reviewer adding +20 to every score moves the raw ranking but not the normalised one', () => {
    const lenient = base.map((x) => (x.reviewerId === 'e3' ? { ...x, score: x.score + 20 } : x));
    const rawRank = (scores: RawScore[]) =>
      rankWithin(meanBy(new Map(scores.map((x) => [`${x.reviewerId}:${x.projectId}`, x.score])), scores));
    expect(rawRank(lenient)).not.toEqual(rawRank(base)); // the lenient panel pushes its projects up
    const before = rankWithin(meanBy(normaliseScores(base), base));
    const after = rankWithin(meanBy(normaliseScores(lenient), lenient));
    expect(after).toEqual(before);
    // and the z-scores of the lenient reviewer's own projects are unchanged
    const nb = normaliseScores(base);
    const na = normaliseScores(lenient);
    const order = (m: Map<string, number>) => ['p3', 'p4', 'p5', 'p6'].sort((x, y) => m.get(`e3:${y}`)! - m.get(`e3:${x}`)!);
    expect(order(na)).toEqual(order(nb));
  });

  it('one score or zero spread maps to the mean of all scores; clamps to 0..100', () => {
    const norm = normaliseScores([s('a', 'p1', 40), s('a', 'p2', 100), s('one', 'p1', 95), s('flat', 'p1', 70), s('flat', 'p2', 70)]);
    const mean = (40 + 100 + 95 + 70 + 70) / 5;
    expect(norm.get('one:p1')).toBeCloseTo(mean, 2);
    expect(norm.get('flat:p1')).toBeCloseTo(mean, 2);
    expect(norm.get('flat:p2')).toBeCloseTo(mean, 2);
    const wide = normaliseScores([
      s('a', 'p1', 0),
      s('a', 'p2', 100),
      s('b', 'p1', 50),
      s('b', 'p2', 50),
      s('b', 'p3', 50),
      s('b', 'p4', 50),
    ]);
    for (const v of wide.values()) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(100);
    }
    expect(normaliseScores([])).toEqual(new Map());
  });

  it('does not depend on the input order; the last duplicate counts', () => {
    const shuffled = [...base].reverse();
    expect(normaliseScores(shuffled)).toEqual(normaliseScores(base));
    const dup = normaliseScores([s('a', 'p1', 10), s('a', 'p2', 50), s('a', 'p1', 90)]);
    expect(dup.get('a:p1')!).toBeGreaterThan(dup.get('a:p2')!);
    expect(dup.size).toBe(2);
  });
});

describe('findOutliers', () => {
  it('flags a reviewer far from the panel mean on the same project', () => {
    const out = findOutliers(
      [s('a', 'p1', 80), s('b', 'p1', 82), s('c', 'p1', 40), s('a', 'p2', 70), s('b', 'p2', 75), s('c', 'p2', 72)],
      20,
    );
    expect(out).toEqual([{ reviewerId: 'c', projectId: 'p1', score: 40, panelMean: 67.33, diff: -27.33 }]);
  });

  it('exactly at the margin is not an outlier; single-reviewer projects have no panel', () => {
    expect(findOutliers([s('a', 'p1', 60), s('b', 'p1', 80)], 10)).toEqual([]);
    const both = findOutliers([s('a', 'p1', 60), s('b', 'p1', 81), s('a', 'p2', 10)], 10);
    expect(both.map((o) => o.reviewerId)).toEqual(['a', 'b']); // two reviewers disagree: both are flagged
    expect(both[0]!.diff).toBe(-10.5);
  });
});
