import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { fairWorld, type FairWorld } from '../support/fair.ts';

describe('matching: capability profiles (能力画像) and recommendations (智能推荐)', () => {
  let t: TestApp;
  let w: FairWorld;

  beforeAll(async () => {
    t = await createTestApp({ loginLimits: { registrationsPerIpPer10Minutes: 10_000 } });
    w = await fairWorld(t);
  });
  afterAll(() => t.close());

  it('prefills a team’s profile from its project application and organisations', async () => {
    const res = await w.lead1.client.get(`/api/teams/${w.team1}/profile`);
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(p).toMatchObject({ teamId: w.team1, prefilled: true, canEdit: true, industries: ['医药制造'] });
    expect(p.summary).toContain('核心优势');
    expect(p.regions).toEqual(['石家庄']);
    expect(p.trackIds).toHaveLength(1);
  });

  it('the team edits and saves its profile; a track of another edition is refused', async () => {
    const body = {
      summary: '面向制造业的需求预测与排产优化',
      industries: ['医药制造', '装备制造'],
      technologies: ['时间序列预测', '运筹优化'],
      dataCapabilities: ['隐私计算', '数据治理'],
      cases: '两家药企试点',
      regions: ['石家庄', '保定'],
      trackIds: [],
      accessModes: ['sandbox'],
    };
    const saved = await w.lead1.client.put(`/api/teams/${w.team1}/profile`, body);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ ...body, prefilled: false });
    expect((await w.lead1.client.get(`/api/teams/${w.team1}/profile`)).json()).toMatchObject({
      prefilled: false,
      technologies: ['时间序列预测', '运筹优化'],
    });
    const stray = await w.lead1.client.put(`/api/teams/${w.team1}/profile`, {
      ...body,
      trackIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(stray.statusCode).toBe(400);
  });

  it('refuses the profile to other teams and outsiders (404), edits to the overseers (403), the public (401)', async () => {
    expect((await w.lead2.client.get(`/api/teams/${w.team1}/profile`)).statusCode).toBe(404);
    expect((await w.outsider.client.get(`/api/teams/${w.team1}/profile`)).statusCode).toBe(404);
    expect((await t.client().get(`/api/teams/${w.team1}/profile`)).statusCode).toBe(401);
    expect((await w.committee.client.get(`/api/teams/${w.team1}/profile`)).statusCode).toBe(200);
    // an enterprise with a sub-topic in the edition may read it (to judge a recommended team) but not change it
    expect((await w.entA.client.get(`/api/teams/${w.team1}/profile`)).statusCode).toBe(200);
    expect((await w.committee.client.put(`/api/teams/${w.team1}/profile`, {})).statusCode).toBe(403);
    expect((await w.lead2.client.put(`/api/teams/${w.team1}/profile`, {})).statusCode).toBe(404);
  });

  it('recommends sub-topics to a team, with reasons; its own sub-topic is among the top 5', async () => {
    const res = await w.lead1.client.get(`/api/recommendations?for=team&teamId=${w.team1}`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.subject).toMatchObject({ id: w.team1, title: '排产先锋队' });
    const top5 = r.items.slice(0, 5);
    const own = top5.find((i: { id: string }) => i.id === w.demandA);
    expect(own).toMatchObject({ kind: 'demand', orgId: w.orgA, orgName: '甲药业股份有限公司', trackName: '工业制造', hasBid: true });
    expect(own.reasons.length).toBeGreaterThan(0);
    expect(own.score).toBeGreaterThan(0);
    expect(own.score).toBeLessThanOrEqual(1);
    expect(r.enterprises[0]).toMatchObject({ orgId: w.orgA });
  });

  it('recommends teams to a sub-topic, including teams that did not bid', async () => {
    // team2 has no project, only a capability profile that fits the sub-topic.
    const profile = await w.lead2.client.put(`/api/teams/${w.team2}/profile`, {
      summary: '药械流通数据分析、需求预测与库存优化、生产调度',
      technologies: ['需求预测', '智能排产', '库存优化'],
      industries: ['医药制造'],
    });
    expect(profile.statusCode, profile.body).toBe(200);
    const res = await w.entA.client.get(`/api/recommendations?for=demand&demandId=${w.demandA}&limit=10`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { id: string; hasBid: boolean; reasons: string[] }[];
    expect(items.map((i) => i.id)).toEqual(expect.arrayContaining([w.team1, w.team2]));
    expect(items.find((i) => i.id === w.team1)!.hasBid).toBe(true);
    expect(items.find((i) => i.id === w.team2)!.hasBid).toBe(false);
  });

  it('refuses recommendations: public 401, other teams 404, other enterprises and teams for a sub-topic 403, bad query 400', async () => {
    expect((await t.client().get(`/api/recommendations?for=team&teamId=${w.team1}`)).statusCode).toBe(401);
    expect((await w.lead2.client.get(`/api/recommendations?for=team&teamId=${w.team1}`)).statusCode).toBe(404);
    expect((await w.entA.client.get(`/api/recommendations?for=team&teamId=${w.team1}`)).statusCode).toBe(404);
    expect((await w.entB.client.get(`/api/recommendations?for=demand&demandId=${w.demandA}`)).statusCode).toBe(403);
    expect((await w.lead1.client.get(`/api/recommendations?for=demand&demandId=${w.demandA}`)).statusCode).toBe(403);
    expect((await w.supervisor.client.get(`/api/recommendations?for=demand&demandId=${w.demandA}`)).statusCode).toBe(200);
    const bad = await w.lead1.client.get(`/api/recommendations?for=team`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    expect((await w.lead1.client.get(`/api/recommendations?for=everyone&teamId=${w.team1}`)).statusCode).toBe(400);
  });
});
