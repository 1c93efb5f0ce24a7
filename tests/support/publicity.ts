import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { Client, SignedUp, TestApp } from './app.ts';
import {
  addExpert,
  assign,
  at,
  createReviewWorld,
  openRound,
  scoreTask,
  submittedBid,
  taskOf,
  type Bid,
  type ReviewWorld,
} from './reviews.ts';
import { tinyPdf } from './teams.ts';

/**
 * A world after the preliminary review, for publicity, reports, feedback and the dossier:
 * two sub-topic bids and three regular projects scored by the enterprise and two experts,
 * the round closed, and approved awards for the top three of the track (written straight
 * into `awards`: proposing and approving awards is the results module's, tested there).
 */
export interface PublicityWorld extends ReviewWorld {
  bids: Bid[];
  experts: SignedUp[];
  roundId: string;
  /** Awards by rank: first, second, third (projects ranked 1–3 in the track). */
  awards: { id: string; projectId: string; level: string }[];
  /** The project ranked 4th (the next one when a place moves). */
  fourth: string;
}

export const EXPERT_COMMENTS = ['方案数据融合思路清晰，建议补充安全评估。', '技术路线可行，创新点突出。', '应用成效数据翔实。'];

export async function createPublicityWorld(t: TestApp, clock: { now: Date }): Promise<PublicityWorld> {
  const w = await createReviewWorld(t);
  const bids = [
    await submittedBid(t, w, { demandId: w.demandId }, { name: '钢铁能耗揭榜方案' }),
    await submittedBid(t, w, { demandId: w.demandId }, { name: '能耗预测揭榜方案' }),
    await submittedBid(t, w, { topicId: w.topicId }, { name: '工业数据空间平台' }),
    await submittedBid(t, w, { topicId: w.topicId }, { name: '质量追溯数据链' }),
    await submittedBid(t, w, { topicId: w.topicId }, { name: '设备画像平台' }),
  ];
  const experts = [await addExpert(t, w, {}, '专家甲'), await addExpert(t, w, {}, '专家乙')];
  const round = await openRound(w);
  for (const x of experts) {
    await assign(w, round.id, { demandId: w.demandId }, x.id);
    for (const b of bids.slice(2)) await assign(w, round.id, { projectId: b.projectId }, x.id);
  }
  clock.now = at(w.phases.preliminaryReview!.start, 3600_000);
  const enterpriseScores = [88, 76];
  for (const [i, b] of bids.slice(0, 2).entries()) {
    await scoreTask(w.enterprise, (await taskOf(w.enterprise, b.projectId))!.id, enterpriseScores[i]!, '企业评语：与本企业需求高度匹配。');
  }
  // Distinct totals so the ranking is strict: expert 甲 scores lower than 乙 across the board.
  const expertScores = [
    [80, 85, 84, 70, 74],
    [86, 88, 90, 78, 80],
  ];
  for (const [xi, x] of experts.entries()) {
    for (const [bi, b] of bids.entries()) {
      await scoreTask(x, (await taskOf(x, b.projectId))!.id, expertScores[xi]![bi]!, EXPERT_COMMENTS[(xi + bi) % 3]);
    }
  }
  const closed = await w.committee.client.post(`/api/review-rounds/${round.id}/close`);
  expect(closed.statusCode, closed.body).toBe(200);
  const results = (await w.committee.client.get(`/api/review-rounds/${round.id}/results`)).json();
  const ranked = [...results.items].sort((a: { rankInTrack: number }, b: { rankInTrack: number }) => a.rankInTrack - b.rankInTrack);
  const levels = ['first', 'second', 'third'] as const;
  const awards = [];
  for (const [i, level] of levels.entries()) {
    const item = ranked[i] as { projectId: string; demandId: string | null; trackId: string; normalisedTotal: number; rankInTrack: number };
    const bid = bids.find((b) => b.projectId === item.projectId)!;
    const row = await t.db
      .insertInto('awards')
      .values({
        edition_id: w.editionId,
        round_id: round.id,
        project_id: item.projectId,
        team_id: bid.teamId,
        track_id: item.trackId,
        demand_id: item.demandId,
        level,
        proposed_level: level,
        status: 'approved',
        final_rank: item.rankInTrack,
        final_score: item.normalisedTotal,
        priority_recommendation: !!item.demandId,
        proposed_by: w.committee.id,
        approved_by: w.committee.id,
        approved_at: clock.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    awards.push({ id: row.id, projectId: item.projectId, level });
  }
  return { ...w, bids, experts, roundId: round.id, awards, fourth: (ranked[3] as { projectId: string }).projectId };
}

/** The committee opens the publicity at the start of the edition's publicity phase. */
export async function openPublicity(w: PublicityWorld, clock: { now: Date }) {
  clock.now = at(w.phases.publicity!.start, 3600_000);
  const res = await w.committee.client.post(`/api/editions/${w.editionId}/publicity`, { start: clock.now.toISOString() });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

export interface ReportInput {
  realName?: string;
  phone?: string;
  content?: string;
  files?: { fileName: string; content: Buffer }[];
}

/** A report as multipart: the text fields, then the evidence files. */
export function fileReport(client: Client, awardId: string, input: ReportInput = {}) {
  const boundary = `----jb${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  const fields = {
    realName: input.realName ?? '张三',
    phone: input.phone ?? '13800138000',
    content: input.content ?? '该项目申报材料中的案例数据与公开报道不符，疑似虚构应用成效。',
  };
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  for (const f of input.files ?? [{ fileName: 'evidence.pdf', content: tinyPdf() }]) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="evidence"; filename="${f.fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      f.content,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return client.request('POST', `/api/awards/${awardId}/reports`, Buffer.concat(parts), {
    'content-type': `multipart/form-data; boundary=${boundary}`,
  });
}
