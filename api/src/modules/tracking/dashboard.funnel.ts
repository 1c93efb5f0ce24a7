/**
 * The effect dashboard's funnel (成效看板), pure: facts in, counts and amounts per stage out,
 * in total, per track and per region. No database; `dashboard.repository.ts` feeds it.
 */

/** The stages of the closed loop, in order: 子赛题发布 → 揭榜 → 获奖 → 对接意向 → 签约 → 落地实施 → 验收通过. */
export const funnelStages = ['demands', 'bids', 'awards', 'intents', 'contracts', 'implementations', 'accepted'] as const;
export type FunnelStage = (typeof funnelStages)[number];

export const funnelStageLabels: Record<FunnelStage, string> = {
  demands: '发布子赛题',
  bids: '揭榜（提交方案）',
  awards: '获奖',
  intents: '对接意向',
  contracts: '签约',
  implementations: '落地实施',
  accepted: '验收通过',
};

/** One counted thing: a sub-topic, a bid, an award, a meeting with an intent or a contract, an implementation. */
export interface FunnelFact {
  stage: FunnelStage;
  trackId: string | null;
  trackName: string | null;
  /** The region of the enterprise (organizations.region). */
  region: string | null;
  /** 万元: a sub-topic's budget, a contract's amount, an implementation's budget; null when the stage has none. */
  amountWan: number | null;
  /** 万元 released by accepted milestones (implementations only). */
  releasedWan?: number;
}

export interface StageFigures {
  count: number;
  amountWan: number;
}

export interface FunnelRow {
  key: string;
  label: string;
  stages: Record<FunnelStage, StageFigures>;
  releasedWan: number;
}

export interface Funnel {
  totals: FunnelRow;
  byTrack: FunnelRow[];
  byRegion: FunnelRow[];
  /** Share of the previous stage reached, per stage (0..1, null for the first stage or an empty previous one). */
  conversion: Record<FunnelStage, number | null>;
}

/** Money in 万元 kept to two decimals without floating-point drift. */
export const roundWan = (value: number) => Math.round(value * 100) / 100;

/** 元 → 万元 (two decimals). */
export const yuanToWan = (yuan: number) => roundWan(yuan / 10_000);

function emptyRow(key: string, label: string): FunnelRow {
  const stages = {} as Record<FunnelStage, StageFigures>;
  for (const s of funnelStages) stages[s] = { count: 0, amountWan: 0 };
  return { key, label, stages, releasedWan: 0 };
}

function add(row: FunnelRow, fact: FunnelFact) {
  const figures = row.stages[fact.stage];
  figures.count += 1;
  if (fact.amountWan !== null && Number.isFinite(fact.amountWan)) figures.amountWan = roundWan(figures.amountWan + fact.amountWan);
  if (fact.releasedWan) row.releasedWan = roundWan(row.releasedWan + fact.releasedWan);
}

const weight = (row: FunnelRow) => funnelStages.reduce((n, s) => n + row.stages[s].count, 0);

function sorted(rows: Iterable<FunnelRow>, noneKey: string): FunnelRow[] {
  return [...rows].sort(
    (a, b) =>
      Number(a.key === noneKey) - Number(b.key === noneKey) ||
      b.stages.demands.count - a.stages.demands.count ||
      weight(b) - weight(a) ||
      a.label.localeCompare(b.label, 'zh'),
  );
}

/** Counts and sums the facts per stage: in total, per track and per region (unknown ones grouped last). */
export function buildFunnel(facts: readonly FunnelFact[]): Funnel {
  const totals = emptyRow('all', '合计');
  const byTrack = new Map<string, FunnelRow>();
  const byRegion = new Map<string, FunnelRow>();
  for (const fact of facts) {
    add(totals, fact);
    const trackKey = fact.trackId ?? 'none';
    if (!byTrack.has(trackKey)) byTrack.set(trackKey, emptyRow(trackKey, fact.trackName ?? '未关联赛道'));
    add(byTrack.get(trackKey)!, fact);
    const region = fact.region?.trim() || '';
    const regionKey = region || 'none';
    if (!byRegion.has(regionKey)) byRegion.set(regionKey, emptyRow(regionKey, region || '未填地区'));
    add(byRegion.get(regionKey)!, fact);
  }
  const conversion = {} as Record<FunnelStage, number | null>;
  funnelStages.forEach((stage, i) => {
    const previous = i === 0 ? 0 : totals.stages[funnelStages[i - 1]!].count;
    conversion[stage] = i === 0 || previous === 0 ? null : Math.round((totals.stages[stage].count / previous) * 1000) / 1000;
  });
  return { totals, byTrack: sorted(byTrack.values(), 'none'), byRegion: sorted(byRegion.values(), 'none'), conversion };
}
