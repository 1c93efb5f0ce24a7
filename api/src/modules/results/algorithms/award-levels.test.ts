import { describe, expect, it } from 'vitest';
import { awardCounts, moveFreedPlace, proposeLevels } from './award-levels.ts';

const ratios = { first: 0.1, second: 0.2, third: 0.3, special: 0.1 };

describe('awardCounts (cumulative rounding)', () => {
  it('10 teams at 10/20/30/10 % → 1/2/3/1', () => {
    expect(awardCounts(10, ratios)).toEqual({ first: 1, second: 2, third: 3, special: 1 });
  });
  it('7 teams: c1=round(0.7)=1, c2=round(2.1)=2, c3=round(4.2)=4, c4=round(4.9)=5 → 1/1/2/1', () => {
    expect(awardCounts(7, ratios)).toEqual({ first: 1, second: 1, third: 2, special: 1 });
  });
  it('3 teams: c1 = max(1, round(0.3)=0) = 1, c2=round(0.9)=1, c3=round(1.8)=2, c4=round(2.1)=2 → 1/0/1/0', () => {
    expect(awardCounts(3, ratios)).toEqual({ first: 1, second: 0, third: 1, special: 0 });
  });
  it('no teams, no awards; never more awards than teams', () => {
    expect(awardCounts(0, ratios)).toEqual({ first: 0, second: 0, third: 0, special: 0 });
    const all = awardCounts(2, { first: 0.5, second: 0.5, third: 0.5, special: 0.5 });
    expect(all.first + all.second + all.third + all.special).toBe(2);
  });
});

describe('proposeLevels', () => {
  const ranked = (ranks: (number | null)[]) => ranks.map((rank, i) => ({ projectId: `p${i + 1}`, rank }));
  it('goes down the ranking level by level', () => {
    const out = proposeLevels(ranked([1, 2, 3, 4, 5, 6]), { first: 1, second: 2, third: 2, special: 1 });
    expect(out.map((o) => `${o.projectId}:${o.level}`)).toEqual([
      'p1:first',
      'p2:second',
      'p3:second',
      'p4:third',
      'p5:third',
      'p6:special',
    ]);
  });
  it('a tie at a boundary gives both the better level and takes a place from the next level', () => {
    // p2 and p3 tie at rank 2; second has one place → both second, third loses one place.
    const out = proposeLevels(ranked([1, 2, 2, 4, 5]), { first: 1, second: 1, third: 2, special: 0 });
    expect(out.map((o) => `${o.projectId}:${o.level}${o.tie ? '*' : ''}`)).toEqual(['p1:first', 'p2:second', 'p3:second*', 'p4:third']);
  });
  it('unscored projects get nothing', () => {
    const out = proposeLevels(ranked([1, null]), { first: 1, second: 1, third: 0, special: 0 });
    expect(out.map((o) => o.projectId)).toEqual(['p1']);
  });
});

describe('moveFreedPlace (promotion chain)', () => {
  const held = [
    { awardId: 'a2', projectId: 'p2', level: 'second' as const, rank: 2 },
    { awardId: 'a3', projectId: 'p3', level: 'second' as const, rank: 3 },
    { awardId: 'a4', projectId: 'p4', level: 'third' as const, rank: 4 },
    { awardId: 'a6', projectId: 'p6', level: 'special' as const, rank: 6 },
  ];
  it('a revoked 一等奖: best 二等奖 up, best 三等奖 up to 二等奖, next unawarded project gets 三等奖', () => {
    const move = moveFreedPlace('first', held, [
      { projectId: 'p7', rank: 7 },
      { projectId: 'p5', rank: 5 },
    ]);
    expect(move.promotions).toEqual([
      { awardId: 'a2', projectId: 'p2', from: 'second', to: 'first' },
      { awardId: 'a4', projectId: 'p4', from: 'third', to: 'second' },
    ]);
    expect(move.newAward).toEqual({ projectId: 'p5', level: 'third' });
  });
  it('a revoked 特色单项奖 goes straight to the best unawarded project', () => {
    const move = moveFreedPlace('special', held, [{ projectId: 'p5', rank: 5 }]);
    expect(move.promotions).toEqual([]);
    expect(move.newAward).toEqual({ projectId: 'p5', level: 'special' });
  });
  it('a level nobody holds is skipped: a revoked 一等奖 with no 二等奖 promotes the best 三等奖', () => {
    const move = moveFreedPlace('first', [{ awardId: 'a3', projectId: 'p3', level: 'third', rank: 3 }], [{ projectId: 'p4', rank: 4 }]);
    expect(move.promotions).toEqual([{ awardId: 'a3', projectId: 'p3', from: 'third', to: 'first' }]);
    expect(move.newAward).toEqual({ projectId: 'p4', level: 'third' });
  });
  it('no candidate left: promotions only', () => {
    const move = moveFreedPlace('third', held, []);
    expect(move).toEqual({ promotions: [], newAward: null });
  });
});
