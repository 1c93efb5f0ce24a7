import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedUp, type TestApp } from '../support/app.ts';
import { implementationWorld, twoMilestones, uploadEvidence, type ImplementationWorld } from '../support/implementations.ts';
import { fakeExecutable, tinyPdf } from '../support/teams.ts';

describe('implementations (落地实施) from a fair signing: plan, agreement, milestones, change requests, final acceptance', () => {
  let t: TestApp;
  let now = new Date();
  let w: ImplementationWorld;
  let expert: SignedUp;
  let otherExpert: SignedUp;
  let id: string;
  let m1: string;
  let m2: string;
  const code = (res: { json(): { error?: { code: string } } }) => res.json().error?.code;
  const get = (who: SignedUp) => who.client.get(`/api/implementations/${id}`);

  beforeAll(async () => {
    t = await createTestApp({ clock: () => now, loginLimits: { registrationsPerIpPer10Minutes: 10_000 } });
    w = await implementationWorld(t, (d) => (now = d));
    expert = await t.signUp({ roles: ['expert'], displayName: '验收专家' });
    otherExpert = await t.signUp({ roles: ['expert'] });
  });
  afterAll(() => t.close());

  it('lists the signing as a source for the enterprise only', async () => {
    const mine = (await w.entA.client.get('/api/implementations/sources')).json();
    expect(mine.items).toEqual([
      expect.objectContaining({ source: 'fair_signing', sourceId: w.signedMeeting, amountWan: 60, implementationId: null }),
    ]);
    expect((await w.lead1.client.get('/api/implementations/sources')).json().items).toEqual([]);
    expect((await t.client().get('/api/implementations/sources')).statusCode).toBe(401);
  });

  it('only the signing enterprise opens it; a meeting without 签约 and a budget out of range are refused', async () => {
    const body = { source: 'fair_signing', sourceId: w.signedMeeting };
    expect((await t.client().post('/api/implementations', body)).statusCode).toBe(401);
    for (const who of [w.lead1, w.entB, w.outsider, w.committee]) {
      const res = await who.client.post('/api/implementations', body);
      expect(res.statusCode, res.body).toBe(403);
    }
    const intent = await w.entA.client.post('/api/implementations', { source: 'fair_signing', sourceId: w.intentMeeting });
    expect(intent.statusCode).toBe(404);
    // the sub-topic's budget is 80 万元: 100 needs a reason, 130 exceeds 1.5 ×
    const unjustified = await w.entA.client.post('/api/implementations', { ...body, budgetWan: 100 });
    expect(code(unjustified)).toBe('BUDGET_OUT_OF_RANGE');
    const tooMuch = await w.entA.client.post('/api/implementations', {
      ...body,
      budgetWan: 130,
      budgetNote: '增加了两个厂区的部署与运维工作',
    });
    expect(tooMuch.statusCode).toBe(400);
    expect(code(tooMuch)).toBe('BUDGET_OUT_OF_RANGE');
    expect(await t.db.selectFrom('implementations').select('id').execute()).toEqual([]);

    const res = await w.entA.client.post('/api/implementations', body);
    expect(res.statusCode, res.body).toBe(201);
    const impl = res.json();
    id = impl.id;
    expect(impl).toMatchObject({
      status: 'draft',
      budgetWan: 60,
      demandBudgetWan: 80,
      planVersion: 0,
      team: { id: w.team1 },
      reviewDays: 10,
    });
    // the first draft carries every 验收标准 of the sub-topic, the target read from its wording
    expect(impl.plan.milestones).toHaveLength(1);
    expect(impl.plan.milestones[0].criteria.map((c: { ref: number }) => c.ref)).toEqual([0, 1]);
    expect(impl.plan.milestones[0].criteria[0].target).toEqual({ metric: 'MAPE', comparator: 'lte', value: 10, unit: '%' });
    expect(impl.channelId).toBeTruthy();
    const again = await w.entA.client.post('/api/implementations', body);
    expect(again.statusCode).toBe(409);
    expect(code(again)).toBe('IMPLEMENTATION_EXISTS');
  });

  it('is seen by the two sides, the committee and the supervisor; others get 404', async () => {
    for (const who of [w.entA, w.lead1, w.committee, w.supervisor]) expect((await get(who)).statusCode).toBe(200);
    for (const who of [w.entB, w.lead2, w.outsider, expert]) expect((await get(who)).statusCode).toBe(404);
    expect((await t.client().get(`/api/implementations/${id}`)).statusCode).toBe(401);
    expect((await w.lead2.client.get('/api/implementations')).json().items).toEqual([]);
    expect((await w.supervisor.client.get('/api/implementations')).json().items.map((i: { id: string }) => i.id)).toContain(id);
    expect((await w.lead1.client.get('/api/implementations')).json().items).toHaveLength(1);
  });

  it('refuses a plan where a criterion is missing or doubled, or the shares do not add up to 100 %', async () => {
    const put = (who: SignedUp, body: unknown) => who.client.put(`/api/implementations/${id}/plan`, body);
    const plan = twoMilestones();
    const missing = structuredClone(plan);
    missing.milestones[0]!.criteria = [];
    let res = await put(w.entA, missing);
    expect(res.statusCode).toBe(400);
    expect(code(res)).toBe('CRITERIA_UNASSIGNED');
    expect(res.json().error.details.missing).toEqual([0]);
    const doubled = structuredClone(plan);
    doubled.milestones[1]!.criteria.push({ ref: 0, target: null });
    res = await put(w.entA, doubled);
    expect(code(res)).toBe('CRITERIA_UNASSIGNED');
    expect(res.json().error.details.duplicated).toEqual([{ ref: 0, milestones: [1, 2] }]);
    const shares = structuredClone(plan);
    shares.milestones[1]!.budgetShare = 50;
    res = await put(w.entA, shares);
    expect(code(res)).toBe('SHARES_NOT_100');
    expect((await put(w.supervisor, plan)).statusCode).toBe(403);
    expect((await put(w.outsider, plan)).statusCode).toBe(404);
    // the team may edit the draft too
    res = await put(w.lead1, plan);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().milestones.map((m: { seq: number; amountWan: number }) => [m.seq, m.amountWan])).toEqual([
      [1, 24],
      [2, 36],
    ]);
    [m1, m2] = res.json().milestones.map((m: { id: string }) => m.id);
  });

  it('both sides agree to the draft they saw; afterwards the plan changes only through a change request (409)', async () => {
    const { plan } = (await get(w.entA)).json();
    const stale = await w.entA.client.post(`/api/implementations/${id}/plan/agree`, { digest: 'not-the-digest' });
    expect(code(stale)).toBe('VERSION_CONFLICT');
    expect((await w.supervisor.client.post(`/api/implementations/${id}/plan/agree`, { digest: plan.digest })).statusCode).toBe(403);
    const one = await w.entA.client.post(`/api/implementations/${id}/plan/agree`, { digest: plan.digest });
    expect(one.json()).toMatchObject({ status: 'draft', plan: { agreedByEnterpriseAt: expect.any(String), agreedByTeamAt: null } });
    // evidence before the plan is agreed is refused
    expect(code(await uploadEvidence(w.lead1.client, m1, '报告.pdf', tinyPdf()))).toBe('INVALID_TRANSITION');
    const both = await w.lead1.client.post(`/api/implementations/${id}/plan/agree`, { digest: plan.digest });
    expect(both.json()).toMatchObject({ status: 'agreed', planVersion: 1, plan: { version: 1, state: 'agreed' } });
    const changed = await w.entA.client.put(`/api/implementations/${id}/plan`, twoMilestones(50));
    expect(changed.statusCode).toBe(409);
    expect(code(changed)).toBe('PLAN_AGREED');
    expect((await get(w.entA)).json().budgetWan).toBe(60);
  });

  it('evidence: only the team uploads, and a file failing the content checks is refused', async () => {
    const exe = await uploadEvidence(w.lead1.client, m1, '回测报告.pdf', fakeExecutable());
    expect(exe.statusCode).toBe(415);
    expect(code(exe)).toBe('UNSUPPORTED_FILE_TYPE');
    expect((await uploadEvidence(w.entA.client, m1, '报告.pdf', tinyPdf())).statusCode).toBe(403);
    expect((await uploadEvidence(w.outsider.client, m1, '报告.pdf', tinyPdf())).statusCode).toBe(404);
    const noFile = await w.lead1.client.post(`/api/milestones/${m1}/submit`, { figures: [{ criterion: 0, value: 8.5 }] });
    expect(code(noFile)).toBe('EVIDENCE_REQUIRED');
    const ok = await uploadEvidence(w.lead1.client, m1, '回测报告.pdf', tinyPdf());
    expect(ok.statusCode, ok.body).toBe(201);
    const download = await w.entA.client.get(`/api/milestones/${m1}/evidence/${ok.json().id}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await w.outsider.client.get(`/api/milestones/${m1}/evidence/${ok.json().id}`)).statusCode).toBe(404);
  });

  it('the team submits figures; met/not met is computed on the server; the review is due after the committee’s days', async () => {
    const noFigures = await w.lead1.client.post(`/api/milestones/${m1}/submit`, { figures: [] });
    expect(code(noFigures)).toBe('FIGURES_REQUIRED');
    expect((await w.entA.client.post(`/api/milestones/${m1}/submit`, { figures: [{ criterion: 0, value: 8.5 }] })).statusCode).toBe(403);
    const res = await w.lead1.client.post(`/api/milestones/${m1}/submit`, { note: '回测完成', figures: [{ criterion: 0, value: 12.5 }] });
    expect(res.statusCode, res.body).toBe(200);
    const m = res.json().milestones[0];
    expect(res.json().status).toBe('in_progress');
    expect(m.status).toBe('submitted');
    expect(m.submissions[0].figures).toEqual([{ criterion: 0, value: 12.5, met: false }]);
    expect(Date.parse(m.reviewDueAt) - now.getTime()).toBe(10 * 86400_000);
  });

  it('only the enterprise accepts or returns a milestone (with a reason); acceptance releases its share', async () => {
    const accept = { decision: 'accept' };
    for (const who of [w.lead1, w.committee, w.supervisor]) {
      const res = await who.client.post(`/api/milestones/${m1}/review`, accept);
      expect(res.statusCode, res.body).toBe(403);
    }
    expect((await w.outsider.client.post(`/api/milestones/${m1}/review`, accept)).statusCode).toBe(404);
    expect((await t.client().post(`/api/milestones/${m1}/review`, accept)).statusCode).toBe(401);
    expect((await w.entA.client.post(`/api/milestones/${m1}/review`, { decision: 'return' })).statusCode).toBe(400);
    const returned = await w.entA.client.post(`/api/milestones/${m1}/review`, {
      decision: 'return',
      reason: 'MAPE 12.5% 未达到 ≤10% 的目标',
    });
    expect(returned.json().milestones[0]).toMatchObject({ status: 'returned', reviewDueAt: null });
    const second = await w.lead1.client.post(`/api/milestones/${m1}/submit`, {
      note: '优化特征后重测',
      figures: [{ criterion: 0, value: 8.7 }],
    });
    expect(second.json().milestones[0].submissions.map((s: { round: number }) => s.round)).toEqual([1, 2]);
    expect(second.json().milestones[0].submissions[1].figures[0].met).toBe(true);
    const accepted = await w.entA.client.post(`/api/milestones/${m1}/review`, accept);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ releasedWan: 24, acceptedCount: 1 });
    expect(accepted.json().milestones[0].submissions[0].review).toMatchObject({ decision: 'returned', overdue: false });
    expect(code(await w.entA.client.post(`/api/milestones/${m1}/review`, accept))).toBe('INVALID_TRANSITION');
  });

  it('change requests: an accepted milestone stays as agreed, one pending at a time, the other side accepts, versions kept', async () => {
    const url = `/api/implementations/${id}/change-requests`;
    const locked = { ...twoMilestones(), reason: '调整' };
    locked.milestones[0]!.budgetShare = 30;
    locked.milestones[1]!.budgetShare = 70;
    const refused = await w.lead1.client.post(url, locked);
    expect(refused.statusCode).toBe(409);
    expect(code(refused)).toBe('MILESTONE_LOCKED');
    const later = { ...twoMilestones(), reason: '医院现场数据延后开放，试运行顺延一个月' };
    later.milestones[1]!.dueDate = '2027-04-30';
    expect((await w.supervisor.client.post(url, later)).statusCode).toBe(403);
    const proposed = await w.lead1.client.post(url, later);
    expect(proposed.statusCode, proposed.body).toBe(201);
    const cr = proposed.json().changeRequests[0];
    expect(cr).toMatchObject({ status: 'pending', proposedSide: 'team', teamAcceptedAt: expect.any(String), enterpriseAcceptedAt: null });
    expect(code(await w.entA.client.post(url, later))).toBe('CHANGE_REQUEST_PENDING');
    expect(code(await w.lead1.client.post(`/api/change-requests/${cr.id}/accept`))).toBe('INVALID_TRANSITION');
    expect((await w.outsider.client.post(`/api/change-requests/${cr.id}/accept`)).statusCode).toBe(404);
    const done = await w.entA.client.post(`/api/change-requests/${cr.id}/accept`);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ planVersion: 2, plan: { version: 2, state: 'agreed', changeRequestId: cr.id } });
    expect(done.json().milestones[1].dueDate).toBe('2027-04-30');
    expect(done.json().milestones[0].status).toBe('accepted');
    const versions = (await w.lead1.client.get(`/api/implementations/${id}/versions`)).json().items;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(versions[0].milestones[1].dueDate).toBe('2027-03-31');
    expect((await w.outsider.client.get(`/api/implementations/${id}/versions`)).statusCode).toBe(404);
  });

  it('an expert asked by the enterprise reads the implementation and writes one opinion', async () => {
    const url = `/api/implementations/${id}/expert-opinions`;
    const candidates = await w.entA.client.get(`/api/implementations/${id}/expert-candidates`);
    expect(candidates.json().items.map((e: { id: string }) => e.id)).toEqual(expect.arrayContaining([expert.id, otherExpert.id]));
    expect((await w.lead1.client.get(`/api/implementations/${id}/expert-candidates`)).statusCode).toBe(403);
    const notExpert = await w.entA.client.post(url, { expertId: w.lead2.id, question: '请评估' });
    expect(code(notExpert)).toBe('NOT_IN_EXPERT_POOL');
    expect((await w.lead1.client.post(url, { expertId: expert.id, question: '请评估' })).statusCode).toBe(403);
    const asked = await w.entA.client.post(url, { expertId: expert.id, milestoneId: m2, question: '试运行日志能否证明连续运行 30 天？' });
    expect(asked.statusCode, asked.body).toBe(201);
    const opinionId = asked.json().expertOpinions[0].id;
    expect((await get(expert)).statusCode).toBe(200);
    expect((await get(otherExpert)).statusCode).toBe(404);
    expect((await expert.client.get('/api/expert-opinions')).json().items).toHaveLength(1);
    const body = { opinion: '日志完整，建议企业核对停机记录后通过。', recommendation: 'accept' };
    expect((await w.entA.client.post(`/api/expert-opinions/${opinionId}`, body)).statusCode).toBe(403);
    const answered = await expert.client.post(`/api/expert-opinions/${opinionId}`, body);
    expect(answered.json()).toMatchObject({ recommendation: 'accept', answeredAt: expect.any(String) });
    expect(code(await expert.client.post(`/api/expert-opinions/${opinionId}`, body))).toBe('ALREADY_ANSWERED');
  });

  it('only the committee signs off the final acceptance, once every milestone is accepted', async () => {
    const url = `/api/implementations/${id}/final-acceptance`;
    expect(code(await w.committee.client.post(url, {}))).toBe('MILESTONES_OPEN');
    expect((await uploadEvidence(w.lead1.client, m2, '运行日志.xlsx', tinyPdf())).statusCode).toBe(415);
    expect((await uploadEvidence(w.lead1.client, m2, '运行日志.pdf', tinyPdf())).statusCode).toBe(201);
    const sub = await w.lead1.client.post(`/api/milestones/${m2}/submit`, { figures: [{ criterion: 0, value: 31 }] });
    expect(sub.json().milestones[1].submissions[0].figures).toEqual([{ criterion: 0, value: 31, met: true }]);
    now = new Date(now.getTime() + 11 * 86400_000);
    expect((await get(w.committee)).json().milestones[1].reviewOverdue).toBe(true);
    const ok = await w.entA.client.post(`/api/milestones/${m2}/review`, { decision: 'accept', reason: '试运行达标' });
    expect(ok.json()).toMatchObject({ releasedWan: 60, acceptedCount: 2 });
    expect(ok.json().milestones[1].submissions[0].review.overdue).toBe(true);
    // past the sub-topic's bid deadline the private channel stays open while the implementation runs
    now = new Date(now.getTime() + 30 * 86400_000);
    const { channelId } = ok.json();
    const talk = () =>
      w.lead1.client.post(`/api/channels/${channelId}/messages`, { clientId: crypto.randomUUID(), text: '验收资料已补充' });
    expect((await talk()).statusCode).toBe(201);
    for (const who of [w.entA, w.lead1, w.supervisor]) expect((await who.client.post(url, {})).statusCode).toBe(403);
    expect((await w.outsider.client.post(url, {})).statusCode).toBe(404);
    const signed = await w.committee.client.post(url, { note: '资料齐全，准予验收' });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json()).toMatchObject({ status: 'accepted', acceptedAt: expect.any(String), acceptanceNote: '资料齐全，准予验收' });
    expect(code(await w.committee.client.post(url, {}))).toBe('INVALID_TRANSITION');
    expect(code(await talk())).toBe('DEMAND_NOT_OPEN');
    expect(code(await w.lead1.client.post(`/api/implementations/${id}/change-requests`, { ...twoMilestones(), reason: '再改' }))).toBe(
      'INVALID_TRANSITION',
    );
  });

  it('posts each step into the sub-topic × team channel and tells the other side', async () => {
    const { channelId } = (await get(w.lead1)).json();
    const history = await w.lead1.client.get(`/api/channels/${channelId}/messages?after=0&limit=100`);
    expect(history.statusCode, history.body).toBe(200);
    const texts: string[] = history.json().items.map((m: { text: string }) => m.text);
    expect(texts.filter((x) => x.startsWith('【落地实施】')).length).toBeGreaterThanOrEqual(8);
    expect(texts.some((x) => x.includes('验收通过里程碑 1'))).toBe(true);
    expect(texts.some((x) => x.includes('最终验收'))).toBe(true);
    expect(JSON.stringify((await w.entA.client.get('/api/notifications')).json())).toContain('提交了里程碑');
    // both sides can keep talking in the channel while the implementation runs (the bid deadline has long passed)
  });

  it('each side gives its own consent to publish the case', async () => {
    await w.entA.client.put(`/api/implementations/${id}/publish-consent`, { consent: true });
    const res = await w.lead1.client.put(`/api/implementations/${id}/publish-consent`, { consent: true });
    expect(res.json().publishConsent).toEqual({ enterprise: true, team: true });
    expect((await w.supervisor.client.put(`/api/implementations/${id}/publish-consent`, { consent: false })).statusCode).toBe(403);
  });
});
