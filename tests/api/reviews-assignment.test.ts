import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedUp, type TestApp } from '../support/app.ts';
import { addExpert, createReviewWorld, openRound, submittedBid, taskOf, type Bid, type ReviewWorld } from '../support/reviews.ts';

/** The assignment run through the API: feasibility in words, no conflicts, same panel per sub-topic, loads, determinism, manual changes. */
describe('expert assignment (专家分配)', () => {
  let t: TestApp;
  const now = new Date();
  let w: ReviewWorld;
  let bids: Bid[];
  let regular: Bid[];
  let experts: SignedUp[];
  let conflicted: SignedUp;
  let roundId: string;

  type Run = {
    feasible: boolean;
    problems: { message: string }[];
    assignments: { itemId: string; expertId: string; fit: number }[];
    unassigned: { itemId: string; missing: number; reason: string }[];
    loads: { expertId: string; load: number }[];
    optimal: boolean;
    solver: string;
  };
  const run = async (body: Record<string, unknown>) => {
    const res = await w.committee.client.post(`/api/review-rounds/${roundId}/assignments/run`, body);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Run;
  };

  beforeAll(async () => {
    t = await createTestApp({ clock: () => now, loginLimits: { registrationsPerIpPer10Minutes: 10_000 } });
    w = await createReviewWorld(t);
    bids = [await submittedBid(t, w, { demandId: w.demandId }), await submittedBid(t, w, { demandId: w.demandId })];
    regular = [await submittedBid(t, w, { topicId: w.topicId }), await submittedBid(t, w, { topicId: w.topicId })];
    experts = [];
    for (const [i, fields] of [['工业大数据'], ['智能排产', '供应链'], ['数据治理'], ['医药制造']].entries())
      experts.push(await addExpert(t, w, { fields }, `分配专家${i + 1}`));
    conflicted = await addExpert(
      t,
      w,
      { fields: ['智能排产'], affiliations: [{ orgId: bids[1]!.orgId, relation: '任职', from: '2023-01-01', to: null }] },
      '回避专家',
    );
    roundId = (await openRound(w)).id;
  });
  afterAll(() => t?.close());

  it('committee only; bad parameters are refused', async () => {
    const body = { expertsPerProject: 3, maxPerExpert: 5 };
    const url = `/api/review-rounds/${roundId}/assignments/run`;
    expect((await t.client().post(url, body)).statusCode).toBe(401);
    expect((await experts[0]!.client.post(url, body)).statusCode).toBe(403);
    expect((await w.supervisor.client.post(url, body)).statusCode).toBe(403);
    expect((await w.committee.client.post(url, { expertsPerProject: 0, maxPerExpert: 5 })).statusCode).toBe(400);
    expect((await w.committee.client.post(url, { expertsPerProject: 3 })).statusCode).toBe(400);
  });

  it('an impossible request says why in words instead of "no solution"', async () => {
    const result = await run({ expertsPerProject: 6, maxPerExpert: 10 });
    expect(result.feasible).toBe(false);
    expect(result.problems.length).toBeGreaterThan(0);
    expect(result.problems.map((p) => p.message).join('\n')).toContain('工业制造');
  });

  it('assigns every item its experts, never a conflicted one, the same panel for all bids on a sub-topic, within the load limit', async () => {
    const result = await run({ expertsPerProject: 2, maxPerExpert: 4 });
    expect(result.feasible).toBe(true);
    expect(result.unassigned).toEqual([]);
    const panel = result.assignments.filter((a) => a.itemId === `demand:${w.demandId}`);
    expect(panel).toHaveLength(2);
    expect(panel.map((a) => a.expertId)).not.toContain(conflicted.id);
    for (const p of regular) expect(result.assignments.filter((a) => a.itemId === `project:${p.projectId}`)).toHaveLength(2);
    for (const l of result.loads) expect(l.load).toBeLessThanOrEqual(4);
    expect(typeof result.optimal).toBe('boolean');
    expect(result.solver).toBeTruthy();
    // every panel expert has a task on both bids
    for (const a of panel) {
      const reviewer = [...experts, conflicted].find((e) => e.id === a.expertId)!;
      for (const bid of bids) expect(await taskOf(reviewer, bid.projectId)).toMatchObject({ role: 'expert' });
    }
    expect(await taskOf(conflicted, bids[1]!.projectId)).toBeUndefined();
    const listed = (await w.supervisor.client.get(`/api/review-rounds/${roundId}/assignments`)).json();
    expect(listed.items.find((i: { itemId: string }) => i.itemId === `demand:${w.demandId}`).experts).toHaveLength(2);
    expect(listed.lastRun).toMatchObject({ feasible: true, expertsPerProject: 2, maxPerExpert: 4 });
  });

  it('deterministic: the same input gives the same assignment', async () => {
    const a = await run({ expertsPerProject: 2, maxPerExpert: 4 });
    const b = await run({ expertsPerProject: 2, maxPerExpert: 4 });
    const key = (r: Run) => r.assignments.map((x) => `${x.itemId}|${x.expertId}`).sort();
    expect(key(b)).toEqual(key(a));
  });

  it('manual assignments stay through a run; removing one removes its tasks', async () => {
    const current = (await w.committee.client.get(`/api/review-rounds/${roundId}/assignments`)).json();
    const item = current.items.find((i: { itemId: string }) => i.itemId === `project:${regular[0]!.projectId}`);
    const outsider = experts.find((e) => !item.experts.some((x: { expertId: string }) => x.expertId === e.id))!;
    const added = await w.committee.client.post(`/api/review-rounds/${roundId}/assignments`, {
      projectId: regular[0]!.projectId,
      expertId: outsider.id,
    });
    expect(added.statusCode, added.body).toBe(201);
    const after = await run({ expertsPerProject: 2, maxPerExpert: 4 });
    expect(after.assignments.filter((a) => a.itemId === `project:${regular[0]!.projectId}`).map((a) => a.expertId)).toContain(outsider.id);
    const listed = (await w.committee.client.get(`/api/review-rounds/${roundId}/assignments`)).json();
    const manual = listed.items
      .find((i: { itemId: string }) => i.itemId === `project:${regular[0]!.projectId}`)
      .experts.find((x: { expertId: string; source: string }) => x.expertId === outsider.id);
    expect(manual.source).toBe('manual');
    expect(await taskOf(outsider, regular[0]!.projectId)).toBeDefined();
    expect((await experts[0]!.client.delete(`/api/review-rounds/${roundId}/assignments/${manual.assignmentId}`)).statusCode).toBe(403);
    const removed = await w.committee.client.delete(`/api/review-rounds/${roundId}/assignments/${manual.assignmentId}`);
    expect(removed.statusCode).toBe(204);
    expect(await taskOf(outsider, regular[0]!.projectId)).toBeUndefined();
  });
});
