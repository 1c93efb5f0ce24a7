/** The dossier's readable summary (summary.html): what the archive holds, in Chinese, self-contained. */
export interface SummaryInput {
  edition: { name: string; year: number };
  generatedAt: string;
  projects: number;
  eligible: number;
  rounds: { stage: string; status: string; projects: number; submitted: number; conflicts: number; hash: string | null; top: string[] }[];
  finalists: number;
  awards: { track: string; level: string; status: string; project: string; team: string }[];
  notice: { start: string; end: string } | null;
  reports: { status: string; ruling: string | null }[];
  decisions: number;
  files: string[];
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const beijing = (iso: string) => new Date(Date.parse(iso) + 8 * 3600 * 1000).toISOString().slice(0, 16).replace('T', ' ');
const stageLabel: Record<string, string> = { preliminary: '初赛评审', final: '决赛路演' };
const levelLabel: Record<string, string> = { first: '一等奖', second: '二等奖', third: '三等奖', special: '特色单项奖' };
const awardStatus: Record<string, string> = { proposed: '拟定', approved: '已批准', revoked: '已撤销' };
const reportStatus: Record<string, string> = { pending: '待裁定', upheld: '举报成立', rejected: '举报不成立' };

export function summaryHtml(s: SummaryInput): string {
  const rows = (cells: string[][]) => cells.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(s.edition.name)} · 评审留档</title>
<style>body{font-family:"Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;max-width:960px;margin:24px auto;padding:0 16px;color:#1b2a41}
table{border-collapse:collapse;width:100%;margin:8px 0 20px}td,th{border:1px solid #c9d3e0;padding:4px 8px;text-align:left;font-size:14px}
th{background:#eef3f9}h1{font-size:22px}h2{font-size:18px;margin-top:28px}code{font-size:12px;word-break:break-all}</style></head>
<body>
<h1>${esc(s.edition.name)} · 评审全过程留档（留档备查）</h1>
<p>生成时间：${esc(beijing(s.generatedAt))}（北京时间）。本档案包含参赛项目及其提交版本、资格审查结论、利益相关性审查与声明、评审分配、每一份评分（时间与评审人）、标准化、排名、晋级计算、核验与递补日志、决赛成绩、奖项、公示、举报与裁定。每个文件的 SHA-256 列于 manifest.json 与 sha256sums；解压后运行 <code>sha256sum -c sha256sums</code> 或 <code>npm run dossier:verify -- 档案.zip</code> 可检查是否被改动。</p>
<h2>概况</h2>
<table>${rows([
    ['参赛项目', String(s.projects)],
    ['通过资格审查', String(s.eligible)],
    ['晋级决赛（含递补）', String(s.finalists)],
    ['决策日志条目', String(s.decisions)],
    ['公示期', s.notice ? `${beijing(s.notice.start)} 至 ${beijing(s.notice.end)}` : '未公示'],
  ])}</table>
<h2>评审轮次</h2>
<table><tr><th>阶段</th><th>状态</th><th>项目数</th><th>已提交评分</th><th>利益冲突记录</th><th>快照哈希</th><th>各赛道第一名</th></tr>
${s.rounds.map((r) => `<tr><td>${esc(stageLabel[r.stage] ?? r.stage)}</td><td>${r.status === 'closed' ? '已关闭' : '进行中'}</td><td>${r.projects}</td><td>${r.submitted}</td><td>${r.conflicts}</td><td><code>${esc(r.hash ?? '—')}</code></td><td>${esc(r.top.join('；') || '—')}</td></tr>`).join('')}</table>
<h2>奖项</h2>
<table><tr><th>赛道</th><th>等级</th><th>项目</th><th>团队</th><th>状态</th></tr>
${rows(s.awards.map((a) => [a.track, levelLabel[a.level] ?? a.level, a.project, a.team, awardStatus[a.status] ?? a.status]))}</table>
<h2>举报与裁定</h2>
${s.reports.length ? `<table><tr><th>#</th><th>结果</th><th>裁定意见</th></tr>${rows(s.reports.map((r, i) => [String(i + 1), reportStatus[r.status] ?? r.status, r.ruling ?? '—']))}</table>` : '<p>公示期内未收到举报。</p>'}
<h2>文件清单</h2>
<ul>${s.files.map((f) => `<li><code>${esc(f)}</code></li>`).join('')}</ul>
</body></html>
`;
}
