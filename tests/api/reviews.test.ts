import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedUp, type TestApp } from '../support/app.ts';
import { createOrg, isoDate } from '../support/fixtures.ts';
import { addToOrg } from '../support/teams.ts';
import {
  addExpert,
  assign,
  at,
  createReviewWorld,
  publishDemand,
  submittedBid,
  taskOf,
  type Bid,
  type ReviewWorld,
} from '../support/reviews.ts';

/** Joint review: who may do what, and the conflict-of-interest rules with their evidence. */
describe('joint review (联合评审): rounds, conflicts, tasks and their refusals', () => {
  let t: TestApp;
  let now = new Date();
  let w: ReviewWorld;
  let bidA: Bid; // on the sub-topic
  let bidB: Bid; // on the sub-topic
  let regular: Bid; // on the regular topic
  let pending: Bid; // compliance not decided: not in the round
  let otherEnterprise: SignedUp;
  let otherDemandId: string;
  let otherBid: Bid;
  let e1: SignedUp;
  let e2: SignedUp;
  let eAff: SignedUp; // employer of bidA's organisation, current
  let eOld: SignedUp; // adviser of bidB's organisation until 4 years ago
  let eRecent: SignedUp; // shareholder of the regular project's organisation until 2 years ago
  let eLinked: SignedUp; // employer of an organisation that becomes the parent of bidB's organisation
  let parentOrgId: string;
  let eMember: SignedUp; // member of the regular project's organisation on the platform
  let eEnterprise: SignedUp; // adviser of the sub-topic's enterprise
  let eTeam: SignedUp; // an expert who leads a team with a regular project
  let teamBid: Bid;
  let roundId: string;

  const conflicts = async () =>
    (await w.committee.client.get(`/api/review-rounds/${roundId}/conflicts`)).json().items as {
      id: string;
      reviewerId: string;
      projectId: string;
      source: string;
      status: string;
      evidence: Record<string, unknown>;
    }[];
  const inReview = () => {
    now = at(w.phases.preliminaryReview!.start, 3600_000);
  };

  beforeAll(async () => {
    t = await createTestApp({ clock: () => now, loginLimits: { registrationsPerIpPer10Minutes: 10_000 } });
    w = await createReviewWorld(t);
    bidA = await submittedBid(t, w, { demandId: w.demandId }, { name: '方案甲' });
    bidB = await submittedBid(t, w, { demandId: w.demandId }, { name: '方案乙' });
    regular = await submittedBid(t, w, { topicId: w.topicId }, { name: '常规项目丙' });
    pending = await submittedBid(t, w, { topicId: w.topicId }, { name: '待审查项目', compliance: 'pending' });
    otherEnterprise = await t.signUp({ displayName: '其他企业管理员' });
    const otherOrg = await createOrg(t, otherEnterprise, 'enterprise', '其他需求企业有限公司');
    otherDemandId = await publishDemand(w.committee, otherEnterprise, w.topicId, otherOrg, { title: '其他企业的子赛题' });
    otherBid = await submittedBid(t, w, { demandId: otherDemandId }, { name: '方案丁' });

    e1 = await addExpert(t, w, {}, '专家一');
    e2 = await addExpert(t, w, {}, '专家二');
    eAff = await addExpert(t, w, { affiliations: [{ orgId: bidA.orgId, relation: '任职', from: '2020-01-01', to: null }] }, '任职专家');
    eOld = await addExpert(
      t,
      w,
      { affiliations: [{ orgId: bidB.orgId, relation: '顾问', from: '2015-01-01', to: isoDate(-4 * 366) }] },
      '早年顾问专家',
    );
    eRecent = await addExpert(
      t,
      w,
      { affiliations: [{ orgId: regular.orgId, relation: '持股', from: '2018-01-01', to: isoDate(-2 * 365) }] },
      '近年持股专家',
    );
    const parentAdmin = await t.signUp();
    parentOrgId = await createOrg(t, parentAdmin, 'enterprise', '某控股集团有限公司');
    eLinked = await addExpert(t, w, { affiliations: [{ orgId: parentOrgId, relation: '任职', from: '2021-01-01', to: null }] }, '集团专家');
    eMember = await addExpert(t, w, {}, '成员专家');
    await addToOrg(regular.leader, regular.orgId, eMember);
    eEnterprise = await addExpert(
      t,
      w,
      {
        affiliations: [
          {
            orgName: (await w.enterprise.client.get(`/api/orgs/${w.enterpriseOrgId}`)).json().name,
            relation: '顾问',
            from: '2022-03-01',
            to: null,
          },
        ],
      },
      '企业顾问专家',
    );
    eTeam = await t.signUp({ roles: ['expert'], displayName: '参赛专家' });
    teamBid = await submittedBid(t, w, { topicId: w.topicId }, { name: '专家参赛项目', leader: eTeam });
    expect(
      (await w.committee.client.post('/api/experts', { userId: eTeam.id, fields: ['数据治理'], trackIds: [w.trackId] })).statusCode,
    ).toBe(201);
  });
  afterAll(() => t?.close());

  describe('expert pool and organisation links', () => {
    it('only the committee adds experts; the supervisor reads the pool; the public is refused', async () => {
      const someone = await t.signUp();
      const body = { userId: someone.id, fields: ['医疗大数据'], trackIds: [w.trackId] };
      expect((await t.client().post('/api/experts', body)).statusCode).toBe(401);
      expect((await e1.client.post('/api/experts', body)).statusCode).toBe(403);
      expect((await w.supervisor.client.post('/api/experts', body)).statusCode).toBe(403);
      const created = await w.committee.client.post('/api/experts', body);
      expect(created.statusCode, created.body).toBe(201);
      expect((await w.committee.client.post('/api/experts', body)).json().error.code).toBe('CONFLICT');
      const me = (await someone.client.get('/api/me')).json();
      expect(JSON.stringify(me)).toContain('expert');
      const pool = await w.supervisor.client.get('/api/experts');
      expect(pool.statusCode).toBe(200);
      expect(pool.json().items.find((x: { userId: string }) => x.userId === eAff.id).affiliations[0]).toMatchObject({
        orgId: bidA.orgId,
        relation: '任职',
        from: '2020-01-01',
        to: null,
      });
      expect((await e1.client.get('/api/experts')).statusCode).toBe(403);
    });

    it('affiliations need an organisation or a name and dates in order', async () => {
      const someone = await t.signUp();
      const bad = await w.committee.client.post('/api/experts', {
        userId: someone.id,
        affiliations: [{ relation: '任职', from: '2020-01-01', to: null }],
      });
      expect(bad.statusCode).toBe(400);
      const reversed = await w.committee.client.post('/api/experts', {
        userId: someone.id,
        affiliations: [{ orgName: '某公司', relation: '任职', from: '2022-01-01', to: '2021-01-01' }],
      });
      expect(reversed.statusCode).toBe(400);
      expect((await w.committee.client.get(`/api/experts/${someone.id}`)).statusCode).toBe(404);
      // a full date-time is accepted and kept as its date
      const iso = await w.committee.client.post('/api/experts', {
        userId: someone.id,
        affiliations: [{ orgName: '某研究所', relation: '合作', from: '2021-05-01T00:00:00+08:00' }],
      });
      expect(iso.statusCode, iso.body).toBe(201);
      expect(iso.json().affiliations[0]).toMatchObject({ from: '2021-05-01', to: null });
    });

    it('organisation links: committee only, no self links, no duplicates', async () => {
      expect((await e1.client.post('/api/org-links', { orgId: parentOrgId, linkedOrgId: bidA.orgId, relation: 'parent' })).statusCode).toBe(
        403,
      );
      const self = await w.committee.client.post('/api/org-links', { orgId: parentOrgId, linkedOrgId: parentOrgId, relation: 'parent' });
      expect(self.statusCode).toBe(400);
      const bad = await w.committee.client.post('/api/org-links', { orgId: parentOrgId, linkedOrgId: bidA.orgId, relation: 'cousin' });
      expect(bad.statusCode).toBe(400);
    });
  });

  describe('rounds', () => {
    it('only the committee opens a round; submitted eligible projects enter; one round per stage', async () => {
      const body = { stage: 'preliminary' };
      expect((await t.client().post(`/api/editions/${w.editionId}/review-rounds`, body)).statusCode).toBe(401);
      expect((await e1.client.post(`/api/editions/${w.editionId}/review-rounds`, body)).statusCode).toBe(403);
      expect((await w.supervisor.client.post(`/api/editions/${w.editionId}/review-rounds`, body)).statusCode).toBe(403);
      const res = await w.committee.client.post(`/api/editions/${w.editionId}/review-rounds`, body);
      expect(res.statusCode, res.body).toBe(201);
      roundId = res.json().id;
      // bidA, bidB, regular, otherBid, teamBid; not the pending one
      expect(res.json()).toMatchObject({ stage: 'preliminary', status: 'open', projectCount: 5 });
      const again = await w.committee.client.post(`/api/editions/${w.editionId}/review-rounds`, body);
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('ROUND_EXISTS');
      expect((await w.supervisor.client.get(`/api/review-rounds/${roundId}`)).statusCode).toBe(200);
      expect((await e1.client.get(`/api/review-rounds/${roundId}`)).statusCode).toBe(403);
      const bad = await w.committee.client.post(`/api/editions/${w.editionId}/review-rounds`, { stage: 'semifinal' });
      expect(bad.statusCode).toBe(400);
      expect(pending.projectId).toBeTruthy();
    });
  });

  describe('conflicts of interest (利益相关性审查)', () => {
    it('each source is found with its evidence', async () => {
      const list = await conflicts();
      const find = (reviewer: SignedUp, projectId: string) => list.filter((c) => c.reviewerId === reviewer.id && c.projectId === projectId);
      expect(find(eAff, bidA.projectId)).toEqual([
        expect.objectContaining({
          source: 'affiliation',
          status: 'active',
          evidence: expect.objectContaining({ orgId: bidA.orgId, relation: '任职', from: '2020-01-01', to: null }),
        }),
      ]);
      expect(find(eAff, bidB.projectId)).toEqual([]);
      expect(find(eMember, regular.projectId)).toEqual([
        expect.objectContaining({ source: 'org_member', evidence: expect.objectContaining({ orgId: regular.orgId }) }),
      ]);
      expect(find(eTeam, teamBid.projectId).map((c) => c.source)).toContain('team_member');
      // the expert advising the enterprise is in conflict with every bid on its sub-topic, not with other sub-topics
      expect(find(eEnterprise, bidA.projectId).map((c) => c.source)).toEqual(['demand_enterprise']);
      expect(find(eEnterprise, bidB.projectId).map((c) => c.source)).toEqual(['demand_enterprise']);
      expect(find(eEnterprise, otherBid.projectId)).toEqual([]);
      expect(find(e1, bidA.projectId)).toEqual([]);
      // the enterprise's own reviewer is not in conflict with the bids it scores
      expect(list.filter((c) => c.reviewerId === w.enterprise.id)).toEqual([]);
    });

    it('the 3-year window: an affiliation ended 2 years ago counts, one ended 4 years ago does not', async () => {
      const list = await conflicts();
      expect(list.filter((c) => c.reviewerId === eRecent.id && c.projectId === regular.projectId)).toEqual([
        expect.objectContaining({ source: 'affiliation', evidence: expect.objectContaining({ relation: '持股', to: isoDate(-2 * 365) }) }),
      ]);
      expect(list.filter((c) => c.reviewerId === eOld.id)).toEqual([]);
    });

    it('organisation links: an affiliation with the parent of a team organisation is a conflict, with the link as evidence', async () => {
      expect((await conflicts()).filter((c) => c.reviewerId === eLinked.id)).toEqual([]);
      const link = await w.committee.client.post('/api/org-links', {
        orgId: parentOrgId,
        linkedOrgId: bidB.orgId,
        relation: 'parent',
        note: '全资子公司',
      });
      expect(link.statusCode, link.body).toBe(201);
      expect(
        (await w.committee.client.post('/api/org-links', { orgId: parentOrgId, linkedOrgId: bidB.orgId, relation: 'holding' })).json().error
          .code,
      ).toBe('CONFLICT');
      const found = (await conflicts()).filter((c) => c.reviewerId === eLinked.id);
      expect(found).toEqual([
        expect.objectContaining({
          projectId: bidB.projectId,
          source: 'affiliation',
          evidence: expect.objectContaining({
            orgId: parentOrgId,
            via: expect.objectContaining({ linkId: link.json().id, relation: 'parent', fromOrgId: bidB.orgId }),
          }),
        }),
      ]);
    });

    it('the conflict list is for the committee and the supervisor', async () => {
      expect((await w.supervisor.client.get(`/api/review-rounds/${roundId}/conflicts`)).statusCode).toBe(200);
      expect((await e1.client.get(`/api/review-rounds/${roundId}/conflicts`)).statusCode).toBe(403);
      expect((await w.enterprise.client.get(`/api/review-rounds/${roundId}/conflicts`)).statusCode).toBe(403);
      expect((await t.client().get(`/api/review-rounds/${roundId}/conflicts`)).statusCode).toBe(401);
    });

    it('a conflicted expert cannot be assigned by hand; dismissing a false positive needs a reason and is logged', async () => {
      const refused = await w.committee.client.post(`/api/review-rounds/${roundId}/assignments`, {
        projectId: regular.projectId,
        expertId: eRecent.id,
      });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('CONFLICT_OF_INTEREST');
      expect(refused.json().error.details.conflicts[0].evidence.relation).toBe('持股');
      const conflict = (await conflicts()).find((c) => c.reviewerId === eRecent.id)!;
      const url = `/api/review-rounds/${roundId}/conflicts/${conflict.id}/dismiss`;
      expect((await w.committee.client.post(url, {})).statusCode).toBe(400);
      expect((await w.committee.client.post(url, { reason: ' ' })).statusCode).toBe(400);
      expect((await w.supervisor.client.post(url, { reason: '持股已全部转让' })).statusCode).toBe(403);
      const dismissed = await w.committee.client.post(url, { reason: '持股已全部转让且不足 1%' });
      expect(dismissed.statusCode, dismissed.body).toBe(200);
      expect(dismissed.json()).toMatchObject({
        status: 'dismissed',
        dismissedReason: '持股已全部转让且不足 1%',
        dismissedBy: { id: w.committee.id },
      });
      const audit = await t.db
        .selectFrom('audit_events')
        .selectAll()
        .where('action', '=', 'review_conflict.dismiss')
        .where('entity_id', '=', conflict.id)
        .execute();
      expect(audit).toHaveLength(1);
      // a recomputation keeps the dismissal, and the expert may now be assigned
      expect(
        (await w.committee.client.post(`/api/review-rounds/${roundId}/assignments`, { projectId: regular.projectId, expertId: eRecent.id }))
          .statusCode,
      ).toBe(201);
      expect((await conflicts()).find((c) => c.id === conflict.id)!.status).toBe('dismissed');
    });
  });

  describe('tasks, declaration and scoring', () => {
    it('the enterprise reviews its bids by default through its admins, with its acceptance criteria as the form', async () => {
      const a = await taskOf(w.enterprise, bidA.projectId);
      expect(a).toMatchObject({ role: 'enterprise', status: 'pending' });
      expect(a!.form.criteria.map((c) => c.key)).toEqual(['fit1', 'fit2']);
      expect(await taskOf(w.enterprise, otherBid.projectId)).toBeUndefined();
      const detail = (await w.enterprise.client.get(`/api/review-tasks/${a!.id}`)).json();
      expect(detail.form.criteria.map((c: { label: string }) => c.label)).toEqual([
        '在企业提供的 2024 年数据上回测，预测 MAPE ≤ 10%',
        '排产系统在沙箱环境中连续运行 30 天',
      ]);
    });

    it('naming reviewers: admins only, members of the enterprise only', async () => {
      const member = await t.signUp({ displayName: '企业评审员' });
      await addToOrg(w.enterprise, w.enterpriseOrgId, member);
      expect((await member.client.put(`/api/demands/${w.demandId}/reviewers`, { userIds: [member.id] })).statusCode).toBe(403);
      expect((await otherEnterprise.client.put(`/api/demands/${w.demandId}/reviewers`, { userIds: [otherEnterprise.id] })).statusCode).toBe(
        404,
      );
      const outsider = await w.enterprise.client.put(`/api/demands/${w.demandId}/reviewers`, { userIds: [e1.id] });
      expect(outsider.statusCode).toBe(400);
      expect(outsider.json().error.code).toBe('NOT_ORG_MEMBER');
      const named = await w.enterprise.client.put(`/api/demands/${w.demandId}/reviewers`, { userIds: [w.enterprise.id, member.id] });
      expect(named.statusCode, named.body).toBe(200);
      expect(named.json().reviewers.map((r: { id: string }) => r.id)).toEqual([w.enterprise.id, member.id]);
      expect(named.json().candidates.map((c: { id: string; role: string }) => [c.id, c.role])).toEqual([
        [w.enterprise.id, 'admin'],
        [member.id, 'member'],
      ]);
      expect((await e1.client.get(`/api/demands/${w.demandId}/reviewers`)).statusCode).toBe(404);
      expect(await taskOf(member, bidA.projectId)).toMatchObject({ role: 'enterprise' });
      // back to the admin alone: the member's unstarted tasks go
      await w.enterprise.client.put(`/api/demands/${w.demandId}/reviewers`, { userIds: [w.enterprise.id] });
      expect(await taskOf(member, bidA.projectId)).toBeUndefined();
    });

    it('all bids on a sub-topic face the same experts; a reviewer sees the project only after declaring', async () => {
      await assign(w, roundId, { demandId: w.demandId }, e1.id);
      await assign(w, roundId, { demandId: w.demandId }, e2.id);
      await assign(w, roundId, { projectId: regular.projectId }, e1.id);
      for (const bid of [bidA, bidB]) {
        expect(await taskOf(e1, bid.projectId)).toMatchObject({ role: 'expert', status: 'pending' });
        expect(await taskOf(e2, bid.projectId)).toMatchObject({ role: 'expert', status: 'pending' });
      }
      const dup = await w.committee.client.post(`/api/review-rounds/${roundId}/assignments`, { demandId: w.demandId, expertId: e1.id });
      expect(dup.json().error.code).toBe('ALREADY_ASSIGNED');
      const task = (await taskOf(e1, bidA.projectId))!;
      const before = (await e1.client.get(`/api/review-tasks/${task.id}`)).json();
      expect(before).toMatchObject({ declarationRequired: true, version: null });
      const material = await e1.client.get(`/api/review-tasks/${task.id}/materials/${bidA.materialIds[0]}`);
      expect(material.json().error.code).toBe('DECLARATION_REQUIRED');
      expect((await e1.client.get(`/api/projects/${bidA.projectId}`)).statusCode).toBe(404);

      const declared = await e1.client.post(`/api/review-tasks/${task.id}/declaration`, { conflict: false });
      expect(declared.statusCode, declared.body).toBe(200);
      expect(declared.json().task.version.materials).toHaveLength(2);
      expect((await e1.client.post(`/api/review-tasks/${task.id}/declaration`, { conflict: false })).json().error.code).toBe(
        'ALREADY_DECLARED',
      );
      const file = await e1.client.get(`/api/review-tasks/${task.id}/materials/${bidA.materialIds[0]}`);
      expect(file.statusCode).toBe(200);
      expect(file.body.startsWith('%PDF')).toBe(true);
      expect((await e1.client.get(`/api/projects/${bidA.projectId}`)).json()).toMatchObject({ id: bidA.projectId, view: 'submitted' });
      // the team never sees who reviews it
      expect((await bidA.leader.client.get(`/api/review-tasks/${task.id}`)).statusCode).toBe(403);
      expect((await bidA.leader.client.get(`/api/review-rounds/${roundId}/assignments`)).statusCode).toBe(403);
    });

    it('PHASE_CLOSED: scoring only in the preliminary review phase', async () => {
      const task = (await taskOf(e1, bidA.projectId))!;
      const early = await e1.client.put(`/api/review-tasks/${task.id}/score`, { scores: { innovation: 80 } });
      expect(early.statusCode).toBe(409);
      expect(early.json().error.code).toBe('PHASE_CLOSED');
      now = at(w.phases.preliminaryReview!.end, 3600_000);
      expect((await e1.client.put(`/api/review-tasks/${task.id}/score`, { scores: { innovation: 80 } })).json().error.code).toBe(
        'PHASE_CLOSED',
      );
      inReview();
    });

    it("refused: a reviewer not assigned to the task, an enterprise scoring another enterprise's bid, scores out of range or unknown", async () => {
      inReview();
      const task = (await taskOf(e1, bidA.projectId))!;
      const notMine = await eOld.client.put(`/api/review-tasks/${task.id}/score`, { scores: { innovation: 80 } });
      expect(notMine.statusCode).toBe(403);
      expect((await eOld.client.get(`/api/review-tasks/${task.id}`)).statusCode).toBe(403);
      const enterpriseTask = (await taskOf(w.enterprise, bidA.projectId))!;
      const other = await otherEnterprise.client.put(`/api/review-tasks/${enterpriseTask.id}/score`, { scores: { fit1: 80, fit2: 80 } });
      expect(other.statusCode).toBe(403);
      expect(
        (await otherEnterprise.client.get('/api/review-tasks?mine=1')).json().items.map((x: { project: { id: string } }) => x.project.id),
      ).toEqual([otherBid.projectId]);
      expect((await t.client().put(`/api/review-tasks/${task.id}/score`, { scores: { innovation: 80 } })).statusCode).toBe(401);
      for (const scores of [{ innovation: 101 }, { innovation: -1 }, { innovation: 'high' }, { novelty: 80 }]) {
        const res = await e1.client.put(`/api/review-tasks/${task.id}/score`, { scores });
        expect(res.statusCode, JSON.stringify(scores)).toBe(400);
      }
      expect((await e1.client.get(`/api/review-tasks/${task.id}`)).json().scores).toEqual({});
    });

    it('submission needs every item and a comment below 60 or above 90; a submitted score is final', async () => {
      inReview();
      const enterpriseTask = (await taskOf(w.enterprise, bidA.projectId))!;
      await w.enterprise.client.post(`/api/review-tasks/${enterpriseTask.id}/declaration`, { conflict: false });
      const draft = await w.enterprise.client.put(`/api/review-tasks/${enterpriseTask.id}/score`, { scores: { fit1: 95 } });
      expect(draft.statusCode, draft.body).toBe(200);
      expect(draft.json()).toMatchObject({ progress: { scored: 1, required: 2 }, total: null });
      const incomplete = await w.enterprise.client.post(`/api/review-tasks/${enterpriseTask.id}/submit`);
      expect(incomplete.statusCode).toBe(400);
      expect(incomplete.json().error).toMatchObject({ code: 'INCOMPLETE_SCORES', details: { missing: ['fit2'] } });
      await w.enterprise.client.put(`/api/review-tasks/${enterpriseTask.id}/score`, { scores: { fit2: 85 } });
      const noComment = await w.enterprise.client.post(`/api/review-tasks/${enterpriseTask.id}/submit`);
      expect(noComment.statusCode).toBe(400);
      expect(noComment.json().error.code).toBe('COMMENT_REQUIRED');
      await w.enterprise.client.put(`/api/review-tasks/${enterpriseTask.id}/score`, {
        scores: {},
        comment: '回测结果完全满足第一条验收标准',
      });
      const ok = await w.enterprise.client.post(`/api/review-tasks/${enterpriseTask.id}/submit`);
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({ status: 'submitted', total: 90 });
      const change = await w.enterprise.client.put(`/api/review-tasks/${enterpriseTask.id}/score`, { scores: { fit1: 10 } });
      expect(change.statusCode).toBe(409);
      expect(change.json().error.code).toBe('TASK_SUBMITTED');
    });

    it('declaring a conflict ends the task, tells the committee and closes the project to the reviewer', async () => {
      const task = (await taskOf(e2, bidB.projectId))!;
      const res = await e2.client.post(`/api/review-tasks/${task.id}/declaration`, {
        conflict: true,
        note: '曾与该团队负责人合作发表论文',
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'conflict', task: null });
      const got = await e2.client.get(`/api/review-tasks/${task.id}`);
      expect(got.statusCode).toBe(403);
      expect(got.json().error.code).toBe('CONFLICT_OF_INTEREST');
      expect((await e2.client.get(`/api/projects/${bidB.projectId}`)).json().error.code).toBe('CONFLICT_OF_INTEREST');
      expect((await e2.client.get(`/api/projects/${bidB.projectId}/materials/${bidB.materialIds[0]}`)).json().error.code).toBe(
        'CONFLICT_OF_INTEREST',
      );
      const declared = (await conflicts()).find((c) => c.reviewerId === e2.id && c.projectId === bidB.projectId)!;
      expect(declared).toMatchObject({ source: 'declared', evidence: expect.objectContaining({ note: '曾与该团队负责人合作发表论文' }) });
      const notes = (await w.committee.client.get('/api/notifications')).json();
      expect(JSON.stringify(notes)).toContain('评审人声明利益相关');
      // a declared conflict cannot be dismissed
      expect(
        (await w.committee.client.post(`/api/review-rounds/${roundId}/conflicts/${declared.id}/dismiss`, { reason: '误报' })).statusCode,
      ).toBe(409);
    });

    it('a conflicted expert sees nothing of the project whatever the URL, and cannot score it', async () => {
      for (const url of [
        `/api/projects/${bidA.projectId}`,
        `/api/projects/${bidA.projectId}/materials/${bidA.materialIds[0]}`,
        `/api/projects/${bidA.projectId}/versions/1`,
      ]) {
        const res = await eAff.client.get(url);
        expect(res.statusCode, url).toBe(403);
        expect(res.json().error.code).toBe('CONFLICT_OF_INTEREST');
      }
      // e1 reviews the regular project, then turns out to be its organisation's adviser: the task ends
      inReview();
      const task = (await taskOf(e1, regular.projectId))!;
      await e1.client.post(`/api/review-tasks/${task.id}/declaration`, { conflict: false });
      expect((await e1.client.get(`/api/projects/${regular.projectId}`)).statusCode).toBe(200);
      const patched = await w.committee.client.patch(`/api/experts/${e1.id}`, {
        affiliations: [{ orgId: regular.orgId, relation: '顾问', from: '2024-01-01', to: null }],
      });
      expect(patched.statusCode, patched.body).toBe(200);
      const score = await e1.client.put(`/api/review-tasks/${task.id}/score`, { scores: { 'A1.1': 80 } });
      expect(score.statusCode).toBe(403);
      expect(score.json().error.code).toBe('CONFLICT_OF_INTEREST');
      expect((await e1.client.get(`/api/projects/${regular.projectId}/materials/${regular.materialIds[0]}`)).json().error.code).toBe(
        'CONFLICT_OF_INTEREST',
      );
      expect(await taskOf(e1, regular.projectId)).toBeUndefined();
    });

    it("results are for the committee and the supervisor only: experts never see other reviewers' scores", async () => {
      expect((await w.supervisor.client.get(`/api/review-rounds/${roundId}/results`)).statusCode).toBe(200);
      expect((await e1.client.get(`/api/review-rounds/${roundId}/results`)).statusCode).toBe(403);
      expect((await w.enterprise.client.get(`/api/review-rounds/${roundId}/results`)).statusCode).toBe(403);
      expect((await bidA.leader.client.get(`/api/review-rounds/${roundId}/results`)).statusCode).toBe(403);
      const enterpriseTask = (await taskOf(w.enterprise, bidA.projectId))!;
      const task = (await taskOf(e1, bidA.projectId))!;
      const mine = (await e1.client.get(`/api/review-tasks/${task.id}`)).json();
      expect(JSON.stringify(mine)).not.toContain(enterpriseTask.id);
      expect(mine.scores).toEqual({});
    });
  });

  describe('closing', () => {
    it('close freezes scores and ranking with a hash; only an explicit, reasoned reopen allows changes', async () => {
      inReview();
      const task = (await taskOf(e1, bidA.projectId))!;
      expect((await e1.client.post(`/api/review-rounds/${roundId}/close`)).statusCode).toBe(403);
      expect((await w.supervisor.client.post(`/api/review-rounds/${roundId}/close`)).statusCode).toBe(403);
      const closed = await w.committee.client.post(`/api/review-rounds/${roundId}/close`);
      expect(closed.statusCode, closed.body).toBe(200);
      expect(closed.json().status).toBe('closed');
      expect(closed.json().snapshotHash).toMatch(/^[0-9a-f]{64}$/);
      const refused = await e1.client.put(`/api/review-tasks/${task.id}/score`, { scores: { innovation: 70 } });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.code).toBe('ROUND_CLOSED');
      expect(
        (await w.committee.client.post(`/api/review-rounds/${roundId}/assignments`, { demandId: w.demandId, expertId: eOld.id })).json()
          .error.code,
      ).toBe('ROUND_CLOSED');
      const results = (await w.committee.client.get(`/api/review-rounds/${roundId}/results`)).json();
      expect(results).toMatchObject({ frozen: true, snapshotHash: closed.json().snapshotHash });
      expect((await w.committee.client.post(`/api/review-rounds/${roundId}/close`)).json().error.code).toBe('ROUND_CLOSED');

      expect((await w.committee.client.post(`/api/review-rounds/${roundId}/reopen`, {})).statusCode).toBe(400);
      const reopened = await w.committee.client.post(`/api/review-rounds/${roundId}/reopen`, { reason: '专家二回避后需补充评审' });
      expect(reopened.statusCode, reopened.body).toBe(200);
      expect(reopened.json().status).toBe('open');
      const log = await t.db
        .selectFrom('audit_events')
        .select('data')
        .where('action', '=', 'review_round.reopen')
        .where('entity_id', '=', roundId)
        .executeTakeFirstOrThrow();
      expect(log.data).toMatchObject({ reason: '专家二回避后需补充评审', previousHash: closed.json().snapshotHash });
      expect((await e1.client.put(`/api/review-tasks/${task.id}/score`, { scores: { innovation: 70 } })).statusCode).toBe(200);
    });
  });
});
