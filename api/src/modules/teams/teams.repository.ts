import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { Insertable } from 'kysely';
import type { TeamInvitationsTable, TeamMembersTable, TeamOrgRole, TeamsTable } from '../../db/schema.ts';

export async function insertTeam(db: Executor, values: Insertable<TeamsTable>) {
  return db.insertInto('teams').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function findTeam(db: Executor, id: string) {
  return db.selectFrom('teams').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Serialises roster changes of one team (the last-seat race). */
export async function lockTeam(db: Executor, id: string) {
  return db.selectFrom('teams').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function renameTeam(db: Executor, id: string, name: string) {
  await db
    .updateTable('teams')
    .set({ name, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

/** Representatives, organisations and invitations go with it (ON DELETE CASCADE). */
export async function deleteTeam(db: Executor, id: string) {
  await db.deleteFrom('teams').where('id', '=', id).execute();
}

export async function touchTeam(db: Executor, id: string) {
  await db
    .updateTable('teams')
    .set({ updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

export async function insertTeamOrg(db: Executor, values: { team_id: string; org_id: string; role: TeamOrgRole }) {
  await db.insertInto('team_orgs').values(values).execute();
}

export async function listTeamOrgs(db: Executor, teamIds: string[]) {
  if (!teamIds.length) return [];
  return db
    .selectFrom('team_orgs')
    .innerJoin('organizations as o', 'o.id', 'team_orgs.org_id')
    .select([
      'team_orgs.team_id',
      'team_orgs.role',
      'team_orgs.joined_at',
      'o.id',
      'o.name',
      'o.kind',
      'o.credit_code',
      'o.blacklisted',
      'o.blacklist_reason',
      'o.organizer_affiliated',
    ])
    .where('team_orgs.team_id', 'in', teamIds)
    .orderBy(sql`team_orgs.role = 'lead'`, 'desc')
    .orderBy('team_orgs.joined_at')
    .execute();
}
export type TeamOrgWithOrg = Awaited<ReturnType<typeof listTeamOrgs>>[number];

export async function insertTeamMember(db: Executor, values: Insertable<TeamMembersTable>) {
  await db.insertInto('team_members').values(values).execute();
}

export async function deleteTeamMember(db: Executor, teamId: string, userId: string) {
  const result = await db.deleteFrom('team_members').where('team_id', '=', teamId).where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function countTeamMembers(db: Executor, teamId: string): Promise<number> {
  const row = await db
    .selectFrom('team_members')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('team_id', '=', teamId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listTeamMembers(db: Executor, teamIds: string[]) {
  if (!teamIds.length) return [];
  return db
    .selectFrom('team_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .innerJoin('organizations as o', 'o.id', 'm.org_id')
    .select(['m.team_id', 'm.user_id', 'm.org_id', 'm.role', 'm.joined_at', 'u.display_name', 'u.email', 'o.name as org_name'])
    .where('m.team_id', 'in', teamIds)
    .orderBy(sql`m.role = 'leader'`, 'desc')
    .orderBy('m.joined_at')
    .execute();
}
export type TeamMemberWithUser = Awaited<ReturnType<typeof listTeamMembers>>[number];

/** The team a person represents in an edition, if any. */
export async function findTeamOfUserInEdition(db: Executor, editionId: string, userId: string) {
  return db
    .selectFrom('team_members as m')
    .innerJoin('teams as t', 't.id', 'm.team_id')
    .select(['t.id', 't.name'])
    .where('m.edition_id', '=', editionId)
    .where('m.user_id', '=', userId)
    .executeTakeFirst();
}

/** Teams a user represents, and teams of organisations the user administers. */
export async function listTeamIdsForUser(db: Executor, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('teams')
    .select('teams.id')
    .where((eb) =>
      eb.or([
        eb.exists(
          eb.selectFrom('team_members').whereRef('team_members.team_id', '=', 'teams.id').where('team_members.user_id', '=', userId),
        ),
        eb.exists(
          eb
            .selectFrom('team_orgs')
            .innerJoin('org_members', 'org_members.org_id', 'team_orgs.org_id')
            .whereRef('team_orgs.team_id', '=', 'teams.id')
            .where('org_members.user_id', '=', userId)
            .where('org_members.role', '=', 'admin'),
        ),
      ]),
    )
    .orderBy('teams.created_at', 'desc')
    .execute();
  return rows.map((r) => r.id);
}

export async function listTeamIdsOfEdition(db: Executor, editionId: string): Promise<string[]> {
  const rows = await db.selectFrom('teams').select('id').where('edition_id', '=', editionId).orderBy('created_at', 'desc').execute();
  return rows.map((r) => r.id);
}

export async function findTeamsByIds(db: Executor, ids: string[]) {
  if (!ids.length) return [];
  return db
    .selectFrom('teams')
    .innerJoin('editions as e', 'e.id', 'teams.edition_id')
    .selectAll('teams')
    .select(['e.name as edition_name', 'e.phases', 'e.rules'])
    .where('teams.id', 'in', ids)
    .orderBy('teams.created_at', 'desc')
    .execute();
}
export type TeamWithEdition = Awaited<ReturnType<typeof findTeamsByIds>>[number];

export async function insertInvitation(db: Executor, values: Insertable<TeamInvitationsTable>) {
  return db.insertInto('team_invitations').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function findInvitation(db: Executor, id: string) {
  return db.selectFrom('team_invitations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function lockInvitation(db: Executor, id: string) {
  return db.selectFrom('team_invitations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function respondToInvitation(db: Executor, id: string, status: 'accepted' | 'declined', userId: string) {
  await db
    .updateTable('team_invitations')
    .set({ status, responded_by: userId, responded_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

function invitationsQuery(db: Executor) {
  return db
    .selectFrom('team_invitations as i')
    .innerJoin('organizations as o', 'o.id', 'i.org_id')
    .innerJoin('teams as t', 't.id', 'i.team_id')
    .innerJoin('organizations as lead', 'lead.id', 't.lead_org_id')
    .innerJoin('users as u', 'u.id', 'i.invited_by')
    .selectAll('i')
    .select([
      'o.name as org_name',
      't.name as team_name',
      't.edition_id',
      'lead.name as lead_org_name',
      'u.display_name as invited_by_name',
    ]);
}
export type InvitationWithNames = Awaited<ReturnType<ReturnType<typeof invitationsQuery>['execute']>>[number];

export async function listInvitationsOfTeams(db: Executor, teamIds: string[]) {
  if (!teamIds.length) return [];
  return invitationsQuery(db).where('i.team_id', 'in', teamIds).orderBy('i.created_at', 'desc').execute();
}

export async function findInvitationWithNames(db: Executor, id: string) {
  return invitationsQuery(db).where('i.id', '=', id).executeTakeFirst();
}

/** Pending invitations to organisations the user administers. */
export async function listPendingInvitationsForAdmin(db: Executor, userId: string) {
  return invitationsQuery(db)
    .where('i.status', '=', 'pending')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('org_members')
          .whereRef('org_members.org_id', '=', 'i.org_id')
          .where('org_members.user_id', '=', userId)
          .where('org_members.role', '=', 'admin'),
      ),
    )
    .orderBy('i.created_at', 'desc')
    .execute();
}

export async function adminIdsOfOrg(db: Executor, orgId: string): Promise<string[]> {
  const rows = await db.selectFrom('org_members').select('user_id').where('org_id', '=', orgId).where('role', '=', 'admin').execute();
  return rows.map((r) => r.user_id);
}

export async function memberIdsOfTeam(db: Executor, teamId: string): Promise<string[]> {
  const rows = await db.selectFrom('team_members').select('user_id').where('team_id', '=', teamId).execute();
  return rows.map((r) => r.user_id);
}

export async function editionHasGovernmentTrack(db: Executor, editionId: string): Promise<boolean> {
  const row = await db
    .selectFrom('tracks')
    .select('id')
    .where('edition_id', '=', editionId)
    .where('government_allowed', '=', true)
    .executeTakeFirst();
  return !!row;
}

export async function listProjectsOfTeams(db: Executor, teamIds: string[]) {
  if (!teamIds.length) return [];
  return db
    .selectFrom('projects as p')
    .innerJoin('topics as tp', 'tp.id', 'p.topic_id')
    .leftJoin('demands as d', 'd.id', 'p.demand_id')
    .select([
      'p.id',
      'p.team_id',
      'p.name',
      'p.status',
      'p.compliance_status',
      'p.compliance_reason',
      'p.topic_id',
      'p.demand_id',
      'tp.title as topic_title',
      sql<string | null>`coalesce(d.published_content->>'title', d.content->>'title')`.as('demand_title'),
    ])
    .where('p.team_id', 'in', teamIds)
    .execute();
}

/** A representative's row in a team, if they are one. */
export async function findTeamMember(db: Executor, teamId: string, userId: string): Promise<{ role: 'leader' | 'member' } | undefined> {
  return db.selectFrom('team_members').select('role').where('team_id', '=', teamId).where('user_id', '=', userId).executeTakeFirst();
}

/** The user's roles in the given teams. */
export async function listTeamRolesOfUser(
  db: Executor,
  userId: string,
  teamIds: string[],
): Promise<{ team_id: string; role: 'leader' | 'member' }[]> {
  if (!teamIds.length) return [];
  return db.selectFrom('team_members').select(['team_id', 'role']).where('user_id', '=', userId).where('team_id', 'in', teamIds).execute();
}
