import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { fairWorld, type FairWorld } from '../support/fair.ts';
import { completeDemand } from '../support/fixtures.ts';
import { uploadEvidence } from '../support/implementations.ts';
import { fullSections, tinyPdf } from '../support/teams.ts';

/**
 * An implementation from an award on the enterprise's sub-topic, to the final acceptance.
 * The awards are written straight into the `awards` table of migration 0011 (the results
 * module that approves them lives on another branch); everything after is the API.
 */
describe('implementations (落地实施) from an award on the sub-topic', () => {
  let t: TestApp;
  let w: FairWorld;
  let demandB: string;
  let projectB: string;
  const awards: Record<'approved' | 'proposed' | 'revoked', string> = { approved: '', proposed: '', revoked: '' };
  const code = (res: { json(): { error?: { code: string } } }) => res.json().error?.code;

  beforeAll(async () => {
    t = await createTestApp({ loginLimits: { registrationsPerIpPer10Minutes: 10_000 } });
    w = await fairWorld(t);
    const created = await w.entB.client.post(
      '/api/demands',
      completeDemand(w.topicId, w.orgB, { title: '钢材表面缺陷智能检测', budgetCny: 1_200_000 }),
    );
    demandB = created.json().id;
    await w.entB.client.post(`/api/demands/${demandB}/submit`);
    expect((await w.committee.client.post(`/api/demands/${demandB}/review`, { decision: 'approve' })).statusCode).toBe(200);
    const project = await w.lead2.client.post('/api/projects', {
      teamId: w.team2,
      demandId: demandB,
      name: '视觉缺陷检测',
      sections: fullSections(),
    });
    expect(project.statusCode, project.body).toBe(201);
    projectB = project.json().id;
    const project1 = (await t.db.selectFrom('projects').select('id').where('team_id', '=', w.team1).executeTakeFirstOrThrow()).id;
    const topic = await t.db.selectFrom('topics').select('track_id').where('id', '=', w.topicId).executeTakeFirstOrThrow();
    const award = async (status: 'approved' | 'proposed' | 'revoked', projectId: string, teamId: string) =>
      (
        await t.db
          .insertInto('awards')
          .values({
            edition_id: w.editionId,
            project_id: projectId,
            team_id: teamId,
            track_id: topic.track_id,
            demand_id: null,
            level: 'first',
            proposed_level: 'first',
            status,
            proposed_by: w.committee.id,
            revoked_reason: status === 'revoked' ? '公示期举报查实' : null,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    awards.approved = await award('approved', projectB, w.team2);
    awards.revoked = await award('revoked', project1, w.team1);
    // a still proposed award (team3's bid on the same sub-topic)
    const p3 = await w.lead3.client.post('/api/projects', {
      teamId: w.team3,
      demandId: demandB,
      name: '缺陷检测二',
      sections: fullSections(),
    });
    awards.proposed = await award('proposed', p3.json().id, w.team3);
  });
  afterAll(() => t.close());

  it('offers only approved, not revoked awards on the enterprise’s own sub-topics', async () => {
    const b = (await w.entB.client.get('/api/implementations/sources')).json().items;
    expect(b.map((s: { sourceId: string }) => s.sourceId)).toEqual([awards.approved]);
    expect(b[0]).toMatchObject({
      source: 'award',
      team: { id: w.team2 },
      demand: { id: demandB },
      label: expect.stringContaining('一等奖'),
    });
    expect((await w.entA.client.get('/api/implementations/sources')).json().items.map((s: { source: string }) => s.source)).not.toContain(
      'award',
    );
  });

  it('refuses revoked and unapproved awards, and anyone but the sub-topic’s enterprise', async () => {
    const revoked = await w.entA.client.post('/api/implementations', { source: 'award', sourceId: awards.revoked });
    expect(revoked.statusCode).toBe(409);
    expect(code(revoked)).toBe('SOURCE_NOT_ELIGIBLE');
    expect(code(await w.entB.client.post('/api/implementations', { source: 'award', sourceId: awards.proposed }))).toBe(
      'SOURCE_NOT_ELIGIBLE',
    );
    for (const who of [w.lead2, w.entA, w.committee]) {
      expect((await who.client.post('/api/implementations', { source: 'award', sourceId: awards.approved })).statusCode).toBe(403);
    }
    expect((await w.entB.client.post('/api/implementations', { source: 'award', sourceId: crypto.randomUUID() })).statusCode).toBe(404);
  });

  it('follows the award to the final acceptance with the whole budget released', async () => {
    const res = await w.entB.client.post('/api/implementations', { source: 'award', sourceId: awards.approved });
    expect(res.statusCode, res.body).toBe(201);
    const impl = res.json();
    expect(impl).toMatchObject({
      source: 'award',
      budgetWan: 120,
      projectId: projectB,
      title: '钢材表面缺陷智能检测',
      team: { id: w.team2 },
    });
    const id = impl.id as string;
    // both sides agree at the same moment: the row lock serialises them and the plan takes effect once
    const agreed = await Promise.all(
      [w.entB, w.lead2].map((who) => who.client.post(`/api/implementations/${id}/plan/agree`, { digest: impl.plan.digest })),
    );
    expect(agreed.map((r) => r.statusCode)).toEqual([200, 200]);
    expect((await w.lead2.client.get(`/api/implementations/${id}`)).json()).toMatchObject({ status: 'agreed', planVersion: 1 });
    const m = impl.milestones[0].id as string;
    expect((await uploadEvidence(w.lead2.client, m, '验收报告.pdf', tinyPdf())).statusCode).toBe(201);
    // the committee's review time for this edition (set by the tracking console; here straight in its table)
    await t.db.insertInto('tracking_settings').values({ edition_id: w.editionId, review_days: 5 }).execute();
    const submitted = await w.lead2.client.post(`/api/milestones/${m}/submit`, { figures: [{ criterion: 0, value: 7.9 }] });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json().reviewDays).toBe(5);
    const sm = submitted.json().milestones[0];
    expect(Date.parse(sm.reviewDueAt) - Date.parse(sm.submittedAt)).toBe(5 * 86400_000);
    expect(submitted.json().milestones[0].submissions[0].figures).toEqual([{ criterion: 0, value: 7.9, met: true }]);
    expect((await w.committee.client.post(`/api/milestones/${m}/review`, { decision: 'accept' })).statusCode).toBe(403);
    const accepted = await w.entB.client.post(`/api/milestones/${m}/review`, { decision: 'accept' });
    expect(accepted.json()).toMatchObject({ releasedWan: 120, status: 'in_progress' });
    expect((await w.entB.client.post(`/api/implementations/${id}/final-acceptance`, {})).statusCode).toBe(403);
    const done = await w.committee.client.post(`/api/implementations/${id}/final-acceptance`, { note: '准予验收' });
    expect(done.json()).toMatchObject({ status: 'accepted', releasedWan: 120, budgetWan: 120 });
    const listed = (await w.committee.client.get(`/api/implementations?editionId=${w.editionId}&status=accepted`)).json().items;
    expect(listed.map((i: { id: string; releasedWan: number }) => [i.id, i.releasedWan])).toEqual([[id, 120]]);
    expect(code(await w.entB.client.post('/api/implementations', { source: 'award', sourceId: awards.approved }))).toBe(
      'IMPLEMENTATION_EXISTS',
    );
  });
});
