import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '@jb/api/seed/demo.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

/** On a fresh demo, the 益阳 edition can be taken from the preliminary round to finalists. */
describe('demo data for results (益阳)', () => {
  let t: TestApp;
  const login = async (email: string) => {
    const res = await t.client().post('/api/auth/login', { email, password: DEMO_PASSWORD });
    expect(res.statusCode, res.body).toBe(200);
    return t.client(res.json().token);
  };

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t.db, new Date(), { storage: t.storage });
  });
  afterAll(() => t?.close());

  it('result settings are seeded; expert3 has scored the two regular projects', async () => {
    const committee = await login('committee@demo.cn');
    const edition = (await t.db.selectFrom('editions').select('id').where('slug', '=', 'yiyang-2025').executeTakeFirstOrThrow()).id;
    const settings = (await committee.get(`/api/editions/${edition}/result-settings`)).json();
    expect(settings).toMatchObject({ advancementMode: 'ratio', advancementRatio: 0.6, reservedRatio: 0.6 });
    const expert3 = (await (await login('expert3@demo.cn')).get('/api/review-tasks?mine=1')).json();
    expect(expert3.summary.submitted).toBe(2);
  });

  it('scoring the bids, closing and computing gives reserved places to the sub-topic bids', async () => {
    const committee = await login('committee@demo.cn');
    const enterprise = await login('enterprise1@demo.cn');
    const expert1 = await login('expert1@demo.cn');
    const score = async (client: typeof committee, taskId: string, value: number) => {
      const task = (await client.get(`/api/review-tasks/${taskId}`)).json();
      expect((await client.post(`/api/review-tasks/${taskId}/declaration`, { conflict: false })).statusCode).toBe(200);
      const scores = Object.fromEntries(task.form.criteria.map((c: { key: string }) => [c.key, value]));
      expect((await client.put(`/api/review-tasks/${taskId}/score`, { scores, comment: '演示评分' })).statusCode).toBe(200);
      expect((await client.post(`/api/review-tasks/${taskId}/submit`)).statusCode).toBe(200);
    };
    const values = [88, 80, 72];
    const bids = (await enterprise.get('/api/review-tasks?mine=1')).json().items as {
      id: string;
      roundId: string;
      project: { id: string };
    }[];
    for (const [i, task] of bids.entries()) {
      await score(enterprise, task.id, values[i]!);
      const expertTask = (await expert1.get('/api/review-tasks?mine=1'))
        .json()
        .items.find((x: { project: { id: string } }) => x.project.id === task.project.id);
      await score(expert1, expertTask.id, 80);
    }
    const roundId = bids[0]!.roundId;
    expect((await committee.post(`/api/review-rounds/${roundId}/close`)).statusCode).toBe(200);
    const res = await committee.post(`/api/review-rounds/${roundId}/advancement`);
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json().computation;
    // 5 scored × 60 % = 3 places; 工业 4 (exact 2.4), 农业 1 (exact 0.6): floors 2 / 0, the remainder to 农业 (.6 > .4)
    expect(c.totalPlaces).toBe(3);
    const industry = c.tracks.find((tr: { eligible: number }) => tr.eligible === 4);
    const agriculture = c.tracks.find((tr: { eligible: number }) => tr.eligible === 1);
    expect([industry.quota, industry.reservedPlaces, industry.regularPlaces, agriculture.quota]).toEqual([2, 2, 0, 1]);
    expect(industry.ranking.filter((r: { outcome: string }) => r.outcome === 'reserved')).toHaveLength(2);
  });
});
