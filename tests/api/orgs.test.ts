import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, uniqueCreditCode, type SignedUp, type TestApp } from '../support/app.ts';
import { addToOrg } from '../support/teams.ts';

describe('organisations', () => {
  let t: TestApp;
  let owner: SignedUp;
  let outsider: SignedUp;
  let committee: SignedUp;
  let supervisor: SignedUp;
  let expert: SignedUp;

  /** A new organisation of a new admin; with `withColleague`, one more user as a plain member. */
  const newOrg = async (name: string, withColleague = false) => {
    const admin = await t.signUp();
    const res = await admin.client.post('/api/orgs', { name, creditCode: uniqueCreditCode(), kind: 'enterprise', region: '河北省保定市' });
    expect(res.statusCode, res.body).toBe(201);
    const orgId = res.json().id as string;
    const colleague = await t.signUp();
    if (withColleague) await addToOrg(admin, orgId, colleague);
    return { admin, orgId, colleague };
  };

  beforeAll(async () => {
    t = await createTestApp();
    [owner, outsider, committee, supervisor, expert] = await Promise.all([
      t.signUp(),
      t.signUp(),
      t.signUp({ roles: ['committee'] }),
      t.signUp({ roles: ['supervisor'] }),
      t.signUp({ roles: ['expert'] }),
    ]);
  });
  afterAll(() => t.close());

  it('creates an organisation and makes its creator the admin', async () => {
    const res = await owner.client.post('/api/orgs', {
      name: '河北测试科技有限公司',
      creditCode: '914403001922038216'.toLowerCase(),
      kind: 'enterprise',
      region: '河北省保定市',
    });
    expect(res.statusCode).toBe(201);
    const org = res.json();
    const orgId = org.id;
    expect(org).toMatchObject({ creditCode: '914403001922038216', kind: 'enterprise', myRole: 'admin' });
    expect(org.members).toEqual([expect.objectContaining({ userId: owner.id, role: 'admin' })]);
    expect(org.flags).toBeUndefined();
    const me = (await owner.client.get('/api/me')).json();
    expect(me.memberships).toEqual([{ orgId, orgName: '河北测试科技有限公司', orgKind: 'enterprise', role: 'admin' }]);
  });

  it('refuses a wrong check character with 400 INVALID_CREDIT_CODE and writes nothing', async () => {
    const before = await t.db
      .selectFrom('organizations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await outsider.client.post('/api/orgs', {
      name: '错误代码公司',
      creditCode: '914403001922038217',
      kind: 'enterprise',
      region: '河北',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'INVALID_CREDIT_CODE',
      message: '统一社会信用代码校验位不正确',
      details: { field: 'creditCode' },
    });
    const after = await t.db
      .selectFrom('organizations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it.each([
    ['too short', '91440300192203821'],
    ['forbidden letter', '91440300192203821O'],
  ])('refuses a credit code that is %s', async (_label, creditCode) => {
    const res = await outsider.client.post('/api/orgs', { name: '某公司', creditCode, kind: 'enterprise', region: '河北' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('INVALID_CREDIT_CODE');
  });

  it('refuses a credit code already registered with 409', async () => {
    const creditCode = uniqueCreditCode();
    const first = await t.signUp();
    expect(
      (
        await first.client.post('/api/orgs', {
          name: '先注册的公司',
          creditCode: creditCode.toLowerCase(),
          kind: 'enterprise',
          region: '河北',
        })
      ).statusCode,
    ).toBe(201);
    const res = await outsider.client.post('/api/orgs', {
      name: '冒名公司',
      creditCode,
      kind: 'enterprise',
      region: '河北',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('CREDIT_CODE_TAKEN');
  });

  it('refuses an unknown kind and an anonymous creator', async () => {
    const bad = await outsider.client.post('/api/orgs', { name: '某社团', creditCode: uniqueCreditCode(), kind: 'club', region: '河北' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].path).toBe('body.kind');
    const anon = await t.client().post('/api/orgs', { name: '某公司', creditCode: uniqueCreditCode(), kind: 'enterprise', region: '河北' });
    expect(anon.statusCode).toBe(401);
  });

  it('invites by email; the person becomes a member only when they accept; once', async () => {
    const { admin: owner, orgId, colleague } = await newOrg('添加成员测试公司');
    const res = await owner.client.post(`/api/orgs/${orgId}/members`, { email: colleague.email.toUpperCase() });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ email: colleague.email, role: 'member', status: 'pending' });
    expect((await owner.client.get(`/api/orgs/${orgId}`)).json().members.map((m: { userId: string }) => m.userId)).toEqual([owner.id]);
    const again = await owner.client.post(`/api/orgs/${orgId}/members`, { email: colleague.email });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('INVITATION_PENDING');

    const mine = (await colleague.client.get('/api/me/org-invitations')).json().items;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ orgId, orgName: '添加成员测试公司' });
    expect((await outsider.client.post(`/api/org-invitations/${mine[0].id}/accept`)).statusCode).toBe(404);
    const accepted = await colleague.client.post(`/api/org-invitations/${mine[0].id}/accept`);
    expect(accepted.statusCode).toBe(200);
    expect((await owner.client.get(`/api/orgs/${orgId}`)).json().members.map((m: { userId: string }) => m.userId)).toEqual([
      owner.id,
      colleague.id,
    ]);
    const member = await owner.client.post(`/api/orgs/${orgId}/members`, { email: colleague.email });
    expect(member.statusCode).toBe(409);
    expect(member.json().error.code).toBe('ALREADY_MEMBER');
  });

  it('answers an unregistered email exactly as a registered one', async () => {
    const { admin: owner, orgId } = await newOrg('未注册邮箱测试公司');
    const unknown = await owner.client.post(`/api/orgs/${orgId}/members`, { email: 'nobody-here@test.cn' });
    const known = await owner.client.post(`/api/orgs/${orgId}/members`, { email: expert.email });
    expect(unknown.statusCode).toBe(201);
    expect(known.statusCode).toBe(201);
    const shape = (body: Record<string, unknown>) => Object.keys(body).sort();
    expect(shape(unknown.json())).toEqual(shape(known.json()));
    expect(unknown.json().message).toBe(known.json().message);
    await owner.client.delete(`/api/orgs/${orgId}/invitations/${known.json().id}`);
    await owner.client.delete(`/api/orgs/${orgId}/invitations/${unknown.json().id}`);
  });

  it('refuses adding members to anyone but the org admin (plain member, outsider, committee)', async () => {
    const { orgId, colleague } = await newOrg('成员权限测试公司', true);
    for (const actor of [colleague, outsider, committee]) {
      const res = await actor.client.post(`/api/orgs/${orgId}/members`, { email: expert.email });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
    const anon = await t.client().post(`/api/orgs/${orgId}/members`, { email: expert.email });
    expect(anon.statusCode).toBe(401);
  });

  it('shows members to members and overseers only, flags to overseers only', async () => {
    const { orgId, colleague } = await newOrg('河北展示科技有限公司', true);
    const asOutsider = (await outsider.client.get(`/api/orgs/${orgId}`)).json();
    expect(asOutsider.name).toBe('河北展示科技有限公司');
    expect(asOutsider.members).toBeUndefined();
    expect(asOutsider.flags).toBeUndefined();
    const asPublic = await t.client().get(`/api/orgs/${orgId}`);
    expect(asPublic.statusCode).toBe(200);
    expect(asPublic.json().members).toBeUndefined();
    expect((await colleague.client.get(`/api/orgs/${orgId}`)).json().members).toHaveLength(2);
    const asCommittee = (await committee.client.get(`/api/orgs/${orgId}`)).json();
    expect(asCommittee.members).toHaveLength(2);
    expect(asCommittee.flags).toEqual({ blacklisted: false, blacklistReason: null, organizerAffiliated: false, updatedAt: null });
    expect((await supervisor.client.get(`/api/orgs/${orgId}`)).json().flags).toBeDefined();
  });

  it('lists only my organisations to ordinary users and all to overseers', async () => {
    const { admin: owner, orgId } = await newOrg('我的唯一组织');
    const other = await outsider.client.post('/api/orgs', {
      name: '外部大学',
      creditCode: uniqueCreditCode(),
      kind: 'university',
      region: '北京',
    });
    expect(other.statusCode).toBe(201);
    const mine = (await owner.client.get('/api/orgs')).json();
    expect(mine.items.map((o: { id: string }) => o.id)).toEqual([orgId]);
    const all = (await committee.client.get('/api/orgs?pageSize=100')).json();
    expect(all.total).toBeGreaterThanOrEqual(2);
    expect(all.items[0].flags).toBeDefined();
    expect((await t.client().get('/api/orgs')).statusCode).toBe(401);
  });

  it('404 for an unknown organisation and 400 for a malformed id', async () => {
    expect((await owner.client.get('/api/orgs/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    const bad = await owner.client.get('/api/orgs/not-a-uuid');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
  });
});

describe('organisation flags (失信 / 组织方关联)', () => {
  let t: TestApp;
  let committee: SignedUp;
  let orgId: string;
  let orgAdmin: SignedUp;

  beforeAll(async () => {
    t = await createTestApp();
    committee = await t.signUp({ roles: ['committee'] });
    orgAdmin = await t.signUp();
    orgId = (
      await orgAdmin.client.post('/api/orgs', { name: '待标记公司', creditCode: uniqueCreditCode(), kind: 'enterprise', region: '河北' })
    ).json().id;
  });
  afterAll(() => t.close());

  it.each(['supervisor', 'expert', 'orgAdmin', 'plain'] as const)('refuses a %s with 403', async (who) => {
    const actor = who === 'orgAdmin' ? orgAdmin : await t.signUp({ roles: who === 'plain' ? [] : [who] });
    const res = await actor.client.patch(`/api/orgs/${orgId}/flags`, {
      blacklisted: true,
      blacklistReason: '失信被执行人',
      organizerAffiliated: false,
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
    const row = await t.db.selectFrom('organizations').select('blacklisted').where('id', '=', orgId).executeTakeFirstOrThrow();
    expect(row.blacklisted).toBe(false);
  });

  it('refuses the public with 401, before looking at the body', async () => {
    const res = await t.client().patch(`/api/orgs/${orgId}/flags`, {});
    expect(res.statusCode).toBe(401);
  });

  it('requires a reason to blacklist', async () => {
    const res = await committee.client.patch(`/api/orgs/${orgId}/flags`, { blacklisted: true, organizerAffiliated: false });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues[0]).toMatchObject({ path: 'body.blacklistReason', message: '列入失信名单必须填写原因' });
  });

  it('lets the committee flag and unflag, with an audit record each time', async () => {
    const set = await committee.client.patch(`/api/orgs/${orgId}/flags`, {
      blacklisted: true,
      blacklistReason: '失信被执行人（2025）',
      organizerAffiliated: true,
    });
    expect(set.statusCode).toBe(200);
    expect(set.json().flags).toMatchObject({ blacklisted: true, blacklistReason: '失信被执行人（2025）', organizerAffiliated: true });

    const flagged = (await committee.client.get('/api/orgs?flagged=true')).json();
    expect(flagged.items.map((o: { id: string }) => o.id)).toContain(orgId);

    const cleared = await committee.client.patch(`/api/orgs/${orgId}/flags`, {
      blacklisted: false,
      blacklistReason: 'ignored',
      organizerAffiliated: false,
    });
    expect(cleared.json().flags).toMatchObject({ blacklisted: false, blacklistReason: null, organizerAffiliated: false });

    const audit = await t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('entity_id', '=', orgId)
      .where('action', '=', 'org.flags_changed')
      .execute();
    expect(audit).toHaveLength(2);
    expect(audit[0].actor_id).toBe(committee.id);
  });
});
