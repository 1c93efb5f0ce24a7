import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '@jb/api/seed/demo.ts';
import { DEMO_CASE_DEMAND, DEMO_OVERDUE_DEMAND } from '@jb/api/seed/demo-tracking.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

/** On a fresh start the committee sees real numbers, a late effect report, and the public sees one case. */
describe('demo: effect tracking', () => {
  let t: TestApp;
  let editionId: string;
  const login = async (email: string) => {
    const res = await t.client().post('/api/auth/login', { email, password: DEMO_PASSWORD });
    expect(res.statusCode, res.body).toBe(200);
    return t.client(res.json().token);
  };

  beforeAll(async () => {
    t = await createTestApp();
    ({ editionId } = await seedDemo(t.db, new Date(), { storage: t.storage }));
    await seedDemo(t.db, new Date(), { storage: t.storage });
  });
  afterAll(() => t.close());

  it('is seeded once: two running implementations and an accepted one, one effect report, one case', async () => {
    const impls = await t.db.selectFrom('implementations').select(['status']).orderBy('status').execute();
    expect(impls.map((i) => i.status)).toEqual(['accepted', 'in_progress', 'in_progress']);
    expect(await t.db.selectFrom('effect_reports').select('period_months').execute()).toEqual([{ period_months: 3 }]);
  });

  it('the committee’s dashboard has the funnel with amounts; the console lists the late 6-month report and the steel implementation’s overdue milestones and review', async () => {
    const committee = await login('committee@demo.cn');
    const d = (await committee.get(`/api/editions/${editionId}/tracking/dashboard`)).json();
    expect(d.totals.stages.demands.count).toBeGreaterThanOrEqual(20);
    expect(d.totals.stages.demands.amountWan).toBeGreaterThan(0);
    expect(d.totals.stages.contracts.count).toBe(3);
    expect(d.totals.stages.implementations.count).toBe(3);
    expect(d.totals.stages.accepted.count).toBe(1);
    expect(d.totals.releasedWan).toBeGreaterThan(0);
    expect(d.byRegion.length).toBeGreaterThan(1);
    const c = (await committee.get(`/api/editions/${editionId}/tracking/console`)).json();
    expect(c.lateReports).toEqual([expect.objectContaining({ title: DEMO_CASE_DEMAND, period: 6, status: 'late' })]);
    expect(c.overdueReviews).toEqual([expect.objectContaining({ title: DEMO_OVERDUE_DEMAND, seq: 1, daysOverdue: 4 })]);
    expect(c.overdueMilestones.map((m: { seq: number; milestoneStatus: string }) => [m.seq, m.milestoneStatus])).toEqual([
      [1, 'submitted'],
      [2, 'pending'],
    ]);
  });

  it('the public sees the case with its effect figures', async () => {
    const items = (await t.client().get('/api/cases')).json().items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ demand: { title: DEMO_CASE_DEMAND }, teamName: '普惠金融数据队' });
    expect(items[0].effects[0]).toMatchObject({ period: 3, costSavedWan: 86.5 });
  });
});
