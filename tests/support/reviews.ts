import { expect } from 'vitest';
import type { SignedUp, TestApp } from './app.ts';
import { completeDemand, createCatalog, createOrg } from './fixtures.ts';
import { createTeam, fullSections, tinyPdf, upload } from './teams.ts';

/**
 * A review set-up through the API: an edition (review phase 46–55 days ahead), an
 * enterprise with a published sub-topic, submitted bids found eligible, experts in the pool.
 */
export interface ReviewWorld {
  committee: SignedUp;
  supervisor: SignedUp;
  enterprise: SignedUp;
  enterpriseOrgId: string;
  editionId: string;
  trackId: string;
  topicId: string;
  demandId: string;
  phases: Record<string, { start: string; end: string }>;
}

export async function createReviewWorld(t: TestApp): Promise<ReviewWorld> {
  const [committee, supervisor, enterprise] = await Promise.all([
    t.signUp({ roles: ['committee'] }),
    t.signUp({ roles: ['supervisor'] }),
    t.signUp({ displayName: '需求企业管理员' }),
  ]);
  const { editionId, trackId, topicId } = await createCatalog(committee);
  const phases = (await committee.client.get(`/api/editions/${editionId}`)).json().phases;
  const enterpriseOrgId = await createOrg(t, enterprise, 'enterprise', `需求企业${Math.random().toString(36).slice(2, 6)}有限公司`);
  const demandId = await publishDemand(committee, enterprise, topicId, enterpriseOrgId);
  return { committee, supervisor, enterprise, enterpriseOrgId, editionId, trackId, topicId, demandId, phases };
}

export async function publishDemand(
  committee: SignedUp,
  enterprise: SignedUp,
  topicId: string,
  orgId: string,
  overrides: Record<string, unknown> = {},
) {
  const created = await enterprise.client.post('/api/demands', completeDemand(topicId, orgId, overrides));
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  expect((await enterprise.client.post(`/api/demands/${id}/submit`)).statusCode).toBe(200);
  expect((await committee.client.post(`/api/demands/${id}/review`, { decision: 'approve' })).statusCode).toBe(200);
  return id;
}

export interface Bid {
  leader: SignedUp;
  orgId: string;
  teamId: string;
  projectId: string;
  materialIds: string[];
}

/** A team of a fresh organisation submits a complete project; the committee finds it eligible unless told otherwise. */
export async function submittedBid(
  t: TestApp,
  w: ReviewWorld,
  target: { demandId?: string; topicId?: string },
  opts: { name?: string; compliance?: 'eligible' | 'ineligible' | 'pending'; leader?: SignedUp } = {},
): Promise<Bid> {
  const leader = opts.leader ?? (await t.signUp());
  const orgId = await createOrg(t, leader, 'enterprise');
  const team = await createTeam(leader, w.editionId, orgId);
  const created = await leader.client.post('/api/projects', {
    teamId: team.id,
    ...target,
    name: opts.name ?? `揭榜方案${Math.random().toString(36).slice(2, 6)}`,
    sections: fullSections(),
  });
  expect(created.statusCode, created.body).toBe(201);
  const projectId = created.json().id as string;
  const materialIds: string[] = [];
  for (const category of ['qualification', 'responsibility']) {
    const res = await upload(leader.client, projectId, { category, fileName: `${category}.pdf`, content: tinyPdf() });
    expect(res.statusCode, res.body).toBe(201);
    materialIds.push(res.json().id);
  }
  const submitted = await leader.client.post(`/api/projects/${projectId}/submit`);
  expect(submitted.statusCode, submitted.body).toBe(200);
  const compliance = opts.compliance ?? 'eligible';
  if (compliance !== 'pending') {
    const decided = await w.committee.client.post(
      `/api/projects/${projectId}/compliance`,
      compliance === 'eligible' ? { decision: 'eligible' } : { decision: 'ineligible', reason: '材料不全' },
    );
    expect(decided.statusCode, decided.body).toBe(200);
  }
  return { leader, orgId, teamId: team.id, projectId, materialIds };
}

export async function addExpert(t: TestApp, w: ReviewWorld, body: Record<string, unknown> = {}, name?: string) {
  const expert = await t.signUp({ roles: ['expert'], displayName: name });
  const res = await w.committee.client.post('/api/experts', { userId: expert.id, fields: ['工业大数据'], trackIds: [w.trackId], ...body });
  expect(res.statusCode, res.body).toBe(201);
  return expert;
}

export async function openRound(w: ReviewWorld, stage: 'preliminary' | 'final' = 'preliminary') {
  const res = await w.committee.client.post(`/api/editions/${w.editionId}/review-rounds`, { stage });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; projectCount: number };
}

export async function assign(w: ReviewWorld, roundId: string, item: { demandId?: string; projectId?: string }, expertId: string) {
  const res = await w.committee.client.post(`/api/review-rounds/${roundId}/assignments`, { ...item, expertId });
  expect(res.statusCode, res.body).toBe(201);
}

/** The reviewer's live task on a project. */
export async function taskOf(reviewer: SignedUp, projectId: string) {
  const res = await reviewer.client.get('/api/review-tasks?mine=1');
  expect(res.statusCode, res.body).toBe(200);
  const task = res.json().items.find((x: { project: { id: string } }) => x.project.id === projectId);
  return task as { id: string; status: string; role: string; form: { criteria: { key: string }[] } } | undefined;
}

/** Declares no conflict, scores every criterion with `score` (or per key), submits. */
export async function scoreTask(
  reviewer: SignedUp,
  taskId: string,
  score: number | Record<string, number> | ((key: string) => number),
  comment = '评语：依据评分标准逐项评定。',
) {
  const task = (await reviewer.client.get(`/api/review-tasks/${taskId}`)).json();
  if (task.status === 'pending') {
    const declared = await reviewer.client.post(`/api/review-tasks/${taskId}/declaration`, { conflict: false });
    expect(declared.statusCode, declared.body).toBe(200);
  }
  const scores = Object.fromEntries(
    task.form.criteria.map((c: { key: string }) => [
      c.key,
      typeof score === 'number' ? score : typeof score === 'function' ? score(c.key) : (score[c.key] ?? 0),
    ]),
  );
  const saved = await reviewer.client.put(`/api/review-tasks/${taskId}/score`, { scores, comment });
  expect(saved.statusCode, saved.body).toBe(200);
  const submitted = await reviewer.client.post(`/api/review-tasks/${taskId}/submit`);
  expect(submitted.statusCode, submitted.body).toBe(200);
  return submitted.json();
}

export const at = (iso: string, offsetMs = 0) => new Date(Date.parse(iso) + offsetMs);
