import { describe, expect, it } from 'vitest';
import { computeAdvancement, largestRemainder, nextForBackfill, type AdvancementProject } from './advancement-quotas.ts';

const quotas = (rows: { key: string; quota: number }[]) => Object.fromEntries(rows.map((r) => [r.key, r.quota]));

describe('largestRemainder', () => {
  it('10 places over 13 / 7 / 5 projects: exact 5.2 / 2.8 / 2.0 → floors 5 / 2 / 2, the last place to B (0.8)', () => {
    const rows = largestRemainder(10, [
      { key: 'A', count: 13, position: 1 },
      { key: 'B', count: 7, position: 2 },
      { key: 'C', count: 5, position: 3 },
    ]);
    expect(quotas(rows)).toEqual({ A: 5, B: 3, C: 2 });
    expect(rows.map((r) => r.exact)).toEqual([5.2, 2.8, 2]);
  });
  it('equal remainders: the track with more projects first (3 places over 1 / 2 / 3: .5 / 0 / .5 → C)', () => {
    const rows = largestRemainder(3, [
      { key: 'A', count: 1, position: 1 },
      { key: 'B', count: 2, position: 2 },
      { key: 'C', count: 3, position: 3 },
    ]);
    expect(quotas(rows)).toEqual({ A: 0, B: 1, C: 2 });
  });
  it('equal remainders and sizes: the track listed first', () => {
    const rows = largestRemainder(1, [
      { key: 'A', count: 1, position: 2 },
      { key: 'B', count: 1, position: 1 },
    ]);
    expect(quotas(rows)).toEqual({ A: 0, B: 1 });
  });
  it('places always add up to the total', () => {
    const rows = largestRemainder(7, [
      { key: 'A', count: 3, position: 1 },
      { key: 'B', count: 3, position: 2 },
      { key: 'C', count: 3, position: 3 },
    ]);
    expect(rows.reduce((s, r) => s + r.quota, 0)).toBe(7);
    expect(quotas(rows)).toEqual({ A: 3, B: 2, C: 2 });
  });
});

const p = (
  id: string,
  trackId: string,
  rank: number | null,
  total: number | null,
  demandId: string | null = null,
  submittedAt = '2025-07-01T00:00:00Z',
): AdvancementProject => ({
  projectId: id,
  trackId,
  demandId,
  rank,
  total,
  submittedAt,
});

describe('computeAdvancement', () => {
  it('reserved places for sub-topic projects, the rest by the track ranking', () => {
    // Track T: 10 scored projects, s1..s3 target sub-topics (ranks 3, 6, 8). Ratio 40 % → 4 places.
    // Reserved = min(4, 3, max(1, round(0.6 × 3 = 1.8) = 2)) = 2 → s1 (rank 3) and s2 (rank 6).
    // Regular = 2 → r1 (rank 1), r2 (rank 2). Cut-offs: reserved 70 (s2), regular 90 (r2).
    const projects = [
      p('r1', 'T', 1, 95),
      p('r2', 'T', 2, 90),
      p('s1', 'T', 3, 88, 'd1'),
      p('r3', 'T', 4, 85),
      p('r4', 'T', 5, 80),
      p('s2', 'T', 6, 70, 'd1'),
      p('r5', 'T', 7, 65),
      p('s3', 'T', 8, 60, 'd2'),
      p('r6', 'T', 9, 55),
      p('r7', 'T', 10, 50),
    ];
    const c = computeAdvancement(projects, [{ trackId: 'T', position: 1 }], {
      mode: 'ratio',
      total: null,
      ratio: 0.4,
      reservedRatio: 0.6,
      tieRule: 'include_ties',
    });
    expect(c.totalPlaces).toBe(4);
    const t = c.tracks[0];
    expect([t.quota, t.reservedPlaces, t.regularPlaces]).toEqual([4, 2, 2]);
    const outcome = Object.fromEntries(t.ranking.map((r) => [r.projectId, r.outcome]));
    expect(outcome).toMatchObject({ r1: 'regular', r2: 'regular', s1: 'reserved', s2: 'reserved', r3: 'out', s3: 'out' });
    expect([t.reservedCutoff, t.regularCutoff]).toEqual([70, 90]);
  });

  it('two tracks by largest remainder; unscored projects take no place and count for nothing', () => {
    // A: 3 scored + 1 unscored, B: 2 scored; total 3 places → exact 1.8 / 1.2 → floors 1 / 1, the third to A (0.8).
    const projects = [
      p('a1', 'A', 1, 90),
      p('a2', 'A', 2, 80),
      p('a3', 'A', 3, 70),
      p('a4', 'A', null, null),
      p('b1', 'B', 1, 60),
      p('b2', 'B', 2, 50),
    ];
    const c = computeAdvancement(
      projects,
      [
        { trackId: 'A', position: 1 },
        { trackId: 'B', position: 2 },
      ],
      { mode: 'total', total: 3, ratio: null, reservedRatio: 0.6, tieRule: 'include_ties' },
    );
    expect(c.eligible).toBe(5);
    expect(c.tracks.map((t) => [t.trackId, t.exactQuota, t.quota, t.remainderPlace])).toEqual([
      ['A', 1.8, 2, true],
      ['B', 1.2, 1, false],
    ]);
    expect(c.tracks[0].ranking.find((r) => r.projectId === 'a4')!.outcome).toBe('unscored');
    expect(c.admitted).toBe(3);
  });

  const tied = [
    p('x1', 'T', 1, 90),
    p('x2', 'T', 2, 85),
    p('x3', 'T', 3, 80, null, '2025-07-02T00:00:00Z'),
    p('x4', 'T', 3, 80, null, '2025-07-01T00:00:00Z'),
    p('x5', 'T', 5, 70),
  ];
  it('a tie at the cut-off: include_ties admits both (one extra place)', () => {
    const c = computeAdvancement(tied, [{ trackId: 'T', position: 1 }], {
      mode: 'total',
      total: 3,
      ratio: null,
      reservedRatio: 0.6,
      tieRule: 'include_ties',
    });
    const t = c.tracks[0];
    expect(t.ranking.filter((r) => r.outcome === 'regular').map((r) => r.projectId)).toEqual(['x1', 'x2', 'x3', 'x4']);
    expect(t.tieExtras).toBe(1);
    expect(t.regularCutoff).toBe(80);
  });
  it('a tie at the cut-off: tie_break admits the earlier submission (x4)', () => {
    const c = computeAdvancement(tied, [{ trackId: 'T', position: 1 }], {
      mode: 'total',
      total: 3,
      ratio: null,
      reservedRatio: 0.6,
      tieRule: 'tie_break',
    });
    const t = c.tracks[0];
    expect(t.ranking.filter((r) => r.outcome === 'regular').map((r) => r.projectId)).toEqual(['x1', 'x2', 'x4']);
    expect(t.tieExtras).toBe(0);
  });
});

describe('nextForBackfill', () => {
  const track = {
    ranking: [
      { projectId: 'a', demandId: null, rank: 1, total: 90, submittedAt: '', outcome: 'regular' as const, tieExtra: false },
      { projectId: 's1', demandId: 'd', rank: 2, total: 85, submittedAt: '', outcome: 'reserved' as const, tieExtra: false },
      { projectId: 'b', demandId: null, rank: 3, total: 80, submittedAt: '', outcome: 'out' as const, tieExtra: false },
      { projectId: 's2', demandId: 'd', rank: 4, total: 75, submittedAt: '', outcome: 'out' as const, tieExtra: false },
      { projectId: 'u', demandId: null, rank: null, total: null, submittedAt: '', outcome: 'unscored' as const, tieExtra: false },
    ],
  };
  it('a reserved place goes to the next sub-topic project, even below a regular one', () => {
    expect(nextForBackfill(track, 'reserved', new Set(['a', 's1']))).toEqual({ projectId: 's2', kind: 'reserved', fellBack: false });
  });
  it('a regular place goes to the next project by rank', () => {
    expect(nextForBackfill(track, 'regular', new Set(['a', 's1']))).toEqual({ projectId: 'b', kind: 'regular', fellBack: false });
  });
  it('no sub-topic project left: the reserved place falls back to the next project', () => {
    expect(nextForBackfill(track, 'reserved', new Set(['a', 's1', 's2']))).toEqual({ projectId: 'b', kind: 'regular', fellBack: true });
  });
  it('nobody left (unscored never backfills)', () => {
    expect(nextForBackfill(track, 'regular', new Set(['a', 's1', 's2', 'b']))).toBeNull();
  });
});
