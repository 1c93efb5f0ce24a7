import type { Client, SignedUp, TestApp } from './app.ts';
import { fairBody, fairWorld, onFairDay, type FairWorld } from './fair.ts';
import { multipart } from './teams.ts';

export interface ImplementationWorld extends FairWorld {
  fairId: string;
  /** A meeting of enterprise A with team1 on A's sub-topic where both sides recorded 签约 (amount 60 万元). */
  signedMeeting: string;
  /** A meeting of enterprise A with team2 with only 有意向. */
  intentMeeting: string;
}

/**
 * The fair world (enterprise A's published sub-topic, team1 bidding on it) plus a
 * docking fair where A signs with team1 — every step through the API, the clock moved
 * to the fair's day so outcomes can be recorded.
 */
export async function implementationWorld(t: TestApp, setNow: (d: Date) => void): Promise<ImplementationWorld> {
  const w = await fairWorld(t);
  const fairId = (await w.committee.client.post(`/api/editions/${w.editionId}/fairs`, fairBody({ maxMeetingsPerParticipant: 5 }))).json()
    .id;
  const pA = (await w.entA.client.post(`/api/fairs/${fairId}/participants`, { orgId: w.orgA })).json().id;
  const p1 = (await w.lead1.client.post(`/api/fairs/${fairId}/participants`, { teamId: w.team1 })).json().id;
  const p2 = (await w.lead2.client.post(`/api/fairs/${fairId}/participants`, { teamId: w.team2 })).json().id;
  const meet = async (from: SignedUp, fromId: string, to: SignedUp, toId: string, demandId?: string) => {
    const r = await from.client.post(`/api/fairs/${fairId}/requests`, {
      fromParticipantId: fromId,
      toParticipantId: toId,
      message: '约见',
      demandId,
    });
    if (r.statusCode !== 201) throw new Error(r.body);
    const a = await to.client.post(`/api/meeting-requests/${r.json().id}/accept`);
    if (a.statusCode !== 200) throw new Error(a.body);
    return a.json().meetingId as string;
  };
  const signedMeeting = await meet(w.lead1, p1, w.entA, pA, w.demandA);
  const intentMeeting = await meet(w.lead2, p2, w.entA, pA);
  const s = await w.committee.client.post(`/api/fairs/${fairId}/schedule`, {});
  if (s.statusCode !== 200) throw new Error(s.body);
  setNow(onFairDay('12:00'));
  for (const [who, m, body] of [
    [w.lead1, signedMeeting, { result: 'signed', amountWan: 60, note: '签订实施协议' }],
    [w.entA, signedMeeting, { result: 'signed', amountWan: 60, note: '签订实施协议' }],
    [w.entA, intentMeeting, { result: 'intent', note: '' }],
  ] as const) {
    const r = await who.client.post(`/api/meetings/${m}/outcome`, body);
    if (r.statusCode !== 200) throw new Error(r.body);
  }
  return { ...w, fairId, signedMeeting, intentMeeting };
}

export function uploadEvidence(client: Client, milestoneId: string, fileName: string, content: Buffer) {
  const { payload, headers } = multipart({ fileName, content });
  return client.request('POST', `/api/milestones/${milestoneId}/evidence`, payload, headers);
}

export interface PlanMilestone {
  title: string;
  deliverables: string;
  dueDate: string;
  budgetShare: number;
  criteria: {
    ref: number | null;
    text?: string;
    target: { metric: string; comparator: 'gte' | 'lte' | 'eq'; value: number; unit: string } | null;
  }[];
}

/** Two milestones over the fair world's sub-topic (criterion 0: MAPE ≤ 10 %, criterion 1: 30 days' run). */
export function twoMilestones(budgetWan = 60): { budgetWan: number; budgetNote: string; milestones: PlanMilestone[] } {
  return {
    budgetWan,
    budgetNote: '',
    milestones: [
      {
        title: '预测模型回测',
        deliverables: '预测模型与回测报告',
        dueDate: '2026-12-31',
        budgetShare: 40,
        criteria: [{ ref: 0, target: { metric: 'MAPE', comparator: 'lte', value: 10, unit: '%' } }],
      },
      {
        title: '沙箱试运行',
        deliverables: '排产系统与 30 天运行日志',
        dueDate: '2027-03-31',
        budgetShare: 60,
        criteria: [
          { ref: 1, target: { metric: '连续运行', comparator: 'gte', value: 30, unit: '天' } },
          { ref: null, text: '操作手册经企业生产部确认', target: null },
        ],
      },
    ],
  };
}
