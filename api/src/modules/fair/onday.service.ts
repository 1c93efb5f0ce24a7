import { createEvents, type EventAttributes } from 'ics';
import QRCode from 'qrcode';
import type { DB } from '../../db/database.ts';
import type { MeetingRow, MeetingSide, UserRow } from '../../db/schema.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { recordAudit } from '../../lib/audit.ts';
import { participantRef, presentationDto } from './fair-dto.ts';
import { beijingDateTimeLabel, isOverseer } from './fair-access.ts';
import * as repo from './fair.repository.ts';
import { loadFair } from './fairs.service.ts';
import { meetingDtos } from './schedule.service.ts';

/** Check-in opens this long before a meeting starts. */
export const CHECKIN_OPENS_MINUTES = 30;

async function actingParticipant(db: DB, user: UserRow, fairId: string, participantId: string) {
  const [p] = await repo.findParticipants(db, [participantId]);
  if (!p || p.fair_id !== fairId) throw notFound('参会方');
  const acting = await repo.actingParticipantIds(db, user.id, fairId);
  if (!acting.has(p.id) && !isOverseer(user)) throw forbidden('只能查看本单位或本团队的议程');
  return p;
}

/** 我的议程: the programme and the participant's meetings with times, tables and counterparts. */
export async function getAgenda(db: DB, user: UserRow, fairId: string, participantId: string, now: Date) {
  const fair = await loadFair(db, fairId);
  const p = await actingParticipant(db, user, fairId, participantId);
  await repo.recordNoShows(db, fairId, fair.checkin_grace_minutes, now);
  const meetings = await meetingDtos(db, fairId, { participantIds: new Set([p.id]), includeCancelled: true });
  return {
    fair: { id: fair.id, name: fair.name, venue: fair.venue },
    participant: participantRef(p),
    programme: (await repo.listPresentations(db, fairId)).map(presentationDto),
    meetings: meetings.map((m) => {
      const mySide: MeetingSide = m.enterprise.id === p.id ? 'enterprise' : 'team';
      return { ...m, mySide, counterpart: mySide === 'enterprise' ? m.team : m.enterprise };
    }),
  };
}

/** The agenda as an iCalendar file (placed, active meetings and the programme). */
export async function agendaIcs(db: DB, user: UserRow, fairId: string, participantId: string, now: Date): Promise<string> {
  const agenda = await getAgenda(db, user, fairId, participantId, now);
  const events: EventAttributes[] = [
    ...agenda.meetings
      .filter((m) => m.status === 'active' && m.start && m.end)
      .map((m) => ({
        uid: `meeting-${m.id}@jiebang`,
        start: Date.parse(m.start!),
        end: Date.parse(m.end!),
        title: `对接会谈：${m.counterpart.name}（第 ${m.table} 桌）`,
        description: `${agenda.fair.name}\n${m.demandTitle ? `子赛题：${m.demandTitle}\n` : ''}桌号：${m.table}`,
        location: `${agenda.fair.venue} 第 ${m.table} 桌`,
        status: 'CONFIRMED' as const,
      })),
    ...agenda.programme.map((p) => ({
      uid: `presentation-${p.id}@jiebang`,
      start: Date.parse(p.start),
      end: Date.parse(p.end),
      title: `推介：${p.title}`,
      description: `主讲：${p.speaker}`,
      location: agenda.fair.venue,
    })),
  ];
  if (!events.length) {
    return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//jiebang//fair//CN', `X-WR-CALNAME:${agenda.fair.name}`, 'END:VCALENDAR', ''].join(
      '\r\n',
    );
  }
  const { error, value } = createEvents(events, {
    productId: '-//jiebang//fair//CN',
    calName: `${agenda.fair.name}（${agenda.participant.name}）`,
  });
  if (error || !value) throw new AppError('INTERNAL', '生成日历文件失败');
  return value;
}

async function loadMeetingAsSide(db: DB, user: UserRow, meetingId: string, action: string) {
  const m = await repo.findMeeting(db, meetingId);
  if (!m) throw notFound('会谈');
  const acting = await repo.actingParticipantIds(db, user.id, m.fair_id);
  const sides: MeetingSide[] = [];
  if (acting.has(m.enterprise_participant_id)) sides.push('enterprise');
  if (acting.has(m.team_participant_id)) sides.push('team');
  return { m, sides, refuse: () => forbidden(`只有会谈双方可以${action}`) };
}

export function checkInUrl(origin: string, m: Pick<MeetingRow, 'id' | 'fair_id' | 'qr_token'>) {
  return `${origin}/fairs/${m.fair_id}/checkin?meeting=${m.id}&token=${m.qr_token}`;
}

/** 签到二维码 (SVG) for the two sides and the overseers. */
export async function meetingQr(db: DB, user: UserRow, meetingId: string, origin: string) {
  const { m, sides, refuse } = await loadMeetingAsSide(db, user, meetingId, '查看签到码');
  if (!sides.length && !isOverseer(user)) throw refuse();
  const url = checkInUrl(origin, m);
  return { url, svg: await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 }) };
}

/** 扫码签到: a person of either side with the meeting's code, from 30 minutes before until the grace period ends. */
export async function checkIn(db: DB, user: UserRow, meetingId: string, token: string, now: Date) {
  const { m, sides, refuse } = await loadMeetingAsSide(db, user, meetingId, '签到');
  if (!sides.length) throw refuse();
  if (token !== m.qr_token) throw new AppError('INVALID_QR_TOKEN', '签到码与该会谈不符，请扫描本场会谈的二维码');
  if (m.status === 'cancelled') throw new AppError('MEETING_CANCELLED', '该会谈已取消');
  if (!m.starts_at) throw new AppError('MEETING_NOT_PLACED', '该会谈尚未排定时段，不能签到');
  const fair = await loadFair(db, m.fair_id);
  const opens = m.starts_at.getTime() - CHECKIN_OPENS_MINUTES * 60_000;
  const closes = m.starts_at.getTime() + fair.checkin_grace_minutes * 60_000;
  if (now.getTime() < opens)
    throw new AppError('CHECKIN_NOT_OPEN', `签到将于 ${beijingDateTimeLabel(new Date(opens))}（北京时间）开始`, {
      opensAt: new Date(opens).toISOString(),
    });
  if (now.getTime() > closes) {
    throw new AppError(
      'CHECKIN_NOT_OPEN',
      `签到已于 ${beijingDateTimeLabel(new Date(closes))}（北京时间，开始后 ${fair.checkin_grace_minutes} 分钟）截止，已记为缺席`,
      {
        closedAt: new Date(closes).toISOString(),
      },
    );
  }
  await db.transaction().execute(async (trx) => {
    for (const side of sides) {
      const already = side === 'enterprise' ? m.enterprise_checked_in_at : m.team_checked_in_at;
      if (!already) await repo.checkIn(trx, m.id, side, user.id, now);
    }
    await recordAudit(trx, { actorId: user.id, action: 'fair.meeting.checked_in', entityType: 'meeting', entityId: m.id, data: { sides } });
  });
  const [dto] = (await meetingDtos(db, m.fair_id, { includeCancelled: true })).filter((x) => x.id === m.id);
  return dto!;
}

/** 会谈结果: each side records 无意向 / 有意向 / 签约 (amount in 万元) once the meeting has begun. */
export async function recordOutcome(
  db: DB,
  user: UserRow,
  meetingId: string,
  input: { result: 'none' | 'intent' | 'signed'; amountWan?: number | null; note: string },
  now: Date,
) {
  const { m, sides, refuse } = await loadMeetingAsSide(db, user, meetingId, '记录会谈结果');
  if (!sides.length) throw refuse();
  if (m.status === 'cancelled') throw new AppError('MEETING_CANCELLED', '该会谈已取消，不能记录结果');
  if (!m.starts_at) throw new AppError('MEETING_NOT_PLACED', '该会谈尚未排定时段');
  if (now.getTime() < m.starts_at.getTime())
    throw new AppError('OUTCOME_TOO_EARLY', `会谈 ${beijingDateTimeLabel(m.starts_at)}（北京时间）开始后才能记录结果`);
  await db.transaction().execute(async (trx) => {
    for (const side of sides) {
      await repo.upsertOutcome(trx, {
        meeting_id: m.id,
        side,
        result: input.result,
        amount_wan: input.result === 'signed' ? (input.amountWan ?? null) : null,
        note: input.note,
        recorded_by: user.id,
      });
    }
    await recordAudit(trx, {
      actorId: user.id,
      action: 'fair.meeting.outcome',
      entityType: 'meeting',
      entityId: m.id,
      data: { sides, ...input },
    });
  });
  const [dto] = (await meetingDtos(db, m.fair_id, { includeCancelled: true })).filter((x) => x.id === m.id);
  return dto!;
}
