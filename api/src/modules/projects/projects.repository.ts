import { sql, type Insertable, type Updateable } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { ProjectEventsTable, ProjectMaterialsTable, ProjectsTable } from '../../db/schema.ts';

function projectsWithContext(db: Executor) {
  return db
    .selectFrom('projects as p')
    .innerJoin('teams as t', 't.id', 'p.team_id')
    .innerJoin('editions as e', 'e.id', 'p.edition_id')
    .innerJoin('topics as tp', 'tp.id', 'p.topic_id')
    .innerJoin('tracks as tr', 'tr.id', 'tp.track_id')
    .leftJoin('demands as d', 'd.id', 'p.demand_id')
    .leftJoin('organizations as dorg', 'dorg.id', 'd.org_id')
    .selectAll('p')
    .select([
      't.name as team_name',
      't.lead_org_id',
      'e.phases',
      'tp.title as topic_title',
      'tr.id as track_id',
      'tr.name as track_name',
      'tr.government_allowed',
      'd.org_id as demand_org_id',
      'd.status as demand_status',
      'd.bid_deadline as demand_bid_deadline',
      sql<string | null>`coalesce(d.published_content->>'title', d.content->>'title')`.as('demand_title'),
      'd.published_content as demand_published_content',
      'dorg.name as enterprise_name',
    ]);
}
export type ProjectWithContext = Awaited<ReturnType<ReturnType<typeof projectsWithContext>['execute']>>[number];

export async function findProject(db: Executor, id: string) {
  return projectsWithContext(db).where('p.id', '=', id).executeTakeFirst();
}

export async function lockProject(db: Executor, id: string) {
  return db.selectFrom('projects').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function listProjects(
  db: Executor,
  where: { ids?: string[]; editionId?: string; status?: string; compliance?: string; demandId?: string; teamIds?: string[] },
) {
  let query = projectsWithContext(db);
  if (where.ids) {
    if (!where.ids.length) return [];
    query = query.where('p.id', 'in', where.ids);
  }
  if (where.teamIds) {
    if (!where.teamIds.length) return [];
    query = query.where('p.team_id', 'in', where.teamIds);
  }
  if (where.editionId) query = query.where('p.edition_id', '=', where.editionId);
  if (where.status) query = query.where('p.status', '=', where.status as never);
  if (where.compliance) query = query.where('p.compliance_status', '=', where.compliance as never);
  if (where.demandId) query = query.where('p.demand_id', '=', where.demandId);
  return query.orderBy('p.updated_at', 'desc').execute();
}

/** Submitted projects for the compliance queue: undecided first, oldest submission first. */
export async function listComplianceQueue(db: Executor, editionId?: string) {
  let query = projectsWithContext(db).where('p.status', '=', 'submitted');
  if (editionId) query = query.where('p.edition_id', '=', editionId);
  return query.orderBy(sql`p.compliance_status = 'pending'`, 'desc').orderBy('p.submitted_at').execute();
}

export async function insertProject(db: Executor, values: Insertable<ProjectsTable>) {
  return db.insertInto('projects').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function updateProject(db: Executor, id: string, patch: Updateable<ProjectsTable>) {
  await db
    .updateTable('projects')
    .set({ ...patch, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

export async function insertProjectEvent(db: Executor, values: Insertable<ProjectEventsTable>) {
  await db.insertInto('project_events').values(values).execute();
}

export async function insertMaterial(db: Executor, values: Insertable<ProjectMaterialsTable>) {
  return db.insertInto('project_materials').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Materials of the working copy (not removed). */
export async function listCurrentMaterials(db: Executor, projectId: string) {
  return db
    .selectFrom('project_materials')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('removed_at', 'is', null)
    .orderBy('uploaded_at')
    .execute();
}

export async function listMaterialsByIds(db: Executor, ids: string[]) {
  if (!ids.length) return [];
  return db.selectFrom('project_materials').selectAll().where('id', 'in', ids).orderBy('uploaded_at').execute();
}

export async function findMaterial(db: Executor, projectId: string, materialId: string) {
  return db.selectFrom('project_materials').selectAll().where('project_id', '=', projectId).where('id', '=', materialId).executeTakeFirst();
}

export async function markMaterialRemoved(db: Executor, materialId: string) {
  await db.updateTable('project_materials').set({ removed_at: sql`now()` }).where('id', '=', materialId).execute();
}

export async function insertVersion(
  db: Executor,
  values: { project_id: string; version: number; name: string; sections: string; material_ids: string[]; submitted_by: string },
) {
  await db.insertInto('project_versions').values(values).execute();
}

export async function findVersion(db: Executor, projectId: string, version: number) {
  return db.selectFrom('project_versions').selectAll().where('project_id', '=', projectId).where('version', '=', version).executeTakeFirst();
}

export async function listVersions(db: Executor, projectId: string) {
  return db
    .selectFrom('project_versions as v')
    .innerJoin('users as u', 'u.id', 'v.submitted_by')
    .select(['v.version', 'v.name', 'v.submitted_at', 'v.submitted_by', 'u.display_name', sql<number>`cardinality(v.material_ids)`.as('material_count')])
    .where('v.project_id', '=', projectId)
    .orderBy('v.version', 'desc')
    .execute();
}

/** People who may act for a team: its representatives. */
export async function isTeamMember(db: Executor, teamId: string, userId: string): Promise<boolean> {
  const row = await db.selectFrom('team_members').select('user_id').where('team_id', '=', teamId).where('user_id', '=', userId).executeTakeFirst();
  return !!row;
}

/** Whether the user administers any of the team's organisations. */
export async function isTeamOrgAdmin(db: Executor, teamId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('team_orgs')
    .innerJoin('org_members', 'org_members.org_id', 'team_orgs.org_id')
    .select('team_orgs.org_id')
    .where('team_orgs.team_id', '=', teamId)
    .where('org_members.user_id', '=', userId)
    .where('org_members.role', '=', 'admin')
    .executeTakeFirst();
  return !!row;
}

export async function teamOrgsForEligibility(db: Executor, teamId: string) {
  return db
    .selectFrom('team_orgs')
    .innerJoin('organizations as o', 'o.id', 'team_orgs.org_id')
    .select(['o.id', 'o.name', 'o.kind', 'o.blacklisted', 'o.blacklist_reason', 'o.organizer_affiliated', 'team_orgs.role'])
    .where('team_orgs.team_id', '=', teamId)
    .orderBy(sql`team_orgs.role = 'lead'`, 'desc')
    .orderBy('team_orgs.joined_at')
    .execute();
}
