import { describe, expect, it } from 'vitest';
import { rankBand } from './rank-band.ts';

describe('rankBand', () => {
  it('bands by rank over the ranked count, edges inclusive', () => {
    expect(rankBand(1, 10)).toBe('top10');
    expect(rankBand(2, 10)).toBe('top30');
    expect(rankBand(3, 10)).toBe('top30');
    expect(rankBand(4, 10)).toBe('top50');
    expect(rankBand(5, 10)).toBe('top50');
    expect(rankBand(6, 10)).toBe('rest');
    expect(rankBand(1, 3)).toBe('top50'); // 33% of three
    expect(rankBand(1, 1)).toBe('rest'); // alone: 100%
    expect(rankBand(10, 100)).toBe('top10');
    expect(rankBand(11, 100)).toBe('top30');
  });
  it('no band without a rank', () => {
    expect(rankBand(null, 5)).toBeNull();
    expect(rankBand(1, 0)).toBeNull();
  });
});
