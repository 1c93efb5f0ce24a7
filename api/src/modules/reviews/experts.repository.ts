import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { OrgLinkRelation } from '../../db/schema.ts';

/** SQL of the expert pool, expert affiliations, organisation links and the reviewers an enterprise names. */

export async function listExperts(db: Executor) {
  return db
    .selectFrom('experts as x')
    .innerJoin('users as u', 'u.id', 'x.user_id')
    .select(['x.user_id', 'x.fields', 'x.track_ids', 'x.created_at', 'x.updated_at', 'u.display_name', 'u.email'])
    .orderBy('u.display_name')
    .orderBy('x.user_id')
    .execute();
}

export async function findExpert(db: Executor, userId: string) {
  return db
    .selectFrom('experts as x')
    .innerJoin('users as u', 'u.id', 'x.user_id')
    .select(['x.user_id', 'x.fields', 'x.track_ids', 'x.created_at', 'x.updated_at', 'u.display_name', 'u.email'])
    .where('x.user_id', '=', userId)
    .executeTakeFirst();
}

export async function upsertExpert(db: Executor, userId: string, values: { fields: string[]; trackIds: string[]; by: string }) {
  await db
    .insertInto('experts')
    .values({ user_id: userId, fields: values.fields, track_ids: values.trackIds, created_by: values.by })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ fields: values.fields, track_ids: values.trackIds, updated_at: new Date() }))
    .execute();
}

export async function listAffiliations(db: Executor, userIds?: string[]) {
  let q = db
    .selectFrom('expert_affiliations as a')
    .select([
      'a.id',
      'a.user_id',
      'a.org_id',
      'a.org_name',
      'a.relation',
      sql<string>`a.from_date::text`.as('from_date'),
      sql<string | null>`a.to_date::text`.as('to_date'),
    ])
    .orderBy('a.from_date')
    .orderBy('a.id');
  if (userIds) {
    if (!userIds.length) return [];
    q = q.where('a.user_id', 'in', userIds);
  }
  return q.execute();
}

export async function replaceAffiliations(
  db: Executor,
  userId: string,
  rows: { orgId: string | null; orgName: string; relation: string; from: string; to: string | null }[],
) {
  await db.deleteFrom('expert_affiliations').where('user_id', '=', userId).execute();
  if (!rows.length) return;
  await db
    .insertInto('expert_affiliations')
    .values(
      rows.map((r) => ({ user_id: userId, org_id: r.orgId, org_name: r.orgName, relation: r.relation, from_date: r.from, to_date: r.to })),
    )
    .execute();
}

export async function addPlatformRole(db: Executor, userId: string, role: 'expert') {
  await db
    .updateTable('users')
    .set({ roles: sql`array_append(roles, ${role}::text)` as never, updated_at: new Date() })
    .where('id', '=', userId)
    .where(sql<boolean>`NOT (${role}::text = ANY(roles))`)
    .execute();
}

export async function findUser(db: Executor, id: string) {
  return db.selectFrom('users').select(['id', 'display_name', 'email', 'roles']).where('id', '=', id).executeTakeFirst();
}

export async function orgsByIds(db: Executor, ids: string[]) {
  if (!ids.length) return [];
  return db.selectFrom('organizations').select(['id', 'name']).where('id', 'in', ids).execute();
}

// ---- organisation links (parent / subsidiary / holding) ----

export async function listOrgLinks(db: Executor, orgIds?: string[]) {
  let q = db
    .selectFrom('org_links as l')
    .innerJoin('organizations as a', 'a.id', 'l.org_id')
    .innerJoin('organizations as b', 'b.id', 'l.linked_org_id')
    .select([
      'l.id',
      'l.org_id',
      'l.linked_org_id',
      'l.relation',
      'l.note',
      'l.created_at',
      'a.name as org_name',
      'b.name as linked_org_name',
    ])
    .orderBy('l.created_at')
    .orderBy('l.id');
  if (orgIds) {
    if (!orgIds.length) return [];
    q = q.where((eb) => eb.or([eb('l.org_id', 'in', orgIds), eb('l.linked_org_id', 'in', orgIds)]));
  }
  return q.execute();
}

export async function insertOrgLink(
  db: Executor,
  v: { orgId: string; linkedOrgId: string; relation: OrgLinkRelation; note: string | null; by: string },
) {
  return db
    .insertInto('org_links')
    .values({ org_id: v.orgId, linked_org_id: v.linkedOrgId, relation: v.relation, note: v.note, created_by: v.by })
    .onConflict((oc) => oc.columns(['org_id', 'linked_org_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
}

export async function deleteOrgLink(db: Executor, id: string) {
  return db.deleteFrom('org_links').where('id', '=', id).returningAll().executeTakeFirst();
}

// ---- reviewers an enterprise names for its sub-topics ----

export async function demandReviewerIds(db: Executor, demandIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!demandIds.length) return out;
  const named = await db
    .selectFrom('demand_reviewers')
    .select(['demand_id', 'user_id'])
    .where('demand_id', 'in', demandIds)
    .orderBy('created_at')
    .execute();
  for (const r of named) out.set(r.demand_id, [...(out.get(r.demand_id) ?? []), r.user_id]);
  // Default: the admins of the demand's organisation.
  const missing = demandIds.filter((id) => !out.has(id));
  if (missing.length) {
    const admins = await db
      .selectFrom('demands as d')
      .innerJoin('org_members as m', 'm.org_id', 'd.org_id')
      .select(['d.id as demand_id', 'm.user_id'])
      .where('d.id', 'in', missing)
      .where('m.role', '=', 'admin')
      .orderBy('m.created_at')
      .execute();
    for (const r of admins) out.set(r.demand_id, [...(out.get(r.demand_id) ?? []), r.user_id]);
  }
  return out;
}

export async function hasNamedReviewers(db: Executor, demandId: string) {
  const row = await db.selectFrom('demand_reviewers').select('user_id').where('demand_id', '=', demandId).executeTakeFirst();
  return row !== undefined;
}

export async function replaceDemandReviewers(db: Executor, demandId: string, userIds: string[], by: string) {
  await db.deleteFrom('demand_reviewers').where('demand_id', '=', demandId).execute();
  if (userIds.length) {
    await db
      .insertInto('demand_reviewers')
      .values(userIds.map((userId) => ({ demand_id: demandId, user_id: userId, added_by: by })))
      .execute();
  }
}

export async function usersByIds(db: Executor, ids: string[]) {
  if (!ids.length) return [];
  return db.selectFrom('users').select(['id', 'display_name', 'email']).where('id', 'in', ids).execute();
}

export async function orgMembersAmong(db: Executor, orgId: string, userIds: string[]) {
  if (!userIds.length) return [];
  return db.selectFrom('org_members').select(['user_id', 'role']).where('org_id', '=', orgId).where('user_id', 'in', userIds).execute();
}

export async function findDemandOwner(db: Executor, demandId: string) {
  return db.selectFrom('demands').select(['id', 'org_id', 'edition_id']).where('id', '=', demandId).executeTakeFirst();
}

export async function orgMembersWithNames(db: Executor, orgId: string) {
  return db
    .selectFrom('org_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.user_id', 'm.role', 'u.display_name', 'u.email'])
    .where('m.org_id', '=', orgId)
    .orderBy('m.created_at')
    .execute();
}
