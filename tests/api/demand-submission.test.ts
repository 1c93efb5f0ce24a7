import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedUp, type TestApp } from '../support/app.ts';
import { completeDemand, createCatalog, createOrg, isoDate, isoTime } from '../support/fixtures.ts';

interface Issue {
  path: string;
  message: string;
}

/**
 * Submitting a demand says everything at once (issue 10): one failed submit lists every
 * problem with its field path in plain words, writes nothing, and the bid deadline may
 * not fall after the edition's submission phase.
 */
describe('demand submission in one round', () => {
  let t: TestApp;
  let owner: SignedUp;
  let rival: SignedUp;
  let committee: SignedUp;
  let topicId: string;
  let orgId: string;

  const countDemands = async () =>
    Number(
      (
        await t.db
          .selectFrom('demands')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('org_id', '=', orgId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await createTestApp();
    [owner, rival, committee] = await Promise.all([
      t.signUp({ displayName: '企业成员' }),
      t.signUp({ displayName: '他人' }),
      t.signUp({ roles: ['committee'] }),
    ]);
    ({ topicId } = await createCatalog(committee)); // submission phase ends in 40 days
    orgId = await createOrg(t, owner);
  });
  afterAll(() => t.close());

  it('one failed submit reports format, missing fields and date rules together, and creates nothing', async () => {
    const before = await countDemands();
    const res = await owner.client.post('/api/demands', {
      orgId,
      topicId,
      submit: true,
      title: '短', // too short (format)
      businessNeed: '需求说明还不够长', // too short
      budgetCny: 12.5, // not whole yuan
      contact: { name: '', phone: '', email: 'not-an-email' },
      bidDeadline: isoTime(60), // after the submission phase (40 days)
      dataScope: [
        { name: '出库数据', description: '出库明细', fields: ['日期'], volume: '1 万条', accessMode: 'email', availableFrom: isoDate(70) },
      ],
      // techGoals, acceptanceCriteria, region missing
    });
    expect(res.statusCode, res.body).toBe(400);
    const error = res.json().error;
    expect(error.code).toBe('INCOMPLETE_DEMAND');
    const issues = error.details.issues as Issue[];
    const byPath = Object.fromEntries(issues.map((i) => [i.path, i.message]));
    expect(Object.keys(byPath)).toEqual(
      expect.arrayContaining([
        'title',
        'businessNeed',
        'techGoals',
        'acceptanceCriteria',
        'budgetCny',
        'region',
        'contact.name',
        'contact.phone',
        'contact.email',
        'bidDeadline',
        'dataScope.0.accessMode',
        'dataScope.0.availableFrom',
      ]),
    );
    expect(byPath['contact.name']).toBe('请填写联系人');
    expect(byPath['contact.phone']).toBe('请填写联系电话');
    expect(byPath.techGoals).toBe('请填写技术目标');
    expect(byPath.region).toBe('请填写实施地区');
    expect(byPath['dataScope.0.accessMode']).toBe('请选择访问方式');
    expect(byPath.bidDeadline).toMatch(/不能晚于本届作品提交截止日期（\d{4}-\d{2}-\d{2}）/);
    for (const issue of issues) expect(issue.message).not.toMatch(/请求参数不正确|至少 1 个字|received|undefined/);
    // The summary names the fields by their labels.
    expect(error.message).toMatch(/联系人/);
    expect(error.message).toMatch(/揭榜截止日期/);
    expect(error.details.missing).toEqual(expect.arrayContaining(['contact', 'bidDeadline', 'dataScope']));
    expect(await countDemands()).toBe(before);
  });

  it('a complete submit creates the demand under review as 第 1 版', async () => {
    const res = await owner.client.post('/api/demands', { ...completeDemand(topicId, orgId), submit: true });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'pending_review', version: 1 });
    const history = (await owner.client.get(`/api/demands/${res.json().id}/history`)).json().items as { action: string; version: number }[];
    expect(history.map((e) => [e.action, e.version])).toEqual(
      expect.arrayContaining([
        ['create', 1],
        ['submit', 1],
      ]),
    );
  });

  it('a failed submit of a saved draft writes no version; the fixed one is submitted with its edit', async () => {
    const draft = (await owner.client.post('/api/demands', { orgId, topicId, title: '先保存的草稿需求' })).json();
    expect(draft.version).toBe(1);
    const failed = await owner.client.patch(`/api/demands/${draft.id}`, { version: 1, submit: true, region: '河北省', budgetCny: -5 });
    expect(failed.statusCode).toBe(400);
    expect(failed.json().error.code).toBe('INCOMPLETE_DEMAND');
    const paths = (failed.json().error.details.issues as Issue[]).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['budgetCny', 'businessNeed', 'contact.name', 'bidDeadline', 'dataScope']));
    const unchanged = (await owner.client.get(`/api/demands/${draft.id}`)).json();
    expect(unchanged).toMatchObject({ version: 1, status: 'draft', region: null });

    const { orgId: _o, topicId: _t, ...content } = completeDemand(topicId, orgId, { title: '先保存的草稿需求' });
    const ok = await owner.client.patch(`/api/demands/${draft.id}`, { version: 1, submit: true, ...content });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ version: 2, status: 'pending_review' });
  });

  it('POST /submit of an incomplete draft lists every issue, and changes nothing', async () => {
    const draft = (await owner.client.post('/api/demands', { orgId, topicId, title: '只填了标题', bidDeadline: isoTime(-1) })).json();
    const res = await owner.client.post(`/api/demands/${draft.id}/submit`);
    expect(res.statusCode).toBe(400);
    const paths = (res.json().error.details.issues as Issue[]).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['businessNeed', 'contact.name', 'dataScope', 'bidDeadline']));
    expect((await owner.client.get(`/api/demands/${draft.id}`)).json()).toMatchObject({ version: 1, status: 'draft' });
  });

  it('a plain save (no submit) still answers schema errors as VALIDATION_FAILED and refuses others’ organisations', async () => {
    const bad = await owner.client.post('/api/demands', { orgId, topicId, title: '短' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    expect(bad.json().error.details.issues[0]).toMatchObject({ path: 'body.title', message: '需求标题至少 4 个字' });
    const foreign = await rival.client.post('/api/demands', { ...completeDemand(topicId, orgId), submit: true });
    expect(foreign.statusCode).toBe(403);
    expect((await t.client().post('/api/demands', { ...completeDemand(topicId, orgId), submit: true })).statusCode).toBe(401);
    const badVersion = await owner.client.patch('/api/demands/00000000-0000-4000-8000-000000000000', { version: 'x', submit: true });
    expect(badVersion.json().error.code).toBe('VALIDATION_FAILED');
    const draft = (await owner.client.post('/api/demands', { orgId, topicId, title: '版本号过大的草稿' })).json();
    const huge = await owner.client.patch(`/api/demands/${draft.id}`, { version: 2 ** 40, submit: true, budgetCny: -1 });
    expect(huge.statusCode).toBe(400);
    expect(huge.json().error.code).toBe('VALIDATION_FAILED');
  });

  describe('bid deadline within the submission phase', () => {
    it('is refused on save, naming the date that applies', async () => {
      const res = await owner.client.post('/api/demands', completeDemand(topicId, orgId, { bidDeadline: isoTime(45) }));
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(res.json().error.details.issues[0].path).toBe('body.bidDeadline');
      expect(res.json().error.message).toContain(`作品提交截止日期（${isoDate(40)}）`);
    });

    it('a published demand cannot extend its deadline past the submission phase', async () => {
      const created = (await owner.client.post('/api/demands', { ...completeDemand(topicId, orgId), submit: true })).json();
      const approved = await committee.client.post(`/api/demands/${created.id}/review`, { decision: 'approve' });
      expect(approved.statusCode).toBe(200);
      const later = await owner.client.patch(`/api/demands/${created.id}`, { version: approved.json().version, bidDeadline: isoTime(50) });
      expect(later.statusCode).toBe(400);
      expect(later.json().error.details.issues[0].path).toMatch(/bidDeadline$/);
      const within = await owner.client.patch(`/api/demands/${created.id}`, { version: approved.json().version, bidDeadline: isoTime(39) });
      expect(within.statusCode, within.body).toBe(200);
      expect(within.json().status).toBe('published');
    });

    it('a pending demand whose deadline is past the phase cannot be approved', async () => {
      const created = (await owner.client.post('/api/demands', { ...completeDemand(topicId, orgId), submit: true })).json();
      // The committee shortens the submission phase after the demand was submitted.
      await t.db
        .updateTable('editions')
        .set((eb) => ({ phases: eb.fn('jsonb_set', [eb.ref('phases'), eb.val('{submission,end}'), eb.val(JSON.stringify(isoTime(20)))]) }))
        .execute();
      const res = await committee.client.post(`/api/demands/${created.id}/review`, { decision: 'approve' });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details.issues[0]).toMatchObject({ path: 'bidDeadline' });
      expect((await owner.client.get(`/api/demands/${created.id}`)).json().status).toBe('pending_review');
    });
  });
});
