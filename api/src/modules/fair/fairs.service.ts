import type { DB, Executor } from '../../db/database.ts';
import type { FairDay, TimeWindow, UserRow } from '../../db/schema.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { recordAudit } from '../../lib/audit.ts';
import { uniqueViolation } from '../../lib/pg-errors.ts';
import { findEdition } from '../catalog/catalog.repository.ts';
import { findMembership, findOrganization } from '../orgs/orgs.repository.ts';
import { fairDto, participantDto } from './fair-dto.ts';
import * as repo from './fair.repository.ts';
import { beijingDateTimeLabel, isOverseer } from './fair-access.ts';
import { windowOutsideFair } from './slots.ts';

export interface FairInput {
  name: string;
  venue: string;
  days: FairDay[];
  slotMinutes: number;
  breakMinutes: number;
  tables: number;
  requestTtlHours?: number;
  maxMeetingsPerParticipant?: number;
  checkinGraceMinutes?: number;
}

export async function loadFair(db: Executor, id: string) {
  const fair = await repo.findFair(db, id);
  if (!fair) throw notFound('对接会');
  return fair;
}

export async function getFair(db: Executor, user: UserRow | null, id: string) {
  const fair = await loadFair(db, id);
  const [programme, participantCount, mine] = await Promise.all([
    repo.listPresentations(db, id),
    repo.countParticipants(db, id),
    user ? repo.actingParticipantIds(db, user.id, id) : Promise.resolve(new Set<string>()),
  ]);
  const myParticipants = (await repo.findParticipants(db, [...mine])).map((p) => ({ id: p.id, kind: p.kind, name: p.name }));
  return fairDto(fair, { programme, participantCount, myParticipants });
}

export async function listFairs(db: DB, user: UserRow | null, editionId: string) {
  const fairs = await repo.listFairsOfEdition(db, editionId);
  return { items: await Promise.all(fairs.map((f) => getFair(db, user, f.id))) };
}

export async function createFair(db: DB, user: UserRow, editionId: string, input: FairInput) {
  const id = await db.transaction().execute(async (trx) => {
    if (!(await findEdition(trx, editionId))) throw notFound('赛事');
    const fair = await repo.insertFair(trx, {
      edition_id: editionId,
      name: input.name,
      venue: input.venue,
      days: JSON.stringify(input.days),
      slot_minutes: input.slotMinutes,
      break_minutes: input.breakMinutes,
      tables: input.tables,
      request_ttl_hours: input.requestTtlHours,
      max_meetings: input.maxMeetingsPerParticipant,
      checkin_grace_minutes: input.checkinGraceMinutes,
      created_by: user.id,
    });
    await recordAudit(trx, { actorId: user.id, action: 'fair.created', entityType: 'fair', entityId: fair.id, data: input });
    return fair.id;
  });
  return getFair(db, user, id);
}

export async function updateFair(db: DB, user: UserRow, id: string, input: Partial<FairInput>) {
  await db.transaction().execute(async (trx) => {
    const fair = await repo.lockFair(trx, id);
    if (!fair) throw notFound('对接会');
    await repo.updateFair(trx, id, {
      name: input.name,
      venue: input.venue,
      days: input.days ? JSON.stringify(input.days) : undefined,
      slot_minutes: input.slotMinutes,
      break_minutes: input.breakMinutes,
      tables: input.tables,
      request_ttl_hours: input.requestTtlHours,
      max_meetings: input.maxMeetingsPerParticipant,
      checkin_grace_minutes: input.checkinGraceMinutes,
    });
    await recordAudit(trx, { actorId: user.id, action: 'fair.updated', entityType: 'fair', entityId: id, data: input });
  });
  return getFair(db, user, id);
}

export async function addPresentation(
  db: DB,
  user: UserRow,
  fairId: string,
  input: { title: string; speaker: string; start: string; end: string },
) {
  return db.transaction().execute(async (trx) => {
    await loadFair(trx, fairId);
    const row = await repo.insertPresentation(trx, {
      fair_id: fairId,
      title: input.title,
      speaker: input.speaker,
      starts_at: input.start,
      ends_at: input.end,
    });
    await recordAudit(trx, { actorId: user.id, action: 'fair.presentation.added', entityType: 'fair', entityId: fairId, data: input });
    return row;
  });
}

function assertWindowsInside(days: FairDay[], windows: TimeWindow[]) {
  const bad = windowOutsideFair(days, windows);
  if (bad) {
    const fairDays = days.map((d) => `${d.date} ${d.start}–${d.end}`).join('、');
    throw new AppError(
      'AVAILABILITY_OUTSIDE_FAIR',
      `可约时段 ${beijingDateTimeLabel(bad.start)} 至 ${beijingDateTimeLabel(bad.end)} 不在对接会日程内（${fairDays}，北京时间）`,
      { field: 'availability', window: bad },
    );
  }
}

/** 报名参会: an enterprise (by its members) or a team (by its representatives or its lead organisation's admins); the committee may register anyone. */
export async function registerParticipant(
  db: DB,
  user: UserRow,
  fairId: string,
  input: { orgId?: string; teamId?: string; availability: TimeWindow[] },
) {
  const id = await db.transaction().execute(async (trx) => {
    const fair = await loadFair(trx, fairId);
    const committee = user.roles.includes('committee');
    let values: { kind: 'enterprise' | 'team'; org_id: string | null; team_id: string | null };
    if (input.orgId) {
      const org = await findOrganization(trx, input.orgId);
      if (!org) throw notFound('单位');
      if (!committee && !(await findMembership(trx, org.id, user.id))) throw forbidden('只能为本人所属的单位报名');
      if (org.blacklisted) throw new AppError('ORG_BLACKLISTED', `「${org.name}」在失信名单中，不能参加对接会`);
      values = { kind: 'enterprise', org_id: org.id, team_id: null };
    } else {
      const team = await repo.findTeamBrief(trx, input.teamId!);
      if (!team) throw notFound('团队');
      if (!committee) {
        const member = await repo.isTeamRepresentative(trx, team.id, user.id);
        const admin = (await findMembership(trx, team.lead_org_id, user.id))?.role === 'admin';
        if (!member && !admin) throw forbidden('只能为本人代表的团队报名');
      }
      if (team.edition_id !== fair.edition_id) throw new AppError('NOT_FAIR_PARTICIPANT', '该团队不属于本对接会所在的赛事，不能报名');
      values = { kind: 'team', org_id: null, team_id: team.id };
    }
    assertWindowsInside(fair.days, input.availability);
    try {
      const row = await repo.insertParticipant(trx, {
        fair_id: fairId,
        ...values,
        availability: JSON.stringify(input.availability),
        registered_by: user.id,
      });
      await recordAudit(trx, {
        actorId: user.id,
        action: 'fair.participant.registered',
        entityType: 'fair',
        entityId: fairId,
        data: { participantId: row.id, ...values },
      });
      return row.id;
    } catch (error) {
      const constraint = uniqueViolation(error);
      if (constraint === 'fair_participants_org_key' || constraint === 'fair_participants_team_key') {
        throw new AppError('ALREADY_REGISTERED', values.kind === 'team' ? '该团队已报名本对接会' : '该单位已报名本对接会');
      }
      throw error;
    }
  });
  const [row] = await repo.findParticipants(db, [id]);
  return participantDto(row!, true);
}

export async function setAvailability(db: DB, user: UserRow, participantId: string, availability: TimeWindow[]) {
  const [p] = await repo.findParticipants(db, [participantId]);
  if (!p) throw notFound('参会方');
  const acting = await repo.actingParticipantIds(db, user.id, p.fair_id);
  if (!acting.has(p.id) && !user.roles.includes('committee')) throw forbidden('只能修改本单位或本团队的可约时段');
  const fair = await loadFair(db, p.fair_id);
  assertWindowsInside(fair.days, availability);
  await repo.updateAvailability(db, p.id, JSON.stringify(availability));
  const [row] = await repo.findParticipants(db, [participantId]);
  return participantDto(row!, true);
}

export async function listParticipants(db: DB, user: UserRow, fairId: string) {
  await loadFair(db, fairId);
  const [rows, acting] = await Promise.all([repo.listParticipants(db, fairId), repo.actingParticipantIds(db, user.id, fairId)]);
  const overseer = isOverseer(user);
  // Availability is the participant's own business (and the committee's, who schedules).
  return { items: rows.map((p) => participantDto(overseer || acting.has(p.id) ? p : { ...p, availability: [] }, acting.has(p.id))) };
}
