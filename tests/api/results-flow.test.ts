import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeAward } from '@jb/api/modules/results/awards.service.ts';
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
import { fakeExecutable, multipart, tinyPdf } from '../support/teams.ts';

/** A multipart body with a `note` field before the file. */
function evidenceForm(fileName: string, content: Buffer, note: string) {
  const form = multipart({ fileName, content });
  const boundary = form.headers['content-type']!.split('boundary=')[1]!;
  const field = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\n${note}\r\n`);
  return { payload: Buffer.concat([field, form.payload]), headers: form.headers };
}

/**
 * From the preliminary ranking to approved awards, against hand computations:
 * T1 (工业制造) has 3 sub-topic bids S1–S3 and 4 regular projects R1–R4, T2 has Q1–Q3.
 * 5 places: exact 3.5 / 1.5 → floors 3 / 1, the equal remainders (.5/.5) go to T1 (more projects) → 4 / 1.
 * T1 reserves min(4, 3, round(0.6 × 3)) = 2 places for S1, S2; R1, R2 take the 2 regular places.
 * T2: Q1 and Q2 tie at the cut-off (80) → both advance (include_ties).
 */
describe('results: advancement, verification and backfill, final, awards', () => {
  let t: TestApp;
  let now = new Date();
  let w: ReviewWorld;
  let track2: string;
  let S: Bid[];
  let R: Bid[];
  let Q: Bid[];
  let E1: SignedUp, E2: SignedUp;
  let prelim: string;
  let finalRound: string;
  const name = new Map<string, string>();
  const id = (n: string) => [...name.entries()].find(([, v]) => v === n)![0];
  type Finalist = { id: string; projectId: string; status: string; placeKind: string; source: string; replacesFinalistId: string | null };
  const finalists = async () => {
    const res = await w.committee.client.get(`/api/editions/${w.editionId}/finalists`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items as Finalist[];
  };
  const finalistOf = async (n: string) => (await finalists()).find((f) => f.projectId === id(n))!;
  const log = async () =>
    (await w.supervisor.client.get(`/api/editions/${w.editionId}/decision-log`)).json().items as {
      action: string;
      data: Record<string, unknown>;
      reason: string | null;
    }[];

  beforeAll(async () => {
    t = await createTestApp({ clock: () => now, loginLimits: { registrationsPerIpPer10Minutes: 10_000 } });
    w = await createReviewWorld(t);
    track2 = (await w.committee.client.post(`/api/editions/${w.editionId}/tracks`, { name: '交通运输' })).json().id;
    const topic2 = (
      await w.committee.client.post(`/api/tracks/${track2}/topics`, { title: '提升交通运输效率', description: '物流' })
    ).json().id;
    S = [];
    for (const n of ['S1', 'S2', 'S3']) S.push(await submittedBid(t, w, { demandId: w.demandId }, { name: n }));
    R = [];
    for (const n of ['R1', 'R2', 'R3', 'R4']) R.push(await submittedBid(t, w, { topicId: w.topicId }, { name: n }));
    Q = [];
    for (const [i, n] of ['Q1', 'Q2', 'Q3'].entries()) {
      now = new Date(Date.now() + i * 60_000); // Q1 submitted before Q2 (the 'tie_break' rule reads it)
      Q.push(await submittedBid(t, w, { topicId: topic2 }, { name: n }));
    }
    for (const [i, b] of S.entries()) name.set(b.projectId, `S${i + 1}`);
    for (const [i, b] of R.entries()) name.set(b.projectId, `R${i + 1}`);
    for (const [i, b] of Q.entries()) name.set(b.projectId, `Q${i + 1}`);
    E1 = await addExpert(t, w, {}, '专家E1');
    E2 = await addExpert(t, w, { trackIds: [track2] }, '专家E2');
    // Rank by the raw totals so the hand computation needs no normalisation.
    expect((await w.committee.client.put(`/api/editions/${w.editionId}/review-settings`, { rankBy: 'raw' })).statusCode).toBe(200);
  });
  afterAll(() => t?.close());

  it('preliminary: scored by hand, then closed', async () => {
    prelim = (await openRound(w)).id;
    await assign(w, prelim, { demandId: w.demandId }, E1.id);
    for (const b of R) await assign(w, prelim, { projectId: b.projectId }, E1.id);
    for (const b of Q) await assign(w, prelim, { projectId: b.projectId }, E2.id);
    now = at(w.phases.preliminaryReview!.start, 3600_000);
    // S: 0.8 × enterprise + 0.2 × expert → 88, 70, 60
    const sub = [
      [90, 80],
      [70, 70],
      [60, 60],
    ];
    for (const [i, b] of S.entries()) {
      await scoreTask(w.enterprise, (await taskOf(w.enterprise, b.projectId))!.id, (k) => (k.startsWith('fit') ? sub[i]![0]! : 0));
      await scoreTask(E1, (await taskOf(E1, b.projectId))!.id, sub[i]![1]!);
    }
    for (const [i, b] of R.entries()) await scoreTask(E1, (await taskOf(E1, b.projectId))!.id, [95, 90, 85, 80][i]!);
    for (const [i, b] of Q.entries()) await scoreTask(E2, (await taskOf(E2, b.projectId))!.id, [80, 80, 70][i]!);
    // advancement needs a closed round
    expect((await w.committee.client.post(`/api/review-rounds/${prelim}/advancement`)).json().error.code).toBe('ROUND_NOT_CLOSED');
    expect((await w.committee.client.post(`/api/review-rounds/${prelim}/close`)).statusCode).toBe(200);
  });

  it('settings, finalists and awards: overseers read, only the committee changes, others are refused', async () => {
    const url = `/api/editions/${w.editionId}/result-settings`;
    expect((await t.client().get(url)).statusCode).toBe(401);
    expect((await w.supervisor.client.get(url)).statusCode).toBe(200);
    expect((await w.supervisor.client.put(url, { reservedRatio: 0.5 })).statusCode).toBe(403);
    for (const who of [E1, w.enterprise, R[0]!.leader]) {
      expect((await who.client.get(url)).statusCode).toBe(403);
      expect((await who.client.get(`/api/editions/${w.editionId}/finalists`)).statusCode).toBe(403);
      expect((await who.client.get(`/api/editions/${w.editionId}/awards`)).statusCode).toBe(403);
    }
    const bad = await w.committee.client.put(url, { advancementRatio: 1.5 });
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const tooMuch = await w.committee.client.put(url, { awardRatios: { first: 0.5, second: 0.5, third: 0.5, special: 0 } });
    expect([tooMuch.statusCode, tooMuch.json().error.code]).toEqual([400, 'INVALID_RESULT_SETTINGS']);
    const missing = await w.committee.client.post(`/api/finalists/${crypto.randomUUID()}/verification`, { passed: true });
    expect(missing.statusCode).toBe(404);
  });

  it('only the committee computes; overseers read; others are refused', async () => {
    expect((await t.client().post(`/api/review-rounds/${prelim}/advancement`)).statusCode).toBe(401);
    expect((await w.supervisor.client.post(`/api/review-rounds/${prelim}/advancement`)).statusCode).toBe(403);
    expect((await E1.client.post(`/api/review-rounds/${prelim}/advancement`)).statusCode).toBe(403);
    expect((await R[0]!.leader.client.post(`/api/review-rounds/${prelim}/advancement`)).statusCode).toBe(403);
    expect((await w.enterprise.client.post(`/api/review-rounds/${prelim}/advancement`)).statusCode).toBe(403);
    expect((await w.supervisor.client.get(`/api/review-rounds/${prelim}/advancement`)).statusCode).toBe(404);
  });

  it('computes quotas by largest remainder, reserved places, cut-offs and the tie, step by step', async () => {
    const settings = await w.committee.client.put(`/api/editions/${w.editionId}/result-settings`, {
      advancementMode: 'total',
      advancementTotal: 5,
      reservedRatio: 0.6,
      tieRule: 'include_ties',
    });
    expect(settings.statusCode, settings.body).toBe(200);
    const res = await w.committee.client.post(`/api/review-rounds/${prelim}/advancement`);
    expect(res.statusCode, res.body).toBe(200);
    const a = res.json();
    expect(a.status).toBe('proposed');
    expect(a.computation.totalPlaces).toBe(5);
    const [t1, t2] = a.computation.tracks;
    expect([t1.trackId, t1.eligible, t1.exactQuota, t1.floorQuota, t1.remainderPlace, t1.quota]).toEqual([w.trackId, 7, 3.5, 3, true, 4]);
    expect([t2.trackId, t2.eligible, t2.exactQuota, t2.floorQuota, t2.remainderPlace, t2.quota]).toEqual([track2, 3, 1.5, 1, false, 1]);
    expect([t1.subTopicEligible, t1.reservedPlaces, t1.regularPlaces, t1.reservedCutoff, t1.regularCutoff]).toEqual([3, 2, 2, 70, 90]);
    const outcome = (tr: { ranking: { projectId: string; outcome: string }[] }) =>
      Object.fromEntries(tr.ranking.map((r) => [name.get(r.projectId), r.outcome]));
    expect(outcome(t1)).toEqual({ R1: 'regular', R2: 'regular', S1: 'reserved', R3: 'out', R4: 'out', S2: 'reserved', S3: 'out' });
    expect(outcome(t2)).toEqual({ Q1: 'regular', Q2: 'regular', Q3: 'out' });
    expect([t2.tieExtras, t2.regularCutoff, a.computation.admitted]).toEqual([1, 80, 6]);
    expect(a.computation.rules.length).toBeGreaterThan(3);

    // with the tie broken by submission time only Q1 (submitted first) advances; then back
    await w.committee.client.put(`/api/editions/${w.editionId}/result-settings`, { tieRule: 'tie_break' });
    const b = (await w.committee.client.post(`/api/review-rounds/${prelim}/advancement`)).json();
    expect(outcome(b.computation.tracks[1])).toEqual({ Q1: 'regular', Q2: 'out', Q3: 'out' });
    await w.committee.client.put(`/api/editions/${w.editionId}/result-settings`, { tieRule: 'include_ties' });
    await w.committee.client.post(`/api/review-rounds/${prelim}/advancement`);
  });

  it('the final cannot open before the advancement is confirmed; confirming makes the finalists', async () => {
    const early = await w.committee.client.post(`/api/editions/${w.editionId}/review-rounds`, { stage: 'final' });
    expect([early.statusCode, early.json().error.code]).toEqual([409, 'ADVANCEMENT_NOT_CONFIRMED']);
    const res = await w.committee.client.post(`/api/review-rounds/${prelim}/advancement/confirm`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('confirmed');
    const again = await w.committee.client.post(`/api/review-rounds/${prelim}/advancement`);
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'ADVANCEMENT_CONFIRMED']);
    // the ranking the finalists come from stays frozen
    const reopen = await w.committee.client.post(`/api/review-rounds/${prelim}/reopen`, { reason: '复核评分' });
    expect([reopen.statusCode, reopen.json().error.code]).toEqual([409, 'ADVANCEMENT_CONFIRMED']);
    const list = await finalists();
    expect(list.map((f) => `${name.get(f.projectId)}:${f.placeKind}:${f.status}`).sort()).toEqual(
      [
        'R1:regular:pending',
        'R2:regular:pending',
        'S1:reserved:pending',
        'S2:reserved:pending',
        'Q1:regular:pending',
        'Q2:regular:pending',
      ].sort(),
    );
  });

  it('verification only in its phase, by the committee, with a reason for a failure', async () => {
    const s1 = await finalistOf('S1');
    const outside = await w.committee.client.post(`/api/finalists/${s1.id}/verification`, { passed: false, reason: '数据来源不合法' });
    expect([outside.statusCode, outside.json().error.code]).toEqual([409, 'PHASE_CLOSED']);
    now = at(w.phases.verification!.start, 3600_000);
    expect((await w.supervisor.client.post(`/api/finalists/${s1.id}/verification`, { passed: true })).statusCode).toBe(403);
    expect((await S[0]!.leader.client.post(`/api/finalists/${s1.id}/verification`, { passed: true })).statusCode).toBe(403);
    const noReason = await w.committee.client.post(`/api/finalists/${s1.id}/verification`, { passed: false });
    expect([noReason.statusCode, noReason.json().error.code]).toEqual([400, 'REASON_REQUIRED']);
  });

  it('the committee asks for evidence; only the team uploads it', async () => {
    const s1 = await finalistOf('S1');
    expect((await w.committee.client.post(`/api/finalists/${s1.id}/evidence-request`, { note: '请提供数据授权协议' })).statusCode).toBe(
      204,
    );
    const mine = await S[0]!.leader.client.get(`/api/projects/${S[0]!.projectId}/finalist`);
    expect(mine.json().finalist).toMatchObject({ status: 'pending', evidenceRequest: '请提供数据授权协议' });
    const notes = (await S[0]!.leader.client.get('/api/notifications')).json().items as { kind: string; title: string; body: string }[];
    expect(notes).toContainEqual(
      expect.objectContaining({ kind: 'finalist', title: '组委会要求补充技术验证材料', body: '请提供数据授权协议' }),
    );
    expect((await R[0]!.leader.client.get(`/api/projects/${S[0]!.projectId}/finalist`)).statusCode).toBe(404);
    const form = evidenceForm('数据授权协议.pdf', tinyPdf(), '授权协议扫描件');
    const other = await R[0]!.leader.client.post(`/api/finalists/${s1.id}/evidence`, form.payload, form.headers);
    expect(other.statusCode).toBe(404);
    const overseer = await w.committee.client.post(`/api/finalists/${s1.id}/evidence`, form.payload, form.headers);
    expect([overseer.statusCode, overseer.json().error.code]).toEqual([403, 'NOT_FINALIST']);
    // the content decides the type, as for project materials: an executable named .pdf is refused
    const fake = evidenceForm('授权协议.pdf', fakeExecutable(), '');
    const refused = await S[0]!.leader.client.post(`/api/finalists/${s1.id}/evidence`, fake.payload, fake.headers);
    expect([refused.statusCode, refused.json().error.code]).toEqual([415, 'UNSUPPORTED_FILE_TYPE']);
    const up = await S[0]!.leader.client.post(`/api/finalists/${s1.id}/evidence`, form.payload, form.headers);
    expect(up.statusCode, up.body).toBe(201);
    const evidenceId = up.json().id;
    const file = await w.committee.client.get(`/api/finalists/${s1.id}/evidence/${evidenceId}`);
    expect([file.statusCode, file.headers['content-type']]).toEqual([200, 'application/pdf']);
    expect((await finalistOf('S1')) as unknown as { evidence: unknown[] }).toMatchObject({
      evidence: [expect.objectContaining({ note: '授权协议扫描件' })],
    });
  });

  it('backfill: a reserved place goes to the next sub-topic project (S3, below R3), a regular one to the next by rank (R3)', async () => {
    const s1 = await finalistOf('S1');
    const failed = await w.committee.client.post(`/api/finalists/${s1.id}/verification`, {
      passed: false,
      reason: '数据来源合法性无法证明',
    });
    expect(failed.statusCode, failed.body).toBe(200);
    expect(failed.json()).toMatchObject({ status: 'failed', verificationReason: '数据来源合法性无法证明' });
    const s3 = await finalistOf('S3');
    expect(s3).toMatchObject({ placeKind: 'reserved', source: 'backfill', status: 'pending', replacesFinalistId: s1.id });
    const twice = await w.committee.client.post(`/api/finalists/${s1.id}/verification`, { passed: true });
    expect([twice.statusCode, twice.json().error.code]).toEqual([409, 'FINALIST_DECIDED']);

    const r2 = await finalistOf('R2');
    await w.committee.client.post(`/api/finalists/${r2.id}/verification`, { passed: false, reason: '技术方案与演示不符' });
    expect(await finalistOf('R3')).toMatchObject({ placeKind: 'regular', source: 'backfill', replacesFinalistId: r2.id });
  });

  it('a reserved place with no sub-topic project left falls back to the next project (R4, regular)', async () => {
    const s3 = await finalistOf('S3');
    await w.committee.client.post(`/api/finalists/${s3.id}/verification`, { passed: false, reason: '无法复现' });
    expect(await finalistOf('R4')).toMatchObject({ placeKind: 'regular', source: 'backfill', replacesFinalistId: s3.id });
    const entry = (await log()).find((e) => e.action === 'finalist.backfilled' && e.data.replacesFinalistId === s3.id)!;
    expect(entry.data).toMatchObject({ fellBack: true, placeKind: 'regular' });
    for (const n of ['R1', 'S2', 'R3', 'R4', 'Q1', 'Q2']) {
      const f = await finalistOf(n);
      expect((await w.committee.client.post(`/api/finalists/${f.id}/verification`, { passed: true })).statusCode).toBe(200);
    }
  });

  it('the final round takes the passed finalists only; the enterprise weighs 50 % for a sub-topic finalist', async () => {
    const round = await openRound(w, 'final');
    finalRound = round.id;
    expect(round.projectCount).toBe(6);
    await assign(w, finalRound, { demandId: w.demandId }, E1.id);
    for (const n of ['R1', 'R3', 'R4']) await assign(w, finalRound, { projectId: id(n) }, E1.id);
    for (const n of ['Q1', 'Q2']) await assign(w, finalRound, { projectId: id(n) }, E2.id);
    now = at(w.phases.final!.start, 3600_000);
    const live = async (reviewer: SignedUp, projectId: string) =>
      (
        (await reviewer.client.get('/api/review-tasks?mine=1')).json().items as { id: string; roundId: string; project: { id: string } }[]
      ).find((x) => x.roundId === finalRound && x.project.id === projectId)!.id;
    await scoreTask(w.enterprise, await live(w.enterprise, id('S2')), (k) => (k.startsWith('fit') ? 80 : 0));
    await scoreTask(E1, await live(E1, id('S2')), 90);
    for (const [n, v] of [
      ['R1', 95],
      ['R3', 70],
      ['R4', 60],
    ] as const)
      await scoreTask(E1, await live(E1, id(n)), v);
    await scoreTask(E2, await live(E2, id('Q1')), 88);
    await scoreTask(E2, await live(E2, id('Q2')), 75);
    const results = (await w.committee.client.get(`/api/review-rounds/${finalRound}/results`)).json();
    const s2 = results.items.find((i: { projectId: string }) => i.projectId === id('S2'));
    expect(s2.rawTotal).toBe(85); // 0.5 × 80 + 0.5 × 90
    expect(results.items.map((i: { projectId: string }) => name.get(i.projectId)).sort()).toEqual(['Q1', 'Q2', 'R1', 'R3', 'R4', 'S2']);
  });

  it('awards: proposed per track in proportion to the teams, adjusted with a reason, approved, then locked', async () => {
    const early = await w.committee.client.post(`/api/editions/${w.editionId}/awards/propose`);
    expect([early.statusCode, early.json().error.code]).toEqual([409, 'NO_FINAL_RESULTS']);
    expect((await w.committee.client.post(`/api/review-rounds/${finalRound}/close`)).statusCode).toBe(200);
    expect((await w.supervisor.client.post(`/api/editions/${w.editionId}/awards/propose`)).statusCode).toBe(403);
    const res = await w.committee.client.post(`/api/editions/${w.editionId}/awards/propose`);
    expect(res.statusCode, res.body).toBe(200);
    // T1, 4 teams at 10/20/30/10 %: c1 = max(1, round(.4)) = 1, c2 = round(1.2) = 1, c3 = round(2.4) = 2, c4 = round(2.8) = 3 → 1/0/1/1
    // T2, 2 teams: c1 = 1, c2 = round(.6) = 1, c3 = round(1.2) = 1, c4 = round(1.4) = 1 → 1/0/0/0
    const levels = (body: { items: { projectId: string; level: string; status: string }[] }) =>
      Object.fromEntries(body.items.filter((a) => a.status !== 'revoked').map((a) => [name.get(a.projectId), a.level]));
    expect(levels(res.json())).toEqual({ R1: 'first', S2: 'third', R3: 'special', Q1: 'first' });
    const s2 = res.json().items.find((a: { projectId: string }) => a.projectId === id('S2'));
    expect(s2.priorityRecommendation).toBe(true);

    const noReason = await w.committee.client.post(`/api/editions/${w.editionId}/awards/adjust`, {
      projectId: id('Q2'),
      level: 'third',
      reason: '',
    });
    expect(noReason.statusCode).toBe(400);
    const adjusted = await w.committee.client.post(`/api/editions/${w.editionId}/awards/adjust`, {
      projectId: id('Q2'),
      level: 'third',
      reason: '路演表现突出，经评委会合议增设三等奖',
    });
    expect(adjusted.statusCode, adjusted.body).toBe(200);
    expect(levels(adjusted.json()).Q2).toBe('third');

    const approved = await w.committee.client.post(`/api/editions/${w.editionId}/awards/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().locked).toBe(true);
    for (const [path, body] of [
      ['awards/adjust', { projectId: id('Q2'), level: 'second', reason: '再次调整' }],
      ['awards/propose', undefined],
      ['awards/approve', undefined],
    ] as const) {
      const late = await w.committee.client.post(`/api/editions/${w.editionId}/${path}`, body);
      expect([late.statusCode, late.json().error.code]).toEqual([409, 'AWARDS_LOCKED']);
    }
    const reopen = await w.committee.client.post(`/api/review-rounds/${finalRound}/reopen`, { reason: '复核决赛评分' });
    expect([reopen.statusCode, reopen.json().error.code]).toEqual([409, 'AWARDS_LOCKED']);
  });

  it('a revoked award: the committee moves the freed place to the next project (promotion chain), logged', async () => {
    const awards = (await w.committee.client.get(`/api/editions/${w.editionId}/awards`)).json().items as {
      id: string;
      projectId: string;
      level: string;
    }[];
    const r1 = awards.find((a) => a.projectId === id('R1'))!;
    const early = await w.committee.client.post(`/api/awards/${r1.id}/reassign`, { moveToNext: true, reason: '递补' });
    expect([early.statusCode, early.json().error.code]).toEqual([409, 'AWARD_NOT_REVOKED']);
    await t.db
      .transaction()
      .execute((trx) => revokeAward(trx, { awardId: r1.id, actorId: w.supervisor.id, reason: '举报属实：数据来源造假', now }));
    expect((await w.supervisor.client.post(`/api/awards/${r1.id}/reassign`, { moveToNext: true, reason: '递补' })).statusCode).toBe(403);
    const moved = await w.committee.client.post(`/api/awards/${r1.id}/reassign`, { moveToNext: true, reason: '组委会合议：顺位递补' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ status: 'revoked', freedPlace: 'moved' });
    const after = (await w.committee.client.get(`/api/editions/${w.editionId}/awards`)).json();
    const live = Object.fromEntries(
      after.items
        .filter((a: { status: string }) => a.status === 'approved')
        .map((a: { projectId: string; level: string }) => [name.get(a.projectId), a.level]),
    );
    // no 二等奖 in T1: S2 (三等奖, rank 2) moves up to 一等奖, R4 (the best without an award) gets 三等奖; R3 keeps 特色单项奖
    expect(live).toEqual({ S2: 'first', R3: 'special', R4: 'third', Q1: 'first', Q2: 'third' });
    const again = await w.committee.client.post(`/api/awards/${r1.id}/reassign`, { moveToNext: false, reason: '重复' });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'FREED_PLACE_DECIDED']);
  });

  it('the decision log: every step, readable by committee and supervisor only, and no one can edit it', async () => {
    const actions = (await log()).map((e) => e.action);
    for (const a of [
      'result_settings.updated',
      'advancement.computed',
      'advancement.confirmed',
      'finalist.evidence_requested',
      'finalist.evidence_uploaded',
      'finalist.verification_failed',
      'finalist.backfilled',
      'finalist.verification_passed',
      'awards.proposed',
      'award.adjusted',
      'awards.approved',
      'award.revoked',
      'award.freed_place_moved',
    ])
      expect(actions).toContain(a);
    expect(actions.filter((a) => a === 'finalist.backfilled')).toHaveLength(3);
    expect((await t.client().get(`/api/editions/${w.editionId}/decision-log`)).statusCode).toBe(401);
    for (const who of [E1, w.enterprise, R[0]!.leader])
      expect((await who.client.get(`/api/editions/${w.editionId}/decision-log`)).statusCode).toBe(403);
    expect((await w.committee.client.get(`/api/editions/${w.editionId}/decision-log`)).statusCode).toBe(200);
    // no route edits it, and the database refuses
    expect((await w.committee.client.delete(`/api/editions/${w.editionId}/decision-log`)).statusCode).toBe(404);
    await expect(sql`update decision_log set reason = 'x'`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from decision_log`.execute(t.db)).rejects.toThrow(/append-only/);
    expect((await log()).length).toBe(actions.length);
  });

  it('Excel export of rankings and awards (overseers)', async () => {
    expect((await E1.client.get(`/api/editions/${w.editionId}/results.xlsx`)).statusCode).toBe(403);
    const res = await w.supervisor.client.get(`/api/editions/${w.editionId}/results.xlsx`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    wb.getWorksheet('获奖名单')!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const s2 = rows.find((r) => r[2] === 'S2')!;
    expect(s2[1]).toBe('一等奖');
    expect(s2[6]).toContain('是');
    expect(rows.find((r) => r[2] === 'R1')![7]).toBe('已撤销');
    expect(wb.getWorksheet('初赛排名与晋级')!.rowCount).toBeGreaterThan(10);
  });

  it('feedback once the publicity opens: why a team did not advance, failed its verification or was backfilled', async () => {
    now = at(w.phases.publicity!.start, 3600_000);
    const opened = await w.committee.client.post(`/api/editions/${w.editionId}/publicity`, { start: now.toISOString() });
    expect(opened.statusCode, opened.body).toBe(201);
    const feedback = async (b: Bid) => {
      const res = await b.leader.client.get(`/api/teams/${b.teamId}/feedback`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().advancement as { advanced: boolean; summary: string; reasons: string[] };
    };
    // Q3: 70 under the track's cut-off of 80 (one place, Q1 and Q2 tied on it)
    const q3 = await feedback(Q[2]!);
    expect(q3.advanced).toBe(false);
    expect(q3.summary).toContain('未达本赛道晋级分数线');
    expect(q3.reasons.join('')).toContain('晋级名额 1 个');
    expect(q3.reasons).toContain('本项目初赛总分 70。');
    // Q1 and Q2 tie on the one place: both advance, one of them on an extra place by the tie rule (which one follows the project ids)
    const tied = await Promise.all([feedback(Q[0]!), feedback(Q[1]!)]);
    expect(tied.map((f) => f.advanced)).toEqual([true, true]);
    expect(tied.filter((f) => f.reasons.join('').includes('完全并列'))).toHaveLength(1);
    // S1: a reserved place, then failed verification with the committee's reason
    const s1 = await feedback(S[0]!);
    expect(s1.advanced).toBe(false);
    expect(s1.summary).toContain('技术验证未通过');
    expect(s1.reasons.join('')).toContain('数据来源合法性无法证明');
    // R3: out at first (90 was the regular cut-off), then backfilled into R2's regular place
    const r3 = await feedback(R[2]!);
    expect(r3.advanced).toBe(true);
    expect(r3.summary).toBe('递补晋级决赛。');
    expect(r3.reasons.join('')).toContain('常规名额');
  });
});
