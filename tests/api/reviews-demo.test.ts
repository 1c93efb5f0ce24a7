import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '@jb/api/seed/demo.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

/** On a fresh demo, the joint review has work waiting for expert1, expert2 and enterprise1. */
describe('demo data for the joint review', () => {
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

  it('a second edition is in its preliminary review; the Hebei edition is still in registration', async () => {
    const editions = (await t.client().get('/api/editions')).json();
    const list = (editions.items ?? editions) as { slug: string; phases: Record<string, { start: string; end: string }> }[];
    const now = Date.now();
    const inPhase = (e: (typeof list)[number], phase: string) =>
      Date.parse(e.phases[phase]!.start) <= now && now <= Date.parse(e.phases[phase]!.end);
    const yiyang = list.find((e) => e.slug === 'yiyang-2025')!;
    const hebei = list.find((e) => e.slug === 'hebei-2025')!;
    expect(inPhase(yiyang, 'preliminaryReview')).toBe(true);
    expect(inPhase(hebei, 'registration')).toBe(true);
    expect(inPhase(hebei, 'preliminaryReview')).toBe(false);
  });

  it('expert1 and expert2 have tasks waiting; enterprise1 has bids to score; expert2 is kept off the project they advise', async () => {
    const expert1 = (await (await login('expert1@demo.cn')).get('/api/review-tasks?mine=1')).json();
    const expert2 = (await (await login('expert2@demo.cn')).get('/api/review-tasks?mine=1')).json();
    const enterprise1 = (await (await login('enterprise1@demo.cn')).get('/api/review-tasks?mine=1')).json();
    expect(expert1.summary.pending).toBeGreaterThanOrEqual(3);
    expect(expert2.summary.pending).toBeGreaterThanOrEqual(3);
    expect(enterprise1.items.map((x: { role: string }) => x.role)).toEqual(['enterprise', 'enterprise', 'enterprise']);
    expect(expert2.items.map((x: { project: { name: string } }) => x.project.name)).not.toContain('稻虾共作数智化生产服务平台');
    const committee = await login('committee@demo.cn');
    const roundId = expert1.items[0].roundId;
    const conflicts = (await committee.get(`/api/review-rounds/${roundId}/conflicts`)).json().items;
    expect(conflicts).toContainEqual(
      expect.objectContaining({ reviewerName: '陈静（评审专家）', projectName: '稻虾共作数智化生产服务平台', source: 'affiliation' }),
    );
  });

  it('the demo tasks can be declared and scored now', async () => {
    const expert1 = await login('expert1@demo.cn');
    const task = (await expert1.get('/api/review-tasks?mine=1'))
      .json()
      .items.find((x: { project: { kind: string } }) => x.project.kind === 'subTopic');
    expect((await expert1.post(`/api/review-tasks/${task.id}/declaration`, { conflict: false })).statusCode).toBe(200);
    const detail = (await expert1.get(`/api/review-tasks/${task.id}`)).json();
    expect(detail.version.materials).toHaveLength(2);
    const saved = await expert1.put(`/api/review-tasks/${task.id}/score`, { scores: { innovation: 78 }, comment: '' });
    expect(saved.statusCode, saved.body).toBe(200);
  });

  it('seeding again changes nothing', async () => {
    const count = async () =>
      Number(
        (
          await t.db
            .selectFrom('review_tasks')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    await seedDemo(t.db, new Date(), { storage: t.storage });
    expect(await count()).toBe(before);
    const editions = await t.db.selectFrom('editions').select('slug').execute();
    expect(editions.map((e) => e.slug).sort()).toEqual(['hebei-2024-past', 'hebei-2025', 'yiyang-2025']);
  });
});
