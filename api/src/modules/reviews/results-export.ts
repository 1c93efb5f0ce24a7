import ExcelJS from 'exceljs';
import type { RoundResults } from './compute-results.ts';

/** 评审结果 as an Excel workbook: one row per project, raw and normalised totals side by side, then the outliers. */
export async function resultsWorkbook(results: RoundResults & { frozen: boolean; snapshotHash: string | null }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '数据要素×大赛 揭榜挂帅平台';
  const sheet = wb.addWorksheet('评审结果');
  sheet.columns = [
    { header: '赛道', key: 'track', width: 14 },
    { header: '赛题 / 子赛题', key: 'target', width: 36 },
    { header: '项目', key: 'project', width: 32 },
    { header: '团队', key: 'team', width: 20 },
    { header: '类型', key: 'kind', width: 10 },
    { header: '企业评分（需求匹配度）', key: 'enterprise', width: 14 },
    { header: '专家评分', key: 'experts', width: 28 },
    { header: '专家平均分', key: 'expertMean', width: 12 },
    { header: '原始总分', key: 'raw', width: 12 },
    { header: '标准化总分', key: 'normalised', width: 12 },
    { header: '子赛题/赛题内排名', key: 'rankSub', width: 12 },
    { header: '赛道内排名', key: 'rankTrack', width: 12 },
    { header: '缺评数', key: 'missing', width: 8 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const i of results.items) {
    sheet.addRow({
      track: i.trackName,
      target: i.demandTitle ? `${i.demandTitle}（${i.enterpriseName ?? ''}）` : i.topicTitle,
      project: i.projectName,
      team: i.teamName,
      kind: i.kind === 'subTopic' ? '子赛题' : '常规赛题',
      enterprise: i.components.enterprise,
      experts: i.components.experts.map((e) => `${e.reviewerName} ${e.score}（标准化 ${e.normalised}）`).join('；'),
      expertMean: i.components.expertMean,
      raw: i.rawTotal,
      normalised: i.normalisedTotal,
      rankSub: i.rankInSubTopic,
      rankTrack: i.rankInTrack,
      missing: i.missing,
    });
  }
  sheet.addRow([]);
  sheet.addRow([
    `排名依据：${results.rankBy === 'raw' ? '原始总分' : '标准化总分'}；企业/专家权重 ${results.weights.enterprise}/${results.weights.expert}；${results.tieBreakRule}`,
  ]);
  if (results.frozen) sheet.addRow([`已冻结，快照 SHA-256：${results.snapshotHash}`]);

  const out = wb.addWorksheet('离群评分');
  out.columns = [
    { header: '评审专家', key: 'reviewer', width: 16 },
    { header: '项目', key: 'project', width: 32 },
    { header: '评分', key: 'score', width: 10 },
    { header: '评审组平均', key: 'mean', width: 12 },
    { header: '偏差', key: 'diff', width: 10 },
  ];
  out.getRow(1).font = { bold: true };
  for (const o of results.outliers)
    out.addRow({ reviewer: o.reviewerName, project: o.projectName, score: o.score, mean: o.panelMean, diff: o.diff });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
