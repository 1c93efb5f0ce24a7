import { sql, type Insertable } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { FairParticipantsTable, FairsTable, MeetingRequestStatus, MeetingSide } from '../../db/schema.ts';

// —— fairs and programme ——
export async function insertFair(db: Executor, values: Insertable<FairsTable>) {
  return db.insertInto('fairs').values(values).returningAll().executeTakeFirstOrThrow();
}
export async function findFair(db: Executor, id: string) {
  return db.selectFrom('fairs').selectAll().where('id', '=', id).executeTakeFirst();
}
/** Serialises schedule runs and cap checks of one fair. */
export async function lockFair(db: Executor, id: string) {
  return db.selectFrom('fairs').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}
export async function updateFair(db: Executor, id: string, values: Partial<Insertable<FairsTable>>) {
  await db
    .updateTable('fairs')
    .set({ ...values, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}
export async function listFairsOfEdition(db: Executor, editionId: string) {
  return db.selectFrom('fairs').selectAll().where('edition_id', '=', editionId).orderBy('created_at').execute();
}
export async function insertPresentation(
  db: Executor,
  values: { fair_id: string; title: string; speaker: string; starts_at: string; ends_at: string },
) {
  return db.insertInto('fair_presentations').values(values).returningAll().executeTakeFirstOrThrow();
}
export async function listPresentations(db: Executor, fairId: string) {
  return db.selectFrom('fair_presentations').selectAll().where('fair_id', '=', fairId).orderBy('starts_at').execute();
}
export async function countParticipants(db: Executor, fairId: string) {
  const row = await db
    .selectFrom('fair_participants')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('fair_id', '=', fairId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// —— participants ——
export async function insertParticipant(db: Executor, values: Insertable<FairParticipantsTable>) {
  return db.insertInto('fair_participants').values(values).returningAll().executeTakeFirstOrThrow();
}
export async function updateAvailability(db: Executor, id: string, availability: string) {
  await db
    .updateTable('fair_participants')
    .set({ availability, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

/** Participants with their display names: an enterprise's name, or a team's name and its lead organisation. */
export function participantsQuery(db: Executor) {
  return db
    .selectFrom('fair_participants as p')
    .leftJoin('teams as t', 't.id', 'p.team_id')
    .leftJoin('organizations as o', (j) => j.on(sql<boolean>`o.id = coalesce(p.org_id, t.lead_org_id)`))
    .select([
      'p.id',
      'p.fair_id',
      'p.kind',
      'p.org_id',
      'p.team_id',
      'p.availability',
      'p.created_at',
      't.edition_id as team_edition_id',
      't.lead_org_id',
      sql<string>`coalesce(t.name, o.name)`.as('name'),
      'o.name as org_name',
      'o.region',
      sql<number>`(select count(*) from meetings m where m.status = 'active' and (m.enterprise_participant_id = p.id or m.team_participant_id = p.id))`.as(
        'accepted_meetings',
      ),
    ]);
}
export type ParticipantWithName = Awaited<ReturnType<typeof listParticipants>>[number];

export async function listParticipants(db: Executor, fairId: string) {
  return participantsQuery(db).where('p.fair_id', '=', fairId).orderBy('p.kind').orderBy('p.created_at').execute();
}
export async function findParticipants(db: Executor, ids: string[]) {
  if (!ids.length) return [];
  return participantsQuery(db).where('p.id', 'in', ids).execute();
}
/** Locks participant rows in id order (two accepts touching the same two sides cannot deadlock). */
export async function lockParticipants(db: Executor, ids: string[]) {
  return db.selectFrom('fair_participants').select('id').where('id', 'in', ids).orderBy('id').forUpdate().execute();
}
export async function countActiveMeetings(db: Executor, participantId: string) {
  const row = await db
    .selectFrom('meetings')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'active')
    .where((eb) => eb.or([eb('enterprise_participant_id', '=', participantId), eb('team_participant_id', '=', participantId)]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The participants of a fair this user may act for: members of the enterprise; representatives of the team or admins of its lead organisation. */
export async function actingParticipantIds(db: Executor, userId: string, fairId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('fair_participants as p')
    .select('p.id')
    .where('p.fair_id', '=', fairId)
    .where((eb) =>
      eb.or([
        eb('p.org_id', 'in', eb.selectFrom('org_members').select('org_id').where('user_id', '=', userId)),
        eb('p.team_id', 'in', eb.selectFrom('team_members').select('team_id').where('user_id', '=', userId)),
        eb(
          'p.team_id',
          'in',
          eb
            .selectFrom('teams')
            .innerJoin('org_members as om', 'om.org_id', 'teams.lead_org_id')
            .select('teams.id')
            .where('om.user_id', '=', userId)
            .where('om.role', '=', 'admin'),
        ),
      ]),
    )
    .execute();
  return new Set(rows.map((r) => r.id));
}

// —— meeting requests ——
export async function insertRequest(
  db: Executor,
  values: {
    fair_id: string;
    from_participant_id: string;
    to_participant_id: string;
    demand_id: string | null;
    message: string;
    expires_at: Date;
    created_by: string;
  },
) {
  return db.insertInto('meeting_requests').values(values).returningAll().executeTakeFirstOrThrow();
}
export async function lockRequest(db: Executor, id: string) {
  return db.selectFrom('meeting_requests').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}
export async function setRequestStatus(db: Executor, id: string, status: MeetingRequestStatus, userId: string | null) {
  await db.updateTable('meeting_requests').set({ status, responded_by: userId, responded_at: new Date() }).where('id', '=', id).execute();
}
/** Pending requests past their time become expired (they no longer block anyone). */
export async function expirePendingRequests(db: Executor, fairId: string, now: Date) {
  await db
    .updateTable('meeting_requests')
    .set({ status: 'expired', responded_at: now })
    .where('fair_id', '=', fairId)
    .where('status', '=', 'pending')
    .where('expires_at', '<', now)
    .execute();
}
export async function listRequests(
  db: Executor,
  filter: { fairId?: string; participantId?: string; ids?: string[]; status?: MeetingRequestStatus },
) {
  let q = db
    .selectFrom('meeting_requests as r')
    .leftJoin('demands as d', 'd.id', 'r.demand_id')
    .leftJoin('meetings as m', 'm.request_id', 'r.id')
    .selectAll('r')
    .select([sql<string | null>`coalesce(d.published_content->>'title', d.content->>'title')`.as('demand_title'), 'm.id as meeting_id']);
  if (filter.fairId) q = q.where('r.fair_id', '=', filter.fairId);
  if (filter.ids) q = q.where('r.id', 'in', filter.ids.length ? filter.ids : ['00000000-0000-0000-0000-000000000000']);
  if (filter.status) q = q.where('r.status', '=', filter.status);
  const pid = filter.participantId;
  if (pid) q = q.where((eb) => eb.or([eb('r.from_participant_id', '=', pid), eb('r.to_participant_id', '=', pid)]));
  return q.orderBy('r.created_at', 'desc').limit(5000).execute();
}

// —— meetings ——
export async function insertMeeting(
  db: Executor,
  values: {
    fair_id: string;
    request_id: string;
    enterprise_participant_id: string;
    team_participant_id: string;
    demand_id: string | null;
    qr_token: string;
  },
) {
  return db.insertInto('meetings').values(values).returningAll().executeTakeFirstOrThrow();
}
export async function findMeeting(db: Executor, id: string) {
  return db.selectFrom('meetings').selectAll().where('id', '=', id).executeTakeFirst();
}
export async function lockMeeting(db: Executor, id: string) {
  return db.selectFrom('meetings').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}
export async function listMeetings(db: Executor, fairId: string, opts: { participantId?: string; activeOnly?: boolean } = {}) {
  let q = db
    .selectFrom('meetings as m')
    .leftJoin('demands as d', 'd.id', 'm.demand_id')
    .selectAll('m')
    .select(sql<string | null>`coalesce(d.published_content->>'title', d.content->>'title')`.as('demand_title'))
    .where('m.fair_id', '=', fairId);
  if (opts.activeOnly) q = q.where('m.status', '=', 'active');
  const pid = opts.participantId;
  if (pid) q = q.where((eb) => eb.or([eb('m.enterprise_participant_id', '=', pid), eb('m.team_participant_id', '=', pid)]));
  return q
    .orderBy(sql`m.starts_at nulls last`)
    .orderBy('m.table_no')
    .orderBy('m.created_at')
    .execute();
}
export type MeetingWithDemand = Awaited<ReturnType<typeof listMeetings>>[number];

export async function setPin(db: Executor, id: string, pin: { slotId: string; table: number } | null) {
  await db
    .updateTable('meetings')
    .set(pin ? { pinned: true, pin_slot_id: pin.slotId, pin_table: pin.table } : { pinned: false, pin_slot_id: null, pin_table: null })
    .where('id', '=', id)
    .execute();
}
/** Clears every active meeting's place (the unique indexes check row by row, so a new schedule is written into an empty grid). */
export async function clearPlacements(db: Executor, fairId: string) {
  await db
    .updateTable('meetings')
    .set({ slot_id: null, table_no: null, starts_at: null, ends_at: null, unplaced_reason: null })
    .where('fair_id', '=', fairId)
    .where('status', '=', 'active')
    .execute();
}
export async function placeMeeting(
  db: Executor,
  id: string,
  place: { slot_id: string; table_no: number; starts_at: string; ends_at: string },
) {
  await db
    .updateTable('meetings')
    .set({ ...place, unplaced_reason: null, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}
export async function markUnplaced(db: Executor, id: string, reason: string) {
  await db
    .updateTable('meetings')
    .set({ unplaced_reason: reason, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}
export async function cancelMeeting(db: Executor, id: string, by: string, reason: string) {
  await db
    .updateTable('meetings')
    .set({
      status: 'cancelled',
      cancelled_at: new Date(),
      cancelled_by: by,
      cancel_reason: reason,
      pinned: false,
      pin_slot_id: null,
      pin_table: null,
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .execute();
}
export async function checkIn(db: Executor, id: string, side: MeetingSide, userId: string, at: Date) {
  const values =
    side === 'enterprise'
      ? { enterprise_checked_in_at: at, enterprise_checked_in_by: userId }
      : { team_checked_in_at: at, team_checked_in_by: userId };
  await db.updateTable('meetings').set(values).where('id', '=', id).execute();
}
/** 缺席: a side not checked in by start + grace is recorded as a no-show, once. */
export async function recordNoShows(db: Executor, fairId: string, graceMinutes: number, now: Date) {
  const cutoff = new Date(now.getTime() - graceMinutes * 60_000);
  for (const side of ['enterprise', 'team'] as const) {
    await db
      .updateTable('meetings')
      .set(side === 'enterprise' ? { enterprise_no_show_at: now } : { team_no_show_at: now })
      .where('fair_id', '=', fairId)
      .where('status', '=', 'active')
      .where('starts_at', '<', cutoff)
      .where(side === 'enterprise' ? 'enterprise_checked_in_at' : 'team_checked_in_at', 'is', null)
      .where(side === 'enterprise' ? 'enterprise_no_show_at' : 'team_no_show_at', 'is', null)
      .execute();
  }
}

// —— outcomes ——
export async function upsertOutcome(
  db: Executor,
  values: {
    meeting_id: string;
    side: MeetingSide;
    result: 'none' | 'intent' | 'signed';
    amount_wan: number | null;
    note: string;
    recorded_by: string;
  },
) {
  await db
    .insertInto('meeting_outcomes')
    .values(values)
    .onConflict((oc) =>
      oc.columns(['meeting_id', 'side']).doUpdateSet({
        result: values.result,
        amount_wan: values.amount_wan,
        note: values.note,
        recorded_by: values.recorded_by,
        recorded_at: sql`now()`,
      }),
    )
    .execute();
}
export async function listOutcomes(db: Executor, meetingIds: string[]) {
  if (!meetingIds.length) return [];
  return db.selectFrom('meeting_outcomes').selectAll().where('meeting_id', 'in', meetingIds).execute();
}

// —— schedule runs ——
export async function insertRun(
  db: Executor,
  values: {
    fair_id: string;
    run_by: string | null;
    method: string;
    optimal: boolean;
    gap: number | null;
    lower_bound: number;
    slots_used: number;
    placed: number;
    unplaced: string;
    millis: number;
  },
) {
  await db.insertInto('fair_schedule_runs').values(values).execute();
}
export async function latestRun(db: Executor, fairId: string) {
  return db.selectFrom('fair_schedule_runs').selectAll().where('fair_id', '=', fairId).orderBy('id', 'desc').limit(1).executeTakeFirst();
}

/** Users who act for a participant (to notify them): enterprise members; team representatives. */
export async function usersOfParticipants(db: Executor, participantIds: string[]) {
  if (!participantIds.length) return [];
  const rows = await db
    .selectFrom('fair_participants as p')
    .leftJoin('org_members as om', 'om.org_id', 'p.org_id')
    .leftJoin('team_members as tm', 'tm.team_id', 'p.team_id')
    .select(['p.id', sql<string | null>`coalesce(om.user_id, tm.user_id)`.as('user_id')])
    .where('p.id', 'in', participantIds)
    .execute();
  return rows.filter((r): r is { id: string; user_id: string } => !!r.user_id);
}

// —— small look-ups for the services ——
export async function findTeamBrief(db: Executor, id: string) {
  return db.selectFrom('teams').select(['id', 'edition_id', 'lead_org_id']).where('id', '=', id).executeTakeFirst();
}
export async function isTeamRepresentative(db: Executor, teamId: string, userId: string) {
  return !!(await db
    .selectFrom('team_members')
    .select('user_id')
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .executeTakeFirst());
}
export async function findDemandOwner(db: Executor, id: string) {
  return db.selectFrom('demands').select(['id', 'org_id']).where('id', '=', id).executeTakeFirst();
}
/** The sub-topic of this enterprise the team's project targets, if any. */
export async function demandTeamBidOnOfOrg(db: Executor, teamId: string, orgId: string) {
  const row = await db
    .selectFrom('projects')
    .innerJoin('demands', 'demands.id', 'projects.demand_id')
    .select('demands.id')
    .where('projects.team_id', '=', teamId)
    .where('demands.org_id', '=', orgId)
    .executeTakeFirst();
  return row?.id ?? null;
}
export async function findRequestFair(db: Executor, id: string) {
  return db.selectFrom('meeting_requests').select('fair_id').where('id', '=', id).executeTakeFirst();
}
