import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '@jb/api/seed/demo.ts';
import { DEMO_IMPLEMENTATION_AMOUNT_WAN, DEMO_IMPLEMENTATION_DEMAND, seedDemoImplementation } from '@jb/api/seed/demo-implementations.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

/** The seeding helper the demo calls: a signed fair meeting → an agreed plan with its first milestone accepted. */
describe('demo implementation helper', () => {
  let t: TestApp;
  let editionId: string;
  const seed = async () => {
    const users = await t.db.selectFrom('users').select(['id', 'email']).execute();
    return t.db.transaction().execute((trx) =>
      seedDemoImplementation(trx, {
        editionId,
        userIdByEmail: new Map(users.map((u) => [u.email, u.id])),
        storage: t.storage,
        now: new Date(),
      }),
    );
  };
  const login = async (email: string) => {
    const res = await t.client().post('/api/auth/login', { email, password: DEMO_PASSWORD });
    expect(res.statusCode, res.body).toBe(200);
    return t.client(res.json().token);
  };

  beforeAll(async () => {
    t = await createTestApp();
    ({ editionId } = await seedDemo(t.db, new Date(), { storage: t.storage }));
  });
  afterAll(() => t.close());

  it('creates the implementation once, visible to both sides with one accepted milestone and its evidence', async () => {
    const id = await seed();
    expect(id).toBeTruthy();
    expect(await seed()).toBe(id);
    // seedDemo already called the helper (demo-tracking.ts, which adds implementations of other teams too): still one of this pair.
    expect(await t.db.selectFrom('implementations').select('id').where('title', '=', DEMO_IMPLEMENTATION_DEMAND).execute()).toEqual([
      { id },
    ]);
    const enterprise = await login('enterprise2@demo.cn');
    const impl = (await enterprise.get(`/api/implementations/${id}`)).json();
    expect(impl).toMatchObject({ status: 'in_progress', planVersion: 1, budgetWan: DEMO_IMPLEMENTATION_AMOUNT_WAN, releasedWan: 45 });
    expect(impl.milestones.map((m: { status: string }) => m.status)).toEqual(['accepted', 'pending', 'pending']);
    expect(impl.milestones.flatMap((m: { criteria: { ref: number }[] }) => m.criteria.map((c) => c.ref)).sort()).toEqual([0, 1, 2, 3, 4]);
    expect(impl.milestones[0].submissions[0].figures[0]).toMatchObject({ value: 96.8, met: true });
    const evidence = impl.milestones[0].evidence[0];
    const team = await login('team2@demo.cn');
    expect((await team.get(`/api/milestones/${impl.milestones[0].id}/evidence/${evidence.id}`)).statusCode).toBe(200);
    expect((await (await login('enterprise1@demo.cn')).get(`/api/implementations/${id}`)).statusCode).toBe(404);
    const sources = (await enterprise.get('/api/implementations/sources')).json().items;
    expect(sources).toEqual(
      expect.arrayContaining([expect.objectContaining({ implementationId: id, amountWan: DEMO_IMPLEMENTATION_AMOUNT_WAN })]),
    );
  });
});
