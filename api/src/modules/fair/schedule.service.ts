import type { DB, Executor, Trx } from '../../db/database.ts';
import type { UserRow } from '../../db/schema.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { recordAudit } from '../../lib/audit.ts';
import { insertNotifications } from '../notifications/notifications.repository.ts';
import { scheduleMeetings, type MeetingToPlace } from './algorithms/schedule-meetings.ts';
import { fairSlots, meetingDto } from './fair-dto.ts';
import { isCommittee, isOverseer } from './fair-access.ts';
import * as repo from './fair.repository.ts';
import { loadFair } from './fairs.service.ts';
import { slotLabel, slotsWithin } from './slots.ts';

/** Active meetings of a fair (or of the given participants) as the API shows them. */
export async function meetingDtos(db: Executor, fairId: string, opts: { participantIds?: Set<string>; includeCancelled?: boolean } = {}) {
  let rows = await repo.listMeetings(db, fairId, { activeOnly: !opts.includeCancelled });
  if (opts.participantIds)
    rows = rows.filter((m) => opts.participantIds!.has(m.enterprise_participant_id) || opts.participantIds!.has(m.team_participant_id));
  const names = new Map((await repo.listParticipants(db, fairId)).map((p) => [p.id, p]));
  const outcomes = await repo.listOutcomes(
    db,
    rows.map((m) => m.id),
  );
  return rows.map((m) => meetingDto(m, names, outcomes));
}

async function lastRunDto(db: Executor, fairId: string) {
  const run = await repo.latestRun(db, fairId);
  if (!run) return null;
  const meetings = await repo.listMeetings(db, fairId);
  const names = new Map((await repo.listParticipants(db, fairId)).map((p) => [p.id, p.name]));
  const byId = new Map(meetings.map((m) => [m.id, m]));
  return {
    at: new Date(run.at).toISOString(),
    method: run.method,
    optimal: run.optimal,
    gap: run.gap,
    lowerBound: run.lower_bound,
    slotsUsed: run.slots_used,
    placed: run.placed,
    millis: run.millis,
    unplaced: run.unplaced.map((u) => {
      const m = byId.get(u.meetingId);
      return { ...u, enterprise: names.get(m?.enterprise_participant_id ?? '') ?? '', team: names.get(m?.team_participant_id ?? '') ?? '' };
    }),
  };
}

/** 日程: the committee and the supervisor see the whole grid; a participant sees its own meetings. */
export async function getSchedule(db: DB, user: UserRow, fairId: string, now: Date) {
  const fair = await loadFair(db, fairId);
  await repo.recordNoShows(db, fairId, fair.checkin_grace_minutes, now);
  const overseer = isOverseer(user);
  const acting = await repo.actingParticipantIds(db, user.id, fairId);
  if (!overseer && !acting.size) throw forbidden('只有参会方和组委会可以查看对接会日程');
  return {
    fairId,
    tables: fair.tables,
    slots: fairSlots(fair),
    meetings: await meetingDtos(db, fairId, overseer ? {} : { participantIds: acting }),
    lastRun: await lastRunDto(db, fairId),
  };
}

/**
 * 排期 (committee): applies pins, places every accepted meeting that can be placed
 * (no clash, inside both sides' availability), records why the others cannot be,
 * and tells both sides of every meeting whose time or table changed.
 */
export async function runSchedule(db: DB, user: UserRow, fairId: string, input: ScheduleRequest, now: Date) {
  await db.transaction().execute((trx) => applySchedule(trx, fairId, user.id, input));
  return getSchedule(db, user, fairId, now);
}

export interface ScheduleRequest {
  pins: { meetingId: string; slotId: string; table: number }[];
  unpin: string[];
}

/** One schedule run inside the caller's transaction (the route and the demo seed). */
export async function applySchedule(trx: Trx, fairId: string, userId: string | null, input: ScheduleRequest) {
  const fair = await repo.lockFair(trx, fairId);
  if (!fair) throw notFound('对接会');
  const slots = fairSlots(fair);
  const slotById = new Map(slots.map((s) => [s.id, s]));
  const before = await repo.listMeetings(trx, fairId, { activeOnly: true });
  const meetingById = new Map(before.map((m) => [m.id, m]));
  const seen = new Set<string>();
  for (const pin of input.pins) {
    if (!meetingById.has(pin.meetingId)) throw new AppError('INVALID_PIN', '固定的会谈不存在或已取消', { meetingId: pin.meetingId });
    if (!slotById.has(pin.slotId))
      throw new AppError('INVALID_PIN', `时段 ${pin.slotId} 不在对接会日程内`, { meetingId: pin.meetingId, slotId: pin.slotId });
    if (pin.table > fair.tables)
      throw new AppError('INVALID_PIN', `桌号 ${pin.table} 超出洽谈桌数量（共 ${fair.tables} 张）`, { meetingId: pin.meetingId });
    const key = `${pin.slotId}#${pin.table}`;
    if (seen.has(key)) throw new AppError('INVALID_PIN', `两场会谈被固定在同一时段的同一张桌（${pin.slotId} 第 ${pin.table} 桌）`);
    seen.add(key);
  }
  for (const id of input.unpin) if (meetingById.has(id)) await repo.setPin(trx, id, null);
  for (const pin of input.pins) await repo.setPin(trx, pin.meetingId, { slotId: pin.slotId, table: pin.table });

  const meetings = await repo.listMeetings(trx, fairId, { activeOnly: true });
  const participants = await repo.listParticipants(trx, fairId);
  const availability: Record<string, string[]> = {};
  for (const p of participants) {
    const within = slotsWithin(slots, p.availability);
    if (within) availability[p.id] = within;
  }
  const toPlace: MeetingToPlace[] = meetings.map((m) => ({
    id: m.id,
    a: m.enterprise_participant_id,
    b: m.team_participant_id,
    ...(m.pinned && m.pin_slot_id && m.pin_table ? { pinned: { slotId: m.pin_slot_id, table: m.pin_table } } : {}),
  }));
  const result = await scheduleMeetings({
    slots: slots.map((s) => ({ id: s.id, start: s.start, end: s.end })),
    tables: fair.tables,
    meetings: toPlace,
    availability,
    labels: Object.fromEntries(participants.map((p) => [p.id, p.name])),
  });

  await repo.clearPlacements(trx, fairId);
  for (const p of result.placed) {
    const slot = slotById.get(p.slotId)!;
    await repo.placeMeeting(trx, p.meetingId, { slot_id: slot.id, table_no: p.table, starts_at: slot.start, ends_at: slot.end });
  }
  for (const u of result.unplaced) await repo.markUnplaced(trx, u.meetingId, u.reason);

  // Never silently: each side learns of a new time, a new table or a meeting that could not be placed.
  const names = new Map(participants.map((p) => [p.id, p.name]));
  const placedById = new Map(result.placed.map((p) => [p.meetingId, p]));
  const unplacedById = new Map(result.unplaced.map((u) => [u.meetingId, u.reason]));
  for (const m of meetings) {
    const now_ = placedById.get(m.id);
    const was = meetingById.get(m.id);
    if (now_ && was && was.slot_id === now_.slotId && was.table_no === now_.table) continue;
    if (!now_ && was && !was.slot_id && was.unplaced_reason === unplacedById.get(m.id)) continue;
    const users = (await repo.usersOfParticipants(trx, [m.enterprise_participant_id, m.team_participant_id])).map((u) => u.user_id);
    const pair = `${names.get(m.enterprise_participant_id)} × ${names.get(m.team_participant_id)}`;
    if (now_) {
      const slot = slotById.get(now_.slotId)!;
      await insertNotifications(trx, users, {
        kind: 'fair.meeting.scheduled',
        title: `会谈已排定：${slotLabel(slot.start, slot.end)}，第 ${now_.table} 桌`,
        body: `${pair}（${fair.name}，${fair.venue}）${was?.slot_id ? '。时间或桌号已调整，请以此为准。' : ''}`,
        link: `/fairs/${fairId}`,
        data: { fairId, meetingId: m.id },
      });
    } else {
      await insertNotifications(trx, users, {
        kind: 'fair.meeting.unplaced',
        title: '会谈暂未能排入日程',
        body: `${pair}：${unplacedById.get(m.id) ?? '无可用时段'}。组委会将与您联系。`,
        link: `/fairs/${fairId}`,
        data: { fairId, meetingId: m.id },
      });
    }
  }
  await repo.insertRun(trx, {
    fair_id: fairId,
    run_by: userId,
    method: result.method,
    optimal: result.optimal,
    gap: result.gap,
    lower_bound: result.lowerBound,
    slots_used: result.slotsUsed,
    placed: result.placed.length,
    unplaced: JSON.stringify(result.unplaced),
    millis: Math.round(result.millis),
  });
  await recordAudit(trx, {
    actorId: userId,
    action: 'fair.scheduled',
    entityType: 'fair',
    entityId: fairId,
    data: {
      placed: result.placed.length,
      unplaced: result.unplaced.length,
      lowerBound: result.lowerBound,
      slotsUsed: result.slotsUsed,
      pins: input.pins,
    },
  });
  return result;
}

/** 取消会谈: either side or the committee; the slot is freed and both sides are told. */
export async function cancelMeeting(db: DB, user: UserRow, meetingId: string, reason: string) {
  const fairId = await db.transaction().execute(async (trx) => {
    const m = await repo.lockMeeting(trx, meetingId);
    if (!m) throw notFound('会谈');
    const acting = await repo.actingParticipantIds(trx, user.id, m.fair_id);
    const side = acting.has(m.enterprise_participant_id) || acting.has(m.team_participant_id);
    if (!side && !isCommittee(user)) throw forbidden('只有会谈双方和组委会可以取消会谈');
    if (m.status === 'cancelled') throw new AppError('MEETING_CANCELLED', '该会谈已取消');
    await repo.cancelMeeting(trx, m.id, user.id, reason);
    await repo.setRequestStatus(trx, m.request_id, 'cancelled', user.id);
    const fair = (await repo.findFair(trx, m.fair_id))!;
    const names = await repo.findParticipants(trx, [m.enterprise_participant_id, m.team_participant_id]);
    const when = m.starts_at && m.ends_at ? `原定 ${slotLabel(m.starts_at, m.ends_at)} 第 ${m.table_no} 桌，时段已释放。` : '';
    await insertNotifications(
      trx,
      (await repo.usersOfParticipants(trx, [m.enterprise_participant_id, m.team_participant_id])).map((u) => u.user_id),
      {
        kind: 'fair.meeting.cancelled',
        title: `会谈已取消：${names.map((p) => p.name).join(' × ')}`,
        body: `${when}取消原因：${reason}（${fair.name}）`,
        link: `/fairs/${m.fair_id}`,
        data: { fairId: m.fair_id, meetingId: m.id },
      },
    );
    await recordAudit(trx, { actorId: user.id, action: 'fair.meeting.cancelled', entityType: 'meeting', entityId: m.id, data: { reason } });
    return m.fair_id;
  });
  const [dto] = (await meetingDtos(db, fairId, { includeCancelled: true })).filter((m) => m.id === meetingId);
  return dto!;
}
