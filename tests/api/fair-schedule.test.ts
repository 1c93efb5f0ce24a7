import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedUp, type TestApp } from '../support/app.ts';
import { fairBody, fairWorld, onFairDay, type FairWorld } from '../support/fair.ts';

describe('docking fair (供需对接会): schedule, agenda, check-in, outcomes, dashboard', () => {
  let t: TestApp;
  let now = new Date();
  let w: FairWorld;
  let fairId: string;
  let pA: string;
  let pB: string;
  let p1: string;
  let p2: string;
  const meetings: Record<string, string> = {};

  const code = (res: { json(): { error?: { code: string } } }) => res.json().error?.code;
  const meet = async (from: SignedUp, fromId: string, to: SignedUp, toId: string) => {
    const r = await from.client.post(`/api/fairs/${fairId}/requests`, {
      fromParticipantId: fromId,
      toParticipantId: toId,
      message: '约见',
    });
    expect(r.statusCode, r.body).toBe(201);
    const a = await to.client.post(`/api/meeting-requests/${r.json().id}/accept`);
    expect(a.statusCode, a.body).toBe(200);
    return a.json().meetingId as string;
  };
  const schedule = () => w.committee.client.get(`/api/fairs/${fairId}/schedule`);

  beforeAll(async () => {
    t = await createTestApp({ clock: () => now, loginLimits: { registrationsPerIpPer10Minutes: 10_000 } });
    w = await fairWorld(t);
    fairId = (await w.committee.client.post(`/api/editions/${w.editionId}/fairs`, fairBody({ maxMeetingsPerParticipant: 5 }))).json().id;
    await w.committee.client.post(`/api/fairs/${fairId}/presentations`, {
      title: '雄安新区数据要素政策推介',
      speaker: '雄安新区改革发展局',
      start: onFairDay('08:30').toISOString(),
      end: onFairDay('08:55').toISOString(),
    });
    pA = (await w.entA.client.post(`/api/fairs/${fairId}/participants`, { orgId: w.orgA })).json().id;
    pB = (await w.entB.client.post(`/api/fairs/${fairId}/participants`, { orgId: w.orgB })).json().id;
    // team1 only from 10:00 to 11:00 (slots 10:00 and 10:30)
    p1 = (
      await w.lead1.client.post(`/api/fairs/${fairId}/participants`, {
        teamId: w.team1,
        availability: [{ start: onFairDay('10:00').toISOString(), end: onFairDay('11:00').toISOString() }],
      })
    ).json().id;
    p2 = (await w.lead2.client.post(`/api/fairs/${fairId}/participants`, { teamId: w.team2 })).json().id;
    meetings.a1 = await meet(w.lead1, p1, w.entA, pA);
    meetings.b1 = await meet(w.entB, pB, w.lead1, p1);
    meetings.a2 = await meet(w.lead2, p2, w.entA, pA);
    meetings.b2 = await meet(w.lead2, p2, w.entB, pB);
  });
  afterAll(() => t.close());

  it('only the committee runs the schedule; the public is refused the schedule', async () => {
    expect((await t.client().post(`/api/fairs/${fairId}/schedule`, {})).statusCode).toBe(401);
    for (const who of [w.supervisor, w.entA, w.lead1])
      expect((await who.client.post(`/api/fairs/${fairId}/schedule`, {})).statusCode).toBe(403);
    expect((await t.client().get(`/api/fairs/${fairId}/schedule`)).statusCode).toBe(401);
    expect((await w.outsider.client.get(`/api/fairs/${fairId}/schedule`)).statusCode).toBe(403);
  });

  it('places every accepted meeting without clashes and inside availability, reports the bound, and tells both sides', async () => {
    const res = await w.committee.client.post(`/api/fairs/${fairId}/schedule`, {});
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    expect(s.meetings).toHaveLength(4);
    expect(s.lastRun).toMatchObject({ placed: 4, unplaced: [] });
    expect(s.lastRun.lowerBound).toBeGreaterThanOrEqual(2);
    expect(s.lastRun.slotsUsed).toBeGreaterThanOrEqual(s.lastRun.lowerBound);
    const cells = new Set<string>();
    const busy = new Set<string>();
    for (const m of s.meetings) {
      expect(m.slotId && m.table).toBeTruthy();
      expect(m.table).toBeLessThanOrEqual(2);
      for (const key of [`${m.slotId}#${m.table}`, `${m.slotId}@${m.enterprise.id}`, `${m.slotId}@${m.team.id}`]) {
        const set = key.includes('#') ? cells : busy;
        expect(set.has(key), key).toBe(false);
        set.add(key);
      }
      if (m.team.id === p1) expect(['10:00', '10:30']).toContain(m.slotId.slice(11));
    }
    expect(JSON.stringify((await w.lead1.client.get('/api/notifications')).json())).toContain('会谈已排定');
  });

  it('each side sees only its own meetings; the agenda has times, tables, counterpart and programme; .ics downloads', async () => {
    const mine = (await w.lead1.client.get(`/api/fairs/${fairId}/schedule`)).json();
    expect(mine.meetings.map((m: { id: string }) => m.id).sort()).toEqual([meetings.a1, meetings.b1].sort());
    const agenda = await w.lead1.client.get(`/api/fairs/${fairId}/agenda?participantId=${p1}`);
    expect(agenda.statusCode, agenda.body).toBe(200);
    const a = agenda.json();
    expect(a.programme[0].title).toBe('雄安新区数据要素政策推介');
    expect(a.meetings).toHaveLength(2);
    expect(a.meetings[0]).toMatchObject({ mySide: 'team', table: expect.any(Number), start: expect.any(String) });
    expect(a.meetings.map((m: { counterpart: { name: string } }) => m.counterpart.name).sort()).toEqual([
      '乙钢铁有限公司',
      '甲药业股份有限公司',
    ]);
    const ics = await w.lead1.client.get(`/api/fairs/${fairId}/agenda.ics?participantId=${p1}`);
    expect(ics.statusCode).toBe(200);
    expect(ics.headers['content-type']).toContain('text/calendar');
    expect(ics.body).toContain('BEGIN:VEVENT');
    expect(ics.body.match(/BEGIN:VEVENT/g)).toHaveLength(3);
    expect((await w.lead2.client.get(`/api/fairs/${fairId}/agenda?participantId=${p1}`)).statusCode).toBe(403);
  });

  it('pins a meeting and re-runs: the pin holds; a bad pin is refused', async () => {
    const slot = (await schedule()).json().slots.find((x: { id: string }) => x.id.endsWith('11:30')).id;
    const bad = await w.committee.client.post(`/api/fairs/${fairId}/schedule`, {
      pins: [{ meetingId: meetings.b2, slotId: slot, table: 9 }],
    });
    expect(bad.statusCode).toBe(400);
    expect(code(bad)).toBe('INVALID_PIN');
    const res = await w.committee.client.post(`/api/fairs/${fairId}/schedule`, {
      pins: [{ meetingId: meetings.b2, slotId: slot, table: 2 }],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().meetings.find((m: { id: string }) => m.id === meetings.b2)).toMatchObject({ slotId: slot, table: 2, pinned: true });
    const again = (await w.committee.client.post(`/api/fairs/${fairId}/schedule`, {})).json();
    expect(again.meetings.find((m: { id: string }) => m.id === meetings.b2)).toMatchObject({ slotId: slot, table: 2, pinned: true });
  });

  it('a meeting that cannot fit anyone’s window is listed with a reason, never silently dropped', async () => {
    // team1 narrows its window to 10:00–10:30: one slot for two meetings.
    const narrowed = await w.lead1.client.put(`/api/fair-participants/${p1}/availability`, {
      availability: [{ start: onFairDay('10:00').toISOString(), end: onFairDay('10:30').toISOString() }],
    });
    expect(narrowed.statusCode, narrowed.body).toBe(200);
    const s = (await w.committee.client.post(`/api/fairs/${fairId}/schedule`, {})).json();
    expect(s.lastRun.placed).toBe(3);
    expect(s.lastRun.unplaced).toHaveLength(1);
    expect(s.lastRun.unplaced[0]).toMatchObject({ reason: expect.any(String), team: '排产先锋队' });
    const lost = s.meetings.find((m: { id: string }) => m.id === s.lastRun.unplaced[0].meetingId);
    expect(lost).toMatchObject({ slotId: null, unplacedReason: expect.any(String) });
    expect(JSON.stringify((await w.lead1.client.get('/api/notifications')).json())).toContain('暂未能排入');
    await w.lead1.client.put(`/api/fair-participants/${p1}/availability`, {
      availability: [{ start: onFairDay('10:00').toISOString(), end: onFairDay('11:00').toISOString() }],
    });
    expect((await w.committee.client.post(`/api/fairs/${fairId}/schedule`, {})).json().lastRun.placed).toBe(4);
  });

  describe('on the day', () => {
    let m: { id: string; start: string; table: number };
    let token: string;

    beforeAll(async () => {
      m = (await schedule()).json().meetings.find((x: { id: string }) => x.id === meetings.a1);
      const qr = await w.lead1.client.get(`/api/meetings/${m.id}/qr`);
      expect(qr.statusCode, qr.body).toBe(200);
      expect(qr.json().svg).toContain('<svg');
      token = new URL(qr.json().url).searchParams.get('token')!;
    });

    it('refuses the QR code and check-in to a third party, a wrong code, and check-in too early', async () => {
      expect((await w.lead2.client.get(`/api/meetings/${m.id}/qr`)).statusCode).toBe(403);
      now = new Date(Date.parse(m.start) - 5 * 60_000);
      const third = await w.entB.client.post(`/api/meetings/${m.id}/check-in`, { token });
      expect(third.statusCode).toBe(403);
      expect(code(third)).toBe('FORBIDDEN');
      expect((await w.committee.client.post(`/api/meetings/${m.id}/check-in`, { token })).statusCode).toBe(403);
      const wrong = await w.lead1.client.post(`/api/meetings/${m.id}/check-in`, { token: 'x'.repeat(24) });
      expect(code(wrong)).toBe('INVALID_QR_TOKEN');
      now = new Date(Date.parse(m.start) - 3 * 3600_000);
      const early = await w.lead1.client.post(`/api/meetings/${m.id}/check-in`, { token });
      expect(early.statusCode).toBe(409);
      expect(code(early)).toBe('CHECKIN_NOT_OPEN');
    });

    it('either side checks in with the code; the other side, not checked in after the grace period, is a no-show', async () => {
      now = new Date(Date.parse(m.start) - 5 * 60_000);
      const res = await w.lead1.client.post(`/api/meetings/${m.id}/check-in`, { token });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().teamCheckedInAt).not.toBeNull();
      expect(res.json().enterpriseCheckedInAt).toBeNull();
      now = new Date(Date.parse(m.start) + 11 * 60_000);
      const late = await w.entA.client.post(`/api/meetings/${m.id}/check-in`, { token });
      expect(code(late)).toBe('CHECKIN_NOT_OPEN');
      const after = (await schedule()).json().meetings.find((x: { id: string }) => x.id === m.id);
      expect(after).toMatchObject({ enterpriseNoShow: true, teamNoShow: false });
    });

    it('outcomes: refused to someone not in the meeting, before it starts, and a contract without amount', async () => {
      const other = (await schedule()).json().meetings.find((x: { id: string }) => x.id === meetings.b2);
      now = new Date(Date.parse(other.start) - 60_000);
      const early = await w.lead2.client.post(`/api/meetings/${other.id}/outcome`, { result: 'intent' });
      expect(code(early)).toBe('OUTCOME_TOO_EARLY');
      now = new Date(Date.parse(m.start) + 20 * 60_000);
      for (const who of [w.lead2, w.entB, w.committee, w.supervisor]) {
        const res = await who.client.post(`/api/meetings/${m.id}/outcome`, { result: 'intent' });
        expect(res.statusCode, who.email).toBe(403);
      }
      const noAmount = await w.lead1.client.post(`/api/meetings/${m.id}/outcome`, { result: 'signed' });
      expect(noAmount.statusCode).toBe(400);
      expect(noAmount.json().error.message).toContain('金额');
    });

    it('each side records its outcome; the dashboard counts per track and sub-topic and exports to Excel', async () => {
      now = new Date(Date.parse(m.start) + 20 * 60_000);
      const signed = await w.lead1.client.post(`/api/meetings/${m.id}/outcome`, {
        result: 'signed',
        amountWan: 120.5,
        note: '签订试点合同',
      });
      expect(signed.statusCode, signed.body).toBe(200);
      expect(signed.json().outcomes).toEqual([expect.objectContaining({ side: 'team', result: 'signed', amountWan: 120.5 })]);
      const ent = await w.entA.client.post(`/api/meetings/${m.id}/outcome`, { result: 'signed', amountWan: 120.5 });
      expect(ent.statusCode).toBe(200);
      expect((await w.lead1.client.get(`/api/fairs/${fairId}/dashboard`)).statusCode).toBe(403);
      expect((await t.client().get(`/api/fairs/${fairId}/dashboard`)).statusCode).toBe(401);
      const d = await w.supervisor.client.get(`/api/fairs/${fairId}/dashboard`);
      expect(d.statusCode, d.body).toBe(200);
      const dash = d.json();
      expect(dash.totals).toMatchObject({ meetings: 4, placed: 4, contracts: 1, amountWan: 120.5 });
      expect(dash.totals.checkIns).toBe(1);
      expect(dash.totals.noShows).toBeGreaterThanOrEqual(1);
      expect(dash.byTrack.map((r: { label: string }) => r.label)).toContain('工业制造');
      expect(dash.byDemand.find((r: { key: string }) => r.key === w.demandA)).toMatchObject({ contracts: 1, amountWan: 120.5 });

      const xlsx = await w.committee.client.get(`/api/fairs/${fairId}/dashboard.xlsx`);
      expect(xlsx.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      expect(wb.worksheets.map((s) => s.name)).toEqual(['按赛道', '按子赛题', '会谈明细']);
      expect(wb.getWorksheet('会谈明细')!.rowCount).toBe(5);
    });
  });

  it('a cancellation frees the slot and tells both sides; a cancelled meeting takes no check-in', async () => {
    const before = (await schedule()).json().meetings.find((x: { id: string }) => x.id === meetings.b2);
    expect((await w.lead1.client.post(`/api/meetings/${meetings.b2}/cancel`, { reason: '行程冲突' })).statusCode).toBe(403);
    const res = await w.lead2.client.post(`/api/meetings/${meetings.b2}/cancel`, { reason: '行程冲突' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('cancelled');
    for (const who of [w.entB, w.lead2]) {
      const notes = JSON.stringify((await who.client.get('/api/notifications')).json());
      expect(notes).toContain('会谈已取消');
      expect(notes).toContain('行程冲突');
    }
    const after = (await schedule()).json();
    expect(after.meetings.map((x: { id: string }) => x.id)).not.toContain(meetings.b2);
    expect(after.meetings.some((x: { slotId: string; table: number }) => x.slotId === before.slotId && x.table === before.table)).toBe(
      false,
    );
    expect(code(await w.lead2.client.post(`/api/meetings/${meetings.b2}/cancel`, { reason: '再次取消' }))).toBe('MEETING_CANCELLED');
    // the pair may ask again
    const again = await w.lead2.client.post(`/api/fairs/${fairId}/requests`, { fromParticipantId: p2, toParticipantId: pB });
    expect(again.statusCode, again.body).toBe(201);
  });
});
