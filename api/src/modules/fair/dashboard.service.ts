import ExcelJS from 'exceljs';
import type { DB } from '../../db/database.ts';
import type { UserRow } from '../../db/schema.ts';
import { assertOverseer } from './fair-access.ts';
import type { DashboardRow } from './fair.schemas.ts';
import { listMeetingsForDashboard } from './dashboard.repository.ts';
import * as repo from './fair.repository.ts';
import { loadFair } from './fairs.service.ts';
import { beijingLocal } from './slots.ts';

type Item = Awaited<ReturnType<typeof listMeetingsForDashboard>>[number] & {
  outcomes: { result: 'none' | 'intent' | 'signed'; amount: number | null }[];
};

const emptyRow = (key: string, label: string): DashboardRow => ({
  key,
  label,
  meetings: 0,
  placed: 0,
  held: 0,
  checkIns: 0,
  noShows: 0,
  intents: 0,
  contracts: 0,
  amountWan: 0,
});

/** Adds one meeting to a row: held = both sides checked in; a contract counts once per meeting (the larger amount the sides recorded). */
function add(row: DashboardRow, m: Item) {
  row.meetings += 1;
  if (m.slot_id) row.placed += 1;
  const ins = Number(!!m.enterprise_checked_in_at) + Number(!!m.team_checked_in_at);
  row.checkIns += ins;
  if (ins === 2) row.held += 1;
  row.noShows += Number(!!m.enterprise_no_show_at) + Number(!!m.team_no_show_at);
  const signed = m.outcomes.filter((o) => o.result === 'signed');
  if (signed.length) {
    row.contracts += 1;
    row.amountWan = Math.round((row.amountWan + Math.max(...signed.map((o) => o.amount ?? 0))) * 100) / 100;
  } else if (m.outcomes.some((o) => o.result === 'intent')) row.intents += 1;
}

/** 对接会看板: meetings held, check-ins, no-shows, intents, contracts and amounts, per track and per sub-topic. */
export async function getDashboard(db: DB, user: UserRow, fairId: string, now: Date) {
  assertOverseer(user);
  const fair = await loadFair(db, fairId);
  await repo.recordNoShows(db, fairId, fair.checkin_grace_minutes, now);
  const meetings = await listMeetingsForDashboard(db, fairId);
  const outcomes = await repo.listOutcomes(
    db,
    meetings.map((m) => m.id),
  );
  const items: Item[] = meetings.map((m) => ({
    ...m,
    outcomes: outcomes
      .filter((o) => o.meeting_id === m.id)
      .map((o) => ({ result: o.result, amount: o.amount_wan === null ? null : Number(o.amount_wan) })),
  }));
  const totals = emptyRow('all', '合计');
  const byTrack = new Map<string, DashboardRow>();
  const byDemand = new Map<string, DashboardRow & { trackLabel: string }>();
  for (const m of items) {
    add(totals, m);
    const trackKey = m.track_id ?? 'none';
    const trackLabel = m.track_name ?? '未关联赛道';
    if (!byTrack.has(trackKey)) byTrack.set(trackKey, emptyRow(trackKey, trackLabel));
    add(byTrack.get(trackKey)!, m);
    const demandKey = m.demand_id ?? `none:${trackKey}`;
    if (!byDemand.has(demandKey)) byDemand.set(demandKey, { ...emptyRow(demandKey, m.demand_title ?? '（未关联子赛题）'), trackLabel });
    add(byDemand.get(demandKey)!, m);
  }
  const sort = <T extends DashboardRow>(rows: T[]) => rows.sort((a, b) => b.meetings - a.meetings || a.label.localeCompare(b.label, 'zh'));
  return { fairId, totals, byTrack: sort([...byTrack.values()]), byDemand: sort([...byDemand.values()]), items };
}

const columns = [
  { header: '会谈场次', key: 'meetings' },
  { header: '已排定', key: 'placed' },
  { header: '已举行（双方签到）', key: 'held' },
  { header: '签到人次', key: 'checkIns' },
  { header: '缺席人次', key: 'noShows' },
  { header: '有意向', key: 'intents' },
  { header: '签约', key: 'contracts' },
  { header: '签约金额（万元）', key: 'amountWan' },
] as const;

const resultLabels = { none: '无意向', intent: '有意向', signed: '签约' } as const;

/** The dashboard as an Excel workbook: by track, by sub-topic, and every meeting. */
export async function dashboardWorkbook(db: DB, user: UserRow, fairId: string, now: Date): Promise<{ buffer: Buffer; fileName: string }> {
  const fair = await loadFair(db, fairId);
  const { totals, byTrack, byDemand, items } = await getDashboard(db, user, fairId, now);
  const wb = new ExcelJS.Workbook();
  wb.creator = '数据要素×揭榜挂帅平台';
  const sheet = (name: string, first: { header: string; key: string; width: number }[], rows: Record<string, unknown>[]) => {
    const ws = wb.addWorksheet(name);
    ws.columns = [...first, ...columns.map((c) => ({ header: c.header, key: c.key, width: 14 }))];
    ws.getRow(1).font = { bold: true };
    for (const row of rows) ws.addRow(row);
    return ws;
  };
  sheet('按赛道', [{ header: '赛道', key: 'label', width: 28 }], [...byTrack, totals]);
  sheet(
    '按子赛题',
    [
      { header: '子赛题', key: 'label', width: 48 },
      { header: '赛道', key: 'trackLabel', width: 20 },
    ],
    byDemand,
  );
  const detail = wb.addWorksheet('会谈明细');
  detail.columns = [
    { header: '时间（北京）', key: 'time', width: 18 },
    { header: '桌号', key: 'table', width: 8 },
    { header: '需求企业', key: 'enterprise', width: 32 },
    { header: '参赛团队', key: 'team', width: 24 },
    { header: '子赛题', key: 'demand', width: 40 },
    { header: '赛道', key: 'track', width: 16 },
    { header: '企业签到', key: 'eIn', width: 10 },
    { header: '团队签到', key: 'tIn', width: 10 },
    { header: '结果', key: 'result', width: 16 },
    { header: '签约金额（万元）', key: 'amount', width: 16 },
  ];
  detail.getRow(1).font = { bold: true };
  for (const m of items) {
    const best = m.outcomes.find((o) => o.result === 'signed') ?? m.outcomes.find((o) => o.result === 'intent') ?? m.outcomes[0];
    detail.addRow({
      time: m.starts_at ? beijingLocal(m.starts_at).replace('T', ' ') : '未排定',
      table: m.table_no ?? '',
      enterprise: m.enterprise_name ?? '',
      team: m.team_name ?? '',
      demand: m.demand_title ?? '',
      track: m.track_name ?? '',
      eIn: m.enterprise_checked_in_at ? '是' : m.enterprise_no_show_at ? '缺席' : '',
      tIn: m.team_checked_in_at ? '是' : m.team_no_show_at ? '缺席' : '',
      result: best ? resultLabels[best.result] : '',
      amount: best?.result === 'signed' ? best.amount : '',
    });
  }
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return { buffer, fileName: `${fair.name}-对接会看板.xlsx` };
}
