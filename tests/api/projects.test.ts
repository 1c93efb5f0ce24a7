import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedUp, type TestApp } from '../support/app.ts';
import { completeDemand, createCatalog, createOrg, isoTime } from '../support/fixtures.ts';
import { createTeam, fullSections, tinyPdf, upload } from '../support/teams.ts';

const day = 24 * 3600 * 1000;

describe('projects (参赛项目) and compliance review (资格审查)', () => {
  let t: TestApp;
  let now = new Date();
  let committee: SignedUp;
  let supervisor: SignedUp;
  let expert: SignedUp;
  let enterprise: SignedUp; // member of the enterprise that published the demand
  let otherEnterprise: SignedUp;
  let editionId: string;
  let topicId: string;
  let enterpriseOrgId: string;
  let demandId: string;
  let phases: Record<string, { start: string; end: string }>;

  /** A team (leader = an admin of a fresh organisation) in the edition (the shared one unless given). */
  const newTeam = async (kind = 'enterprise', edition = editionId) => {
    const leader = await t.signUp();
    const orgId = await createOrg(t, leader, kind);
    const team = await createTeam(leader, edition, orgId);
    return { leader, orgId, teamId: team.id };
  };
  const publishDemand = async (overrides: Record<string, unknown> = {}) => {
    const created = await enterprise.client.post('/api/demands', completeDemand(topicId, enterpriseOrgId, overrides));
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    expect((await enterprise.client.post(`/api/demands/${id}/submit`)).statusCode).toBe(200);
    expect((await committee.client.post(`/api/demands/${id}/review`, { decision: 'approve' })).statusCode).toBe(200);
    return id as string;
  };
  /** A project with every section and the required materials, submitted. */
  const submittedBid = async (target: { demandId?: string; topicId?: string } = { demandId }, edition = editionId) => {
    const team = await newTeam('enterprise', edition);
    const created = await team.leader.client.post('/api/projects', {
      teamId: team.teamId,
      ...target,
      name: '流通数据驱动的智能排产',
      sections: fullSections(),
    });
    expect(created.statusCode, created.body).toBe(201);
    const projectId = created.json().id as string;
    for (const category of ['qualification', 'responsibility']) {
      const res = await upload(team.leader.client, projectId, { category, fileName: `${category}.pdf`, content: tinyPdf() });
      expect(res.statusCode, res.body).toBe(201);
    }
    const submitted = await team.leader.client.post(`/api/projects/${projectId}/submit`);
    expect(submitted.statusCode, submitted.body).toBe(200);
    return { ...team, projectId };
  };
  const at = (iso: string, offsetMs = 0) => new Date(Date.parse(iso) + offsetMs);

  beforeAll(async () => {
    t = await createTestApp({ clock: () => now, loginLimits: { registrationsPerIpPer10Minutes: 10_000 } });
    [committee, supervisor, expert, enterprise, otherEnterprise] = await Promise.all([
      t.signUp({ roles: ['committee'] }),
      t.signUp({ roles: ['supervisor'] }),
      t.signUp({ roles: ['expert'] }),
      t.signUp({ displayName: '需求企业成员' }),
      t.signUp({ displayName: '其他企业成员' }),
    ]);
    ({ editionId, topicId } = await createCatalog(committee));
    phases = (await committee.client.get(`/api/editions/${editionId}`)).json().phases;
    enterpriseOrgId = await createOrg(t, enterprise, 'enterprise', '需求发布企业有限公司');
    await createOrg(t, otherEnterprise);
    demandId = await publishDemand();
  });
  afterAll(() => t.close());

  describe('creating', () => {
    it('a representative starts a project on a published sub-topic; its topic comes from the demand', async () => {
      const { leader, teamId } = await newTeam();
      const res = await leader.client.post('/api/projects', { teamId, demandId, name: '智能排产揭榜方案' });
      expect(res.statusCode, res.body).toBe(201);
      const project = res.json();
      expect(project).toMatchObject({
        status: 'draft',
        version: 1,
        submittedVersion: null,
        view: 'working',
        canEdit: true,
        target: { kind: 'demand', demandId, topicId, enterpriseName: '需求发布企业有限公司' },
      });
      expect(project.checklist.complete).toBe(false);
      expect(project.checklist.missing).toContainEqual({ key: 'materials.qualification', label: '材料·资质证明' });
      const team = (await leader.client.get(`/api/teams/${teamId}`)).json();
      expect(team.project).toMatchObject({
        id: project.id,
        status: 'draft',
        target: { kind: 'demand', demandId, topicId, title: '智能排产优化：流通数据驱动的生产调度系统' },
      });
    });

    it('a project on a topic (not a sub-topic) is fine too', async () => {
      const { leader, teamId } = await newTeam();
      const res = await leader.client.post('/api/projects', { teamId, topicId, name: '工业数据决策平台' });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().target).toMatchObject({ kind: 'topic', topicId, demandId: null });
    });

    it('needs exactly one target, a team representative, and a valid name', async () => {
      const { leader, teamId } = await newTeam();
      const both = await leader.client.post('/api/projects', { teamId, topicId, demandId, name: '两个目标' });
      expect(both.statusCode).toBe(400);
      const none = await leader.client.post('/api/projects', { teamId, name: '没有目标' });
      expect(none.statusCode).toBe(400);
      expect((await otherEnterprise.client.post('/api/projects', { teamId, topicId, name: '别人的团队' })).json().error.code).toBe(
        'FORBIDDEN',
      );
      expect((await t.client().post('/api/projects', { teamId, topicId, name: '未登录' })).statusCode).toBe(401);
    });

    it('ONE_PROJECT_PER_TEAM, also when two creations race', async () => {
      const { leader, teamId } = await newTeam();
      const results = await Promise.all([
        leader.client.post('/api/projects', { teamId, demandId, name: '方案甲' }),
        leader.client.post('/api/projects', { teamId, topicId, name: '方案乙' }),
      ]);
      expect(results.map((r) => r.statusCode).sort(), results.map((r) => r.body).join('\n')).toEqual([201, 409]);
      expect(results.find((r) => r.statusCode === 409)!.json().error.code).toBe('ONE_PROJECT_PER_TEAM');
      const again = await leader.client.post('/api/projects', { teamId, topicId, name: '方案丙' });
      expect(again.json().error.code).toBe('ONE_PROJECT_PER_TEAM');
      expect((await leader.client.get('/api/projects?mine=1')).json().items).toHaveLength(1);
    });

    it('DEMAND_NOT_OPEN for a sub-topic past its bid deadline or disqualified; unpublished ones are not found', async () => {
      const soon = await publishDemand({ title: '即将截止的需求', bidDeadline: isoTime(3) });
      const { leader, teamId } = await newTeam();
      now = new Date(Date.now() + 4 * day);
      try {
        const late = await leader.client.post('/api/projects', { teamId, demandId: soon, name: '迟到的方案' });
        expect(late.statusCode).toBe(409);
        expect(late.json().error.code).toBe('DEMAND_NOT_OPEN');
      } finally {
        now = new Date();
      }
      const gone = await publishDemand({ title: '被取消资格的需求' });
      expect((await committee.client.post(`/api/demands/${gone}/disqualify`, { reason: '数据未按期开放' })).statusCode).toBe(200);
      const disqualified = await leader.client.post('/api/projects', { teamId, demandId: gone, name: '方案' });
      expect(disqualified.json().error.code).toBe('DEMAND_NOT_OPEN');

      const draft = (await enterprise.client.post('/api/demands', { orgId: enterpriseOrgId, topicId, title: '还是草稿的需求' })).json();
      expect((await leader.client.post('/api/projects', { teamId, demandId: draft.id, name: '方案' })).statusCode).toBe(404);
    });

    it('a government body may only bid in a track open to government bodies', async () => {
      // Its own edition: the track added here must not change the shared one.
      const { editionId, topicId } = await createCatalog(committee);
      const gov = await committee.client.post(`/api/editions/${editionId}/tracks`, { name: '城市治理', governmentAllowed: true });
      const govTopic = (await committee.client.post(`/api/tracks/${gov.json().id}/topics`, { title: '提升城市治理水平' })).json();
      const { leader, teamId } = await newTeam('government', editionId);
      const refused = await leader.client.post('/api/projects', { teamId, topicId, name: '政务数据方案' });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('ORG_KIND_NOT_ALLOWED');
      const ok = await leader.client.post('/api/projects', { teamId, topicId: govTopic.id, name: '政务数据方案' });
      expect(ok.statusCode, ok.body).toBe(201);
    });

    it('outside the submission phase: PHASE_CLOSED naming the phase and its dates', async () => {
      const { leader, teamId } = await newTeam();
      now = at(phases.submission!.end, 1000);
      try {
        const res = await leader.client.post('/api/projects', { teamId, topicId, name: '过期方案' });
        expect(res.statusCode).toBe(409);
        expect(res.json().error).toMatchObject({
          code: 'PHASE_CLOSED',
          details: {
            phase: 'submission',
            phaseLabel: '作品提交',
            start: phases.submission!.start,
            end: phases.submission!.end,
            state: 'after',
          },
        });
      } finally {
        now = new Date();
      }
    });
  });

  describe('editing and submitting', () => {
    /** A new team's draft project on the shared sub-topic, at version 1 with empty sections. */
    const draftProject = async () => {
      const { leader, teamId } = await newTeam();
      const created = await leader.client.post('/api/projects', { teamId, demandId, name: '智能排产系统' });
      expect(created.statusCode, created.body).toBe(201);
      return { leader, projectId: created.json().id as string };
    };

    it('autosaves partial sections with optimistic versions', async () => {
      const { leader, projectId } = await draftProject();
      const first = await leader.client.patch(`/api/projects/${projectId}`, {
        sections: { overview: { background: '背景说明' } },
        version: 1,
      });
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json()).toMatchObject({ version: 2, sections: { overview: { background: '背景说明', industry: '' } } });
      const second = await leader.client.patch(`/api/projects/${projectId}`, {
        sections: { overview: { industry: '医药制造' } },
        version: 2,
      });
      expect(second.json().sections.overview).toMatchObject({ background: '背景说明', industry: '医药制造' });
      const stale = await leader.client.patch(`/api/projects/${projectId}`, { sections: { overview: { industry: '旧的' } }, version: 2 });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error).toMatchObject({ code: 'VERSION_CONFLICT', details: { currentVersion: 3 } });
    });

    it('refuses texts over the limits and any change of target', async () => {
      const { leader, projectId } = await draftProject();
      const long = await leader.client.patch(`/api/projects/${projectId}`, { sections: { overview: { industry: '长'.repeat(201) } } });
      expect(long.statusCode).toBe(400);
      expect(long.json().error.details.issues[0].path).toBe('body.sections.overview.industry');
      const retarget = await leader.client.patch(`/api/projects/${projectId}`, { topicId: '00000000-0000-4000-8000-000000000000' });
      expect(retarget.statusCode).toBe(409);
      expect(retarget.json().error.code).toBe('TARGET_IMMUTABLE');
      const otherDemand = await publishDemand({ title: '另一个需求' });
      expect((await leader.client.patch(`/api/projects/${projectId}`, { demandId: otherDemand })).json().error.code).toBe(
        'TARGET_IMMUTABLE',
      );
      // Same target again is not a change.
      expect((await leader.client.patch(`/api/projects/${projectId}`, { demandId })).statusCode).toBe(200);
    });

    it('INCOMPLETE_APPLICATION lists every missing section field and required material', async () => {
      const { leader, projectId } = await draftProject();
      expect(
        (await leader.client.patch(`/api/projects/${projectId}`, { sections: { overview: { background: '背景说明' } } })).statusCode,
      ).toBe(200);
      const res = await leader.client.post(`/api/projects/${projectId}/submit`);
      expect(res.statusCode).toBe(400);
      const missing = res.json().error.details.missing.map((m: { key: string }) => m.key);
      expect(missing).toContain('sections.solution.dataUsage');
      expect(missing).toContain('materials.responsibility');
      expect(missing).not.toContain('sections.overview.background');
      expect(res.json().error.message).toContain('数据要素利用方案');
      expect((await leader.client.get(`/api/projects/${projectId}`)).json().status).toBe('draft');
    });

    it('submits once complete; the submitted version is kept; name then locked, content can improve until the deadline', async () => {
      const { leader, projectId } = await draftProject();
      await leader.client.patch(`/api/projects/${projectId}`, { sections: fullSections() });
      await upload(leader.client, projectId, { category: 'qualification', fileName: '营业执照.pdf', content: tinyPdf() });
      const stillMissing = await leader.client.post(`/api/projects/${projectId}/submit`);
      expect(stillMissing.json().error.details.missing).toEqual([{ key: 'materials.responsibility', label: '材料·申报主体责任声明' }]);
      await upload(leader.client, projectId, { category: 'responsibility', fileName: '责任声明.pdf', content: tinyPdf() });

      const submitted = await leader.client.post(`/api/projects/${projectId}/submit`);
      expect(submitted.statusCode, submitted.body).toBe(200);
      expect(submitted.json()).toMatchObject({
        status: 'submitted',
        submittedVersion: 1,
        hasUnsubmittedChanges: false,
        compliance: { status: 'pending' },
      });
      expect((await leader.client.post(`/api/projects/${projectId}/submit`)).json().error.code).toBe('INVALID_TRANSITION');

      const rename = await leader.client.patch(`/api/projects/${projectId}`, { name: '新名字' });
      expect(rename.statusCode).toBe(409);
      expect(rename.json().error.code).toBe('NAME_IMMUTABLE');
      const improved = await leader.client.patch(`/api/projects/${projectId}`, {
        sections: { value: { cases: '新增第三家试点企业的应用案例' } },
      });
      expect(improved.json()).toMatchObject({ status: 'submitted', hasUnsubmittedChanges: true });
      // The committee still reads version 1 until the team submits again.
      expect((await committee.client.get(`/api/projects/${projectId}`)).json().sections.value.cases).not.toContain('第三家');
      const v2 = await leader.client.post(`/api/projects/${projectId}/submit`);
      expect(v2.json()).toMatchObject({ submittedVersion: 2, hasUnsubmittedChanges: false });
      expect((await committee.client.get(`/api/projects/${projectId}`)).json()).toMatchObject({
        view: 'submitted',
        sections: { value: { cases: '新增第三家试点企业的应用案例' } },
      });
      const versions = (await leader.client.get(`/api/projects/${projectId}/versions`)).json().items;
      expect(versions.map((v: { version: number; materialCount: number }) => [v.version, v.materialCount])).toEqual([
        [2, 2],
        [1, 2],
      ]);
      // Each version reads as it was submitted.
      const v1 = (await leader.client.get(`/api/projects/${projectId}/versions/1`)).json();
      expect(v1.sections.value.cases).not.toContain('第三家');
      expect(v1.materials.map((m: { fileName: string }) => m.fileName).sort()).toEqual(['营业执照.pdf', '责任声明.pdf']);
      expect((await committee.client.get(`/api/projects/${projectId}/versions/2`)).json().sections.value.cases).toBe(
        '新增第三家试点企业的应用案例',
      );
      expect((await leader.client.get(`/api/projects/${projectId}/versions/3`)).statusCode).toBe(404);
      expect((await leader.client.get(`/api/projects/${projectId}/versions/0`)).statusCode).toBe(400);
      expect((await otherEnterprise.client.get(`/api/projects/${projectId}/versions/1`)).statusCode).toBe(404);
    });

    it('after the submission deadline nothing changes: PHASE_CLOSED', async () => {
      const { leader, projectId } = await submittedBid();
      now = at(phases.submission!.end, 60_000);
      try {
        const patch = await leader.client.patch(`/api/projects/${projectId}`, { sections: { value: { cases: '截止后修改' } } });
        expect(patch.json().error).toMatchObject({ code: 'PHASE_CLOSED', details: { phase: 'submission' } });
        const up = await upload(leader.client, projectId, { category: 'other', fileName: 'late.pdf', content: tinyPdf() });
        expect(up.json().error.code).toBe('PHASE_CLOSED');
      } finally {
        now = new Date();
      }
    });

    it('eligibility is checked again at submission', async () => {
      const team = await newTeam();
      const created = await team.leader.client.post('/api/projects', {
        teamId: team.teamId,
        topicId,
        name: '将被拉黑的方案',
        sections: fullSections(),
      });
      const id = created.json().id;
      for (const category of ['qualification', 'responsibility'])
        await upload(team.leader.client, id, { category, fileName: 'a.pdf', content: tinyPdf() });
      await committee.client.patch(`/api/orgs/${team.orgId}/flags`, {
        blacklisted: true,
        blacklistReason: '失信被执行人',
        organizerAffiliated: false,
      });
      const res = await team.leader.client.post(`/api/projects/${id}/submit`);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('ORG_BLACKLISTED');
      expect((await team.leader.client.get(`/api/projects/${id}`)).json().status).toBe('draft');
    });

    it('a sub-topic closing before submission refuses the submission (DEMAND_NOT_OPEN)', async () => {
      const soon = await publishDemand({ title: '三天后截止', bidDeadline: isoTime(3) });
      const team = await newTeam();
      const id = (
        await team.leader.client.post('/api/projects', {
          teamId: team.teamId,
          demandId: soon,
          name: '赶时间的方案',
          sections: fullSections(),
        })
      ).json().id;
      for (const category of ['qualification', 'responsibility'])
        await upload(team.leader.client, id, { category, fileName: 'a.pdf', content: tinyPdf() });
      now = new Date(Date.now() + 4 * day);
      try {
        expect((await team.leader.client.post(`/api/projects/${id}/submit`)).json().error.code).toBe('DEMAND_NOT_OPEN');
      } finally {
        now = new Date();
      }
    });

    it('withdrawing keeps the team slot; a withdrawn project cannot change', async () => {
      const { leader: l, teamId, projectId: id } = await submittedBid();
      const res = await l.client.post(`/api/projects/${id}/withdraw`, { reason: '团队调整' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'withdrawn', canEdit: false });
      expect((await l.client.patch(`/api/projects/${id}`, { sections: { overview: { industry: 'x' } } })).json().error.code).toBe(
        'INVALID_TRANSITION',
      );
      expect((await l.client.post(`/api/projects/${id}/submit`)).json().error.code).toBe('INVALID_TRANSITION');
      expect((await l.client.post(`/api/projects/${id}/withdraw`)).json().error.code).toBe('INVALID_TRANSITION');
      expect((await l.client.post('/api/projects', { teamId, topicId, name: '再来一个' })).json().error.code).toBe('ONE_PROJECT_PER_TEAM');
    });
  });

  describe('visibility', () => {
    it('a team sees only its own project; other teams, experts and the public get 404; the overseers see all', async () => {
      const mine = await submittedBid();
      const other = await newTeam();
      for (const who of [other.leader, expert, otherEnterprise]) {
        expect((await who.client.get(`/api/projects/${mine.projectId}`)).statusCode).toBe(404);
      }
      expect((await t.client().get(`/api/projects/${mine.projectId}`)).statusCode).toBe(404);
      expect((await other.leader.client.get('/api/projects?mine=1')).json().items).toEqual([]);
      expect((await other.leader.client.get(`/api/projects?editionId=${editionId}`)).json().items).toEqual([]);
      expect((await supervisor.client.get(`/api/projects/${mine.projectId}`)).statusCode).toBe(200);
      const all = (await committee.client.get(`/api/projects?editionId=${editionId}&status=submitted`)).json().items;
      expect(all.map((p: { id: string }) => p.id)).toContain(mine.projectId);
      // Non-representatives cannot change it, even the committee.
      expect((await committee.client.patch(`/api/projects/${mine.projectId}`, { sections: {} })).statusCode).toBe(403);
    });

    it('the enterprise sees how many bids its sub-topic has, and the bids themselves only once review begins', async () => {
      const fresh = await publishDemand({ title: '评审可见性测试需求' });
      const eligible = await submittedBid({ demandId: fresh });
      const rejected = await submittedBid({ demandId: fresh });
      const draftTeam = await newTeam();
      await draftTeam.leader.client.post('/api/projects', { teamId: draftTeam.teamId, demandId: fresh, name: '还在写的方案' });
      expect((await enterprise.client.get(`/api/demands/${fresh}`)).json().bidCount).toBe(2);

      const before = await enterprise.client.get(`/api/demands/${fresh}/bids`);
      expect(before.statusCode).toBe(409);
      expect(before.json().error).toMatchObject({ code: 'PHASE_CLOSED', details: { phase: 'preliminaryReview', state: 'before' } });
      expect((await enterprise.client.get(`/api/projects/${eligible.projectId}`)).statusCode).toBe(404);
      expect((await otherEnterprise.client.get(`/api/demands/${fresh}/bids`)).statusCode).toBe(403);
      expect((await committee.client.get(`/api/demands/${fresh}/bids`)).json().count).toBe(2);

      await committee.client.post(`/api/projects/${eligible.projectId}/compliance`, { decision: 'eligible' });
      await committee.client.post(`/api/projects/${rejected.projectId}/compliance`, {
        decision: 'ineligible',
        reason: '使用了母公司的资质材料',
      });

      now = at(phases.preliminaryReview!.start, 1000);
      try {
        const during = await enterprise.client.get(`/api/demands/${fresh}/bids`);
        expect(during.statusCode, during.body).toBe(200);
        expect(during.json().count).toBe(2);
        expect(during.json().items.map((p: { id: string }) => p.id)).toEqual([eligible.projectId]);
        const bid = await enterprise.client.get(`/api/projects/${eligible.projectId}`);
        expect(bid.statusCode).toBe(200);
        expect(bid.json()).toMatchObject({ view: 'submitted', canEdit: false });
        // The enterprise reads the current bid, not the team's submission history.
        expect((await enterprise.client.get(`/api/projects/${eligible.projectId}/versions`)).statusCode).toBe(403);
        expect((await enterprise.client.get(`/api/projects/${eligible.projectId}/versions/1`)).statusCode).toBe(403);
        expect((await enterprise.client.get(`/api/projects/${rejected.projectId}`)).statusCode).toBe(404);
        expect((await otherEnterprise.client.get(`/api/projects/${eligible.projectId}`)).statusCode).toBe(404);
      } finally {
        now = new Date();
      }
    });
  });

  describe('compliance review', () => {
    it('the queue shows submitted projects with organisations, flags and checks', async () => {
      const bid = await submittedBid();
      const res = await committee.client.get(`/api/projects/compliance-queue?editionId=${editionId}`);
      expect(res.statusCode).toBe(200);
      const item = res.json().items.find((i: { project: { id: string } }) => i.project.id === bid.projectId);
      expect(item.project.compliance.status).toBe('pending');
      expect(item.orgs).toEqual([expect.objectContaining({ id: bid.orgId, role: 'lead', blacklisted: false, organizerAffiliated: false })]);
      expect(item.checks.map((c: { label: string; passed: boolean }) => [c.label, c.passed])).toEqual([
        ['信用记录', true],
        ['与组织方关联', true],
      ]);
      expect(item.decisionOpen).toBe(true);
      expect((await supervisor.client.get('/api/projects/compliance-queue')).statusCode).toBe(200);
      for (const who of [expert, enterprise, bid.leader])
        expect((await who.client.get('/api/projects/compliance-queue')).statusCode).toBe(403);
      expect((await t.client().get('/api/projects/compliance-queue')).statusCode).toBe(401);
    });

    it('the queue and the project list are paged, with totals and counts per decision', async () => {
      // Its own edition, so that the counts are exactly the five projects made here.
      const { editionId, topicId } = await createCatalog(committee);
      const bids = [];
      for (let i = 0; i < 5; i++) bids.push(await submittedBid({ topicId }, editionId));
      expect((await committee.client.post(`/api/projects/${bids[1]!.projectId}/compliance`, { decision: 'eligible' })).statusCode).toBe(
        200,
      );
      expect(
        (await committee.client.post(`/api/projects/${bids[3]!.projectId}/compliance`, { decision: 'ineligible', reason: '材料不全' }))
          .statusCode,
      ).toBe(200);

      const all = (await committee.client.get(`/api/projects/compliance-queue?editionId=${editionId}&pageSize=100`)).json();
      expect(all.counts).toMatchObject({ pending: 3, eligible: 1, ineligible: 1 });
      expect(all.total).toBe(all.counts.pending + all.counts.eligible + all.counts.ineligible);
      expect(all.items).toHaveLength(all.total);
      const first = (await committee.client.get(`/api/projects/compliance-queue?editionId=${editionId}&pageSize=2`)).json();
      const second = (await committee.client.get(`/api/projects/compliance-queue?editionId=${editionId}&pageSize=2&page=2`)).json();
      expect(first.items).toHaveLength(2);
      expect(first.items.map((i: { project: { id: string } }) => i.project.id)).toEqual(
        all.items.slice(0, 2).map((i: { project: { id: string } }) => i.project.id),
      );
      expect(second.items.map((i: { project: { id: string } }) => i.project.id)).toEqual(
        all.items.slice(2, 4).map((i: { project: { id: string } }) => i.project.id),
      );
      // Undecided first.
      const statuses = all.items.map((i: { project: { compliance: { status: string } } }) => i.project.compliance.status);
      expect(statuses.indexOf('pending')).toBe(0);
      expect(statuses.lastIndexOf('pending')).toBe(all.counts.pending - 1);
      const pending = (await committee.client.get(`/api/projects/compliance-queue?editionId=${editionId}&compliance=pending`)).json();
      expect(pending.total).toBe(all.counts.pending);

      const list = (await committee.client.get(`/api/projects?editionId=${editionId}&pageSize=3`)).json();
      expect(list.items).toHaveLength(3);
      expect(list.total).toBeGreaterThan(3);
      expect(list.total).toBe(5);
      expect((await committee.client.get(`/api/projects?editionId=${editionId}&pageSize=500`)).statusCode).toBe(400);
    });

    it('only the committee decides; ineligible needs a reason; the team is notified', async () => {
      const bid = await submittedBid();
      for (const who of [supervisor, expert, enterprise, bid.leader]) {
        expect((await who.client.post(`/api/projects/${bid.projectId}/compliance`, { decision: 'eligible' })).statusCode).toBe(403);
      }
      const noReason = await committee.client.post(`/api/projects/${bid.projectId}/compliance`, { decision: 'ineligible' });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json().error.details.issues[0].path).toBe('body.reason');
      const decided = await committee.client.post(`/api/projects/${bid.projectId}/compliance`, {
        decision: 'ineligible',
        reason: '参赛单位不具备独立法人资格',
      });
      expect(decided.statusCode, decided.body).toBe(200);
      expect(decided.json().compliance).toMatchObject({ status: 'ineligible', reason: '参赛单位不具备独立法人资格' });
      const notice = (await bid.leader.client.get('/api/notifications'))
        .json()
        .items.find((n: { kind: string }) => n.kind === 'project.compliance');
      expect(notice.title).toContain('未通过');
      expect(notice.body).toContain('独立法人资格');
      // The team sees the decision on its project and on its team.
      expect((await bid.leader.client.get(`/api/projects/${bid.projectId}`)).json().compliance.status).toBe('ineligible');
      expect((await bid.leader.client.get(`/api/teams/${bid.teamId}`)).json().project).toMatchObject({
        compliance: 'ineligible',
        complianceReason: '参赛单位不具备独立法人资格',
      });
    });

    it('refuses drafts and decisions outside submission start … compliance end', async () => {
      const { leader, teamId } = await newTeam();
      const draft = (await leader.client.post('/api/projects', { teamId, topicId, name: '草稿方案' })).json();
      expect((await committee.client.post(`/api/projects/${draft.id}/compliance`, { decision: 'eligible' })).json().error.code).toBe(
        'INVALID_TRANSITION',
      );
      const bid = await submittedBid();
      now = at(phases.compliance!.end, 1000);
      try {
        const late = await committee.client.post(`/api/projects/${bid.projectId}/compliance`, { decision: 'eligible' });
        expect(late.statusCode).toBe(409);
        expect(late.json().error).toMatchObject({
          code: 'PHASE_CLOSED',
          details: { phase: 'compliance', start: phases.submission!.start, end: phases.compliance!.end },
        });
      } finally {
        now = new Date();
      }
    });
  });

  describe('demand hooks', () => {
    it('bidders hear when a sub-topic is disqualified, and an enterprise cannot withdraw a sub-topic with bids', async () => {
      const fresh = await publishDemand({ title: '将被取消资格的需求' });
      const bid = await submittedBid({ demandId: fresh });
      const withdraw = await enterprise.client.post(`/api/demands/${fresh}/withdraw`, { reason: '不想做了' });
      expect(withdraw.statusCode).toBe(409);
      expect(withdraw.json().error.code).toBe('HAS_BIDS');
      expect((await committee.client.post(`/api/demands/${fresh}/disqualify`, { reason: '数据未按期开放' })).statusCode).toBe(200);
      const kinds = (await bid.leader.client.get('/api/notifications')).json().items.map((n: { kind: string }) => n.kind);
      expect(kinds.some((k: string) => k.includes('disqualif'))).toBe(true);
    });
  });
});
