import { describe, expect, it } from 'vitest';
import { buildFunnel, funnelStages, yuanToWan, type FunnelFact } from './dashboard.funnel.ts';

const fact = (stage: FunnelFact['stage'], over: Partial<FunnelFact> = {}): FunnelFact => ({
  stage,
  trackId: 't1',
  trackName: '工业制造',
  region: '河北省石家庄市',
  amountWan: null,
  ...over,
});

describe('buildFunnel', () => {
  it('counts every stage and sums its amounts, in total', () => {
    const f = buildFunnel([
      fact('demands', { amountWan: 80 }),
      fact('demands', { amountWan: 50.5 }),
      fact('bids'),
      fact('bids'),
      fact('bids'),
      fact('awards'),
      fact('intents'),
      fact('contracts', { amountWan: 60 }),
      fact('implementations', { amountWan: 80, releasedWan: 24 }),
      fact('accepted', { amountWan: 80 }),
    ]);
    expect(f.totals.stages.demands).toEqual({ count: 2, amountWan: 130.5 });
    expect(f.totals.stages.bids).toEqual({ count: 3, amountWan: 0 });
    expect(f.totals.stages.contracts).toEqual({ count: 1, amountWan: 60 });
    expect(f.totals.stages.implementations).toEqual({ count: 1, amountWan: 80 });
    expect(f.totals.stages.accepted.count).toBe(1);
    expect(f.totals.releasedWan).toBe(24);
    expect(f.conversion.demands).toBeNull();
    expect(f.conversion.bids).toBe(1.5);
    expect(f.conversion.awards).toBe(0.333);
  });

  it('groups per track and per region, unknown ones last', () => {
    const f = buildFunnel([
      fact('demands', { amountWan: 10 }),
      fact('demands', { trackId: 't2', trackName: '绿色低碳', region: '河北省保定市', amountWan: 20 }),
      fact('demands', { trackId: 't2', trackName: '绿色低碳', region: '河北省保定市', amountWan: 5 }),
      fact('bids', { trackId: null, trackName: null, region: null }),
    ]);
    expect(f.byTrack.map((r) => [r.label, r.stages.demands.count, r.stages.demands.amountWan])).toEqual([
      ['绿色低碳', 2, 25],
      ['工业制造', 1, 10],
      ['未关联赛道', 0, 0],
    ]);
    expect(f.byRegion.map((r) => r.label)).toEqual(['河北省保定市', '河北省石家庄市', '未填地区']);
    expect(f.byRegion[2]!.stages.bids.count).toBe(1);
    // The rows add up to the totals, stage by stage.
    for (const s of funnelStages) {
      expect(f.byTrack.reduce((n, r) => n + r.stages[s].count, 0)).toBe(f.totals.stages[s].count);
      expect(f.byRegion.reduce((n, r) => n + r.stages[s].count, 0)).toBe(f.totals.stages[s].count);
    }
  });

  it('keeps amounts to two decimals without drift', () => {
    const f = buildFunnel(Array.from({ length: 10 }, () => fact('contracts', { amountWan: 0.1 })));
    expect(f.totals.stages.contracts.amountWan).toBe(1);
    expect(yuanToWan(800_000)).toBe(80);
    expect(yuanToWan(12_345)).toBe(1.23);
  });

  it('is empty without facts', () => {
    const f = buildFunnel([]);
    expect(f.byTrack).toEqual([]);
    expect(f.totals.stages.accepted).toEqual({ count: 0, amountWan: 0 });
    expect(Object.values(f.conversion).every((c) => c === null)).toBe(true);
  });
});
