import ExcelJS from 'exceljs';
import type { DB } from '../../db/database.ts';
import { roundResults } from '../reviews/close-review-round.ts';
import * as adv from './advancement.repository.ts';
import type { StoredComputation } from './advancement.service.ts';
import { awardsOverview, levelLabels } from './awards.service.ts';
import { listFinalists } from './finalists.service.ts';
import * as repo from './results.repository.ts';

const outcomeLabels = { reserved: '晋级（子赛题保留名额）', regular: '晋级（常规名额）', out: '未晋级', unscored: '未完成评分' } as const;
const statusLabels = { pending: '待核验', passed: '通过核验', failed: '未通过核验', withdrawn: '已退出' } as const;
const awardStatusLabels = { proposed: '拟定', approved: '已审定', revoked: '已撤销' } as const;

function header(sheet: ExcelJS.Worksheet, columns: { header: string; key: string; width: number }[]) {
  sheet.columns = columns;
  sheet.getRow(1).font = { bold: true };
}

/** 排名与获奖 as one workbook: advancement computation, finalists, final ranking, awards. */
export async function editionResultsWorkbook(db: DB, editionId: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '数据要素×大赛 揭榜挂帅平台';

  const preliminary = await repo.roundOfStage(db, editionId, 'preliminary');
  const advancement = preliminary ? await adv.findByRound(db, preliminary.id) : undefined;
  const s1 = wb.addWorksheet('初赛排名与晋级');
  header(s1, [
    { header: '赛道', key: 'track', width: 14 },
    { header: '赛道排名', key: 'rank', width: 10 },
    { header: '项目', key: 'project', width: 32 },
    { header: '团队', key: 'team', width: 20 },
    { header: '类型', key: 'kind', width: 10 },
    { header: '初赛总分', key: 'total', width: 10 },
    { header: '结果', key: 'outcome', width: 22 },
  ]);
  if (advancement) {
    const c = advancement.computation as StoredComputation;
    for (const t of c.tracks) {
      for (const r of t.ranking)
        s1.addRow({
          track: t.trackName,
          rank: r.rank,
          project: r.projectName,
          team: r.teamName,
          kind: r.kind === 'subTopic' ? '子赛题' : '常规赛题',
          total: r.total,
          outcome: outcomeLabels[r.outcome] + (r.tieExtra ? '（并列增额）' : ''),
        });
      s1.addRow({
        track: t.trackName,
        project: `名额 ${t.quota}（按比例 ${t.exactQuota}，整数部分 ${t.floorQuota}${t.remainderPlace ? '，余数 +1' : ''}），子赛题保留 ${t.reservedPlaces}，常规 ${t.regularPlaces}；分数线 ${t.regularCutoff ?? '—'}（保留名额 ${t.reservedCutoff ?? '—'}）`,
      });
    }
    s1.addRow([]);
    s1.addRow([
      `${c.totalSource}；计算 SHA-256：${advancement.computation_hash}；状态：${advancement.status === 'confirmed' ? '已确认' : '拟定'}`,
    ]);
  }

  const s2 = wb.addWorksheet('晋级与核验');
  header(s2, [
    { header: '赛道', key: 'track', width: 14 },
    { header: '项目', key: 'project', width: 32 },
    { header: '团队', key: 'team', width: 20 },
    { header: '名额类型', key: 'kind', width: 14 },
    { header: '来源', key: 'source', width: 8 },
    { header: '初赛排名', key: 'rank', width: 10 },
    { header: '核验结论', key: 'status', width: 12 },
    { header: '理由', key: 'reason', width: 40 },
  ]);
  for (const f of (await listFinalists(db, editionId)).items)
    s2.addRow({
      track: f.trackName,
      project: f.projectName,
      team: f.teamName,
      kind: f.placeKind === 'reserved' ? '子赛题保留名额' : '常规名额',
      source: f.source === 'backfill' ? '递补' : '首批',
      rank: f.preliminaryRank,
      status: statusLabels[f.status],
      reason: f.verificationReason ?? '',
    });

  const final = await repo.roundOfStage(db, editionId, 'final');
  const s3 = wb.addWorksheet('决赛排名');
  header(s3, [
    { header: '赛道', key: 'track', width: 14 },
    { header: '赛道排名', key: 'rank', width: 10 },
    { header: '项目', key: 'project', width: 32 },
    { header: '团队', key: 'team', width: 20 },
    { header: '企业评分', key: 'enterprise', width: 10 },
    { header: '专家平均分', key: 'expert', width: 10 },
    { header: '原始总分', key: 'raw', width: 10 },
    { header: '标准化总分', key: 'normalised', width: 10 },
  ]);
  if (final) {
    const r = await roundResults(db, final.id);
    for (const i of r.items)
      s3.addRow({
        track: i.trackName,
        rank: i.rankInTrack,
        project: i.projectName,
        team: i.teamName,
        enterprise: i.components.enterprise,
        expert: i.components.expertMean,
        raw: i.rawTotal,
        normalised: i.normalisedTotal,
      });
    s3.addRow([]);
    s3.addRow([
      `排名依据：${r.rankBy === 'raw' ? '原始总分' : '标准化总分'}；${r.frozen ? `已冻结，快照 SHA-256：${r.snapshotHash}` : '评审进行中'}`,
    ]);
  }

  const s4 = wb.addWorksheet('获奖名单');
  header(s4, [
    { header: '赛道', key: 'track', width: 14 },
    { header: '奖项', key: 'level', width: 12 },
    { header: '项目', key: 'project', width: 32 },
    { header: '团队', key: 'team', width: 20 },
    { header: '决赛排名', key: 'rank', width: 10 },
    { header: '决赛总分', key: 'score', width: 10 },
    { header: '优先推荐全国总决赛', key: 'priority', width: 12 },
    { header: '状态', key: 'status', width: 10 },
    { header: '调整/撤销理由', key: 'reason', width: 40 },
  ]);
  for (const a of (await awardsOverview(db, editionId)).items)
    s4.addRow({
      track: a.trackName,
      level: levelLabels[a.level],
      project: a.projectName,
      team: a.teamName,
      rank: a.finalRank,
      score: a.finalScore,
      priority: a.priorityRecommendation ? '是（企业需求子赛题）' : '',
      status: awardStatusLabels[a.status],
      reason: a.revokedReason ?? a.adjustedReason ?? '',
    });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
