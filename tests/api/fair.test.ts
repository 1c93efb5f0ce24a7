import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedUp, type TestApp } from '../support/app.ts';
import { fairBody, fairDate, fairWorld, onFairDay, type FairWorld } from '../support/fair.ts';

describe('docking fair (供需对接会): fairs, registration, requests', () => {
  let t: TestApp;
  let now = new Date();
  let w: FairWorld;
  let fairId: string;
  /** participant ids */
  let pA: string;
  let pB: string;
  let p1: string;
  let p2: string;

  const code = (res: { json(): { error?: { code: string } } }) => res.json().error?.code;
  const request = (who: SignedUp, from: string, to: string, message = '希望交流排产方案') =>
    who.client.post(`/api/fairs/${fairId}/requests`, { fromParticipantId: from, toParticipantId: to, message });

  beforeAll(async () => {
    t = await createTestApp({ clock: () => now, loginLimits: { registrationsPerIpPer10Minutes: 10_000 } });
    w = await fairWorld(t);
  });
  afterAll(() => t.close());

  describe('creating a fair', () => {
    it('the committee creates a fair; its slots follow the day, the slot length and the breaks', async () => {
      const res = await w.committee.client.post(`/api/editions/${w.editionId}/fairs`, fairBody());
      expect(res.statusCode, res.body).toBe(201);
      const fair = res.json();
      fairId = fair.id;
      expect(fair).toMatchObject({
        name: '测试供需对接会',
        tables: 2,
        slotMinutes: 20,
        breakMinutes: 10,
        maxMeetingsPerParticipant: 2,
        requestTtlHours: 24,
      });
      expect(fair.slots.map((s: { id: string }) => s.id.slice(11))).toEqual(['09:00', '09:30', '10:00', '10:30', '11:00', '11:30']);
      const pub = await t.client().get(`/api/fairs/${fairId}`);
      expect(pub.statusCode).toBe(200);
      expect((await t.client().get(`/api/editions/${w.editionId}/fairs`)).json().items.map((f: { id: string }) => f.id)).toContain(fairId);
    });

    it('refuses creation to the public (401) and to other roles (403), and bad input (400)', async () => {
      expect((await t.client().post(`/api/editions/${w.editionId}/fairs`, fairBody())).statusCode).toBe(401);
      for (const who of [w.supervisor, w.entA, w.lead1]) {
        const res = await who.client.post(`/api/editions/${w.editionId}/fairs`, fairBody());
        expect(res.statusCode).toBe(403);
      }
      const bad = await w.committee.client.post(
        `/api/editions/${w.editionId}/fairs`,
        fairBody({ tables: 0, days: [{ date: fairDate(), start: '12:00', end: '09:00' }] }),
      );
      expect(bad.statusCode).toBe(400);
      expect(code(bad)).toBe('VALIDATION_FAILED');
    });

    it('adds presentations to the programme (committee only)', async () => {
      const body = {
        title: '石家庄市数据要素产业园推介',
        speaker: '园区管委会 刘主任',
        start: onFairDay('09:00').toISOString(),
        end: onFairDay('09:20').toISOString(),
      };
      expect((await w.entA.client.post(`/api/fairs/${fairId}/presentations`, body)).statusCode).toBe(403);
      const res = await w.committee.client.post(`/api/fairs/${fairId}/presentations`, body);
      expect(res.statusCode, res.body).toBe(201);
      expect((await t.client().get(`/api/fairs/${fairId}`)).json().programme).toEqual([
        expect.objectContaining({ title: body.title, speaker: body.speaker }),
      ]);
    });
  });

  describe('registration', () => {
    it('an enterprise member registers the enterprise and a representative the team, with availability', async () => {
      const a = await w.entA.client.post(`/api/fairs/${fairId}/participants`, { orgId: w.orgA, availability: [] });
      expect(a.statusCode, a.body).toBe(201);
      expect(a.json()).toMatchObject({ kind: 'enterprise', orgId: w.orgA, name: '甲药业股份有限公司', canAct: true });
      pA = a.json().id;
      pB = (await w.entB.client.post(`/api/fairs/${fairId}/participants`, { orgId: w.orgB })).json().id;
      const one = await w.lead1.client.post(`/api/fairs/${fairId}/participants`, {
        teamId: w.team1,
        availability: [{ start: onFairDay('09:00').toISOString(), end: onFairDay('11:00').toISOString() }],
      });
      expect(one.statusCode, one.body).toBe(201);
      expect(one.json()).toMatchObject({ kind: 'team', name: '排产先锋队', orgName: '测试理工大学' });
      p1 = one.json().id;
      p2 = (await w.lead2.client.post(`/api/fairs/${fairId}/participants`, { teamId: w.team2 })).json().id;
      expect(pB && p2).toBeTruthy();
      const fair = (await w.lead1.client.get(`/api/fairs/${fairId}`)).json();
      expect(fair.myParticipants).toEqual([{ id: p1, kind: 'team', name: '排产先锋队' }]);
    });

    it('refuses a second registration, someone else’s organisation or team, availability outside the fair, and the public', async () => {
      const again = await w.entA.client.post(`/api/fairs/${fairId}/participants`, { orgId: w.orgA });
      expect(again.statusCode).toBe(409);
      expect(code(again)).toBe('ALREADY_REGISTERED');
      expect((await w.outsider.client.post(`/api/fairs/${fairId}/participants`, { orgId: w.orgA })).statusCode).toBe(403);
      expect((await w.lead1.client.post(`/api/fairs/${fairId}/participants`, { teamId: w.team3 })).statusCode).toBe(403);
      const outside = await w.lead3.client.post(`/api/fairs/${fairId}/participants`, {
        teamId: w.team3,
        availability: [{ start: onFairDay('13:00').toISOString(), end: onFairDay('14:00').toISOString() }],
      });
      expect(outside.statusCode).toBe(400);
      expect(code(outside)).toBe('AVAILABILITY_OUTSIDE_FAIR');
      expect(outside.json().error.message).toContain('不在对接会日程内');
      const both = await w.lead3.client.post(`/api/fairs/${fairId}/participants`, { teamId: w.team3, orgId: w.orgA });
      expect(both.statusCode).toBe(400);
      expect((await t.client().post(`/api/fairs/${fairId}/participants`, { orgId: w.orgA })).statusCode).toBe(401);
      expect((await t.client().get(`/api/fairs/${fairId}/participants`)).statusCode).toBe(401);
    });

    it('shows availability only to the participant itself and the overseers', async () => {
      const seenByTeam2 = (await w.lead2.client.get(`/api/fairs/${fairId}/participants`))
        .json()
        .items.find((p: { id: string }) => p.id === p1);
      expect(seenByTeam2.availability).toEqual([]);
      const seenByCommittee = (await w.committee.client.get(`/api/fairs/${fairId}/participants`))
        .json()
        .items.find((p: { id: string }) => p.id === p1);
      expect(seenByCommittee.availability).toHaveLength(1);
    });
  });

  describe('meeting requests', () => {
    let r1: string;

    it('a team asks an enterprise; the enterprise is notified; only the enterprise may accept', async () => {
      const res = await request(w.lead1, p1, pA);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ status: 'pending', from: { id: p1 }, to: { id: pA }, demandId: w.demandA, canRespond: false });
      r1 = res.json().id;
      const notes = (await w.entA.client.get('/api/notifications')).json();
      expect(JSON.stringify(notes)).toContain('排产先锋队');
      const mine = (await w.entA.client.get(`/api/fairs/${fairId}/requests?participantId=${pA}`)).json().items;
      expect(mine).toEqual([expect.objectContaining({ id: r1, canRespond: true })]);
    });

    it('refuses accepting someone else’s request: the requester, a third party, the committee', async () => {
      for (const who of [w.lead1, w.lead2, w.entB, w.committee]) {
        const res = await who.client.post(`/api/meeting-requests/${r1}/accept`);
        expect(res.statusCode, who.email).toBe(403);
        expect(code(res)).toBe('FORBIDDEN');
      }
      expect((await t.client().post(`/api/meeting-requests/${r1}/accept`)).statusCode).toBe(401);
    });

    it('the enterprise accepts; a meeting exists, still unplaced; accepting again is refused', async () => {
      const res = await w.entA.client.post(`/api/meeting-requests/${r1}/accept`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'accepted', meetingId: expect.any(String) });
      const again = await w.entA.client.post(`/api/meeting-requests/${r1}/accept`);
      expect(again.statusCode).toBe(409);
      expect(code(again)).toBe('INVALID_TRANSITION');
      expect(JSON.stringify((await w.lead1.client.get('/api/notifications')).json())).toContain('接受了您');
    });

    it('refuses a request to oneself, between two teams, a duplicate, and from a side one does not act for', async () => {
      const self = await request(w.lead1, p1, p1);
      expect(self.statusCode).toBe(400);
      expect(code(self)).toBe('SELF_REQUEST');
      const teams = await request(w.lead1, p1, p2);
      expect(teams.statusCode).toBe(400);
      expect(code(teams)).toBe('SAME_SIDE_REQUEST');
      const dup = await request(w.entA, pA, p1);
      expect(dup.statusCode).toBe(409);
      expect(code(dup)).toBe('REQUEST_EXISTS');
      const impostor = await request(w.lead2, p1, pB);
      expect(impostor.statusCode).toBe(403);
    });

    it('refuses requests outside the fair’s registration: an unregistered team, or a participant of another fair', async () => {
      // team3 is not registered: it has no participant id here; a participant of another fair is not one of this fair.
      const other = (await w.committee.client.post(`/api/editions/${w.editionId}/fairs`, fairBody({ name: '另一场对接会' }))).json();
      const elsewhere = (await w.lead3.client.post(`/api/fairs/${other.id}/participants`, { teamId: w.team3 })).json();
      const fromOutside = await request(w.lead3, elsewhere.id, pA);
      expect(fromOutside.statusCode).toBe(409);
      expect(code(fromOutside)).toBe('NOT_FAIR_PARTICIPANT');
      const toOutside = await request(w.entA, pA, elsewhere.id);
      expect(toOutside.statusCode).toBe(409);
      expect(code(toOutside)).toBe('NOT_FAIR_PARTICIPANT');
      expect(toOutside.json().error.message).toContain('未报名');
    });

    it('a pending request expires after the committee’s time and can no longer be accepted', async () => {
      const r = (await request(w.lead2, p2, pB)).json();
      now = new Date(now.getTime() + 25 * 3600_000);
      const late = await w.entB.client.post(`/api/meeting-requests/${r.id}/accept`);
      expect(late.statusCode).toBe(409);
      expect(code(late)).toBe('REQUEST_EXPIRED');
      const listed = (await w.entB.client.get(`/api/fairs/${fairId}/requests?participantId=${pB}`)).json().items;
      expect(listed.find((x: { id: string }) => x.id === r.id).status).toBe('expired');
      now = new Date();
    });

    it('refuses requests and acceptances over the per-participant cap', async () => {
      // cap is 2: team1 already meets A. B and a third enterprise both ask team1 while it has room.
      const thirdOrg = (
        await t.db.selectFrom('organizations').select('id').where('name', '=', '测试数智科技有限公司').executeTakeFirstOrThrow()
      ).id;
      const third = await w.committee.client.post(`/api/fairs/${fairId}/participants`, { orgId: thirdOrg });
      expect(third.statusCode, third.body).toBe(201);
      const pC = third.json().id as string;
      const rb = (await request(w.entB, pB, p1)).json();
      const rc = await request(w.lead3, pC, p1);
      expect(rc.statusCode, rc.body).toBe(201);
      expect((await w.lead1.client.post(`/api/meeting-requests/${rb.id}/accept`)).statusCode).toBe(200);
      // team1 is now full: accepting the other pending request is refused, so is a new request.
      const overAccept = await w.lead1.client.post(`/api/meeting-requests/${rc.json().id}/accept`);
      expect(overAccept.statusCode).toBe(409);
      expect(code(overAccept)).toBe('MEETING_CAP_REACHED');
      expect(overAccept.json().error.message).toContain('排产先锋队');
      await w.lead1.client.post(`/api/meeting-requests/${rc.json().id}/decline`);
      const over = await w.committee.client.post(`/api/fairs/${fairId}/requests`, { fromParticipantId: pC, toParticipantId: p1 });
      expect(over.statusCode).toBe(403); // the committee does not act for an enterprise
      const overByMember = await request(w.lead3, pC, p1);
      expect(overByMember.statusCode).toBe(409);
      expect(code(overByMember)).toBe('MEETING_CAP_REACHED');
      const meetings = await t.db
        .selectFrom('meetings')
        .select('id')
        .where('team_participant_id', '=', p1)
        .where('status', '=', 'active')
        .execute();
      expect(meetings).toHaveLength(2);
    });

    it('the requester may withdraw a pending request; the other side may decline', async () => {
      const r = (await request(w.lead2, p2, pA)).json();
      expect((await w.entA.client.post(`/api/meeting-requests/${r.id}/withdraw`)).statusCode).toBe(403);
      expect((await w.lead2.client.post(`/api/meeting-requests/${r.id}/withdraw`)).json().status).toBe('cancelled');
      const r2 = (await request(w.lead2, p2, pA)).json();
      expect((await w.entA.client.post(`/api/meeting-requests/${r2.id}/decline`)).json().status).toBe('declined');
    });

    it('two acceptances racing for the last place: exactly one succeeds', async () => {
      const pC = (await w.committee.client.get(`/api/fairs/${fairId}/participants`))
        .json()
        .items.find((p: { name: string }) => p.name === '测试数智科技有限公司').id;
      const first = (await request(w.entA, pA, p2)).json();
      expect((await w.lead2.client.post(`/api/meeting-requests/${first.id}/accept`)).statusCode).toBe(200);
      const fromB = (await request(w.entB, pB, p2)).json();
      const fromC = (await request(w.lead3, pC, p2)).json();
      const results = await Promise.all([fromB, fromC].map((r) => w.lead2.client.post(`/api/meeting-requests/${r.id}/accept`)));
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      expect(code(results.find((r) => r.statusCode === 409)!)).toBe('MEETING_CAP_REACHED');
      const active = await t.db
        .selectFrom('meetings')
        .select('id')
        .where('team_participant_id', '=', p2)
        .where('status', '=', 'active')
        .execute();
      expect(active).toHaveLength(2);
    });

    it('lists requests: the overseers see all, others only their own side’s', async () => {
      expect((await w.supervisor.client.get(`/api/fairs/${fairId}/requests`)).json().items.length).toBeGreaterThanOrEqual(8);
      const team2 = (await w.lead2.client.get(`/api/fairs/${fairId}/requests`)).json().items;
      expect(team2.every((r: { from: { id: string }; to: { id: string } }) => r.from.id === p2 || r.to.id === p2)).toBe(true);
      expect((await w.lead2.client.get(`/api/fairs/${fairId}/requests?participantId=${p1}`)).statusCode).toBe(403);
    });
  });
});
