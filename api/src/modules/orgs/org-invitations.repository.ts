import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { OrgInvitationRow, OrgInvitationStatus, OrgMemberRole } from '../../db/schema.ts';

/** Inserts a pending invitation unless one is already pending for this organisation and email. */
export async function insertInvitation(
  db: Executor,
  row: { org_id: string; email: string; role: OrgMemberRole; invited_by: string },
): Promise<OrgInvitationRow | undefined> {
  return db
    .insertInto('org_invitations')
    .values(row)
    .onConflict((oc) => oc.columns(['org_id', 'email']).where('status', '=', 'pending').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function findInvitation(db: Executor, id: string, lock = false): Promise<OrgInvitationRow | undefined> {
  let query = db.selectFrom('org_invitations').selectAll().where('id', '=', id);
  if (lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function decideInvitation(
  db: Executor,
  id: string,
  status: Exclude<OrgInvitationStatus, 'pending'>,
  decidedBy: string,
): Promise<boolean> {
  const row = await db
    .updateTable('org_invitations')
    .set({ status, decided_by: decidedBy, decided_at: sql`now()` })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .returning('id')
    .executeTakeFirst();
  return !!row;
}

export async function listPendingOfOrg(db: Executor, orgId: string) {
  return db
    .selectFrom('org_invitations')
    .innerJoin('users as inviter', 'inviter.id', 'org_invitations.invited_by')
    .selectAll('org_invitations')
    .select('inviter.display_name as inviter_name')
    .where('org_id', '=', orgId)
    .where('status', '=', 'pending')
    .orderBy('org_invitations.created_at')
    .execute();
}

export async function listPendingForEmail(db: Executor, email: string) {
  return db
    .selectFrom('org_invitations')
    .innerJoin('organizations', 'organizations.id', 'org_invitations.org_id')
    .innerJoin('users as inviter', 'inviter.id', 'org_invitations.invited_by')
    .selectAll('org_invitations')
    .select(['organizations.name as org_name', 'organizations.kind as org_kind', 'inviter.display_name as inviter_name'])
    .where('org_invitations.email', '=', email)
    .where('org_invitations.status', '=', 'pending')
    .orderBy('org_invitations.created_at', 'desc')
    .execute();
}

/** Locks the organisation's admin rows and counts them (for "never the last admin"). */
export async function countAdminsForUpdate(db: Executor, orgId: string): Promise<number> {
  const rows = await db
    .selectFrom('org_members')
    .select('user_id')
    .where('org_id', '=', orgId)
    .where('role', '=', 'admin')
    .forUpdate()
    .execute();
  return rows.length;
}

export async function findMembershipForUpdate(db: Executor, orgId: string, userId: string) {
  return db.selectFrom('org_members').selectAll().where('org_id', '=', orgId).where('user_id', '=', userId).forUpdate().executeTakeFirst();
}

export async function deleteMember(db: Executor, orgId: string, userId: string): Promise<void> {
  await db.deleteFrom('org_members').where('org_id', '=', orgId).where('user_id', '=', userId).execute();
}

export async function updateMemberRole(db: Executor, orgId: string, userId: string, role: OrgMemberRole): Promise<void> {
  await db.updateTable('org_members').set({ role }).where('org_id', '=', orgId).where('user_id', '=', userId).execute();
}

export async function isMemberByEmail(db: Executor, orgId: string, email: string): Promise<boolean> {
  const row = await db
    .selectFrom('org_members')
    .innerJoin('users', 'users.id', 'org_members.user_id')
    .select('users.id')
    .where('org_members.org_id', '=', orgId)
    .where('users.email', '=', email)
    .executeTakeFirst();
  return !!row;
}

/** Whether the person represents a team on behalf of this organisation. */
export async function representsTeamFor(db: Executor, orgId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('team_members')
    .select('team_id')
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return !!row;
}
