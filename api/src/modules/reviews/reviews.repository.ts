import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { EditionPhases, EditionRules, ReviewStage, ReviewTaskRole, ReviewTaskStatus } from '../../db/schema.ts';

/** SQL of review rounds, their projects, settings, conflicts, assignments and tasks. */

export async function findRound(db: Executor, id: string, lock = false) {
  let q = db
    .selectFrom('review_rounds as r')
    .innerJoin('editions as e', 'e.id', 'r.edition_id')
    .selectAll('r')
    .select(['e.phases', 'e.rules', 'e.name as edition_name']);
  if (lock) q = q.forUpdate('r');
  const row = await q.where('r.id', '=', id).executeTakeFirst();
  return row ? { ...row, phases: row.phases as EditionPhases, rules: row.rules as EditionRules } : undefined;
}
export type RoundWithEdition = NonNullable<Awaited<ReturnType<typeof findRound>>>;

export async function listRounds(db: Executor, editionId: string) {
  return db.selectFrom('review_rounds').selectAll().where('edition_id', '=', editionId).orderBy('created_at').execute();
}

export async function insertRound(db: Executor, v: { editionId: string; stage: ReviewStage; by: string }) {
  return db
    .insertInto('review_rounds')
    .values({ edition_id: v.editionId, stage: v.stage, created_by: v.by })
    .onConflict((oc) => oc.columns(['edition_id', 'stage']).doNothing())
    .returning('id')
    .executeTakeFirst();
}

export async function updateRound(
  db: Executor,
  id: string,
  patch: Partial<{
    status: 'open' | 'closed';
    experts_per_project: number;
    max_per_expert: number;
    last_run: string | null;
    snapshot: string | null;
    snapshot_hash: string | null;
    closed_by: string | null;
    closed_at: Date | null;
  }>,
) {
  await db.updateTable('review_rounds').set(patch).where('id', '=', id).execute();
}

/** Submitted projects found eligible in compliance: they enter the round. */
export async function eligibleProjects(db: Executor, editionId: string) {
  return db
    .selectFrom('projects')
    .select(['id', 'submitted_version'])
    .where('edition_id', '=', editionId)
    .where('status', '=', 'submitted')
    .where('compliance_status', '=', 'eligible')
    .where('submitted_version', 'is not', null)
    .execute();
}

export async function addRoundProjects(db: Executor, roundId: string, rows: { projectId: string; version: number }[]) {
  if (!rows.length) return;
  await db
    .insertInto('review_round_projects')
    .values(rows.map((r) => ({ round_id: roundId, project_id: r.projectId, version: r.version })))
    .onConflict((oc) => oc.columns(['round_id', 'project_id']).doNothing())
    .execute();
}

/** The round's projects with what review needs: team, topic, track, targeted demand, the reviewed version's text. */
export async function roundProjects(db: Executor, roundId: string, opts: { trackId?: string; withText?: boolean } = {}) {
  let q = db
    .selectFrom('review_round_projects as rp')
    .innerJoin('projects as p', 'p.id', 'rp.project_id')
    .innerJoin('teams as t', 't.id', 'p.team_id')
    .innerJoin('topics as tp', 'tp.id', 'p.topic_id')
    .innerJoin('tracks as tr', 'tr.id', 'tp.track_id')
    .select([
      'p.id',
      'p.name',
      'p.team_id',
      'p.demand_id',
      'p.topic_id',
      'rp.version',
      't.name as team_name',
      'tp.title as topic_title',
      'tr.id as track_id',
      'tr.name as track_name',
      'tr.position as track_position',
    ])
    .where('rp.round_id', '=', roundId)
    .orderBy('tr.position')
    .orderBy('p.name')
    .orderBy('p.id');
  if (opts.trackId) q = q.where('tr.id', '=', opts.trackId);
  const rows = opts.withText
    ? await q
        .innerJoin('project_versions as v', (j) => j.onRef('v.project_id', '=', 'rp.project_id').onRef('v.version', '=', 'rp.version'))
        .select(sql<string>`concat_ws('，', v.sections->'overview'->>'industry', v.sections->'solution'->>'keyTechnologies')`.as('text'))
        .execute()
    : (await q.execute()).map((r) => ({ ...r, text: '' }));
  // The demands' texts once each, not once per bid (their content is large).
  const demandIds = [...new Set(rows.map((r) => r.demand_id).filter((x): x is string => !!x))];
  const demands = new Map(
    (demandIds.length
      ? await db
          .selectFrom('demands as d')
          .innerJoin('organizations as o', 'o.id', 'd.org_id')
          .select([
            'd.id',
            'd.org_id',
            'o.name',
            sql<string | null>`coalesce(d.published_content->>'title', d.content->>'title')`.as('title'),
            sql<string[] | null>`coalesce(d.published_content->'acceptanceCriteria', d.content->'acceptanceCriteria')`.as('criteria'),
          ])
          .where('d.id', 'in', demandIds)
          .execute()
      : []
    ).map((d) => [d.id, d]),
  );
  return rows.map((r) => {
    const d = r.demand_id ? demands.get(r.demand_id) : undefined;
    return {
      ...r,
      demand_org_id: d?.org_id ?? null,
      enterprise_name: d?.name ?? null,
      demand_title: d?.title ?? null,
      acceptance_criteria: d?.criteria ?? null,
    };
  });
}
export type RoundProject = Awaited<ReturnType<typeof roundProjects>>[number];

export async function isProjectInRound(db: Executor, roundId: string, projectId: string) {
  const row = await db
    .selectFrom('review_round_projects')
    .select('version')
    .where('round_id', '=', roundId)
    .where('project_id', '=', projectId)
    .executeTakeFirst();
  return row;
}

// ---- settings ----

export async function findSettings(db: Executor, editionId: string) {
  return db.selectFrom('review_settings').selectAll().where('edition_id', '=', editionId).executeTakeFirst();
}

export async function upsertSettings(
  db: Executor,
  editionId: string,
  v: { weights: Record<string, number>; rankBy: 'raw' | 'normalised'; outlierMargin: number; by: string },
) {
  const values = {
    indicator_weights: JSON.stringify(v.weights),
    rank_by: v.rankBy,
    outlier_margin: v.outlierMargin,
    updated_by: v.by,
    updated_at: new Date(),
  };
  await db
    .insertInto('review_settings')
    .values({ edition_id: editionId, ...values })
    .onConflict((oc) => oc.column('edition_id').doUpdateSet(values))
    .execute();
}

// ---- conflict inputs ----

export async function teamOrgsOfProjects(db: Executor, projectIds: string[]) {
  if (!projectIds.length) return [];
  return db
    .selectFrom('projects as p')
    .innerJoin('team_orgs as to', 'to.team_id', 'p.team_id')
    .innerJoin('organizations as o', 'o.id', 'to.org_id')
    .select(['p.id as project_id', 'o.id as org_id', 'o.name as org_name'])
    .where('p.id', 'in', projectIds)
    .execute();
}

export async function teamMembersOfProjects(db: Executor, projectIds: string[]) {
  if (!projectIds.length) return [];
  return db
    .selectFrom('projects as p')
    .innerJoin('team_members as m', 'm.team_id', 'p.team_id')
    .select(['p.id as project_id', 'm.user_id', 'm.joined_at'])
    .where('p.id', 'in', projectIds)
    .execute();
}

export async function orgMembersOf(db: Executor, orgIds: string[]) {
  if (!orgIds.length) return [];
  return db
    .selectFrom('org_members as m')
    .innerJoin('organizations as o', 'o.id', 'm.org_id')
    .select(['m.org_id', 'o.name as org_name', 'm.user_id', 'm.role', 'm.created_at'])
    .where('m.org_id', 'in', orgIds)
    .execute();
}

export async function orgNames(db: Executor, orgIds: string[]) {
  if (!orgIds.length) return new Map<string, string>();
  const rows = await db.selectFrom('organizations').select(['id', 'name']).where('id', 'in', orgIds).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

// ---- conflicts ----

export interface ConflictValues {
  reviewerId: string;
  projectId: string;
  source: string;
  evidenceKey: string;
  evidence: Record<string, unknown>;
}

/** Inserts new conflicts, refreshes the evidence of known ones, marks the computed ones no longer found stale (dismissals kept). */
export async function saveComputedConflicts(db: Executor, roundId: string, found: ConflictValues[]) {
  await db.updateTable('review_conflicts').set({ stale: true }).where('round_id', '=', roundId).where('source', '<>', 'declared').execute();
  for (let i = 0; i < found.length; i += 500) {
    const chunk = found.slice(i, i + 500);
    await db
      .insertInto('review_conflicts')
      .values(
        chunk.map((c) => ({
          round_id: roundId,
          reviewer_id: c.reviewerId,
          project_id: c.projectId,
          source: c.source,
          evidence_key: c.evidenceKey,
          evidence: JSON.stringify(c.evidence),
        })),
      )
      .onConflict((oc) =>
        oc
          .columns(['round_id', 'reviewer_id', 'project_id', 'source', 'evidence_key'])
          .doUpdateSet({ stale: false, evidence: sql`excluded.evidence` }),
      )
      .execute();
  }
}

export async function insertDeclaredConflict(db: Executor, roundId: string, c: ConflictValues) {
  await db
    .insertInto('review_conflicts')
    .values({
      round_id: roundId,
      reviewer_id: c.reviewerId,
      project_id: c.projectId,
      source: c.source,
      evidence_key: c.evidenceKey,
      evidence: JSON.stringify(c.evidence),
    })
    .onConflict((oc) => oc.columns(['round_id', 'reviewer_id', 'project_id', 'source', 'evidence_key']).doNothing())
    .execute();
}

export async function listConflicts(db: Executor, roundId: string, opts: { includeStale?: boolean } = {}) {
  let q = db
    .selectFrom('review_conflicts as c')
    .innerJoin('users as u', 'u.id', 'c.reviewer_id')
    .innerJoin('projects as p', 'p.id', 'c.project_id')
    .leftJoin('users as d', 'd.id', 'c.dismissed_by')
    .selectAll('c')
    .select(['u.display_name as reviewer_name', 'p.name as project_name', 'd.display_name as dismissed_by_name'])
    .where('c.round_id', '=', roundId)
    .orderBy('u.display_name')
    .orderBy('p.name')
    .orderBy('c.source')
    .orderBy('c.id');
  if (!opts.includeStale) q = q.where('c.stale', '=', false);
  return q.execute();
}

export async function findConflict(db: Executor, roundId: string, id: string) {
  return db.selectFrom('review_conflicts').selectAll().where('round_id', '=', roundId).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function dismissConflict(db: Executor, id: string, by: string, reason: string) {
  await db
    .updateTable('review_conflicts')
    .set({ status: 'dismissed', dismissed_by: by, dismissed_reason: reason, dismissed_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/** Active (not dismissed, still found) conflicts of a round as reviewer→project pairs. */
export async function activeConflictPairs(db: Executor, roundId: string) {
  return db
    .selectFrom('review_conflicts')
    .select(['reviewer_id', 'project_id'])
    .distinct()
    .where('round_id', '=', roundId)
    .where('status', '=', 'active')
    .where('stale', '=', false)
    .execute();
}

/** Whether the user has an active conflict with the project in any round. */
export async function hasActiveConflict(db: Executor, reviewerId: string, projectId: string) {
  const row = await db
    .selectFrom('review_conflicts')
    .select('id')
    .where('reviewer_id', '=', reviewerId)
    .where('project_id', '=', projectId)
    .where('status', '=', 'active')
    .where('stale', '=', false)
    .executeTakeFirst();
  return row !== undefined;
}

// ---- assignments ----

export async function listAssignments(db: Executor, roundId: string) {
  return db
    .selectFrom('review_assignments as a')
    .innerJoin('users as u', 'u.id', 'a.expert_id')
    .selectAll('a')
    .select('u.display_name as expert_name')
    .where('a.round_id', '=', roundId)
    .orderBy('a.item_id')
    .orderBy('u.display_name')
    .orderBy('a.id')
    .execute();
}

export async function deleteSolverAssignments(db: Executor, roundId: string) {
  await db.deleteFrom('review_assignments').where('round_id', '=', roundId).where('source', '=', 'solver').execute();
}

export async function insertAssignments(
  db: Executor,
  roundId: string,
  rows: { itemId: string; expertId: string; fit: number; source: 'solver' | 'manual'; by: string | null }[],
) {
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insertInto('review_assignments')
      .values(
        rows
          .slice(i, i + 1000)
          .map((r) => ({ round_id: roundId, item_id: r.itemId, expert_id: r.expertId, fit: r.fit, source: r.source, created_by: r.by })),
      )
      .onConflict((oc) => oc.columns(['round_id', 'item_id', 'expert_id']).doNothing())
      .execute();
  }
}

export async function findAssignment(db: Executor, roundId: string, id: string) {
  return db.selectFrom('review_assignments').selectAll().where('round_id', '=', roundId).where('id', '=', id).executeTakeFirst();
}

export async function deleteAssignment(db: Executor, id: string) {
  await db.deleteFrom('review_assignments').where('id', '=', id).execute();
}

// ---- tasks ----

/** A review task's own columns (the dossier reads the same). */
export const taskColumns = [
  't.id',
  't.round_id',
  't.project_id',
  't.reviewer_id',
  't.role',
  't.status',
  't.declared_at',
  't.declaration_note',
  't.scores',
  't.comment',
  't.total',
  't.submitted_at',
  't.created_at',
  't.updated_at',
] as const;

export async function listTasks(db: Executor, where: { roundId?: string; reviewerId?: string; live?: boolean }) {
  let q = db
    .selectFrom('review_tasks as t')
    .innerJoin('users as u', 'u.id', 't.reviewer_id')
    .select([...taskColumns, 'u.display_name as reviewer_name'])
    .orderBy('t.created_at')
    .orderBy('t.id');
  if (where.roundId) q = q.where('t.round_id', '=', where.roundId);
  if (where.reviewerId) q = q.where('t.reviewer_id', '=', where.reviewerId);
  if (where.live !== false) q = q.where('t.status', '<>', 'removed');
  return q.execute();
}
export type TaskRow = Awaited<ReturnType<typeof listTasks>>[number];

/** What results need of a round's tasks: no score details, no comments. */
export async function taskTotals(db: Executor, roundId: string) {
  return db
    .selectFrom('review_tasks as t')
    .innerJoin('users as u', 'u.id', 't.reviewer_id')
    .select(['t.id', 't.project_id', 't.reviewer_id', 't.role', 't.status', 't.total', 'u.display_name as reviewer_name'])
    .where('t.round_id', '=', roundId)
    .where('t.status', 'not in', ['removed', 'conflict'])
    .execute();
}
export type TaskTotalRow = Awaited<ReturnType<typeof taskTotals>>[number];

export async function findTask(db: Executor, id: string, lock = false) {
  let q = db
    .selectFrom('review_tasks as t')
    .innerJoin('users as u', 'u.id', 't.reviewer_id')
    .select([...taskColumns, 'u.display_name as reviewer_name']);
  if (lock) q = q.forUpdate('t');
  return q.where('t.id', '=', id).executeTakeFirst();
}

export async function insertTasks(db: Executor, roundId: string, rows: { projectId: string; reviewerId: string; role: ReviewTaskRole }[]) {
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    if (!chunk.length) continue;
    await sql`INSERT INTO review_tasks (round_id, project_id, reviewer_id, role)
      SELECT ${roundId}::uuid, x.project_id, x.reviewer_id, x.role FROM jsonb_to_recordset(${JSON.stringify(
        chunk.map((r) => ({ project_id: r.projectId, reviewer_id: r.reviewerId, role: r.role })),
      )}::jsonb) AS x(project_id uuid, reviewer_id uuid, role text)
      ON CONFLICT (round_id, project_id, reviewer_id) WHERE status <> 'removed' DO NOTHING`.execute(db);
  }
}

export async function endTasksInConflict(db: Executor, ids: string[]) {
  if (!ids.length) return;
  await db.updateTable('review_tasks').set({ status: 'conflict', updated_at: new Date() }).where('id', 'in', ids).execute();
}

export async function reviveTasks(db: Executor, ids: string[]) {
  if (!ids.length) return;
  await db
    .updateTable('review_tasks')
    .set({ status: 'pending', declared_at: null, declaration_note: null, updated_at: new Date() })
    .where('id', 'in', ids)
    .execute();
}

export async function openRounds(db: Executor) {
  return db.selectFrom('review_rounds').select(['id', 'edition_id']).where('status', '=', 'open').orderBy('created_at').execute();
}

export async function removeTasks(db: Executor, ids: string[]) {
  if (!ids.length) return;
  await db.updateTable('review_tasks').set({ status: 'removed', updated_at: new Date() }).where('id', 'in', ids).execute();
}

export async function updateTask(
  db: Executor,
  id: string,
  patch: Partial<{
    status: ReviewTaskStatus;
    declared_at: Date;
    declaration_note: string | null;
    scores: string;
    comment: string;
    total: number | null;
    submitted_at: Date | null;
  }>,
) {
  await db
    .updateTable('review_tasks')
    .set({ ...patch, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/** The reviewer's live task on the project whose declaration says no conflict (for reading the project elsewhere). */
export async function acceptedTaskFor(db: Executor, reviewerId: string, projectId: string) {
  return db
    .selectFrom('review_tasks')
    .select(['id', 'status'])
    .where('reviewer_id', '=', reviewerId)
    .where('project_id', '=', projectId)
    .where('status', 'in', ['accepted', 'submitted'])
    .executeTakeFirst();
}

export async function committeeIds(db: Executor) {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where(sql<boolean>`'committee' = ANY(roles)`)
    .execute();
  return rows.map((r) => r.id);
}
