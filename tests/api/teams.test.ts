import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedUp, type TestApp } from '../support/app.ts';
import { createCatalog, createOrg } from '../support/fixtures.ts';
import { addToOrg, createTeam, orgWithMembers, signUpMembers } from '../support/teams.ts';

const day = 24 * 3600 * 1000;

// Every test builds the teams, people and partner organisations it changes; the edition, the
// university and the overseers below are shared and never changed (tests that change an
// edition's dates or rules make their own), so each test passes alone and in any order.
describe('teams (参赛团队)', () => {
  let t: TestApp;
  /** The time the phase rules see; tests move it instead of sleeping. */
  let now = new Date();
  let committee: SignedUp;
  let supervisor: SignedUp;
  let outsider: SignedUp; // belongs to no organisation and no team
  let universityAdmin: SignedUp; // admits people to the university; never in a team
  let editionId: string;
  let topicId: string;
  let universityId: string;

  const orgWith = async (admin: SignedUp, kind = 'university', name?: string) => createOrg(t, admin, kind, name);
  /** New members of the shared university, free to join or lead a team. */
  const universityPeople = (count: number) => signUpMembers(t, universityAdmin, universityId, count);
  const addMember = async (manager: SignedUp, teamId: string, person: SignedUp) => {
    const res = await manager.client.post(`/api/teams/${teamId}/members`, { email: person.email });
    expect(res.statusCode, res.body).toBe(201);
    return res;
  };
  const flag = (orgId: string, flags: { blacklisted?: boolean; organizerAffiliated?: boolean }) =>
    committee.client.patch(`/api/orgs/${orgId}/flags`, {
      blacklisted: flags.blacklisted ?? false,
      blacklistReason: flags.blacklisted ? '重大税收违法案件当事人名单' : null,
      organizerAffiliated: flags.organizerAffiliated ?? false,
    });

  beforeAll(async () => {
    t = await createTestApp({ clock: () => now, loginLimits: { registrationsPerIpPer10Minutes: 10_000 } });
    [committee, supervisor, outsider, universityAdmin] = await Promise.all([
      t.signUp({ roles: ['committee'] }),
      t.signUp({ roles: ['supervisor'] }),
      t.signUp({ displayName: '局外人' }),
      t.signUp({ displayName: '大学管理员' }),
    ]);
    ({ editionId, topicId } = await createCatalog(committee));
    universityId = await orgWith(universityAdmin, 'university', '河北测试大学');
  });
  afterAll(() => t.close());

  describe('creating', () => {
    it('a member of the lead organisation creates a team and becomes its leader', async () => {
      const [leader] = await universityPeople(1);
      const res = await leader.client.post('/api/teams', { editionId, name: '数据先锋队', leadOrgId: universityId });
      expect(res.statusCode, res.body).toBe(201);
      const team = res.json();
      expect(team).toMatchObject({
        name: '数据先锋队',
        leadOrgId: universityId,
        maxMembers: 5,
        rosterFrozen: false,
        canManage: true,
        isMember: true,
      });
      expect(team.orgs).toEqual([expect.objectContaining({ id: universityId, role: 'lead' })]);
      expect(team.members).toEqual([expect.objectContaining({ userId: leader.id, role: 'leader', orgId: universityId })]);

      const mine = (await leader.client.get('/api/teams?mine=1')).json();
      expect(mine.items.map((x: { id: string }) => x.id)).toContain(team.id);
      expect((await committee.client.get(`/api/teams?editionId=${editionId}`)).json().items.map((x: { id: string }) => x.id)).toContain(
        team.id,
      );
    });

    it('refuses a lead organisation the creator does not belong to', async () => {
      const res = await outsider.client.post('/api/teams', { editionId, name: '冒名团队', leadOrgId: universityId });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    });

    it('refuses a second team with the same name in the edition', async () => {
      const [first, second] = await universityPeople(2);
      await createTeam(first, editionId, universityId, '重名测试队');
      const res = await second.client.post('/api/teams', { editionId, name: '重名测试队', leadOrgId: universityId });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('TEAM_NAME_TAKEN');
    });

    it('refuses a person who already represents a team in the edition (ALREADY_IN_TEAM)', async () => {
      const [leader] = await universityPeople(1);
      await createTeam(leader, editionId, universityId, '已报名的队伍');
      const res = await leader.client.post('/api/teams', { editionId, name: '第二支队伍', leadOrgId: universityId });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('ALREADY_IN_TEAM');
      expect(res.json().error.message).toContain('已报名的队伍');
    });

    it('refuses blacklisted and organiser-affiliated organisations', async () => {
      const owner = await t.signUp();
      const blacklisted = await orgWith(owner, 'enterprise');
      expect((await flag(blacklisted, { blacklisted: true })).statusCode).toBe(200);
      const res = await owner.client.post('/api/teams', { editionId, name: '失信单位团队', leadOrgId: blacklisted });
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toMatchObject({ code: 'ORG_BLACKLISTED' });
      // The committee's reason stays with the committee and the supervisor.
      expect(res.body).not.toContain('重大税收违法');
      expect(res.json().error.message).toContain('不能参加');

      const affiliated = await orgWith(owner, 'enterprise');
      await flag(affiliated, { organizerAffiliated: true });
      const res2 = await owner.client.post('/api/teams', { editionId, name: '关联单位团队', leadOrgId: affiliated });
      expect(res2.statusCode).toBe(403);
      expect(res2.json().error.code).toBe('ORG_AFFILIATED');
      expect(res2.json().error.message).not.toContain('组织方');
      // Nothing was written.
      expect((await owner.client.get('/api/teams?mine=1')).json().items).toEqual([]);
    });

    it('admits a government body only when the edition has tracks open to government bodies', async () => {
      const official = await t.signUp();
      const bureau = await orgWith(official, 'government', '测试市数据局');
      // Its own edition: the track added below must not open other tests' edition to government bodies.
      const { editionId } = await createCatalog(committee);
      const refused = await official.client.post('/api/teams', { editionId, name: '数据局团队', leadOrgId: bureau });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('ORG_KIND_NOT_ALLOWED');

      const track = await committee.client.post(`/api/editions/${editionId}/tracks`, { name: '城市治理', governmentAllowed: true });
      expect(track.statusCode).toBe(201);
      const admitted = await official.client.post('/api/teams', { editionId, name: '数据局团队', leadOrgId: bureau });
      expect(admitted.statusCode, admitted.body).toBe(201);
    });

    it('requires sign-in and a valid body', async () => {
      expect((await t.client().post('/api/teams', { editionId, name: 'x', leadOrgId: universityId })).statusCode).toBe(401);
      const bad = await universityAdmin.client.post('/api/teams', { editionId, name: '', leadOrgId: 'nope' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('roster', () => {
    it('adds representatives up to the edition maximum, then TEAM_FULL', async () => {
      const { admin, orgId, people } = await orgWithMembers(t, 5, 'research', '测试研究院');
      const teamId = (await createTeam(admin, editionId, orgId, '满员测试队')).id;
      for (const p of people.slice(0, 4)) {
        const res = await admin.client.post(`/api/teams/${teamId}/members`, { email: p.email });
        expect(res.statusCode, res.body).toBe(201);
      }
      const full = await admin.client.post(`/api/teams/${teamId}/members`, { email: people[4]!.email });
      expect(full.statusCode).toBe(409);
      expect(full.json().error).toMatchObject({ code: 'TEAM_FULL', details: { maxTeamSize: 5 } });
      expect((await admin.client.get(`/api/teams/${teamId}`)).json().members).toHaveLength(5);
    });

    it('refuses someone outside the team organisations (NOT_ORG_MEMBER) and unknown emails', async () => {
      const { admin, orgId } = await orgWithMembers(t);
      const team = await createTeam(admin, editionId, orgId, '合作单位团队');
      const res = await admin.client.post(`/api/teams/${team.id}/members`, { email: outsider.email });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('NOT_ORG_MEMBER');
      const unknown = await admin.client.post(`/api/teams/${team.id}/members`, { email: 'nobody@nowhere.cn' });
      expect(unknown.statusCode).toBe(404);
    });

    it('refuses a representative of another team (ALREADY_IN_TEAM)', async () => {
      const [leader, otherLeader, person] = await universityPeople(3);
      const mine = await createTeam(leader, editionId, universityId, '大学一队');
      const ok = await leader.client.post(`/api/teams/${mine.id}/members`, { email: person.email });
      expect(ok.statusCode, ok.body).toBe(201);
      // person now represents 大学一队; another university team cannot take them.
      const other = await createTeam(otherLeader, editionId, universityId, '大学二队');
      const res = await otherLeader.client.post(`/api/teams/${other.id}/members`, { email: person.email });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('ALREADY_IN_TEAM');
    });

    it('two requests for the last seat: exactly one succeeds', async () => {
      const { admin, orgId, people } = await orgWithMembers(t, 5);
      const team = await createTeam(admin, editionId, orgId, '抢座测试队');
      for (const p of people.slice(0, 3))
        expect((await admin.client.post(`/api/teams/${team.id}/members`, { email: p.email })).statusCode).toBe(201);
      // One seat left (5 = leader + 3 + 1); two people race for it.
      const results = await Promise.all(
        people.slice(3, 5).map((p) => admin.client.post(`/api/teams/${team.id}/members`, { email: p.email })),
      );
      expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
      expect(results.find((r) => r.statusCode === 409)!.json().error.code).toBe('TEAM_FULL');
      expect((await admin.client.get(`/api/teams/${team.id}`)).json().members).toHaveLength(5);
    });

    it('one person added to two teams at once: exactly one succeeds (unique per edition)', async () => {
      // person belongs to both organisations, each of which has a team.
      const {
        admin: adminA,
        orgId: orgA,
        people: [person],
      } = await orgWithMembers(t, 1);
      const [leaderB] = await universityPeople(1);
      await addToOrg(universityAdmin, universityId, person);
      const [teamA, teamB] = [await createTeam(adminA, editionId, orgA), await createTeam(leaderB, editionId, universityId)];
      const results = await Promise.all([
        adminA.client.post(`/api/teams/${teamA.id}/members`, { email: person.email }),
        leaderB.client.post(`/api/teams/${teamB.id}/members`, { email: person.email }),
      ]);
      expect(results.map((r) => r.statusCode).sort(), results.map((r) => r.body).join('\n')).toEqual([201, 409]);
      expect(results.find((r) => r.statusCode === 409)!.json().error.code).toBe('ALREADY_IN_TEAM');
    });

    it('removing: managers remove, a member may leave, the leader stays, others are refused', async () => {
      const {
        admin,
        orgId,
        people: [member, other],
      } = await orgWithMembers(t, 2, 'research');
      const teamId = (await createTeam(admin, editionId, orgId)).id;
      await addMember(admin, teamId, member);
      await addMember(admin, teamId, other);
      const refused = await member.client.delete(`/api/teams/${teamId}/members/${other.id}`);
      expect(refused.statusCode).toBe(403);
      expect((await outsider.client.delete(`/api/teams/${teamId}/members/${other.id}`)).statusCode).toBe(404);
      expect((await t.client().delete(`/api/teams/${teamId}/members/${other.id}`)).statusCode).toBe(401);
      const leaderGone = await admin.client.delete(`/api/teams/${teamId}/members/${admin.id}`);
      expect(leaderGone.statusCode).toBe(409);

      const removed = await admin.client.delete(`/api/teams/${teamId}/members/${other.id}`);
      expect(removed.statusCode).toBe(200);
      expect(removed.json().members.map((m: { userId: string }) => m.userId)).not.toContain(other.id);
      const left = await member.client.delete(`/api/teams/${teamId}/members/${member.id}`);
      expect(left.statusCode).toBe(204);
      expect((await member.client.get(`/api/teams/${teamId}`)).statusCode).toBe(404);
      const notices = (await other.client.get('/api/notifications')).json().items;
      expect(notices.map((n: { kind: string }) => n.kind)).toContain('team.member_removed');
    });
  });

  describe('visibility', () => {
    it('other teams, experts and the public never see a team; its people and the overseers do', async () => {
      const [leader, representative] = await universityPeople(2);
      const team = await createTeam(leader, editionId, universityId, '可见性测试队');
      await addMember(leader, team.id, representative);
      const otherTeam = await orgWithMembers(t);
      await createTeam(otherTeam.admin, editionId, otherTeam.orgId);
      expect((await outsider.client.get(`/api/teams/${team.id}`)).statusCode).toBe(404);
      expect((await t.client().get(`/api/teams/${team.id}`)).statusCode).toBe(404);
      expect((await otherTeam.admin.client.get(`/api/teams/${team.id}`)).statusCode).toBe(404);
      expect((await supervisor.client.get(`/api/teams/${team.id}`)).statusCode).toBe(200);
      const seen = await committee.client.get(`/api/teams/${team.id}`);
      expect(seen.statusCode).toBe(200);
      expect(seen.json().canManage).toBe(false);
      // A representative who is not a manager sees the team but cannot manage it.
      const asMember = (await representative.client.get(`/api/teams/${team.id}`)).json();
      expect(asMember).toMatchObject({ isMember: true, canManage: false });
      expect((await outsider.client.get(`/api/teams?editionId=${editionId}`)).json().items).toEqual([]);
    });
  });

  describe('committee flags on a team', () => {
    it('only the committee and the supervisor see the flags of the team organisations', async () => {
      const admin = await t.signUp();
      const org = await orgWith(admin, 'enterprise');
      const team = await createTeam(admin, editionId, org, '后来失信的团队');
      await flag(org, { blacklisted: true });
      const asTeam = (await admin.client.get(`/api/teams/${team.id}`)).json();
      expect(asTeam.orgs[0]).not.toHaveProperty('blacklisted');
      expect(asTeam.orgs[0]).not.toHaveProperty('blacklistReason');
      expect(asTeam.orgs[0]).not.toHaveProperty('organizerAffiliated');
      for (const overseer of [committee, supervisor]) {
        const seen = (await overseer.client.get(`/api/teams/${team.id}`)).json();
        expect(seen.orgs[0]).toMatchObject({
          blacklisted: true,
          blacklistReason: '重大税收违法案件当事人名单',
          organizerAffiliated: false,
        });
      }
    });
  });

  describe('co-applicants (联合申报单位)', () => {
    /** A university team whose leader has one more representative. */
    const universityTeam = async (name?: string) => {
      const [leader, representative] = await universityPeople(2);
      const teamId = (await createTeam(leader, editionId, universityId, name)).id;
      await addMember(leader, teamId, representative);
      return { leader, representative, teamId };
    };

    it('finds an organisation by credit code, invites it, and only its admin can accept', async () => {
      const { leader, representative, teamId } = await universityTeam('联合申报测试队');
      const partner = await orgWithMembers(t, 1, 'enterprise', '合作科技有限公司');
      const {
        admin: partnerAdmin,
        orgId: partnerId,
        people: [partnerMember],
      } = partner;
      const partnerOrg = (await partnerAdmin.client.get(`/api/orgs/${partnerId}`)).json();
      const lookup = await leader.client.get(`/api/orgs/lookup?creditCode=${partnerOrg.creditCode}`);
      expect(lookup.statusCode, lookup.body).toBe(200);
      expect(lookup.json()).toEqual({ id: partnerId, name: '合作科技有限公司', kind: 'enterprise', region: expect.any(String) });
      expect((await leader.client.get('/api/orgs/lookup?creditCode=91130100MA00000000')).statusCode).toBe(404);

      // A representative who is not the leader cannot invite.
      expect((await representative.client.post(`/api/teams/${teamId}/invitations`, { orgId: partnerId })).statusCode).toBe(403);

      const invited = await leader.client.post(`/api/teams/${teamId}/invitations`, { orgId: partnerId });
      expect(invited.statusCode, invited.body).toBe(201);
      const invitation = invited.json();
      expect(invitation).toMatchObject({ status: 'pending', org: { id: partnerId }, teamName: '联合申报测试队' });
      const again = await leader.client.post(`/api/teams/${teamId}/invitations`, { orgId: partnerId });
      expect(again.json().error.code).toBe('INVITATION_PENDING');

      const inbox = (await partnerAdmin.client.get('/api/invitations?mine=1')).json().items;
      expect(inbox.map((i: { id: string }) => i.id)).toContain(invitation.id);
      expect((await partnerMember.client.get('/api/invitations?mine=1')).json().items).toEqual([]);

      expect((await partnerMember.client.post(`/api/invitations/${invitation.id}/accept`)).statusCode).toBe(403);
      expect((await leader.client.post(`/api/invitations/${invitation.id}/accept`)).statusCode).toBe(404);
      const accepted = await partnerAdmin.client.post(`/api/invitations/${invitation.id}/accept`);
      expect(accepted.statusCode, accepted.body).toBe(200);
      expect(accepted.json().orgs.map((o: { id: string; role: string }) => [o.id, o.role])).toEqual([
        [universityId, 'lead'],
        [partnerId, 'co_applicant'],
      ]);
      expect((await partnerAdmin.client.post(`/api/invitations/${invitation.id}/accept`)).json().error.code).toBe('INVALID_TRANSITION');
      expect((await leader.client.post(`/api/teams/${teamId}/invitations`, { orgId: partnerId })).json().error.code).toBe('ALREADY_MEMBER');

      // Members of the co-applicant may now be representatives.
      const added = await leader.client.post(`/api/teams/${teamId}/members`, { email: partnerMember.email });
      expect(added.statusCode, added.body).toBe(201);
      expect(added.json().members.find((m: { userId: string }) => m.userId === partnerMember.id).orgId).toBe(partnerId);
      const notices = (await leader.client.get('/api/notifications')).json().items;
      expect(notices.map((n: { kind: string }) => n.kind)).toContain('team.invitation_accepted');
    });

    it('refuses to invite an ineligible organisation, and to accept once it became ineligible', async () => {
      const { leader, teamId } = await universityTeam();
      const admin = await t.signUp();
      const shady = await orgWith(admin, 'enterprise');
      await flag(shady, { organizerAffiliated: true });
      const res = await leader.client.post(`/api/teams/${teamId}/invitations`, { orgId: shady });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('ORG_AFFILIATED');

      const later = await orgWith(admin, 'enterprise');
      const invitation = (await leader.client.post(`/api/teams/${teamId}/invitations`, { orgId: later })).json();
      await flag(later, { blacklisted: true });
      const accept = await admin.client.post(`/api/invitations/${invitation.id}/accept`);
      expect(accept.statusCode).toBe(403);
      expect(accept.json().error.code).toBe('ORG_BLACKLISTED');
      // Still pending: nothing half-written.
      expect((await admin.client.get('/api/invitations?mine=1')).json().items.map((i: { id: string }) => i.id)).toContain(invitation.id);
      const declined = await admin.client.post(`/api/invitations/${invitation.id}/decline`);
      expect(declined.json().status).toBe('declined');
    });
  });

  describe('renaming and dissolving', () => {
    it('managers rename (names stay unique) and dissolve a team without a project; its people are free again', async () => {
      const admin = await t.signUp();
      const org = await orgWith(admin, 'enterprise');
      const member = await t.signUp();
      await addToOrg(admin, org, member);
      const team = await createTeam(admin, editionId, org, '临时组建队');
      const taken = await orgWithMembers(t);
      await createTeam(taken.admin, editionId, taken.orgId, '已占用的队名');
      await admin.client.post(`/api/teams/${team.id}/members`, { email: member.email });

      expect((await member.client.patch(`/api/teams/${team.id}`, { name: '成员改名' })).statusCode).toBe(403);
      expect((await admin.client.patch(`/api/teams/${team.id}`, { name: '已占用的队名' })).json().error.code).toBe('TEAM_NAME_TAKEN');
      const renamed = await admin.client.patch(`/api/teams/${team.id}`, { name: '正式团队名' });
      expect(renamed.statusCode, renamed.body).toBe(200);
      expect(renamed.json().name).toBe('正式团队名');

      expect((await member.client.delete(`/api/teams/${team.id}`)).statusCode).toBe(403);
      expect((await outsider.client.delete(`/api/teams/${team.id}`)).statusCode).toBe(404);
      const dissolved = await admin.client.delete(`/api/teams/${team.id}`);
      expect(dissolved.statusCode, dissolved.body).toBe(204);
      expect((await admin.client.get(`/api/teams/${team.id}`)).statusCode).toBe(404);
      const notice = (await member.client.get('/api/notifications'))
        .json()
        .items.find((n: { kind: string }) => n.kind === 'team.dissolved');
      expect(notice.title).toContain('正式团队名');
      // Both may represent another team now.
      expect((await member.client.post('/api/teams', { editionId, name: '新的开始', leadOrgId: org })).statusCode).toBe(201);
    });

    it('a team with a project is not dissolved (its project is withdrawn instead); nothing changes after registration', async () => {
      const admin = await t.signUp();
      const org = await orgWith(admin, 'enterprise');
      const team = await createTeam(admin, editionId, org);
      expect((await admin.client.post('/api/projects', { teamId: team.id, topicId, name: '已有的项目' })).statusCode).toBe(201);
      const refused = await admin.client.delete(`/api/teams/${team.id}`);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.message).toContain('撤回项目');

      const edition = (await committee.client.get(`/api/editions/${editionId}`)).json();
      now = new Date(Date.parse(edition.phases.registration.end) + day);
      try {
        expect((await admin.client.patch(`/api/teams/${team.id}`, { name: '截止后改名' })).json().error.code).toBe('ROSTER_FROZEN');
        expect((await admin.client.delete(`/api/teams/${team.id}`)).json().error.code).toBe('ROSTER_FROZEN');
      } finally {
        now = new Date();
      }
    });
  });

  describe('phases', () => {
    it('after the registration deadline the roster is frozen and no team can be created', async () => {
      const [leader, member, latecomer, creator] = await universityPeople(4);
      const team = await createTeam(leader, editionId, universityId, '报名截止测试队');
      await addMember(leader, team.id, member);
      const { orgId: partnerId } = await orgWithMembers(t);
      const edition = (await leader.client.get(`/api/editions/${editionId}`)).json();
      const registrationEnd = Date.parse(edition.phases.registration.end);
      now = new Date(registrationEnd + day);
      try {
        const add = await leader.client.post(`/api/teams/${team.id}/members`, { email: latecomer.email });
        expect(add.statusCode).toBe(409);
        expect(add.json().error).toMatchObject({ code: 'ROSTER_FROZEN', details: { registrationEnd: edition.phases.registration.end } });
        const remove = await leader.client.delete(`/api/teams/${team.id}/members/${member.id}`);
        expect(remove.json().error.code).toBe('ROSTER_FROZEN');
        const invite = await leader.client.post(`/api/teams/${team.id}/invitations`, { orgId: partnerId });
        expect(invite.json().error.code).toBe('ROSTER_FROZEN');
        expect((await leader.client.get(`/api/teams/${team.id}`)).json().rosterFrozen).toBe(true);

        const create = await creator.client.post('/api/teams', { editionId, name: '迟到的团队', leadOrgId: universityId });
        expect(create.statusCode).toBe(409);
        expect(create.json().error).toMatchObject({ code: 'PHASE_CLOSED', details: { phase: 'registration', state: 'after' } });
        expect(create.json().error.message).toMatch(/报名阶段（\d{4}-\d\d-\d\d \d\d:\d\d 至 \d{4}-\d\d-\d\d \d\d:\d\d，北京时间）已结束/);
      } finally {
        now = new Date();
      }
    });

    it('before registration opens no team can be created (dates set by the committee)', async () => {
      const { editionId } = await createCatalog(committee); // its own edition: the dates change for good
      const [creator] = await universityPeople(1);
      const later = { start: new Date(Date.now() + 2 * day).toISOString(), end: new Date(Date.now() + 9 * day).toISOString() };
      const changed = await committee.client.patch(`/api/editions/${editionId}`, { phases: { registration: later } });
      expect(changed.statusCode, changed.body).toBe(200);
      const res = await creator.client.post('/api/teams', { editionId, name: '太早的团队', leadOrgId: universityId });
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'PHASE_CLOSED', details: { phase: 'registration', state: 'before' } });
    });

    it('the maximum team size follows the edition rules', async () => {
      const { editionId } = await createCatalog(committee); // its own edition: the rules change for good
      const [leader, member] = await universityPeople(2);
      const rules = (await committee.client.get(`/api/editions/${editionId}`)).json().rules;
      expect((await committee.client.patch(`/api/editions/${editionId}`, { rules: { ...rules, maxTeamSize: 1 } })).statusCode).toBe(200);
      const team = await createTeam(leader, editionId, universityId, '单人队');
      expect((await leader.client.get(`/api/teams/${team.id}`)).json().maxMembers).toBe(1);
      const res = await leader.client.post(`/api/teams/${team.id}/members`, { email: member.email });
      expect(res.json().error.code).toBe('TEAM_FULL');
    });
  });
});
