import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeExpiredDemands } from '@jb/api/modules/demands/demand-transitions.ts';
import { createTestApp, type SignedUp, type TestApp } from '../support/app.ts';
import { completeDemand, createCatalog, createOrg, isoDate, isoTime } from '../support/fixtures.ts';

describe('demand sub-topics (企业需求子赛题)', () => {
  let t: TestApp;
  let owner: SignedUp; // member of the demand's enterprise
  let rival: SignedUp; // member of another enterprise
  let committee: SignedUp;
  let supervisor: SignedUp;
  let expert: SignedUp;
  let follower: SignedUp;
  let topicId: string;
  let editionId: string;
  let orgId: string;
  let universityOrgId: string;

  const create = async (overrides: Record<string, unknown> = {}) => {
    const res = await owner.client.post('/api/demands', completeDemand(topicId, orgId, overrides));
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; version: number; status: string };
  };
  const publish = async (overrides: Record<string, unknown> = {}) => {
    const demand = await create(overrides);
    expect((await owner.client.post(`/api/demands/${demand.id}/submit`)).statusCode).toBe(200);
    const approved = await committee.client.post(`/api/demands/${demand.id}/review`, { decision: 'approve' });
    expect(approved.statusCode, approved.body).toBe(200);
    return approved.json() as { id: string; version: number; status: string };
  };

  /** A member of a new enterprise of their own, whose demands and notifications no other test touches. */
  const newEnterprise = async () => {
    const member = await t.signUp({ displayName: '另一企业成员' });
    return { member, orgId: await createOrg(t, member) };
  };

  beforeAll(async () => {
    t = await createTestApp();
    [owner, rival, committee, supervisor, expert, follower] = await Promise.all([
      t.signUp({ displayName: '企业成员' }),
      t.signUp({ displayName: '其他企业成员' }),
      t.signUp({ roles: ['committee'] }),
      t.signUp({ roles: ['supervisor'] }),
      t.signUp({ roles: ['expert'] }),
      t.signUp({ displayName: '关注者' }),
    ]);
    ({ topicId, editionId } = await createCatalog(committee));
    orgId = await createOrg(t, owner);
    await createOrg(t, rival);
    universityOrgId = await createOrg(t, owner, 'university', '河北测试大学');
  });
  afterAll(() => t.close());

  describe('creating', () => {
    it('an enterprise member creates a draft', async () => {
      const demand = await create();
      expect(demand).toMatchObject({ status: 'draft', version: 1, publicStatus: null });
    });

    it('a draft may be incomplete but every given field is validated', async () => {
      const partial = await owner.client.post('/api/demands', { orgId, topicId, title: '只有标题的草稿' });
      expect(partial.statusCode).toBe(201);
      const bad = await owner.client.post('/api/demands', {
        orgId,
        topicId,
        title: '字段错误',
        budgetCny: 12.5,
        acceptanceCriteria: [],
        dataScope: [{ name: '数据', description: '说明', fields: ['a'], volume: '1', accessMode: 'email', availableFrom: '2025/07/01' }],
      });
      expect(bad.statusCode).toBe(400);
      const paths = bad.json().error.details.issues.map((i: { path: string }) => i.path);
      expect(paths).toEqual(
        expect.arrayContaining([
          'body.budgetCny',
          'body.acceptanceCriteria',
          'body.dataScope.0.accessMode',
          'body.dataScope.0.availableFrom',
        ]),
      );
    });

    it('refuses a non-enterprise organisation with ORG_KIND_NOT_ALLOWED', async () => {
      const res = await owner.client.post('/api/demands', completeDemand(topicId, universityOrgId));
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('ORG_KIND_NOT_ALLOWED');
    });

    it('refuses publishing in the name of an organisation one does not belong to, and the public', async () => {
      const enterprise = await newEnterprise();
      expect((await enterprise.member.client.post('/api/demands', completeDemand(topicId, enterprise.orgId))).statusCode).toBe(201);
      const res = await rival.client.post('/api/demands', completeDemand(topicId, enterprise.orgId));
      expect(res.statusCode).toBe(403);
      expect((await t.client().post('/api/demands', completeDemand(topicId, enterprise.orgId))).statusCode).toBe(401);
      // Only the member's own demand was written.
      const count = await t.db
        .selectFrom('demands')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('org_id', '=', enterprise.orgId)
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(1);
    });

    it('refuses an unknown topic', async () => {
      const res = await owner.client.post('/api/demands', completeDemand('00000000-0000-4000-8000-000000000000', orgId));
      expect(res.statusCode).toBe(404);
    });
  });

  describe('visibility', () => {
    it('a draft or pending demand is seen only by its organisation and the overseers', async () => {
      const draft = await create({ title: '保密草稿需求' });
      const pending = await create({ title: '保密待审需求' });
      await owner.client.post(`/api/demands/${pending.id}/submit`);
      for (const id of [draft.id, pending.id]) {
        expect((await owner.client.get(`/api/demands/${id}`)).statusCode).toBe(200);
        expect((await committee.client.get(`/api/demands/${id}`)).statusCode).toBe(200);
        expect((await supervisor.client.get(`/api/demands/${id}`)).statusCode).toBe(200);
        expect((await rival.client.get(`/api/demands/${id}`)).statusCode).toBe(404);
        expect((await expert.client.get(`/api/demands/${id}`)).statusCode).toBe(404);
        expect((await t.client().get(`/api/demands/${id}`)).statusCode).toBe(404);
      }
      for (const viewer of [t.client(), rival.client, expert.client]) {
        const titles = (await viewer.get(`/api/demands?edition=${editionId}&pageSize=100`))
          .json()
          .items.map((d: { title: string }) => d.title);
        expect(titles).not.toContain('保密草稿需求');
        expect(titles).not.toContain('保密待审需求');
      }
      const board = (await owner.client.get(`/api/demands?public=1&edition=${editionId}&pageSize=100`)).json().items;
      expect(board.map((d: { title: string }) => d.title)).not.toContain('保密草稿需求');
      expect(board.every((d: { status: string }) => ['published', 'closed', 'disqualified'].includes(d.status))).toBe(true);
      const mine = (await owner.client.get('/api/demands?mine=1&pageSize=100')).json().items.map((d: { title: string }) => d.title);
      expect(mine).toEqual(expect.arrayContaining(['保密草稿需求', '保密待审需求']));
      expect((await rival.client.get('/api/demands?mine=1')).json().items).toEqual([]);
      expect((await t.client().get('/api/demands?mine=1')).statusCode).toBe(401);
    });

    it('approving makes a demand public; contact details only for signed-in users', async () => {
      const demand = await publish({ title: '公开的需求' });
      const anon = await t.client().get(`/api/demands/${demand.id}`);
      expect(anon.statusCode).toBe(200);
      expect(anon.json()).toMatchObject({ title: '公开的需求', status: 'published', publicStatus: 'published' });
      expect(anon.json()).not.toHaveProperty('contact');
      expect(anon.json()).not.toHaveProperty('reviewReason');
      expect((await rival.client.get(`/api/demands/${demand.id}`)).json().contact).toMatchObject({ name: '张工' });
      const list = (await t.client().get(`/api/demands?topic=${topicId}&status=published&pageSize=100`)).json();
      expect(list.items.map((d: { id: string }) => d.id)).toContain(demand.id);
    });
  });

  describe('review (事前需求审核)', () => {
    it('submitting an incomplete demand lists what is missing', async () => {
      const draft = (await owner.client.post('/api/demands', { orgId, topicId, title: '不完整需求' })).json();
      const res = await owner.client.post(`/api/demands/${draft.id}/submit`);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('INCOMPLETE_DEMAND');
      expect(res.json().error.details.missing).toEqual(
        expect.arrayContaining(['businessNeed', 'techGoals', 'acceptanceCriteria', 'budgetCny', 'contact', 'bidDeadline', 'dataScope']),
      );
      const issues = res.json().error.details.issues;
      expect(issues.find((i: { path: string }) => i.path === 'businessNeed').message).toBe('请填写业务需求');
      expect((await owner.client.get(`/api/demands/${draft.id}`)).json().status).toBe('draft');
    });

    it('refuses a bid deadline in the past and data that opens after the deadline', async () => {
      const past = await create({ bidDeadline: isoTime(-1) });
      const res = await owner.client.post(`/api/demands/${past.id}/submit`);
      expect(res.json().error).toMatchObject({ code: 'INCOMPLETE_DEMAND', details: { missing: expect.arrayContaining(['bidDeadline']) } });
      const late = await create({
        bidDeadline: isoTime(5),
        dataScope: [{ ...completeDemand(topicId, orgId).dataScope[0], availableFrom: isoDate(10) }],
      });
      const lateRes = await owner.client.post(`/api/demands/${late.id}/submit`);
      expect(lateRes.json().error.details.issues[0].path).toBe('dataScope.0.availableFrom');
    });

    it('only the owner submits; only the committee reviews', async () => {
      const demand = await create();
      expect((await rival.client.post(`/api/demands/${demand.id}/submit`)).statusCode).toBe(404);
      expect((await committee.client.post(`/api/demands/${demand.id}/submit`)).statusCode).toBe(403);
      expect((await t.client().post(`/api/demands/${demand.id}/submit`)).statusCode).toBe(401);
      expect((await owner.client.post(`/api/demands/${demand.id}/submit`)).json().status).toBe('pending_review');
      for (const actor of [owner, rival, supervisor, expert]) {
        const res = await actor.client.post(`/api/demands/${demand.id}/review`, { decision: 'approve' });
        expect(res.statusCode).toBe(403);
      }
      expect((await t.client().post(`/api/demands/${demand.id}/review`, { decision: 'approve' })).statusCode).toBe(401);
      expect((await owner.client.get(`/api/demands/${demand.id}`)).json().status).toBe('pending_review');
    });

    it('rejecting needs a reason, tells the enterprise why, and the edited demand goes back to review', async () => {
      const demand = await create({ title: '待退回需求' });
      await owner.client.post(`/api/demands/${demand.id}/submit`);
      const noReason = await committee.client.post(`/api/demands/${demand.id}/review`, { decision: 'reject' });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json().error.details.issues[0]).toMatchObject({ path: 'body.reason', message: '退回时必须填写原因' });

      const rejected = await committee.client.post(`/api/demands/${demand.id}/review`, {
        decision: 'reject',
        reason: '预算与需求规模不符',
      });
      expect(rejected.json()).toMatchObject({ status: 'rejected', reviewReason: '预算与需求规模不符', publicStatus: null });
      expect((await t.client().get(`/api/demands/${demand.id}`)).statusCode).toBe(404);

      const inbox = (await owner.client.get('/api/notifications')).json();
      expect(inbox.items[0]).toMatchObject({ kind: 'demand.rejected', body: '退回原因：预算与需求规模不符' });

      const edited = await owner.client.patch(`/api/demands/${demand.id}`, { version: rejected.json().version, budgetCny: 1500000 });
      expect(edited.json()).toMatchObject({ status: 'rejected', budgetCny: 1500000 });
      expect((await owner.client.post(`/api/demands/${demand.id}/submit`)).json()).toMatchObject({
        status: 'pending_review',
        reviewReason: null,
      });
      const approved = await committee.client.post(`/api/demands/${demand.id}/review`, { decision: 'approve' });
      expect(approved.json().status).toBe('published');
      expect((await owner.client.get('/api/notifications')).json().items[0].kind).toBe('demand.approved');
    });

    it('refuses approving a version the reviewer has not seen', async () => {
      const demand = await create();
      const submitted = (await owner.client.post(`/api/demands/${demand.id}/submit`)).json();
      await owner.client.patch(`/api/demands/${demand.id}`, { version: submitted.version, techGoals: '在审核期间更新了技术目标。' });
      const res = await committee.client.post(`/api/demands/${demand.id}/review`, { decision: 'approve', version: submitted.version });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('VERSION_CONFLICT');
    });
  });

  describe('who may do what (per role)', () => {
    it('on a published demand: each action refused for every role but its own', async () => {
      const demand = await publish();
      const id = demand.id;
      const attempts: [string, SignedUp | null, string, unknown][] = [
        // enterprise actions refused to another enterprise, the committee and the public
        ...(['rival', 'committee', 'public'] as const).flatMap((who) =>
          (['submit', 'withdraw', 'close', 'data/0/opened'] as const).map(
            (action) =>
              [who, who === 'rival' ? rival : who === 'committee' ? committee : null, action, { evidence: '证明材料' }] as [
                string,
                SignedUp | null,
                string,
                unknown,
              ],
          ),
        ),
        // committee actions refused to the owner, another enterprise, the supervisor, an expert and the public
        ...(['owner', 'rival', 'supervisor', 'expert', 'public'] as const).flatMap((who) =>
          (['review', 'disqualify'] as const).map(
            (action) =>
              [who, { owner, rival, supervisor, expert, public: null }[who], action, { decision: 'approve', reason: '理由充分的说明' }] as [
                string,
                SignedUp | null,
                string,
                unknown,
              ],
          ),
        ),
      ];
      for (const [who, actor, action, body] of attempts) {
        const res = await (actor ? actor.client : t.client()).post(`/api/demands/${id}/${action}`, body);
        const expected = actor ? 403 : 401;
        expect(res.statusCode, `${who} ${action}`).toBe(expected);
        expect(res.json().error.code, `${who} ${action}`).toBe(actor ? 'FORBIDDEN' : 'UNAUTHENTICATED');
      }
      const after = (await committee.client.get(`/api/demands/${id}`)).json();
      expect(after).toMatchObject({ status: 'published', version: demand.version });
      expect(after.dataScope[0].openedAt).toBeNull();
    });
  });

  describe('refused transitions', () => {
    it('each names the current status', async () => {
      const published = await publish();
      const submitAgain = await owner.client.post(`/api/demands/${published.id}/submit`);
      expect(submitAgain.statusCode).toBe(409);
      expect(submitAgain.json().error).toMatchObject({ code: 'INVALID_TRANSITION', details: { status: 'published' } });
      expect(submitAgain.json().error.message).toContain('已发布');

      const approveAgain = await committee.client.post(`/api/demands/${published.id}/review`, { decision: 'approve' });
      expect(approveAgain.json().error).toMatchObject({ code: 'INVALID_TRANSITION', details: { status: 'published' } });

      const draft = await create();
      const disqualifyDraft = await committee.client.post(`/api/demands/${draft.id}/disqualify`, { reason: '数据未开放' });
      expect(disqualifyDraft.json().error).toMatchObject({ code: 'INVALID_TRANSITION', details: { status: 'draft' } });
      const closeDraft = await owner.client.post(`/api/demands/${draft.id}/close`);
      expect(closeDraft.json().error.code).toBe('INVALID_TRANSITION');
      const reviewDraft = await committee.client.post(`/api/demands/${draft.id}/review`, { decision: 'approve' });
      expect(reviewDraft.json().error.details.status).toBe('draft');

      await owner.client.post(`/api/demands/${draft.id}/withdraw`);
      for (const [actor, path] of [
        [owner, 'submit'],
        [owner, 'withdraw'],
        [owner, 'close'],
      ] as const) {
        const res = await actor.client.post(`/api/demands/${draft.id}/${path}`);
        expect(res.statusCode).toBe(409);
        expect(res.json().error.details.status).toBe('withdrawn');
      }
      const edit = await owner.client.patch(`/api/demands/${draft.id}`, { version: 1, title: '撤回后修改' });
      expect(edit.json().error).toMatchObject({ code: 'INVALID_TRANSITION', details: { status: 'withdrawn' } });
    });

    it('the enterprise cannot close before the bid deadline', async () => {
      const demand = await publish();
      const res = await owner.client.post(`/api/demands/${demand.id}/close`);
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('BID_DEADLINE_NOT_PASSED');
    });
  });

  describe('editing', () => {
    it('two concurrent edits with the same version: exactly one wins', async () => {
      const demand = await create();
      const [a, b] = await Promise.all([
        owner.client.patch(`/api/demands/${demand.id}`, { version: 1, title: '甲的修改标题' }),
        owner.client.patch(`/api/demands/${demand.id}`, { version: 1, title: '乙的修改标题' }),
      ]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
      const loser = a.statusCode === 409 ? a : b;
      const winner = a.statusCode === 200 ? a : b;
      expect(loser.json().error.code).toBe('VERSION_CONFLICT');
      const now = (await owner.client.get(`/api/demands/${demand.id}`)).json();
      expect(now.version).toBe(2);
      expect(now.title).toBe(winner.json().title);
    });

    it('a stale version gets 409 VERSION_CONFLICT and changes nothing', async () => {
      const demand = await create();
      await owner.client.patch(`/api/demands/${demand.id}`, { version: 1, region: '河北省唐山市' });
      const stale = await owner.client.patch(`/api/demands/${demand.id}`, { version: 1, region: '河北省邯郸市' });
      expect(stale.statusCode).toBe(409);
      expect((await owner.client.get(`/api/demands/${demand.id}`)).json().region).toBe('河北省唐山市');
    });

    it('only the owner edits', async () => {
      const demand = await publish();
      expect((await rival.client.patch(`/api/demands/${demand.id}`, { version: demand.version, title: '他人修改' })).statusCode).toBe(403);
      expect((await committee.client.patch(`/api/demands/${demand.id}`, { version: demand.version, title: '组委会修改' })).statusCode).toBe(
        403,
      );
      expect((await t.client().patch(`/api/demands/${demand.id}`, { version: demand.version, title: '匿名修改' })).statusCode).toBe(401);
    });

    it('editing a published demand sends it to review while the approved version stays public', async () => {
      const demand = await publish({ title: '原始发布标题' });
      const edited = await owner.client.patch(`/api/demands/${demand.id}`, {
        version: demand.version,
        title: '修改后的标题',
        budgetCny: 900000,
      });
      expect(edited.json()).toMatchObject({ status: 'pending_review', publicStatus: 'published', title: '修改后的标题' });

      const pub = (await t.client().get(`/api/demands/${demand.id}`)).json();
      expect(pub).toMatchObject({ status: 'published', title: '原始发布标题', budgetCny: 800000 });

      const forCommittee = (await committee.client.get(`/api/demands/${demand.id}`)).json();
      expect(forCommittee.changes).toEqual([
        { field: 'title', before: '原始发布标题', after: '修改后的标题' },
        { field: 'budgetCny', before: 800000, after: 900000 },
      ]);
      const queue = (await committee.client.get('/api/demands/review-queue')).json();
      expect(queue.pending.map((d: { id: string }) => d.id)).toContain(demand.id);

      await committee.client.post(`/api/demands/${demand.id}/review`, { decision: 'approve' });
      expect((await t.client().get(`/api/demands/${demand.id}`)).json()).toMatchObject({ title: '修改后的标题', budgetCny: 900000 });
    });

    it('sending unchanged values (in any key order) keeps a published demand published', async () => {
      const demand = await publish();
      const current = (await owner.client.get(`/api/demands/${demand.id}`)).json();
      const reordered = { email: current.contact.email, phone: current.contact.phone, name: current.contact.name };
      const res = await owner.client.patch(`/api/demands/${demand.id}`, {
        version: current.version,
        contact: reordered,
        budgetCny: current.budgetCny,
      });
      expect(res.json()).toMatchObject({ status: 'published' });
      expect(res.json().changes).toBeUndefined();
    });

    it('extending the deadline of a published demand applies at once; shortening it needs review', async () => {
      const demand = await publish();
      const later = isoTime(38); // still inside the submission phase (ends in 40 days)
      const extended = await owner.client.patch(`/api/demands/${demand.id}`, { version: demand.version, bidDeadline: later });
      expect(extended.json().status).toBe('published');
      expect((await t.client().get(`/api/demands/${demand.id}`)).json().bidDeadline).toBe(later);
      const shorter = await owner.client.patch(`/api/demands/${demand.id}`, { version: extended.json().version, bidDeadline: isoTime(20) });
      expect(shorter.json().status).toBe('pending_review');
      expect((await t.client().get(`/api/demands/${demand.id}`)).json().bidDeadline).toBe(later);
    });
  });

  describe('data opening and disqualification', () => {
    it('the owner marks data opened with evidence; others may not', async () => {
      const demand = await publish();
      for (const [actor, status] of [
        [rival, 403],
        [committee, 403],
      ] as const) {
        expect((await actor.client.post(`/api/demands/${demand.id}/data/0/opened`, { evidence: '沙箱地址' })).statusCode).toBe(status);
      }
      expect((await t.client().post(`/api/demands/${demand.id}/data/0/opened`, { evidence: '沙箱地址' })).statusCode).toBe(401);
      expect((await owner.client.post(`/api/demands/${demand.id}/data/5/opened`, { evidence: '沙箱地址' })).statusCode).toBe(404);
      const res = await owner.client.post(`/api/demands/${demand.id}/data/0/opened`, {
        evidence: '隐私计算沙箱 https://sandbox.example.cn/p/42 已开通',
      });
      expect(res.statusCode).toBe(200);
      const pub = (await t.client().get(`/api/demands/${demand.id}`)).json();
      expect(pub.dataScope[0]).toMatchObject({
        evidence: '隐私计算沙箱 https://sandbox.example.cn/p/42 已开通',
        openedAt: expect.any(String),
      });
      expect(pub.dataScope[1].openedAt).toBeNull();
    });

    it('flags overdue data in the committee queue; disqualifying notifies the enterprise and followers', async () => {
      const base = completeDemand(topicId, orgId).dataScope;
      const demand = await publish({ title: '数据逾期需求', dataScope: [{ ...base[0], availableFrom: isoDate(-3) }, base[1]] });
      expect((await t.client().get(`/api/demands/${demand.id}`)).json()).toMatchObject({ dataOverdue: true });
      const queue = (await committee.client.get('/api/demands/review-queue')).json();
      expect(queue.dataOverdue.map((d: { id: string }) => d.id)).toContain(demand.id);
      expect((await owner.client.get('/api/demands/review-queue')).statusCode).toBe(403);

      expect((await follower.client.post(`/api/demands/${demand.id}/follow`)).json().following).toBe(true);
      for (const actor of [owner, rival, supervisor, expert]) {
        expect((await actor.client.post(`/api/demands/${demand.id}/disqualify`, { reason: '数据未按期开放' })).statusCode).toBe(403);
      }
      expect((await committee.client.post(`/api/demands/${demand.id}/disqualify`, {})).statusCode).toBe(400);
      const res = await committee.client.post(`/api/demands/${demand.id}/disqualify`, { reason: '承诺的销售出库数据逾期未开放' });
      expect(res.json()).toMatchObject({ status: 'disqualified', disqualifiedReason: '承诺的销售出库数据逾期未开放' });

      expect((await t.client().get(`/api/demands/${demand.id}`)).json()).toMatchObject({
        status: 'disqualified',
        disqualifiedReason: '承诺的销售出库数据逾期未开放',
      });
      const followerInbox = (await follower.client.get('/api/notifications?unread=1')).json();
      expect(followerInbox.items[0]).toMatchObject({ kind: 'demand.disqualified', title: '需求子赛题「数据逾期需求」已被取消资格' });
      const ownerInbox = (await owner.client.get('/api/notifications')).json();
      expect(ownerInbox.items[0].kind).toBe('demand.disqualified');

      const after = (await committee.client.get('/api/demands/review-queue')).json();
      expect(after.dataOverdue.map((d: { id: string }) => d.id)).not.toContain(demand.id);
    });

    it('a published demand with a revision under review can still be disqualified', async () => {
      const base = completeDemand(topicId, orgId).dataScope;
      const demand = await publish({ title: '修订中的逾期需求', dataScope: [{ ...base[0], availableFrom: isoDate(-4) }, base[1]] });
      const revised = await owner.client.patch(`/api/demands/${demand.id}`, {
        version: demand.version,
        techGoals: '修订后的技术目标，等待审核。',
      });
      expect(revised.json().status).toBe('pending_review');
      const queue = (await committee.client.get('/api/demands/review-queue')).json();
      expect(queue.dataOverdue.map((d: { id: string }) => d.id)).toContain(demand.id);
      const res = await committee.client.post(`/api/demands/${demand.id}/disqualify`, { reason: '数据逾期未开放' });
      expect(res.json().status).toBe('disqualified');
    });
  });

  describe('withdrawing and closing', () => {
    it('the owner withdraws a draft, a pending and a published demand; the public no longer sees it', async () => {
      const draft = await create();
      expect((await owner.client.post(`/api/demands/${draft.id}/withdraw`)).json().status).toBe('withdrawn');
      const pending = await create();
      await owner.client.post(`/api/demands/${pending.id}/submit`);
      expect((await rival.client.post(`/api/demands/${pending.id}/withdraw`)).statusCode).toBe(404);
      expect((await owner.client.post(`/api/demands/${pending.id}/withdraw`)).json().status).toBe('withdrawn');
      const published = await publish();
      expect((await rival.client.post(`/api/demands/${published.id}/withdraw`)).statusCode).toBe(403);
      expect((await committee.client.post(`/api/demands/${published.id}/withdraw`)).statusCode).toBe(403);
      expect((await owner.client.post(`/api/demands/${published.id}/withdraw`, { reason: '需求已由内部解决' })).json().status).toBe(
        'withdrawn',
      );
      expect((await t.client().get(`/api/demands/${published.id}`)).statusCode).toBe(404);
    });

    it('closes after the deadline, by the owner or automatically', async () => {
      const a = await publish();
      const b = await publish();
      await t.db
        .updateTable('demands')
        .set({ bid_deadline: new Date(Date.now() - 60_000) })
        .where('id', 'in', [a.id, b.id])
        .execute();
      expect((await rival.client.post(`/api/demands/${a.id}/close`)).statusCode).toBe(403);
      expect((await owner.client.post(`/api/demands/${a.id}/close`)).json().status).toBe('closed');
      expect(await closeExpiredDemands(t.db)).toBe(1);
      expect((await t.client().get(`/api/demands/${b.id}`)).json().status).toBe('closed');
      expect(await closeExpiredDemands(t.db)).toBe(0);
    });
  });

  describe('history and notifications', () => {
    it('every transition is recorded with actor, statuses and reason; shown to the owner and the committee', async () => {
      const demand = await create();
      await owner.client.post(`/api/demands/${demand.id}/submit`);
      await committee.client.post(`/api/demands/${demand.id}/review`, { decision: 'reject', reason: '验收标准不可量化' });
      await owner.client.post(`/api/demands/${demand.id}/submit`);
      await committee.client.post(`/api/demands/${demand.id}/review`, { decision: 'approve' });
      const history = (await owner.client.get(`/api/demands/${demand.id}/history`)).json().items;
      expect(
        history.map((e: { action: string; fromStatus: string | null; toStatus: string }) => [e.action, e.fromStatus, e.toStatus]),
      ).toEqual([
        ['create', null, 'draft'],
        ['submit', 'draft', 'pending_review'],
        ['reject', 'pending_review', 'rejected'],
        ['submit', 'rejected', 'pending_review'],
        ['approve', 'pending_review', 'published'],
      ]);
      expect(history[2]).toMatchObject({ reason: '验收标准不可量化', actor: { id: committee.id } });
      expect((await committee.client.get(`/api/demands/${demand.id}/history`)).statusCode).toBe(200);
      expect((await rival.client.get(`/api/demands/${demand.id}/history`)).statusCode).toBe(403);
      expect((await t.client().get(`/api/demands/${demand.id}/history`)).statusCode).toBe(401);
    });

    it('notifications are private and can be marked read', async () => {
      // Its own enterprise, so that the unread count is only what happens here: a rejection, then an approval.
      const { member: owner, orgId } = await newEnterprise();
      const demand = (await owner.client.post('/api/demands', completeDemand(topicId, orgId))).json();
      await owner.client.post(`/api/demands/${demand.id}/submit`);
      await committee.client.post(`/api/demands/${demand.id}/review`, { decision: 'reject', reason: '验收标准不可量化' });
      await owner.client.post(`/api/demands/${demand.id}/submit`);
      await committee.client.post(`/api/demands/${demand.id}/review`, { decision: 'approve' });

      const inbox = (await owner.client.get('/api/notifications')).json();
      expect(inbox.unread).toBe(2);
      expect(inbox.unread).toBeGreaterThan(0);
      const first = inbox.items[0];
      expect((await rival.client.post(`/api/notifications/${first.id}/read`)).statusCode).toBe(404);
      expect((await owner.client.post(`/api/notifications/${first.id}/read`)).statusCode).toBe(204);
      expect((await owner.client.get('/api/notifications')).json().unread).toBe(inbox.unread - 1);
      const unreadOnly = (await owner.client.get('/api/notifications?unread=1')).json();
      expect(unreadOnly.total).toBe(inbox.unread - 1);
      expect((await owner.client.post('/api/notifications/read-all')).json().marked).toBe(inbox.unread - 1);
      expect((await owner.client.get('/api/notifications?unread=1')).json().items).toEqual([]);
      expect((await t.client().get('/api/notifications')).statusCode).toBe(401);
    });
  });
});
