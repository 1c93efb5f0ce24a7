import type { Executor } from '../../db/database.ts';
import type { OrgKind, OrgMemberRole, OrganizationRow } from '../../db/schema.ts';

export async function insertOrganization(
  db: Executor,
  org: { name: string; credit_code: string; kind: OrgKind; region: string; created_by: string },
): Promise<OrganizationRow | undefined> {
  return db
    .insertInto('organizations')
    .values(org)
    .onConflict((oc) => oc.column('credit_code').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function findOrganization(db: Executor, id: string): Promise<OrganizationRow | undefined> {
  return db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findOrganizationByCreditCode(db: Executor, code: string): Promise<OrganizationRow | undefined> {
  return db.selectFrom('organizations').selectAll().where('credit_code', '=', code).executeTakeFirst();
}

export async function listOrganizations(
  db: Executor,
  filter: { q?: string; kind?: OrgKind; flagged?: boolean; memberId?: string; limit: number; offset: number },
): Promise<{ rows: OrganizationRow[]; total: number }> {
  let query = db.selectFrom('organizations');
  if (filter.q) {
    const like = `%${filter.q}%`;
    query = query.where((eb) => eb.or([eb('name', 'like', like), eb('credit_code', 'like', like.toUpperCase())]));
  }
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.flagged !== undefined) {
    query = filter.flagged
      ? query.where((eb) => eb.or([eb('blacklisted', '=', true), eb('organizer_affiliated', '=', true)]))
      : query.where('blacklisted', '=', false).where('organizer_affiliated', '=', false);
  }
  if (filter.memberId) {
    const memberId = filter.memberId;
    query = query.where('id', 'in', (eb) => eb.selectFrom('org_members').select('org_id').where('user_id', '=', memberId));
  }
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('name').limit(filter.limit).offset(filter.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function updateOrganizationFlags(
  db: Executor,
  id: string,
  flags: { blacklisted: boolean; blacklist_reason: string | null; organizer_affiliated: boolean; flags_updated_by: string },
): Promise<OrganizationRow | undefined> {
  return db
    .updateTable('organizations')
    .set({ ...flags, flags_updated_at: new Date(), updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function insertMember(
  db: Executor,
  member: { org_id: string; user_id: string; role: OrgMemberRole; added_by: string | null },
): Promise<boolean> {
  const row = await db
    .insertInto('org_members')
    .values(member)
    .onConflict((oc) => oc.columns(['org_id', 'user_id']).doNothing())
    .returning('user_id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function findMembership(db: Executor, orgId: string, userId: string) {
  return db.selectFrom('org_members').selectAll().where('org_id', '=', orgId).where('user_id', '=', userId).executeTakeFirst();
}

export async function listMembers(db: Executor, orgId: string) {
  return db
    .selectFrom('org_members')
    .innerJoin('users', 'users.id', 'org_members.user_id')
    .select(['users.id', 'users.email', 'users.display_name', 'org_members.role', 'org_members.created_at'])
    .where('org_members.org_id', '=', orgId)
    .orderBy('org_members.created_at')
    .execute();
}

export async function listMembershipsOfUser(db: Executor, userId: string) {
  return db
    .selectFrom('org_members')
    .innerJoin('organizations', 'organizations.id', 'org_members.org_id')
    .select(['org_members.org_id', 'organizations.name', 'organizations.kind', 'org_members.role'])
    .where('org_members.user_id', '=', userId)
    .orderBy('organizations.name')
    .execute();
}

/** Which of the given organisations the user is a member of. */
export async function listOrgIdsOfMember(db: Executor, userId: string, orgIds: string[]): Promise<{ org_id: string }[]> {
  if (!orgIds.length) return [];
  return db.selectFrom('org_members').select('org_id').where('user_id', '=', userId).where('org_id', 'in', orgIds).execute();
}
