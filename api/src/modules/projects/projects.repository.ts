import { sql, type Insertable, type Updateable } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { ProjectEventsTable, ProjectMaterialsTable, ProjectsTable } from '../../db/schema.ts';

/** A project with its team, edition phases, target topic/track and targeted demand. */
function withContext(db: Executor) {
  return db
    .selectFrom('projects as p')
    .innerJoin('teams as t', 't.id', 'p.team_id')
    .innerJoin('editions as e', 'e.id', 'p.edition_id')
    .innerJoin('topics as tp', 'tp.id', 'p.topic_id')
    .innerJoin('tracks as tr', 'tr.id', 'tp.track_id')
    .leftJoin('demands as d', 'd.id', 'p.demand_id')
    .leftJoin('organizations as dorg', 'dorg.id', 'd.org_id')
    .select([
      'p.id',
      'p.team_id',
      'p.edition_id',
      'p.topic_id',
      'p.demand_id',
      'p.name',
      'p.status',
      'p.version',
      'p.submitted_version',
      'p.submitted_at',
      'p.changed_since_submit',
      'p.compliance_status',
      'p.compliance_reason',
      'p.compliance_at',
      'p.withdrawn_at',
      'p.created_at',
      'p.updated_at',
      't.name as team_name',
      't.lead_org_id',
      'e.phases',
      'tp.title as topic_title',
      'tr.id as track_id',
      'tr.name as track_name',
      'tr.government_allowed',
      'd.org_id as demand_org_id',
      'd.bid_deadline as demand_bid_deadline',
      sql<string | null>`coalesce(d.published_content->>'title', d.content->>'title')`.as('demand_title'),
      'dorg.name as enterprise_name',
    ]);
}

/** Lists need no application text: summaries leave the sections out. */
const projectSummaries = withContext;
export type ProjectSummaryRow = Awaited<ReturnType<ReturnType<typeof projectSummaries>['execute']>>[number];

function projectsWithContext(db: Executor) {
  return withContext(db).select('p.sections');
}
export type ProjectWithContext = Awaited<ReturnType<ReturnType<typeof projectsWithContext>['execute']>>[number];

export async function findProject(db: Executor, id: string) {
  return projectsWithContext(db).where('p.id', '=', id).executeTakeFirst();
}

export async function lockProject(db: Executor, id: string) {
  return db.selectFrom('projects').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export interface ProjectFilter {
  editionId?: string;
  status?: string;
  compliance?: string;
  demandId?: string;
  teamIds?: string[];
}

function filtered<Q extends ReturnType<typeof projectSummaries>>(query: Q, where: ProjectFilter): Q {
  let q = query;
  if (where.teamIds) q = (where.teamIds.length ? q.where('p.team_id', 'in', where.teamIds) : q.where(sql<boolean>`false`)) as Q;
  if (where.editionId) q = q.where('p.edition_id', '=', where.editionId) as Q;
  if (where.status) q = q.where('p.status', '=', where.status as never) as Q;
  if (where.compliance) q = q.where('p.compliance_status', '=', where.compliance as never) as Q;
  if (where.demandId) q = q.where('p.demand_id', '=', where.demandId) as Q;
  return q;
}

export async function listProjects(db: Executor, where: ProjectFilter, page?: { limit: number; offset: number }) {
  let query = filtered(projectSummaries(db), where).orderBy('p.updated_at', 'desc').orderBy('p.id');
  if (page) query = query.limit(page.limit).offset(page.offset);
  return query.execute();
}

export async function countProjects(db: Executor, where: ProjectFilter): Promise<number> {
  const row = await db
    .selectFrom(filtered(projectSummaries(db), where).as('x'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Submitted projects for the compliance queue: undecided first, oldest submission first; one page with sections. */
export async function listComplianceQueue(
  db: Executor,
  where: { editionId?: string; compliance?: string },
  page: { limit: number; offset: number },
) {
  let query = projectsWithContext(db).where('p.status', '=', 'submitted');
  if (where.editionId) query = query.where('p.edition_id', '=', where.editionId);
  if (where.compliance) query = query.where('p.compliance_status', '=', where.compliance as never);
  return query
    .orderBy(sql`p.compliance_status = 'pending'`, 'desc')
    .orderBy('p.submitted_at')
    .orderBy('p.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

/** How many submitted projects await each decision. */
export async function complianceCounts(db: Executor, editionId?: string) {
  let query = db
    .selectFrom('projects')
    .select(['compliance_status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'submitted')
    .groupBy('compliance_status');
  if (editionId) query = query.where('edition_id', '=', editionId);
  const rows = await query.execute();
  const counts = { pending: 0, eligible: 0, ineligible: 0 };
  for (const r of rows) if (r.compliance_status) counts[r.compliance_status] = Number(r.n);
  return counts;
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

export async function listCurrentMaterialsOf(db: Executor, projectIds: string[]) {
  if (!projectIds.length) return [];
  return db
    .selectFrom('project_materials')
    .selectAll()
    .where('project_id', 'in', projectIds)
    .where('removed_at', 'is', null)
    .orderBy('uploaded_at')
    .execute();
}

export async function findVersions(db: Executor, keys: { projectId: string; version: number }[]) {
  if (!keys.length) return [];
  return db
    .selectFrom('project_versions')
    .selectAll()
    .where((eb) => eb.or(keys.map((k) => eb.and([eb('project_id', '=', k.projectId), eb('version', '=', k.version)]))))
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
  await db
    .updateTable('project_materials')
    .set({ removed_at: sql`now()` })
    .where('id', '=', materialId)
    .execute();
}

export async function insertVersion(
  db: Executor,
  values: { project_id: string; version: number; name: string; sections: string; material_ids: string[]; submitted_by: string },
) {
  await db.insertInto('project_versions').values(values).execute();
}

export async function findVersion(db: Executor, projectId: string, version: number) {
  return db
    .selectFrom('project_versions')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('version', '=', version)
    .executeTakeFirst();
}

export async function listVersions(db: Executor, projectId: string) {
  return db
    .selectFrom('project_versions as v')
    .innerJoin('users as u', 'u.id', 'v.submitted_by')
    .select([
      'v.version',
      'v.name',
      'v.submitted_at',
      'v.submitted_by',
      'u.display_name',
      sql<number>`cardinality(v.material_ids)`.as('material_count'),
    ])
    .where('v.project_id', '=', projectId)
    .orderBy('v.version', 'desc')
    .execute();
}

/** People who may act for a team: its representatives. */
export async function isTeamMember(db: Executor, teamId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('team_members')
    .select('user_id')
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
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
  return teamOrgsOf(db, [teamId]);
}

/** The organisations of several teams, lead first, with their flags. */
export async function teamOrgsOf(db: Executor, teamIds: string[]) {
  if (!teamIds.length) return [];
  return db
    .selectFrom('team_orgs')
    .innerJoin('organizations as o', 'o.id', 'team_orgs.org_id')
    .select([
      'team_orgs.team_id',
      'o.id',
      'o.name',
      'o.kind',
      'o.blacklisted',
      'o.blacklist_reason',
      'o.organizer_affiliated',
      'team_orgs.role',
    ])
    .where('team_orgs.team_id', 'in', teamIds)
    .orderBy(sql`team_orgs.role = 'lead'`, 'desc')
    .orderBy('team_orgs.joined_at')
    .execute();
}

/** The one project of a team (id and name), if any. */
export async function findProjectOfTeam(db: Executor, teamId: string): Promise<{ id: string; name: string } | undefined> {
  return db.selectFrom('projects').select(['id', 'name']).where('team_id', '=', teamId).executeTakeFirst();
}
