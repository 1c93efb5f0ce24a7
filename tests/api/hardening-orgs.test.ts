import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedUp, type TestApp } from '../support/app.ts';
import { createCatalog, createOrg } from '../support/fixtures.ts';
import { addToOrg, createTeam } from '../support/teams.ts';

describe('organisation membership by consent: invite, accept/decline, leave, remove, roles', () => {
  let t: TestApp;
  let admin: SignedUp;
  let supervisor: SignedUp;
  let person: SignedUp;
  let committee: SignedUp;
  let orgId: string;

  beforeAll(async () => {
    t = await createTestApp({ loginLimits: { registrationsPerIpPer10Minutes: 1000 } });
    [admin, supervisor, person, committee] = await Promise.all([
      t.signUp(),
      t.signUp({ roles: ['supervisor'] }),
      t.signUp(),
      t.signUp({ roles: ['committee'] }),
    ]);
    orgId = await createOrg(t, admin, 'enterprise', '同意测试有限公司');
  });
  afterAll(() => t.close());

  const members = async () => (await admin.client.get(`/api/orgs/${orgId}`)).json().members as { userId: string; role: string }[];

  it('inviting the supervisor as admin does not make them a member; they decline and nothing changes', async () => {
    const res = await admin.client.post(`/api/orgs/${orgId}/members`, { email: supervisor.email, role: 'admin' });
    expect(res.statusCode).toBe(201);
    expect((await members()).map((m) => m.userId)).toEqual([admin.id]);
    const notes = (await supervisor.client.get('/api/notifications')).json();
    expect(JSON.stringify(notes)).toContain('同意测试有限公司');
    const declined = await supervisor.client.post(`/api/org-invitations/${res.json().id}/decline`);
    expect(declined.json()).toEqual({ orgId, status: 'declined' });
    expect((await members()).map((m) => m.userId)).toEqual([admin.id]);
    expect((await supervisor.client.post(`/api/org-invitations/${res.json().id}/accept`)).statusCode).toBe(404);
    expect((await supervisor.client.get('/api/me/org-invitations')).json().items).toEqual([]);
  });

  it('an invitation to an email without an account waits for its registration', async () => {
    const email = `later-${Date.now()}@example.cn`;
    const res = await admin.client.post(`/api/orgs/${orgId}/invitations`, { email });
    expect(res.statusCode).toBe(201);
    const pending = (await admin.client.get(`/api/orgs/${orgId}/invitations`)).json().items;
    expect(pending.map((i: { email: string }) => i.email)).toContain(email);
    const later = await t.signUp({ email });
    const mine = (await later.client.get('/api/me/org-invitations')).json().items;
    expect(mine).toHaveLength(1);
    expect((await later.client.post(`/api/org-invitations/${mine[0].id}/accept`)).statusCode).toBe(200);
    expect((await members()).map((m) => m.userId)).toContain(later.id);
  });

  it('only admins invite, list and cancel invitations; only the invitee answers', async () => {
    const res = await admin.client.post(`/api/orgs/${orgId}/members`, { email: person.email });
    for (const outsider of [person, committee, supervisor]) {
      expect((await outsider.client.post(`/api/orgs/${orgId}/members`, { email: 'x@example.cn' })).statusCode).toBe(403);
      expect((await outsider.client.get(`/api/orgs/${orgId}/invitations`)).statusCode).toBe(403);
      expect((await outsider.client.delete(`/api/orgs/${orgId}/invitations/${res.json().id}`)).statusCode).toBe(403);
    }
    expect((await committee.client.post(`/api/org-invitations/${res.json().id}/accept`)).statusCode).toBe(404);
    expect((await t.client().post(`/api/org-invitations/${res.json().id}/accept`)).statusCode).toBe(401);
    expect((await admin.client.delete(`/api/orgs/${orgId}/invitations/${res.json().id}`)).statusCode).toBe(204);
    expect((await person.client.post(`/api/org-invitations/${res.json().id}/accept`)).statusCode).toBe(404);
  });

  it('changes roles and removes members, but never the last admin; members leave', async () => {
    await addToOrg(admin, orgId, person);
    expect((await person.client.patch(`/api/orgs/${orgId}/members/${admin.id}`, { role: 'member' })).statusCode).toBe(403);
    expect((await person.client.delete(`/api/orgs/${orgId}/members/${admin.id}`)).statusCode).toBe(403);

    const demote = await admin.client.patch(`/api/orgs/${orgId}/members/${admin.id}`, { role: 'member' });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().error.code).toBe('LAST_ADMIN');
    expect((await admin.client.post(`/api/orgs/${orgId}/leave`)).json().error.code).toBe('LAST_ADMIN');
    expect((await admin.client.delete(`/api/orgs/${orgId}/members/${admin.id}`)).json().error.code).toBe('LAST_ADMIN');

    expect((await admin.client.patch(`/api/orgs/${orgId}/members/${person.id}`, { role: 'admin' })).statusCode).toBe(204);
    expect((await members()).find((m) => m.userId === person.id)?.role).toBe('admin');
    expect((await admin.client.patch(`/api/orgs/${orgId}/members/${admin.id}`, { role: 'member' })).statusCode).toBe(204);
    // now person is the only admin: the former admin may leave
    expect((await admin.client.post(`/api/orgs/${orgId}/leave`)).statusCode).toBe(204);
    expect((await person.client.get(`/api/orgs/${orgId}`)).json().members.map((m: { userId: string }) => m.userId)).not.toContain(admin.id);
    expect((await admin.client.post(`/api/orgs/${orgId}/leave`)).statusCode).toBe(404);

    await addToOrg(person, orgId, admin);
    expect((await person.client.delete(`/api/orgs/${orgId}/members/${admin.id}`)).statusCode).toBe(204);
    expect((await person.client.delete(`/api/orgs/${orgId}/members/${admin.id}`)).statusCode).toBe(404);
  });
});

describe('refusals never quote the committee’s reasons', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ loginLimits: { registrationsPerIpPer10Minutes: 1000 } });
  });
  afterAll(() => t.close());

  it('inviting a blacklisted or affiliated organisation to a team says only that it cannot take part', async () => {
    const [committee, leader, otherAdmin] = await Promise.all([t.signUp({ roles: ['committee'] }), t.signUp(), t.signUp()]);
    const { editionId } = await createCatalog(committee);
    const leadOrg = await createOrg(t, leader, 'university');
    const team = await createTeam(leader, editionId, leadOrg);
    const secret = '内部线索：涉嫌串标（仅组委会可见）';
    for (const [flags, code] of [
      [{ blacklisted: true, blacklistReason: secret, organizerAffiliated: false }, 'ORG_BLACKLISTED'],
      [{ blacklisted: false, blacklistReason: null, organizerAffiliated: true }, 'ORG_AFFILIATED'],
    ] as const) {
      const flagged = await createOrg(t, otherAdmin, 'enterprise');
      expect((await committee.client.patch(`/api/orgs/${flagged}/flags`, flags)).statusCode).toBe(200);
      const res = await leader.client.post(`/api/teams/${team.id}/invitations`, { orgId: flagged });
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().error.code).toBe(code);
      expect(res.body).not.toContain(secret);
      expect(res.body).not.toContain('失信');
      expect(res.body).not.toContain('组织方');
      expect(res.json().error.message).toContain('不能参加');
      // the committee still sees the reason
      expect((await committee.client.get(`/api/orgs/${flagged}`)).json().flags.blacklistReason).toBe(flags.blacklistReason);
    }
  });
});
