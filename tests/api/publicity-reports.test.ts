import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedUp, type TestApp } from '../support/app.ts';
import { at } from '../support/reviews.ts';
import { createPublicityWorld, fileReport, openPublicity, type PublicityWorld } from '../support/publicity.ts';
import { fakeExecutable, tinyPng } from '../support/teams.ts';

/** 公示 and 举报: opening the publicity, the public page, real-name reports, rulings, revocation, the freed place. */
describe('publicity and reports (公示与举报)', () => {
  let t: TestApp;
  const clock = { now: new Date() };
  let w: PublicityWorld;
  let reporter: SignedUp;
  let outsider: SignedUp;
  let rejectedId: string;
  let upheldId: string;

  beforeAll(async () => {
    t = await createTestApp({ clock: () => clock.now, loginLimits: { registrationsPerIpPer10Minutes: 10_000 } });
    w = await createPublicityWorld(t, clock);
    reporter = await t.signUp({ displayName: '举报人账号' });
    outsider = await t.signUp();
  });
  afterAll(() => t?.close());

  it('before the committee publishes: no winners in public, no report taken', async () => {
    const view = await t.client().get(`/api/editions/${w.editionId}/publicity`);
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json()).toMatchObject({ notice: null, tracks: [] });
    const res = await fileReport(reporter.client, w.awards[0]!.id);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error.code).toBe('PUBLICITY_NOT_OPEN');
  });

  it('only the committee opens the publicity; the end is start + publicityDays (7); once', async () => {
    const start = at(w.phases.publicity!.start, 3600_000).toISOString();
    expect((await t.client().post(`/api/editions/${w.editionId}/publicity`, { start })).statusCode).toBe(401);
    expect((await w.supervisor.client.post(`/api/editions/${w.editionId}/publicity`, { start })).statusCode).toBe(403);
    expect((await w.bids[0]!.leader.client.post(`/api/editions/${w.editionId}/publicity`, { start })).statusCode).toBe(403);
    const opened = await openPublicity(w, clock);
    expect(opened.notice).toMatchObject({ days: 7, state: 'open' });
    expect(Date.parse(opened.notice.end) - Date.parse(opened.notice.start)).toBe(7 * 24 * 3600 * 1000);
    const again = await w.committee.client.post(`/api/editions/${w.editionId}/publicity`, { start });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('PUBLICITY_EXISTS');
  });

  it('the public page (no login) lists the winners with level, team, project, sub-topic, enterprise and priority marks', async () => {
    const view = (await t.client().get(`/api/editions/${w.editionId}/publicity`)).json();
    expect(view.tracks).toHaveLength(1);
    const winners = view.tracks[0].winners;
    expect(winners.map((x: { level: string }) => x.level)).toEqual(['first', 'second', 'third']);
    for (const winner of winners) {
      const award = w.awards.find((a) => a.id === winner.awardId)!;
      const bid = w.bids.find((b) => b.projectId === award.projectId)!;
      expect(winner.status).toBe('approved');
      expect(winner.projectName).toBeTruthy();
      expect(winner.teamName).toBeTruthy();
      const subTopic = bid === w.bids[0] || bid === w.bids[1];
      expect(winner.priorityRecommendation).toBe(subTopic);
      expect(winner.demandTitle === null).toBe(!subTopic);
      expect(winner.enterpriseName === null).toBe(!subTopic);
    }
    const list = (await t.client().get('/api/publicity')).json();
    expect(list.items.some((n: { editionId: string }) => n.editionId === w.editionId)).toBe(true);
  });

  it('refuses an anonymous report (401) and one without evidence (400 EVIDENCE_REQUIRED)', async () => {
    const anonymous = await fileReport(t.client(), w.awards[0]!.id);
    expect(anonymous.statusCode).toBe(401);
    const bare = await fileReport(reporter.client, w.awards[0]!.id, { files: [] });
    expect(bare.statusCode, bare.body).toBe(400);
    expect(bare.json().error.code).toBe('EVIDENCE_REQUIRED');
    const empty = await fileReport(reporter.client, w.awards[0]!.id, { files: [{ fileName: 'empty.pdf', content: Buffer.alloc(0) }] });
    expect(empty.json().error.code).toBe('EVIDENCE_REQUIRED');
  });

  it('refuses a report without a real name or a valid phone, and evidence that is not a document', async () => {
    const noName = await fileReport(reporter.client, w.awards[0]!.id, { realName: '' });
    expect(noName.statusCode).toBe(400);
    expect(noName.json().error.details.issues[0].path).toBe('realName');
    const badPhone = await fileReport(reporter.client, w.awards[0]!.id, { phone: '12345' });
    expect(badPhone.statusCode).toBe(400);
    expect(badPhone.json().error.details.issues[0].path).toBe('phone');
    const exe = await fileReport(reporter.client, w.awards[0]!.id, { files: [{ fileName: 'evidence.pdf', content: fakeExecutable() }] });
    expect(exe.statusCode).toBe(415);
    const reports = await t.db.selectFrom('publicity_reports').select('id').where('edition_id', '=', w.editionId).execute();
    expect(reports).toHaveLength(0); // nothing half-written
  });

  it('a signed-in user files a real-name report with evidence; only the supervisor (and the reporter) see who reported', async () => {
    const filed = await fileReport(reporter.client, w.awards[0]!.id, {
      realName: '王举报',
      phone: '13912345678',
      files: [
        { fileName: 'evidence.pdf', content: Buffer.from('%PDF-1.4\n% 举报证据\n') },
        { fileName: 'photo.png', content: tinyPng() },
      ],
    });
    expect(filed.statusCode, filed.body).toBe(201);
    rejectedId = filed.json().id;
    expect(filed.json()).toMatchObject({ realName: '王举报', phone: '13912345678', identityHidden: false, status: 'pending' });
    expect(filed.json().evidence).toHaveLength(2);

    const supervisorView = (await w.supervisor.client.get(`/api/publicity-reports?editionId=${w.editionId}`)).json();
    expect(supervisorView.items[0]).toMatchObject({ id: rejectedId, realName: '王举报', phone: '13912345678' });

    const committee = await w.committee.client.get(`/api/publicity-reports?editionId=${w.editionId}`);
    expect(committee.statusCode).toBe(200);
    expect(committee.json().items[0]).toMatchObject({ id: rejectedId, realName: null, phone: null, identityHidden: true });
    expect(committee.body).not.toContain('王举报');
    expect(committee.body).not.toContain('13912345678');
    const committeeOne = await w.committee.client.get(`/api/publicity-reports/${rejectedId}`);
    expect(committeeOne.body).not.toContain('13912345678');

    for (const who of [t.client(), w.bids[0]!.leader.client, w.experts[0]!.client, outsider.client]) {
      const res = await who.get(`/api/publicity-reports?editionId=${w.editionId}`);
      expect([401, 403]).toContain(res.statusCode);
    }
    expect((await outsider.client.get(`/api/publicity-reports/${rejectedId}`)).statusCode).toBe(404);
    const publicPage = await t.client().get(`/api/editions/${w.editionId}/publicity`);
    expect(publicPage.body).not.toContain('王举报');

    const evidenceId = filed.json().evidence[1].id;
    const download = await w.supervisor.client.get(`/api/publicity-reports/${rejectedId}/evidence/${evidenceId}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect((await outsider.client.get(`/api/publicity-reports/${rejectedId}/evidence/${evidenceId}`)).statusCode).toBe(404);
  });

  it('only the supervisor rules: anonymous 401; committee, expert, team, reporter 403', async () => {
    const body = { decision: 'upheld', ruling: '经核查，举报所述情况属实，予以支持。' };
    expect((await t.client().post(`/api/publicity-reports/${rejectedId}/ruling`, body)).statusCode).toBe(401);
    for (const who of [w.committee, w.experts[0]!, w.bids[0]!.leader, reporter, w.enterprise]) {
      const res = await who.client.post(`/api/publicity-reports/${rejectedId}/ruling`, body);
      expect(res.statusCode, `${who.email}: ${res.body}`).toBe(403);
    }
    const short = await w.supervisor.client.post(`/api/publicity-reports/${rejectedId}/ruling`, { decision: 'rejected', ruling: '不成立' });
    expect(short.statusCode).toBe(400);
    const still = (await w.supervisor.client.get(`/api/publicity-reports/${rejectedId}`)).json();
    expect(still.status).toBe('pending');
  });

  it('a rejected report: written ruling, the award stays, the reporter sees the ruling; a ruling is final', async () => {
    const ruling = '经核查，项目案例数据有合同与验收报告佐证，举报不成立。';
    const res = await w.supervisor.client.post(`/api/publicity-reports/${rejectedId}/ruling`, { decision: 'rejected', ruling });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'rejected', ruling });
    const again = await w.supervisor.client.post(`/api/publicity-reports/${rejectedId}/ruling`, { decision: 'upheld', ruling });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('REPORT_ALREADY_RULED');
    const mine = (await reporter.client.get('/api/publicity-reports/mine')).json();
    expect(mine.items[0]).toMatchObject({ id: rejectedId, status: 'rejected', ruling, realName: '王举报' });
    const award = await t.db.selectFrom('awards').select('status').where('id', '=', w.awards[0]!.id).executeTakeFirstOrThrow();
    expect(award.status).toBe('approved');
  });

  it('an upheld report revokes the award: the public page and the team see it; the decision log records it', async () => {
    const target = w.awards[2]!; // third prize
    const filed = await fileReport(reporter.client, target.id, { content: '该项目核心算法抄袭他人开源成果，未注明出处，附对比材料。' });
    expect(filed.statusCode, filed.body).toBe(201);
    upheldId = filed.json().id;
    const ruling = '经核查对比材料，项目核心代码与他人成果高度一致且未注明出处，举报成立，撤销其获奖资格。';
    const res = await w.supervisor.client.post(`/api/publicity-reports/${upheldId}/ruling`, { decision: 'upheld', ruling });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'upheld', awardStatus: 'revoked' });

    const view = (await t.client().get(`/api/editions/${w.editionId}/publicity`)).json();
    const winner = view.tracks[0].winners.find((x: { awardId: string }) => x.awardId === target.id);
    expect(winner).toMatchObject({ status: 'revoked' });
    expect(winner.revokedAt).toBeTruthy();

    const team = w.bids.find((b) => b.projectId === target.projectId)!;
    const notes = (await team.leader.client.get('/api/notifications')).json();
    expect(notes.items.some((n: { kind: string }) => n.kind === 'award.revoked')).toBe(true);

    const log = await t.db
      .selectFrom('decision_log')
      .select(['action', 'reason', 'data'])
      .where('edition_id', '=', w.editionId)
      .orderBy('id')
      .execute();
    const actions = log.map((l) => l.action);
    expect(actions).toEqual(expect.arrayContaining(['publicity.opened', 'report.filed', 'report.rejected', 'report.upheld']));
    expect(log.find((l) => l.action === 'report.upheld')!.reason).toBe(ruling);
    expect(JSON.stringify(log)).not.toContain('13800138000'); // the reporter's phone never enters the log
  });

  it('the committee decides whether the freed place moves to the next project (logged), once', async () => {
    const body = { moveToNext: true, reason: '按决赛排名由下一名项目递补三等奖。' };
    expect((await w.supervisor.client.post(`/api/publicity-reports/${upheldId}/place-decision`, body)).statusCode).toBe(403);
    const onRejected = await w.committee.client.post(`/api/publicity-reports/${rejectedId}/place-decision`, body);
    expect(onRejected.statusCode).toBe(409);
    const res = await w.committee.client.post(`/api/publicity-reports/${upheldId}/place-decision`, body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ placeDecision: 'moved' });
    const again = await w.committee.client.post(`/api/publicity-reports/${upheldId}/place-decision`, { ...body, moveToNext: false });
    expect(again.json().error.code).toBe('PLACE_ALREADY_DECIDED');

    const view = (await t.client().get(`/api/editions/${w.editionId}/publicity`)).json();
    const replacement = view.tracks[0].winners.find((x: { replacesAwardId: string | null }) => x.replacesAwardId === w.awards[2]!.id);
    expect(replacement).toMatchObject({ level: 'third', status: 'approved' });
    const award = await t.db
      .selectFrom('awards')
      .select('project_id')
      .where('replaces_award_id', '=', w.awards[2]!.id)
      .executeTakeFirstOrThrow();
    expect(award.project_id).toBe(w.fourth);
    const log = await t.db.selectFrom('decision_log').select('action').where('edition_id', '=', w.editionId).execute();
    expect(log.map((l) => l.action)).toContain('report.place_moved');
  });

  it('after the window: reports refused; a pending report keeps results open, final once ruled', async () => {
    const pending = await fileReport(reporter.client, w.awards[1]!.id);
    expect(pending.statusCode, pending.body).toBe(201);
    const notice = (await t.client().get(`/api/editions/${w.editionId}/publicity`)).json().notice;
    clock.now = new Date(Date.parse(notice.end) + 1000);
    const late = await fileReport(reporter.client, w.awards[0]!.id);
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('PUBLICITY_NOT_OPEN');
    expect((await t.client().get(`/api/editions/${w.editionId}/publicity`)).json().notice.state).toBe('reviewing');
    const ruled = await w.supervisor.client.post(`/api/publicity-reports/${pending.json().id}/ruling`, {
      decision: 'rejected',
      ruling: '举报内容缺乏具体证据支持，举报不成立。',
    });
    expect(ruled.statusCode).toBe(200);
    expect((await t.client().get(`/api/editions/${w.editionId}/publicity`)).json().notice.state).toBe('final');
  });
});
