import { randomBytes } from 'node:crypto';
import type { DB, Executor } from '../../db/database.ts';
import type { FairRow, UserRow } from '../../db/schema.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { recordAudit } from '../../lib/audit.ts';
import { uniqueViolation } from '../../lib/pg-errors.ts';
import { insertNotifications } from '../notifications/notifications.repository.ts';
import { participantRef } from './fair-dto.ts';
import { beijingDateTimeLabel, isOverseer } from './fair-access.ts';
import * as repo from './fair.repository.ts';
import { loadFair } from './fairs.service.ts';

const statusLabels = { pending: '待回复', accepted: '已接受', declined: '已拒绝', expired: '已过期', cancelled: '已撤回' } as const;

async function requestDtos(db: Executor, rows: Awaited<ReturnType<typeof repo.listRequests>>, acting: Set<string>) {
  const names = new Map(
    (await repo.findParticipants(db, [...new Set(rows.flatMap((r) => [r.from_participant_id, r.to_participant_id]))])).map((p) => [
      p.id,
      p,
    ]),
  );
  return rows.map((r) => ({
    id: r.id,
    fairId: r.fair_id,
    from: participantRef(names.get(r.from_participant_id)),
    to: participantRef(names.get(r.to_participant_id)),
    demandId: r.demand_id,
    demandTitle: r.demand_title,
    message: r.message,
    status: r.status,
    expiresAt: r.expires_at.toISOString(),
    createdAt: new Date(r.created_at).toISOString(),
    respondedAt: r.responded_at ? r.responded_at.toISOString() : null,
    canRespond: r.status === 'pending' && acting.has(r.to_participant_id),
    meetingId: r.meeting_id,
  }));
}

async function requestDto(db: Executor, user: UserRow, id: string) {
  const [row] = await repo.listRequests(db, { ids: [id] });
  const acting = await repo.actingParticipantIds(db, user.id, row!.fair_id);
  return (await requestDtos(db, [row!], acting))[0]!;
}

function capReached(name: string, fair: FairRow) {
  return new AppError('MEETING_CAP_REACHED', `「${name}」的会谈已达上限（每方最多 ${fair.max_meetings} 场），不能再约`, {
    cap: fair.max_meetings,
  });
}

/** The sub-topic a meeting is about: the one named, else the sub-topic of the enterprise the team bid on. */
async function demandOfPair(db: Executor, enterpriseOrgId: string, teamId: string, named: string | undefined) {
  if (named) {
    const d = await repo.findDemandOwner(db, named);
    if (!d || d.org_id !== enterpriseOrgId) throw new AppError('BAD_REQUEST', '所选子赛题不属于该需求企业', { field: 'demandId' });
    return d.id;
  }
  return repo.demandTeamBidOnOfOrg(db, teamId, enterpriseOrgId);
}

export async function createRequest(
  db: DB,
  user: UserRow,
  fairId: string,
  input: { fromParticipantId: string; toParticipantId: string; message: string; demandId?: string },
  now: Date,
) {
  const fair = await loadFair(db, fairId);
  if (input.fromParticipantId === input.toParticipantId)
    throw new AppError('SELF_REQUEST', '不能向自己发起约见', { field: 'toParticipantId' });
  const [from, to] = await Promise.all([
    repo.findParticipants(db, [input.fromParticipantId]),
    repo.findParticipants(db, [input.toParticipantId]),
  ]).then(([a, b]) => [a[0], b[0]]);
  if (!from || from.fair_id !== fairId)
    throw new AppError('NOT_FAIR_PARTICIPANT', '发起方未报名本对接会，请先报名参会', { field: 'fromParticipantId' });
  if (!(await repo.actingParticipantIds(db, user.id, fairId)).has(from.id)) throw forbidden('只能以本单位或本团队的名义发起约见');
  if (!to || to.fair_id !== fairId)
    throw new AppError('NOT_FAIR_PARTICIPANT', '对方未报名本对接会，不能约见', { field: 'toParticipantId' });
  if (from.kind === to.kind) {
    throw new AppError(
      'SAME_SIDE_REQUEST',
      from.kind === 'team'
        ? '对接会安排需求企业与参赛团队一对一会谈，团队之间不能互约'
        : '对接会安排需求企业与参赛团队一对一会谈，企业之间不能互约',
    );
  }
  await repo.expirePendingRequests(db, fairId, now);
  const id = await db.transaction().execute(async (trx) => {
    await repo.lockParticipants(trx, [from.id, to.id]);
    if ((await repo.countActiveMeetings(trx, from.id)) >= fair.max_meetings) throw capReached(from.name, fair);
    if ((await repo.countActiveMeetings(trx, to.id)) >= fair.max_meetings) throw capReached(to.name, fair);
    const enterprise = from.kind === 'enterprise' ? from : to;
    const team = from.kind === 'team' ? from : to;
    const demandId = await demandOfPair(trx, enterprise.org_id!, team.team_id!, input.demandId);
    const expiresAt = new Date(now.getTime() + fair.request_ttl_hours * 3600_000);
    try {
      const row = await repo.insertRequest(trx, {
        fair_id: fairId,
        from_participant_id: from.id,
        to_participant_id: to.id,
        demand_id: demandId,
        message: input.message,
        expires_at: expiresAt,
        created_by: user.id,
      });
      const recipients = (await repo.usersOfParticipants(trx, [to.id])).map((u) => u.user_id);
      await insertNotifications(trx, recipients, {
        kind: 'fair.request.received',
        title: `「${from.name}」请求与您在「${fair.name}」会谈`,
        body: `${input.message ? `留言：${input.message}\n` : ''}请在 ${beijingDateTimeLabel(expiresAt)}（北京时间）前回复，逾期自动失效。`,
        link: `/fairs/${fairId}`,
        data: { fairId, requestId: row.id },
      });
      await recordAudit(trx, {
        actorId: user.id,
        action: 'fair.request.created',
        entityType: 'meeting_request',
        entityId: row.id,
        data: input,
      });
      return row.id;
    } catch (error) {
      if (uniqueViolation(error) === 'meeting_requests_active_pair') {
        throw new AppError('REQUEST_EXISTS', `与「${to.name}」之间已有待回复或已接受的约见`);
      }
      throw error;
    }
  });
  return requestDto(db, user, id);
}

async function loadRequestForResponse(db: DB, user: UserRow, id: string, now: Date) {
  const existing = await repo.findRequestFair(db, id);
  if (!existing) throw notFound('约见请求');
  await repo.expirePendingRequests(db, existing.fair_id, now);
  return existing.fair_id;
}

function assertPending(status: keyof typeof statusLabels) {
  if (status === 'expired') throw new AppError('REQUEST_EXPIRED', '该约见请求已过期，请对方重新发起');
  if (status !== 'pending') throw new AppError('INVALID_TRANSITION', `该约见请求${statusLabels[status]}，不能再处理`, { status });
}

/** 接受: only someone acting for the receiving side; then a meeting exists, within both sides' caps. */
export async function acceptRequest(db: DB, user: UserRow, id: string, now: Date) {
  const fairId = await loadRequestForResponse(db, user, id, now);
  const acting = await repo.actingParticipantIds(db, user.id, fairId);
  await db.transaction().execute(async (trx) => {
    const request = (await repo.lockRequest(trx, id))!;
    if (!acting.has(request.to_participant_id)) throw forbidden('只有被约见方可以接受该请求');
    assertPending(request.status);
    const fair = (await repo.findFair(trx, fairId))!;
    await repo.lockParticipants(trx, [request.from_participant_id, request.to_participant_id]);
    const parts = await repo.findParticipants(trx, [request.from_participant_id, request.to_participant_id]);
    for (const p of parts) if ((await repo.countActiveMeetings(trx, p.id)) >= fair.max_meetings) throw capReached(p.name, fair);
    const enterprise = parts.find((p) => p.kind === 'enterprise')!;
    const team = parts.find((p) => p.kind === 'team')!;
    await repo.setRequestStatus(trx, id, 'accepted', user.id);
    const meeting = await repo.insertMeeting(trx, {
      fair_id: fairId,
      request_id: id,
      enterprise_participant_id: enterprise.id,
      team_participant_id: team.id,
      demand_id: request.demand_id,
      qr_token: randomBytes(18).toString('base64url'),
    });
    const to = parts.find((p) => p.id === request.to_participant_id)!;
    await insertNotifications(
      trx,
      (await repo.usersOfParticipants(trx, [request.from_participant_id])).map((u) => u.user_id),
      {
        kind: 'fair.request.accepted',
        title: `「${to.name}」接受了您在「${fair.name}」的约见`,
        body: '组委会排定时段和桌号后，会谈将出现在您的议程中。',
        link: `/fairs/${fairId}`,
        data: { fairId, requestId: id, meetingId: meeting.id },
      },
    );
    await recordAudit(trx, {
      actorId: user.id,
      action: 'fair.request.accepted',
      entityType: 'meeting_request',
      entityId: id,
      data: { meetingId: meeting.id },
    });
  });
  return requestDto(db, user, id);
}

export async function declineRequest(db: DB, user: UserRow, id: string, now: Date) {
  const fairId = await loadRequestForResponse(db, user, id, now);
  const acting = await repo.actingParticipantIds(db, user.id, fairId);
  await db.transaction().execute(async (trx) => {
    const request = (await repo.lockRequest(trx, id))!;
    if (!acting.has(request.to_participant_id)) throw forbidden('只有被约见方可以拒绝该请求');
    assertPending(request.status);
    await repo.setRequestStatus(trx, id, 'declined', user.id);
    const [to] = await repo.findParticipants(trx, [request.to_participant_id]);
    await insertNotifications(
      trx,
      (await repo.usersOfParticipants(trx, [request.from_participant_id])).map((u) => u.user_id),
      {
        kind: 'fair.request.declined',
        title: `「${to!.name}」婉拒了您的约见请求`,
        link: `/fairs/${fairId}`,
        data: { fairId, requestId: id },
      },
    );
    await recordAudit(trx, { actorId: user.id, action: 'fair.request.declined', entityType: 'meeting_request', entityId: id });
  });
  return requestDto(db, user, id);
}

/** 撤回: the requesting side withdraws a pending request. */
export async function withdrawRequest(db: DB, user: UserRow, id: string, now: Date) {
  const fairId = await loadRequestForResponse(db, user, id, now);
  const acting = await repo.actingParticipantIds(db, user.id, fairId);
  await db.transaction().execute(async (trx) => {
    const request = (await repo.lockRequest(trx, id))!;
    if (!acting.has(request.from_participant_id)) throw forbidden('只有发起方可以撤回该请求');
    assertPending(request.status);
    await repo.setRequestStatus(trx, id, 'cancelled', user.id);
    await recordAudit(trx, { actorId: user.id, action: 'fair.request.withdrawn', entityType: 'meeting_request', entityId: id });
  });
  return requestDto(db, user, id);
}

/** My requests (sent and received) of one participant I act for; the overseers see every request of the fair. */
export async function listRequests(
  db: DB,
  user: UserRow,
  fairId: string,
  query: { participantId?: string; status?: keyof typeof statusLabels },
  now: Date,
) {
  await loadFair(db, fairId);
  await repo.expirePendingRequests(db, fairId, now);
  const acting = await repo.actingParticipantIds(db, user.id, fairId);
  if (query.participantId && !acting.has(query.participantId) && !isOverseer(user)) throw forbidden('只能查看本单位或本团队的约见');
  let rows = await repo.listRequests(db, { fairId, participantId: query.participantId, status: query.status });
  if (!query.participantId && !isOverseer(user))
    rows = rows.filter((r) => acting.has(r.from_participant_id) || acting.has(r.to_participant_id));
  return { items: await requestDtos(db, rows, acting) };
}
