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
 * the round closed; then, through the results module's API, everyone advances and passes
 * verification, the final round is scored and closed, and 一、二、三等奖 are proposed and approved.
 */
export interface PublicityWorld extends ReviewWorld {
  bids: Bid[];
  experts: SignedUp[];
  roundId: string;
  /** Awards by rank: first, second, third (projects ranked 1–3 in the track). */
  awards: { id: string; projectId: string; level: string }[];
  /** The final round. */
  finalRoundId: string;
  /** The best-ranked finalist without an award (the next one when a place moves). */
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

  // The results module's flow, through its API: everyone advances, verification passes, the final
  // round is scored and closed, awards (1 + 1 + 1 of 5 teams) are proposed and approved.
  const c = w.committee.client;
  const ok = async (res: Promise<{ statusCode: number; body: string; json(): unknown }>) => {
    const r = await res;
    expect([200, 201], r.body).toContain(r.statusCode);
    return r.json() as never;
  };
  await ok(
    c.put(`/api/editions/${w.editionId}/result-settings`, {
      advancementMode: 'ratio',
      advancementRatio: 1,
      awardRatios: { first: 0.2, second: 0.2, third: 0.2, special: 0 },
    }),
  );
  await ok(c.post(`/api/review-rounds/${round.id}/advancement`));
  await ok(c.post(`/api/review-rounds/${round.id}/advancement/confirm`));
  clock.now = at(w.phases.verification!.start, 3600_000);
  const { items: finalists } = (await ok(c.get(`/api/editions/${w.editionId}/finalists`))) as { items: { id: string }[] };
  expect(finalists).toHaveLength(5);
  for (const f of finalists) await ok(c.post(`/api/finalists/${f.id}/verification`, { passed: true }));
  const final = await openRound(w, 'final');
  for (const x of experts) {
    await assign(w, final.id, { demandId: w.demandId }, x.id);
    for (const b of bids.slice(2)) await assign(w, final.id, { projectId: b.projectId }, x.id);
  }
  clock.now = at(w.phases.final!.start, 3600_000);
  const live = async (reviewer: SignedUp, projectId: string) =>
    (
      (await reviewer.client.get('/api/review-tasks?mine=1')).json().items as { id: string; roundId: string; project: { id: string } }[]
    ).find((x) => x.roundId === final.id && x.project.id === projectId)!.id;
  const finalScores = [
    [86, 80, 84, 76, 70],
    [90, 84, 88, 80, 74],
  ];
  for (const [i, b] of bids.slice(0, 2).entries())
    await scoreTask(w.enterprise, await live(w.enterprise, b.projectId), [85, 80][i]!, '企业路演意见：方案可落地。');
  for (const [xi, x] of experts.entries()) {
    for (const [bi, b] of bids.entries())
      await scoreTask(x, await live(x, b.projectId), finalScores[xi]![bi]!, EXPERT_COMMENTS[(xi + bi + 1) % 3]);
  }
  await ok(c.post(`/api/review-rounds/${final.id}/close`));
  await ok(c.post(`/api/editions/${w.editionId}/awards/propose`));
  await ok(c.post(`/api/editions/${w.editionId}/awards/approve`));
  const awardList = (await ok(c.get(`/api/editions/${w.editionId}/awards`))) as {
    items: { id: string; projectId: string; level: string; finalRank: number }[];
  };
  const order = { first: 0, second: 1, third: 2, special: 3 } as Record<string, number>;
  const awards = awardList.items
    .sort((a, b) => order[a.level]! - order[b.level]!)
    .map((a) => ({ id: a.id, projectId: a.projectId, level: a.level }));
  expect(awards.map((a) => a.level)).toEqual(['first', 'second', 'third']);
  const finalResults = (await ok(c.get(`/api/review-rounds/${final.id}/results`))) as {
    items: { projectId: string; rankInTrack: number }[];
  };
  const fourth = finalResults.items
    .filter((i) => !awards.some((a) => a.projectId === i.projectId))
    .sort((a, b) => a.rankInTrack - b.rankInTrack)[0]!.projectId;
  return { ...w, bids, experts, roundId: round.id, finalRoundId: final.id, awards, fourth };
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
