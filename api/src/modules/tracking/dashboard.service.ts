import ExcelJS from 'exceljs';
import type { DB } from '../../db/database.ts';
import type { UserRow } from '../../db/schema.ts';
import { notFound } from '../../errors.ts';
import { buildFunnel, funnelStageLabels, funnelStages, type FunnelFact, type FunnelRow, type FunnelStage } from './dashboard.funnel.ts';
import * as repo from './dashboard.repository.ts';
import { assertOverseer } from './tracking-console.service.ts';

/** What the amount of each stage is (null: the stage is counted only). */
export const stageAmountLabels: Record<FunnelStage, string | null> = {
  demands: '子赛题预算',
  bids: null,
  awards: null,
  intents: null,
  contracts: '签约金额',
  implementations: '实施预算',
  accepted: '验收项目预算',
};

const num = (v: string | number | null) => (v === null ? null : Number(v));

/** Every counted thing of the edition as a funnel fact (one query per stage). */
export async function funnelFacts(db: DB, editionId: string): Promise<FunnelFact[]> {
  const [demands, bids, awards, meetings, implementations] = await Promise.all([
    repo.publishedDemands(db, editionId),
    repo.submittedBids(db, editionId),
    repo.approvedAwards(db, editionId),
    repo.fairOutcomes(db, editionId),
    repo.implementationFacts(db, editionId),
  ]);
  const base = (r: { track_id: string | null; track_name: string | null; region: string | null }) => ({
    trackId: r.track_id,
    trackName: r.track_name,
    region: r.region,
  });
  const facts: FunnelFact[] = [
    ...demands.map((r) => ({ stage: 'demands' as const, ...base(r), amountWan: num(r.amount_wan) })),
    ...bids.map((r) => ({ stage: 'bids' as const, ...base(r), amountWan: null })),
    ...awards.map((r) => ({ stage: 'awards' as const, ...base(r), amountWan: null })),
  ];
  for (const m of meetings) {
    // A meeting counts once: as a contract when a side recorded 签约, else as an intent.
    if (m.signed) facts.push({ stage: 'contracts', ...base(m), amountWan: num(m.amount_wan) });
    else facts.push({ stage: 'intents', ...base(m), amountWan: null });
  }
  for (const i of implementations) {
    facts.push({ stage: 'implementations', ...base(i), amountWan: num(i.amount_wan), releasedWan: Number(i.released_wan) });
    if (i.status === 'accepted' || i.status === 'closed') facts.push({ stage: 'accepted', ...base(i), amountWan: num(i.amount_wan) });
  }
  return facts;
}

/** 成效看板: the funnel of one edition, in total, per track and per region (committee, supervisor). */
export async function getTrackingDashboard(db: DB, user: UserRow, editionId: string, now: Date) {
  assertOverseer(user);
  const edition = await repo.findEdition(db, editionId);
  if (!edition) throw notFound('赛事');
  const funnel = buildFunnel(await funnelFacts(db, editionId));
  return {
    editionId,
    editionName: edition.name,
    asOf: now.toISOString(),
    stages: funnelStages.map((key) => ({ key, label: funnelStageLabels[key], amountLabel: stageAmountLabels[key] })),
    ...funnel,
  };
}

const columns = funnelStages.flatMap((stage) => [
  { header: funnelStageLabels[stage], key: `${stage}Count`, width: 12 },
  ...(stageAmountLabels[stage] ? [{ header: `${stageAmountLabels[stage]}（万元）`, key: `${stage}Amount`, width: 16 }] : []),
]);

function flat(row: FunnelRow) {
  const out: Record<string, string | number> = { label: row.label, releasedWan: row.releasedWan };
  for (const stage of funnelStages) {
    out[`${stage}Count`] = row.stages[stage].count;
    out[`${stage}Amount`] = row.stages[stage].amountWan;
  }
  return out;
}

/** The dashboard as an Excel workbook: the funnel, per track, per region. */
export async function trackingDashboardWorkbook(db: DB, user: UserRow, editionId: string, now: Date) {
  const d = await getTrackingDashboard(db, user, editionId, now);
  const wb = new ExcelJS.Workbook();
  wb.creator = '数据要素×揭榜挂帅平台';
  const funnel = wb.addWorksheet('转化漏斗');
  funnel.columns = [
    { header: '环节', key: 'stage', width: 20 },
    { header: '数量', key: 'count', width: 10 },
    { header: '金额（万元）', key: 'amount', width: 14 },
    { header: '金额口径', key: 'amountLabel', width: 16 },
    { header: '较上一环节', key: 'conversion', width: 12 },
  ];
  funnel.getRow(1).font = { bold: true };
  for (const s of d.stages) {
    const c = d.conversion[s.key];
    funnel.addRow({
      stage: s.label,
      count: d.totals.stages[s.key].count,
      amount: s.amountLabel ? d.totals.stages[s.key].amountWan : '',
      amountLabel: s.amountLabel ?? '',
      conversion: c === null ? '' : `${Math.round(c * 1000) / 10}%`,
    });
  }
  funnel.addRow({ stage: '已拨付资金（按验收里程碑）', amount: d.totals.releasedWan, amountLabel: '里程碑拨付' });
  funnel.addRow([]);
  funnel.addRow([`${d.editionName} · 统计时间 ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC`]);
  const table = (name: string, first: string, rows: FunnelRow[]) => {
    const ws = wb.addWorksheet(name);
    ws.columns = [{ header: first, key: 'label', width: 24 }, ...columns, { header: '已拨付（万元）', key: 'releasedWan', width: 14 }];
    ws.getRow(1).font = { bold: true };
    for (const r of [...rows, d.totals]) ws.addRow(flat(r));
  };
  table('按赛道', '赛道', d.byTrack);
  table('按地区', '地区（需求企业）', d.byRegion);
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return { buffer, fileName: `${d.editionName}-成效看板.xlsx` };
}
