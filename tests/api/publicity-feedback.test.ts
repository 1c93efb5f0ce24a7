import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { createPublicityWorld, EXPERT_COMMENTS, openPublicity, type PublicityWorld } from '../support/publicity.ts';

/** 反馈: every team sees its own scores per indicator, anonymous comments, its rank band — after publication only. */
describe('feedback to teams (评审反馈)', () => {
  let t: TestApp;
  const clock = { now: new Date() };
  let w: PublicityWorld;

  beforeAll(async () => {
    t = await createTestApp({ clock: () => clock.now, loginLimits: { registrationsPerIpPer10Minutes: 10_000 } });
    w = await createPublicityWorld(t, clock);
  });
  afterAll(() => t?.close());

  it('is refused before the results are published (409 RESULTS_NOT_PUBLISHED) and to anonymous callers (401)', async () => {
    const bid = w.bids[0]!;
    const res = await bid.leader.client.get(`/api/teams/${bid.teamId}/feedback`);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error.code).toBe('RESULTS_NOT_PUBLISHED');
    expect((await t.client().get(`/api/teams/${bid.teamId}/feedback`)).statusCode).toBe(401);
  });

  it("a team reading another team's feedback is refused (403); an expert or enterprise too", async () => {
    await openPublicity(w, clock);
    const [a, b] = w.bids;
    const res = await a!.leader.client.get(`/api/teams/${b!.teamId}/feedback`);
    expect(res.statusCode, res.body).toBe(403);
    expect((await w.experts[0]!.client.get(`/api/teams/${b!.teamId}/feedback`)).statusCode).toBe(403);
    expect((await w.enterprise.client.get(`/api/teams/${b!.teamId}/feedback`)).statusCode).toBe(403);
  });

  it('a sub-topic team: enterprise and expert averages per item, comments without reviewers, rank band', async () => {
    const bid = w.bids[0]!; // enterprise 88 on both items; experts 80 and 86
    const res = await bid.leader.client.get(`/api/teams/${bid.teamId}/feedback`);
    expect(res.statusCode, res.body).toBe(200);
    const fb = res.json();
    expect(fb.project).toMatchObject({ id: bid.projectId, kind: 'subTopic' });
    const round = fb.rounds[0];
    expect(round.stage).toBe('preliminary');
    const enterprise = round.roles.find((r: { role: string }) => r.role === 'enterprise');
    expect(enterprise.reviewers).toBe(1);
    expect(enterprise.criteria.map((c: { key: string; average: number }) => [c.key, c.average])).toEqual([
      ['fit1', 88],
      ['fit2', 88],
    ]);
    const experts = round.roles.find((r: { role: string }) => r.role === 'expert');
    expect(experts).toMatchObject({ reviewers: 2, average: 83 });
    expect(experts.criteria).toEqual([expect.objectContaining({ key: 'innovation', label: '技术创新性', average: 83 })]);
    expect(round.rawTotal).toBeCloseTo(0.8 * 88 + 0.2 * 83, 2);
    // Comments: the texts, by role then text; no reviewer's id or name anywhere in the answer.
    const texts = round.comments.map((c: { text: string }) => c.text);
    expect(texts).toContain('企业评语：与本企业需求高度匹配。');
    expect(texts).toEqual(expect.arrayContaining([EXPERT_COMMENTS[0], EXPERT_COMMENTS[1]]));
    const body = res.body;
    for (const reviewer of [...w.experts, w.enterprise]) {
      expect(body).not.toContain(reviewer.id);
    }
    expect(body).not.toContain('专家甲');
    expect(body).not.toContain('专家乙');
    expect(body).not.toContain('需求企业管理员');
    // No other project's rank or score.
    for (const other of w.bids.slice(1)) expect(body).not.toContain(other.projectId);
    expect(round.rankBand).toMatchObject({ rankedInTrack: 5 });
    // Why it advanced: the track's quota, the reserved places, the cut-offs, the verification.
    expect(fb.advancement.advanced).toBe(true);
    expect(fb.advancement.summary).toMatch(/晋级名额/);
    expect(fb.advancement.reasons.join('')).toMatch(/晋级名额 5 个.*保留 1 个/);
    expect(fb.advancement.reasons.join('')).toContain('分数线');
    expect(fb.advancement.reasons).toContain('已通过技术验证，正式晋级决赛。');
    const award = w.awards.find((a) => a.projectId === bid.projectId);
    expect(fb.advancement.award?.level ?? null).toBe(award?.level ?? null);
    expect(fb.rounds.map((r: { stage: string }) => r.stage)).toEqual(['preliminary', 'final']);
    expect(['top10', 'top30', 'top50', 'rest']).toContain(round.rankBand.band);
  });

  it('a regular team: the indicator items averaged over its experts; the rank band follows its rank', async () => {
    const results = (await w.committee.client.get(`/api/review-rounds/${w.roundId}/results`)).json();
    for (const bid of w.bids.slice(2)) {
      const fb = (await bid.leader.client.get(`/api/teams/${bid.teamId}/feedback`)).json();
      const experts = fb.rounds[0].roles.find((r: { role: string }) => r.role === 'expert');
      expect(experts.criteria.length).toBe(18); // the third-level indicators
      expect(experts.criteria.every((c: { path: string[] }) => c.path.length === 2)).toBe(true);
      const item = results.items.find((i: { projectId: string }) => i.projectId === bid.projectId);
      const share = item.rankInTrack / 5;
      const expected = share <= 0.1 ? 'top10' : share <= 0.3 ? 'top30' : share <= 0.5 ? 'top50' : 'rest';
      expect(fb.rounds[0].rankBand.band).toBe(expected);
    }
  });
});
