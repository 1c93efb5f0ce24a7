import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedUp, type TestApp } from '../support/app.ts';
import { uploadEvidence } from '../support/implementations.ts';
import { tinyPdf } from '../support/teams.ts';
import { agreedImplementation, deliverMilestone, plan, trackingWorld, type TrackingWorld } from '../support/tracking.ts';

const DAY = 86400_000;

describe('effect tracking: the funnel from a sub-topic to final acceptance, the console, effect reports', () => {
  let t: TestApp;
  let now = new Date();
  let w: TrackingWorld;
  let expert: SignedUp;
  let impl1: { id: string; milestones: string[] };
  let impl2: { id: string; milestones: string[] };
  let acceptedAt: Date;
  const code = (res: { json(): { error?: { code: string } } }) => res.json().error?.code;
  const dashboard = async () => {
    const res = await w.committee.client.get(`/api/editions/${w.editionId}/tracking/dashboard`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const consoleOf = async (who: SignedUp = w.committee) => {
    const res = await who.client.get(`/api/editions/${w.editionId}/tracking/console`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const counts = (row: { stages: Record<string, { count: number }> }) =>
    Object.fromEntries(Object.entries(row.stages).map(([k, v]) => [k, v.count]));

  beforeAll(async () => {
    t = await createTestApp({ clock: () => now, loginLimits: { registrationsPerIpPer10Minutes: 10_000 } });
    w = await trackingWorld(t, (d) => (now = d));
    expert = await t.signUp({ roles: ['expert'] });
  });
  afterAll(() => t.close());

  it('before any implementation: one sub-topic (80 万元), one bid, a contract of 60 and one of 30 万元, one intent', async () => {
    const d = await dashboard();
    expect(counts(d.totals)).toEqual({ demands: 1, bids: 1, awards: 0, intents: 1, contracts: 2, implementations: 0, accepted: 0 });
    expect(d.totals.stages.demands.amountWan).toBe(80);
    expect(d.totals.stages.contracts.amountWan).toBe(90);
    expect(d.stages.map((s: { key: string }) => s.key)).toEqual([
      'demands',
      'bids',
      'awards',
      'intents',
      'contracts',
      'implementations',
      'accepted',
    ]);
  });

  it('follows one implementation from an award to final acceptance; the funnel, amounts and released money follow', async () => {
    // The award on A's sub-topic, approved by the committee: written into migration 0011's table
    // (approving through the results API needs whole review rounds); every later step is the API.
    const track = await t.db.selectFrom('topics').select('track_id').where('id', '=', w.topicId).executeTakeFirstOrThrow();
    const award = await t.db
      .insertInto('awards')
      .values({
        edition_id: w.editionId,
        project_id: w.projectId,
        team_id: w.team1,
        track_id: track.track_id,
        demand_id: w.demandA,
        level: 'first',
        proposed_level: 'first',
        status: 'approved',
        proposed_by: w.committee.id,
        approved_by: w.committee.id,
        approved_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect((await dashboard()).totals.stages.awards.count).toBe(1);

    impl1 = await agreedImplementation(w.entA, w.lead1, { source: 'award', sourceId: award.id }, plan(60, [40, 60]));
    let d = await dashboard();
    expect(d.totals.stages.implementations).toEqual({ count: 1, amountWan: 60 });
    expect(d.totals.releasedWan).toBe(0);

    await deliverMilestone(w.entA, w.lead1, impl1.milestones[0]!, [{ criterion: 0, value: 8.5 }]);
    d = await dashboard();
    expect(d.totals.releasedWan).toBe(24);
    expect(d.totals.stages.accepted.count).toBe(0);

    await deliverMilestone(w.entA, w.lead1, impl1.milestones[1]!, [{ criterion: 0, value: 31 }]);
    const accepted = await w.committee.client.post(`/api/implementations/${impl1.id}/final-acceptance`, { note: '验收通过' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    acceptedAt = now;

    d = await dashboard();
    expect(counts(d.totals)).toEqual({ demands: 1, bids: 1, awards: 1, intents: 1, contracts: 2, implementations: 1, accepted: 1 });
    expect(d.totals.stages.accepted.amountWan).toBe(60);
    expect(d.totals.releasedWan).toBe(60);
    // One track (工业制造) holds the sub-topic's chain; the intent without a sub-topic has no track.
    const industry = d.byTrack.find((r: { label: string }) => r.label === '工业制造');
    expect(counts(industry)).toEqual({ demands: 1, bids: 1, awards: 1, intents: 0, contracts: 2, implementations: 1, accepted: 1 });
    expect(d.byTrack.at(-1)).toMatchObject({ key: 'none', label: '未关联赛道' });
    // Every enterprise of this world is in 河北省石家庄市.
    expect(d.byRegion.map((r: { label: string }) => r.label)).toEqual(['河北省石家庄市']);
    expect(d.byRegion[0].stages.contracts.amountWan).toBe(90);
    expect(d.conversion.accepted).toBe(1);
  });

  it('exports the dashboard to Excel with the same figures', async () => {
    const res = await w.supervisor.client.get(`/api/editions/${w.editionId}/tracking/dashboard.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['转化漏斗', '按赛道', '按地区']);
    const funnel = wb.getWorksheet('转化漏斗')!;
    const rows = new Map<string, unknown[]>();
    funnel.eachRow((row) => rows.set(String(row.getCell(1).value), [row.getCell(2).value, row.getCell(3).value]));
    expect(rows.get('发布子赛题')).toEqual([1, 80]);
    expect(rows.get('签约')).toEqual([2, 90]);
    expect(rows.get('验收通过')).toEqual([1, 60]);
    expect(rows.get('已拨付资金（按验收里程碑）')![1]).toBe(60);
    const byTrack = wb.getWorksheet('按赛道')!;
    const header = (byTrack.getRow(1).values as unknown[]).map(String);
    const industry = byTrack.getRow(2).values as unknown[];
    expect(industry[header.indexOf('赛道')]).toBe('工业制造');
    expect(industry[header.indexOf('发布子赛题')]).toBe(1);
    expect(industry[header.indexOf('子赛题预算（万元）')]).toBe(80);
    expect(industry[header.indexOf('签约金额（万元）')]).toBe(90);
    expect(industry[header.indexOf('已拨付（万元）')]).toBe(60);
  });

  it('dashboard and console: committee and supervisor only', async () => {
    for (const path of ['tracking/dashboard', 'tracking/dashboard.xlsx', 'tracking/console']) {
      const url = `/api/editions/${w.editionId}/${path}`;
      expect((await t.client().get(url)).statusCode).toBe(401);
      for (const who of [w.entA, w.lead1, expert, w.outsider]) expect((await who.client.get(url)).statusCode, `${path}`).toBe(403);
    }
    const missing = await w.committee.client.get(`/api/editions/00000000-0000-4000-8000-000000000000/tracking/dashboard`);
    expect(missing.statusCode).toBe(404);
    expect((await w.committee.client.get(`/api/editions/not-a-uuid/tracking/console`)).statusCode).toBe(400);
  });

  it('the console flags a milestone past its due date and an enterprise review past the committee’s days', async () => {
    impl2 = await agreedImplementation(w.entA, w.lead2, { source: 'fair_signing', sourceId: w.signed2 }, plan(30, [100], [20]));
    let c = await consoleOf();
    expect(c.overdueMilestones).toEqual([]);
    expect(c.reviewDays).toBe(10);
    now = new Date(now.getTime() + 25 * DAY);
    c = await consoleOf(w.supervisor);
    expect(c.overdueMilestones).toEqual([
      expect.objectContaining({ implementationId: impl2.id, teamName: '数据研究队', seq: 1, milestoneStatus: 'pending', daysOverdue: 5 }),
    ]);
    expect(c.overdueReviews).toEqual([]);
    // The committee shortens the enterprise's review time to 7 days (committee only, 1–90).
    const settings = `/api/editions/${w.editionId}/tracking/settings`;
    expect((await t.client().put(settings, { reviewDays: 7 })).statusCode).toBe(401);
    for (const who of [w.supervisor, w.entA, w.lead2]) expect((await who.client.put(settings, { reviewDays: 7 })).statusCode).toBe(403);
    for (const bad of [0, 91, 2.5]) expect((await w.committee.client.put(settings, { reviewDays: bad })).statusCode).toBe(400);
    const set = await w.committee.client.put(settings, { reviewDays: 7 });
    expect(set.json()).toEqual({ editionId: w.editionId, reviewDays: 7 });
    expect((await consoleOf()).reviewDays).toBe(7);
    // The team delivers late; the enterprise then has 7 days.
    expect((await uploadEvidence(w.lead2.client, impl2.milestones[0]!, '报告.pdf', tinyPdf())).statusCode).toBe(201);
    const sub = await w.lead2.client.post(`/api/milestones/${impl2.milestones[0]}/submit`, {
      figures: [
        { criterion: 0, value: 9 },
        { criterion: 1, value: 31 },
      ],
    });
    expect(sub.statusCode, sub.body).toBe(200);
    expect(Date.parse(sub.json().milestones[0].reviewDueAt) - now.getTime()).toBe(7 * DAY);
    now = new Date(now.getTime() + 6 * DAY);
    expect((await consoleOf()).overdueReviews).toEqual([]);
    now = new Date(now.getTime() + 2 * DAY);
    c = await consoleOf();
    expect(c.overdueReviews).toEqual([expect.objectContaining({ implementationId: impl2.id, seq: 1, daysOverdue: 1 })]);
    expect(c.overdueMilestones.map((m: { implementationId: string }) => m.implementationId)).toEqual([impl2.id]);
    expect(c.implementations).toEqual({ total: 2, byStatus: { accepted: 1, in_progress: 1 } });
  });

  it('effect reports: only the enterprise writes, only after 验收, from the due day on, once per period', async () => {
    const url = `/api/implementations/${impl1.id}/effect-reports`;
    const report = (period: number, extra: Record<string, unknown> = {}) => ({
      period,
      costSavedWan: 42.5,
      revenueWan: 120,
      efficiencyPct: 18,
      economicNote: '库存周转天数下降 22%',
      socialFigures: [{ name: '减少药品短缺', value: 35, unit: '次/年' }],
      socialNote: '基层医疗机构缺货明显减少，配送更及时。',
      ...extra,
    });
    const mine = await w.entA.client.get(url);
    expect(mine.statusCode, mine.body).toBe(200);
    const periods = mine.json().periods;
    expect(mine.json()).toMatchObject({ canReport: true, acceptedAt: acceptedAt.toISOString() });
    expect(periods.map((p: { period: number; status: string }) => [p.period, p.status])).toEqual([
      [3, 'upcoming'],
      [6, 'upcoming'],
      [12, 'upcoming'],
    ]);
    expect((await w.lead1.client.get(url)).json().canReport).toBe(false);
    expect((await w.supervisor.client.get(url)).statusCode).toBe(200);
    expect((await w.outsider.client.get(url)).statusCode).toBe(404);
    expect((await t.client().get(url)).statusCode).toBe(401);

    // Before the due day: refused with a code naming the day.
    now = new Date(Date.parse(periods[0].dueAt) - 1000);
    const early = await w.entA.client.post(url, report(3));
    expect(early.statusCode).toBe(409);
    expect(code(early)).toBe('EFFECT_REPORT_NOT_DUE');
    expect(early.json().error.details.dueDate).toBe(periods[0].dueDate);
    // Not accepted yet: nothing is due.
    expect(code(await w.entA.client.post(`/api/implementations/${impl2.id}/effect-reports`, report(3)))).toBe('EFFECT_REPORT_NOT_DUE');

    now = new Date(Date.parse(periods[0].dueAt));
    for (const who of [w.lead1, w.committee, w.supervisor]) expect((await who.client.post(url, report(3))).statusCode).toBe(403);
    expect((await w.outsider.client.post(url, report(3))).statusCode).toBe(404);
    expect((await t.client().post(url, report(3))).statusCode).toBe(401);
    const noFigures = await w.entA.client.post(url, report(3, { costSavedWan: null, revenueWan: null, efficiencyPct: null }));
    expect(noFigures.statusCode).toBe(400);
    expect((await w.entA.client.post(url, report(4))).statusCode).toBe(400);
    expect((await w.entA.client.post(url, report(3, { socialNote: '好' }))).statusCode).toBe(400);
    expect(await t.db.selectFrom('effect_reports').select('id').execute()).toEqual([]);

    const filed = await w.entA.client.post(url, report(3));
    expect(filed.statusCode, filed.body).toBe(201);
    expect(filed.json()).toMatchObject({ period: 3, costSavedWan: 42.5, revenueWan: 120, efficiencyPct: 18, late: false });
    const twice = await w.entA.client.post(url, report(3));
    expect(twice.statusCode).toBe(409);
    expect(code(twice)).toBe('EFFECT_REPORT_EXISTS');
    expect((await consoleOf()).dueReports).toEqual([]);
  });

  it('the committee sees who is late with an effect report; a late report is marked late', async () => {
    const url = `/api/implementations/${impl1.id}/effect-reports`;
    const six = (await w.entA.client.get(url)).json().periods[1];
    now = new Date(Date.parse(six.dueAt) + 5 * DAY);
    let c = await consoleOf();
    expect(c.dueReports).toEqual([expect.objectContaining({ implementationId: impl1.id, period: 6, status: 'due' })]);
    expect(c.lateReports).toEqual([]);
    now = new Date(Date.parse(six.lateAfter) + DAY);
    c = await consoleOf(w.supervisor);
    expect(c.lateReports).toEqual([
      expect.objectContaining({
        implementationId: impl1.id,
        enterpriseName: '甲药业股份有限公司',
        period: 6,
        status: 'late',
        daysLate: c.graceDays + 1,
      }),
    ]);
    const late = await w.entA.client.post(url, { period: 6, revenueWan: 300, socialNote: '覆盖全省 11 个地市的配送网络。' });
    expect(late.statusCode, late.body).toBe(201);
    expect(late.json()).toMatchObject({ late: true, costSavedWan: null, revenueWan: 300 });
    c = await consoleOf();
    expect(c.lateReports).toEqual([]);
    const periods = (await w.entA.client.get(url)).json().periods;
    expect(periods.map((p: { status: string }) => p.status)).toEqual(['submitted', 'submitted', 'upcoming']);
  });

  it('典型案例: public only when accepted and both sides agree, with the team’s summary; withdrawing removes it; nothing else leaks', async () => {
    const listed = async () => (await t.client().get('/api/cases')).json().items.map((i: { id: string }) => i.id);
    const consent = (who: SignedUp, id: string, value: boolean) =>
      who.client.put(`/api/implementations/${id}/publish-consent`, { consent: value });
    const summary = '基于企业开放的销售出库与库存数据，构建需求预测与智能排产模型，在沙箱中连续运行 30 天，预测误差控制在 10% 以内。';
    expect(await listed()).toEqual([]);
    expect((await consent(w.entA, impl1.id, true)).statusCode).toBe(200);
    let view = (await w.entA.client.get(`/api/implementations/${impl1.id}/case`)).json();
    expect(view).toMatchObject({
      accepted: true,
      enterpriseConsent: true,
      teamConsent: false,
      published: false,
      missing: ['teamConsent', 'summary'],
    });
    expect(await listed()).toEqual([]);

    const put = (who: SignedUp, id: string, text: string) => who.client.put(`/api/implementations/${id}/case-summary`, { summary: text });
    expect((await put(w.lead1, impl1.id, '太短')).statusCode).toBe(400);
    expect((await put(w.entA, impl1.id, summary)).statusCode).toBe(403);
    expect((await put(w.outsider, impl1.id, summary)).statusCode).toBe(404);
    expect((await t.client().put(`/api/implementations/${impl1.id}/case-summary`, { summary })).statusCode).toBe(401);
    expect((await put(w.lead1, impl1.id, summary)).json()).toMatchObject({ missing: ['teamConsent'], canEditSummary: true });
    view = (await consent(w.lead1, impl1.id, true)).json();
    view = (await w.lead1.client.get(`/api/implementations/${impl1.id}/case`)).json();
    expect(view).toMatchObject({ published: true, missing: [] });

    // impl2 is not accepted: both sides agreeing does not publish it.
    await consent(w.entA, impl2.id, true);
    await consent(w.lead2, impl2.id, true);
    await put(w.lead2, impl2.id, summary);
    expect(await listed()).toEqual([impl1.id]);
    expect((await t.client().get(`/api/cases/${impl2.id}`)).statusCode).toBe(404);

    const pub = await t.client().get(`/api/cases/${impl1.id}`);
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({
      title: expect.any(String),
      trackName: '工业制造',
      teamName: '排产先锋队',
      summary,
      budgetWan: 60,
      demand: { id: w.demandA, title: '智能排产优化：流通数据驱动的生产调度系统', enterpriseName: '甲药业股份有限公司' },
    });
    expect(pub.json().effects.map((e: { period: number; revenueWan: number }) => [e.period, e.revenueWan])).toEqual([
      [3, 120],
      [6, 300],
    ]);
    // The application, the contact and internal notes never reach the public page.
    for (const secret of ['zhang@example.cn', '0312-5550000', '核心优势', '验收通过', 'submittedBy', w.entA.id, w.lead1.id]) {
      expect(pub.body).not.toContain(secret);
    }
    expect((await t.client().get(`/api/cases?editionId=${w.editionId}`)).json().items).toHaveLength(1);
    expect((await t.client().get('/api/cases?editionId=00000000-0000-4000-8000-000000000000')).json().items).toEqual([]);

    // Either side withdrawing takes it down at once.
    expect((await consent(w.lead1, impl1.id, false)).statusCode).toBe(200);
    expect(await listed()).toEqual([]);
    expect((await t.client().get(`/api/cases/${impl1.id}`)).statusCode).toBe(404);
  });
});
