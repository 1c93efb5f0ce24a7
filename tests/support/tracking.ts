import type { SignedUp, TestApp } from './app.ts';
import { fairBody, fairWorld, onFairDay, type FairWorld } from './fair.ts';
import { isoDate } from './fixtures.ts';
import { uploadEvidence } from './implementations.ts';
import { tinyPdf, upload } from './teams.ts';

export interface TrackingWorld extends FairWorld {
  fairId: string;
  projectId: string;
  /** entA × team1 on A's sub-topic, both sides 签约 60 万元. */
  signed1: string;
  /** entA × team2 on A's sub-topic, 签约 30 万元 (the team side recorded it). */
  signed2: string;
  /** entA × team3, 有意向 only. */
  intent: string;
}

/**
 * The fair world (enterprise A's published sub-topic, budget 80 万元) with team1's bid
 * submitted, and a docking fair where A signs with team1 and team2 and has an intent
 * with team3 — every step through the API; the clock ends on the fair day, 12:00.
 */
export async function trackingWorld(t: TestApp, setNow: (d: Date) => void): Promise<TrackingWorld> {
  const w = await fairWorld(t);
  const projectId = (await t.db.selectFrom('projects').select('id').where('team_id', '=', w.team1).executeTakeFirstOrThrow()).id;
  for (const category of ['qualification', 'responsibility']) {
    const res = await upload(w.lead1.client, projectId, { category, fileName: `${category}.pdf`, content: tinyPdf() });
    if (res.statusCode !== 201) throw new Error(res.body);
  }
  const submitted = await w.lead1.client.post(`/api/projects/${projectId}/submit`);
  if (submitted.statusCode !== 200) throw new Error(submitted.body);

  const fairId = (await w.committee.client.post(`/api/editions/${w.editionId}/fairs`, fairBody({ maxMeetingsPerParticipant: 5 }))).json()
    .id;
  const participant = async (who: SignedUp, body: Record<string, string>) => {
    const r = await who.client.post(`/api/fairs/${fairId}/participants`, body);
    if (r.statusCode !== 201) throw new Error(r.body);
    return r.json().id as string;
  };
  const pA = await participant(w.entA, { orgId: w.orgA });
  const p1 = await participant(w.lead1, { teamId: w.team1 });
  const p2 = await participant(w.lead2, { teamId: w.team2 });
  const p3 = await participant(w.lead3, { teamId: w.team3 });
  const meet = async (from: SignedUp, fromId: string, demandId?: string) => {
    const r = await from.client.post(`/api/fairs/${fairId}/requests`, {
      fromParticipantId: fromId,
      toParticipantId: pA,
      message: '约见',
      demandId,
    });
    if (r.statusCode !== 201) throw new Error(r.body);
    const a = await w.entA.client.post(`/api/meeting-requests/${r.json().id}/accept`);
    if (a.statusCode !== 200) throw new Error(a.body);
    return a.json().meetingId as string;
  };
  const signed1 = await meet(w.lead1, p1, w.demandA);
  const signed2 = await meet(w.lead2, p2, w.demandA);
  const intent = await meet(w.lead3, p3);
  const s = await w.committee.client.post(`/api/fairs/${fairId}/schedule`, {});
  if (s.statusCode !== 200) throw new Error(s.body);
  setNow(onFairDay('12:00'));
  for (const [who, m, body] of [
    [w.lead1, signed1, { result: 'signed', amountWan: 60, note: '签订实施协议' }],
    [w.entA, signed1, { result: 'signed', amountWan: 60, note: '签订实施协议' }],
    [w.lead2, signed2, { result: 'signed', amountWan: 30, note: '签订试点协议' }],
    [w.entA, intent, { result: 'intent', note: '' }],
  ] as const) {
    const r = await who.client.post(`/api/meetings/${m}/outcome`, body);
    if (r.statusCode !== 200) throw new Error(r.body);
  }
  return { ...w, fairId, projectId, signed1, signed2, intent };
}

const ok = async <T = Record<string, unknown>>(p: Promise<{ statusCode: number; body: string; json(): unknown }>, status = 200) => {
  const res = await p;
  if (res.statusCode !== status) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json() as T;
};

/** A plan over the world's sub-topic (criterion 0: MAPE ≤ 10 %, criterion 1: 30 days' run), due `days` days after the fair. */
export function plan(budgetWan: number, shares: number[] = [40, 60], days = [40, 120]) {
  const criteria = [
    [{ ref: 0, target: { metric: 'MAPE', comparator: 'lte', value: 10, unit: '%' } }],
    [{ ref: 1, target: { metric: '连续运行', comparator: 'gte', value: 30, unit: '天' } }],
  ];
  return {
    budgetWan,
    budgetNote: '',
    milestones: shares.map((share, i) => ({
      title: i === 0 ? '预测模型回测' : '沙箱试运行',
      deliverables: i === 0 ? '预测模型与回测报告' : '排产系统与 30 天运行日志',
      dueDate: isoDate(10 + days[i]!),
      budgetShare: share,
      criteria: shares.length === 1 ? criteria.flat() : criteria[i]!,
    })),
  };
}

type Impl = { id: string; milestones: { id: string }[]; plan: { digest: string } };

/** Opens an implementation (enterprise) from a fair signing or an award, writes the plan, both sides agree. */
export async function agreedImplementation(
  enterprise: SignedUp,
  team: SignedUp,
  source: { source: 'fair_signing' | 'award'; sourceId: string },
  body = plan(60),
) {
  const opened = await ok<Impl>(enterprise.client.post('/api/implementations', source), 201);
  await ok(enterprise.client.put(`/api/implementations/${opened.id}/plan`, body));
  const detail = await ok<Impl>(enterprise.client.get(`/api/implementations/${opened.id}`));
  await ok(enterprise.client.post(`/api/implementations/${opened.id}/plan/agree`, { digest: detail.plan.digest }));
  await ok(team.client.post(`/api/implementations/${opened.id}/plan/agree`, { digest: detail.plan.digest }));
  return { id: opened.id, milestones: detail.milestones.map((m) => m.id) };
}

/** The team delivers a milestone (evidence + figures), the enterprise accepts it. */
export async function deliverMilestone(
  enterprise: SignedUp,
  team: SignedUp,
  milestoneId: string,
  figures: { criterion: number; value: number }[],
) {
  await ok(uploadEvidence(team.client, milestoneId, '交付报告.pdf', tinyPdf()), 201);
  await ok(team.client.post(`/api/milestones/${milestoneId}/submit`, { note: '按计划交付', figures }));
  return ok<Record<string, unknown>>(enterprise.client.post(`/api/milestones/${milestoneId}/review`, { decision: 'accept', reason: '' }));
}
