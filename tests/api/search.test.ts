import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncWorker } from '@jb/search/sync-worker.ts';
import { createTestApp, type SignedUp, type TestApp } from '../support/app.ts';
import { completeDemand, createCatalog, createOrg } from '../support/fixtures.ts';

describe('demand search API', () => {
  let t: TestApp;
  let owner: SignedUp;
  let committee: SignedUp;
  let topicId: string;
  let trackId: string;
  let orgId: string;

  const search = async (qs: string) => {
    const res = await t.client().get(`/api/search/demands?${qs}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const publish = async (overrides: Record<string, unknown>, by = { owner, orgId }) => {
    const created = (await by.owner.client.post('/api/demands', completeDemand(topicId, by.orgId, overrides))).json();
    await by.owner.client.post(`/api/demands/${created.id}/submit`);
    await committee.client.post(`/api/demands/${created.id}/review`, { decision: 'approve' });
    return created.id as string;
  };

  beforeAll(async () => {
    t = await createTestApp();
    owner = await t.signUp();
    committee = await t.signUp({ roles: ['committee'] });
    ({ topicId, trackId } = await createCatalog(committee));
    // The enterprise name is searched too: only the highlight test's own enterprise has 陶瓷 in it.
    orgId = await createOrg(t, owner, 'enterprise', '测试需求发布有限公司');
  });
  afterAll(() => t.close());

  // How fast it happens is measured in bench/search (lag); here only that the running worker gets it there.
  it('a published demand becomes searchable through the running sync worker', async () => {
    const worker = new SyncWorker(t.db, t.search, { idleMs: 500 });
    worker.start();
    try {
      const id = await publish({ title: '玻璃深加工升级：机器视觉驱动的表面瑕疵识别', region: '河北省沧州市' });
      const approvedAt = Date.now();
      let found = false;
      while (!found && Date.now() - approvedAt < 20_000) {
        found = (await search('q=玻璃瑕疵')).hits.some((h: { id: string }) => h.id === id);
        if (!found) await new Promise((r) => setTimeout(r, 50));
      }
      expect(found).toBe(true);
    } finally {
      await worker.stop();
    }
  });

  it('returns highlighted hits, facets with track names, and the engine', async () => {
    const ceramics = await t.signUp();
    const ceramicsOrg = await createOrg(t, ceramics, 'enterprise', '唐山陶瓷测试有限公司');
    await publish({ title: '陶瓷智造升级：机器视觉驱动的缺陷精准检测', region: '河北省唐山市' }, { owner: ceramics, orgId: ceramicsOrg });
    await t.syncSearch();
    const res = await search('q=陶瓷');
    expect(res.engine).toBe('postgres');
    expect(res.total).toBe(1);
    const hit = res.hits[0];
    expect(hit).toMatchObject({
      enterprise: '唐山陶瓷测试有限公司',
      region: '河北省唐山市',
      budgetCny: 800000,
      accessModes: ['sandbox', 'api'],
    });
    expect(hit.titleHtml).toBe('<mark>陶瓷</mark>智造升级：机器视觉驱动的缺陷精准检测');
    expect(res.facets.track).toEqual({ [trackId]: 1 });
    expect(res.facetLabels.track[trackId]).toBe('数据要素×工业制造');
    expect(res.facets.access).toEqual({ sandbox: 1, api: 1 });
    expect(res.matchedWords).toEqual(['陶瓷']);
    // a track that is asked for is named even when nothing matches in it
    const none = await search(`q=陶瓷&track=${trackId}&budgetMin=99000000`);
    expect(none.total).toBe(0);
    expect(none.facetLabels.track[trackId]).toBe('数据要素×工业制造');
  });

  it('never shows drafts or pending demands, and removes withdrawn ones', async () => {
    const draft = (await owner.client.post('/api/demands', completeDemand(topicId, orgId, { title: '草稿：钢铁供应链需求' }))).json();
    const pending = (await owner.client.post('/api/demands', completeDemand(topicId, orgId, { title: '待审：钢铁供应链需求' }))).json();
    await owner.client.post(`/api/demands/${pending.id}/submit`);
    await t.syncSearch();
    expect((await search('q=钢铁供应链')).total).toBe(0);

    const published = await publish({ title: '钢铁供应链数智化：算法驱动全链条资源配置优化' });
    await t.syncSearch();
    expect((await search('q=钢铁供应链')).hits.map((h: { id: string }) => h.id)).toEqual([published]);

    await owner.client.post(`/api/demands/${published}/withdraw`);
    await t.syncSearch();
    expect((await search('q=钢铁供应链')).total).toBe(0);
    expect(draft.status).toBe('draft');
  });

  it('keeps the approved version searchable while a revision is reviewed', async () => {
    const id = await publish({ title: '文旅产业智能决策：多维数据融合' });
    const current = (await owner.client.get(`/api/demands/${id}`)).json();
    await owner.client.patch(`/api/demands/${id}`, { version: current.version, title: '文旅产业智能决策（修订稿）' });
    await t.syncSearch();
    const hits = (await search('q=文旅')).hits;
    expect(hits.map((h: { title: string }) => h.title)).toEqual(['文旅产业智能决策：多维数据融合']);
  });

  it('filters, sorts and pages', async () => {
    await publish({ title: '普惠金融数智化：小微企业融资服务', budgetCny: 3_000_000, region: '河北省唐山市' });
    await publish({ title: '物流调度优化：运力数据驱动的路径规划', region: '河北省唐山市' });
    await t.syncSearch();
    const byBudget = await search('sort=budget_desc&pageSize=2');
    expect(byBudget.hits[0].budgetCny).toBe(3_000_000);
    expect(byBudget.hits).toHaveLength(2);
    const filtered = await search(`track=${trackId}&region=河北省唐山市&budgetMin=1000000`);
    expect(filtered.hits.map((h: { title: string }) => h.title)).toEqual(['普惠金融数智化：小微企业融资服务']);
    const access = await search('access=sandbox,api&q=普惠融资');
    expect(access.total).toBe(1);
  });

  it('refuses bad parameters with 400 and caps the page size', async () => {
    const bad = await t.client().get('/api/search/demands?sort=cheapest');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].path).toBe('querystring.sort');
    const range = await t.client().get('/api/search/demands?budgetMin=500&budgetMax=100');
    expect(range.json().error.details.issues[0]).toMatchObject({ path: 'querystring.budgetMax', message: '最高预算不能低于最低预算' });
    expect((await t.client().get('/api/search/demands?budgetMin=abc')).statusCode).toBe(400);
    expect((await t.client().get('/api/search/demands?track=not-a-uuid')).statusCode).toBe(400);
    expect((await t.client().get('/api/search/demands?access=email')).statusCode).toBe(400);
    expect((await t.client().get('/api/search/demands?page=5000&pageSize=50')).statusCode).toBe(400);
    expect((await search('pageSize=500')).pageSize).toBe(50);
  });

  it('health reports the engine and the search lag', async () => {
    const id = (await owner.client.post('/api/demands', completeDemand(topicId, orgId, { title: '未同步的需求' }))).json().id;
    expect(id).toBeDefined();
    const pending = (await t.client().get('/api/health')).json();
    expect(pending.search).toMatchObject({ engine: 'postgres', ok: true });
    expect(pending.search.pending).toBeGreaterThan(0);
    expect(pending.search.lagSeconds).toBeGreaterThanOrEqual(0);
    await t.syncSearch();
    const synced = (await t.client().get('/api/health')).json();
    expect(synced.search).toMatchObject({ pending: 0, lagSeconds: 0 });
  });
});
