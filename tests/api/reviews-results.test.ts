import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedUp, type TestApp } from '../support/app.ts';
import {
  addExpert,
  assign,
  at,
  createReviewWorld,
  openRound,
  scoreTask,
  submittedBid,
  taskOf,
  type Bid,
  type ReviewWorld,
} from '../support/reviews.ts';

/** Results against a hand computation: 80/20 for sub-topics, indicator weights for regular topics, normalisation. */
describe('review results (评审结果)', () => {
  let t: TestApp;
  let now = new Date();
  let w: ReviewWorld;
  let bid1: Bid;
  let bid2: Bid;
  let P: Bid[]; // four regular projects on one topic
  let R: Bid; // a regular project on a second topic, for the indicator weights
  let X1: SignedUp, X2: SignedUp, A: SignedUp, L: SignedUp, B: SignedUp, C1: SignedUp, C2: SignedUp;
  let round1: string;
  let round2: string;

  type Item = {
    projectId: string;
    rawTotal: number | null;
    normalisedTotal: number | null;
    missing: number;
    expected: number;
    rankInSubTopic: number | null;
    components: {
      enterprise: number | null;
      experts: { reviewerId: string; score: number; normalised: number }[];
      expertNormalisedMean: number | null;
    };
    ranks: { raw: { subTopic: number | null }; normalised: { subTopic: number | null } };
  };
  const results = async (roundId: string) => {
    const res = await w.committee.client.get(`/api/review-rounds/${roundId}/results`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    return { ...body, item: (id: string) => body.items.find((i: Item) => i.projectId === id) as Item };
  };
  const leaves =
    (value: number, over: Record<string, number> = {}) =>
    (key: string) =>
      over[key] ?? value;

  beforeAll(async () => {
    t = await createTestApp({ clock: () => now, loginLimits: { registrationsPerIpPer10Minutes: 10_000 } });
    w = await createReviewWorld(t);
    const topic2 = (
      await w.committee.client.post(`/api/tracks/${w.trackId}/topics`, { title: '公共数据开发利用', description: '开放赛题' })
    ).json().id as string;
    bid1 = await submittedBid(t, w, { demandId: w.demandId }, { name: '揭榜一' });
    bid2 = await submittedBid(t, w, { demandId: w.demandId }, { name: '揭榜二' });
    P = [];
    for (const name of ['常规一', '常规二', '常规三', '常规四']) P.push(await submittedBid(t, w, { topicId: w.topicId }, { name }));
    R = await submittedBid(t, w, { topicId: topic2 }, { name: '指标项目' });
    X1 = await addExpert(t, w, {}, '专家X1');
    X2 = await addExpert(t, w, {}, '专家X2');
    A = await addExpert(t, w, {}, '专家A');
    L = await addExpert(t, w, {}, '宽松专家L');
    B = await addExpert(t, w, {}, '专家B');
    C1 = await addExpert(t, w, {}, '专家C1');
    C2 = await addExpert(t, w, {}, '专家C2');
  });
  afterAll(() => t?.close());

  it('indicator weights: the committee sets them, siblings must sum to 100', async () => {
    const equal = (await w.committee.client.get(`/api/editions/${w.editionId}/review-settings`)).json();
    expect(equal.indicatorWeights).toMatchObject({ A: 33.33, B: 33.33, C: 33.33, A1: 33.33, B1: 50, 'A1.1': 25, 'B1.1': 50 });
    expect(equal.reviewWeights).toEqual({ enterprise: 80, expert: 20 });
    const weights = {
      ...equal.indicatorWeights,
      A: 50,
      B: 30,
      C: 20,
      A1: 50,
      A2: 25,
      A3: 25,
      'A1.1': 40,
      'A1.2': 20,
      'A1.3': 20,
      'A1.4': 20,
    };
    expect(
      (await w.committee.client.put(`/api/editions/${w.editionId}/review-settings`, { indicatorWeights: { ...weights, A: 60 } }))
        .statusCode,
    ).toBe(400);
    expect((await A.client.put(`/api/editions/${w.editionId}/review-settings`, { indicatorWeights: weights })).statusCode).toBe(403);
    const saved = await w.committee.client.put(`/api/editions/${w.editionId}/review-settings`, {
      indicatorWeights: weights,
      outlierMargin: 10,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().leafShares['A1.1']).toBeCloseTo(0.1, 10);
  });

  it('round 1: before any score, totals are empty and every expected score is missing', async () => {
    round1 = (await openRound(w)).id;
    await assign(w, round1, { demandId: w.demandId }, X1.id);
    await assign(w, round1, { demandId: w.demandId }, X2.id);
    for (const p of P) await assign(w, round1, { projectId: p.projectId }, A.id);
    for (const p of P.slice(0, 2)) await assign(w, round1, { projectId: p.projectId }, L.id);
    for (const p of P.slice(2)) await assign(w, round1, { projectId: p.projectId }, B.id);
    await assign(w, round1, { projectId: R.projectId }, C1.id);
    await assign(w, round1, { projectId: R.projectId }, C2.id);
    const r = await results(round1);
    expect(r.item(bid1.projectId)).toMatchObject({ rawTotal: null, normalisedTotal: null, expected: 3, missing: 3, rankInSubTopic: 1 });
    expect(r.item(P[0]!.projectId)).toMatchObject({ expected: 2, missing: 2 });
  });

  it('sub-topic: 80 × enterprise + 20 × mean(experts), by hand', async () => {
    now = at(w.phases.preliminaryReview!.start, 3600_000);
    await scoreTask(w.enterprise, (await taskOf(w.enterprise, bid1.projectId))!.id, { fit1: 80, fit2: 90 });
    await scoreTask(w.enterprise, (await taskOf(w.enterprise, bid2.projectId))!.id, { fit1: 70, fit2: 60 });
    await scoreTask(X1, (await taskOf(X1, bid1.projectId))!.id, 70);
    let r = await results(round1);
    // enterprise 85, one expert of two: the total already counts what is there, one score is missing
    expect(r.item(bid1.projectId)).toMatchObject({ rawTotal: 82, missing: 1 });
    await scoreTask(X2, (await taskOf(X2, bid1.projectId))!.id, 80);
    await scoreTask(X1, (await taskOf(X1, bid2.projectId))!.id, 90);
    await scoreTask(X2, (await taskOf(X2, bid2.projectId))!.id, 88);
    r = await results(round1);
    const one = r.item(bid1.projectId);
    const two = r.item(bid2.projectId);
    expect(one.components.enterprise).toBe(85);
    expect(one.components.experts.map((e: { score: number }) => e.score).sort()).toEqual([70, 80]);
    expect(one.rawTotal).toBe(83); // 0.8 × 85 + 0.2 × 75
    expect(two.components.enterprise).toBe(65);
    expect(two.rawTotal).toBe(69.8); // 0.8 × 65 + 0.2 × 89
    expect([one.rankInSubTopic, two.rankInSubTopic, one.missing, two.missing]).toEqual([1, 2, 0, 0]);
    // the normalised total keeps the enterprise's score and standardises the experts'
    expect(one.normalisedTotal!).toBeCloseTo(0.8 * 85 + 0.2 * one.components.expertNormalisedMean!, 1);
  });

  it("regular topic: the weighted indicator sum with the committee's weights, by hand", async () => {
    // C1: 100 on 数据治理标准规范 (A1.1), 80 on every other third-level indicator
    const c1 = await scoreTask(C1, (await taskOf(C1, R.projectId))!.id, leaves(80, { 'A1.1': 100 }));
    expect(c1.form.kind).toBe('indicators');
    expect(c1.form.criteria).toHaveLength(18); // 10 + 4 + 4 third-level indicators
    // A1.1 counts for 50% (先进性) × 50% (数据治理) × 40% = 10%: 0.1 × 100 + 0.9 × 80
    expect(c1.total).toBe(82);
    const c2 = await scoreTask(C2, (await taskOf(C2, R.projectId))!.id, 70);
    expect(c2.total).toBe(70);
    const r = await results(round1);
    expect(r.item(R.projectId).rawTotal).toBe(76); // mean(82, 70)
    expect(r.indicatorWeights.A).toBe(50);
  });

  it('the lenient expert moves the raw ranking but not the normalised one', async () => {
    const honest = { A: [70, 60, 80, 75], L: [72, 62], B: [78, 74] };
    for (const [i, p] of P.entries()) await scoreTask(A, (await taskOf(A, p.projectId))!.id, honest.A[i]!);
    for (const [i, p] of P.slice(0, 2).entries()) await scoreTask(L, (await taskOf(L, p.projectId))!.id, honest.L[i]!);
    for (const [i, p] of P.slice(2).entries()) await scoreTask(B, (await taskOf(B, p.projectId))!.id, honest.B[i]!);
    const r1 = await results(round1);
    expect(P.map((p) => r1.item(p.projectId).rawTotal)).toEqual([71, 61, 79, 74.5]);
    const raw1 = P.map((p) => r1.item(p.projectId).ranks.raw.subTopic);
    const norm1 = P.map((p) => r1.item(p.projectId).ranks.normalised.subTopic);
    expect(raw1).toEqual([3, 4, 1, 2]);
    expect(norm1).toEqual([2, 4, 1, 3]);
    const ids = new Set(P.map((p) => p.projectId));
    expect(r1.outliers.filter((o: { projectId: string }) => ids.has(o.projectId))).toEqual([]);

    // The same projects in a second round (the final stage), where L adds 25 to every score.
    // The final takes the confirmed finalists that passed verification (results module):
    // close the preliminary, let every scored project advance, pass them all.
    expect((await w.committee.client.post(`/api/review-rounds/${round1}/close`)).statusCode).toBe(200);
    await w.committee.client.put(`/api/editions/${w.editionId}/result-settings`, { advancementMode: 'ratio', advancementRatio: 1 });
    expect((await w.committee.client.post(`/api/review-rounds/${round1}/advancement`)).statusCode).toBe(200);
    expect((await w.committee.client.post(`/api/review-rounds/${round1}/advancement/confirm`)).statusCode).toBe(200);
    now = at(w.phases.verification!.start, 3600_000);
    for (const f of (await w.committee.client.get(`/api/editions/${w.editionId}/finalists`)).json().items)
      expect((await w.committee.client.post(`/api/finalists/${f.id}/verification`, { passed: true })).statusCode).toBe(200);
    round2 = (await openRound(w, 'final')).id;
    for (const p of P) await assign(w, round2, { projectId: p.projectId }, A.id);
    for (const p of P.slice(0, 2)) await assign(w, round2, { projectId: p.projectId }, L.id);
    for (const p of P.slice(2)) await assign(w, round2, { projectId: p.projectId }, B.id);
    now = at(w.phases.final!.start, 3600_000);
    const liveTask = async (reviewer: SignedUp, projectId: string) => {
      const res = (await reviewer.client.get('/api/review-tasks?mine=1')).json();
      return res.items.find((x: { roundId: string; project: { id: string } }) => x.roundId === round2 && x.project.id === projectId)
        .id as string;
    };
    for (const [i, p] of P.entries()) await scoreTask(A, await liveTask(A, p.projectId), honest.A[i]!);
    for (const [i, p] of P.slice(0, 2).entries()) await scoreTask(L, await liveTask(L, p.projectId), honest.L[i]! + 25);
    for (const [i, p] of P.slice(2).entries()) await scoreTask(B, await liveTask(B, p.projectId), honest.B[i]!);
    const r2 = await results(round2);
    expect(P.map((p) => r2.item(p.projectId).rawTotal)).toEqual([83.5, 73.5, 79, 74.5]);
    const raw2 = P.map((p) => r2.item(p.projectId).ranks.raw.subTopic);
    const norm2 = P.map((p) => r2.item(p.projectId).ranks.normalised.subTopic);
    expect(raw2).toEqual([1, 4, 2, 3]);
    expect(raw2).not.toEqual(raw1);
    expect(norm2).toEqual(norm1);
    // the edition ranks by the normalised total by default
    expect(P.map((p) => r2.item(p.projectId).rankInSubTopic)).toEqual(norm2);
    // L's 97 on 常规一 is 13.5 above the panel's mean (83.5): flagged with the margin 10
    expect(r2.outliers).toContainEqual(
      expect.objectContaining({ reviewerId: L.id, projectId: P[0]!.projectId, score: 97, panelMean: 83.5, diff: 13.5 }),
    );
  });

  it('the committee may rank by the raw total instead', async () => {
    await w.committee.client.put(`/api/editions/${w.editionId}/review-settings`, { rankBy: 'raw' });
    const r2 = await results(round2);
    expect(r2.rankBy).toBe('raw');
    expect(P.map((p) => r2.item(p.projectId).rankInSubTopic)).toEqual([1, 4, 2, 3]);
    await w.committee.client.put(`/api/editions/${w.editionId}/review-settings`, { rankBy: 'normalised' });
  });

  it('Excel export of the results (committee and supervisor)', async () => {
    expect((await A.client.get(`/api/review-rounds/${round1}/results.xlsx`)).statusCode).toBe(403);
    const res = await w.supervisor.client.get(`/api/review-rounds/${round1}/results.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('评审结果')!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const one = rows.find((r) => r[2] === '揭榜一')!;
    expect(one[5]).toBe(85);
    expect(one[8]).toBe(83);
  });
});
