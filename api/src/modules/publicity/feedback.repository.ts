import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';

/** SQL of the feedback to a team: its team and project, the edition's closed rounds. */

export async function findTeamWithEdition(db: Executor, teamId: string) {
  return db
    .selectFrom('teams as t')
    .innerJoin('editions as e', 'e.id', 't.edition_id')
    .select(['t.id', 't.name', 't.lead_org_id', 't.edition_id', 'e.name as edition_name'])
    .where('t.id', '=', teamId)
    .executeTakeFirst();
}

export async function teamOrgIds(db: Executor, teamId: string) {
  return (await db.selectFrom('team_orgs').select('org_id').where('team_id', '=', teamId).execute()).map((r) => r.org_id);
}

/** The team's project (one per team), with its track, topic and targeted sub-topic. */
export async function projectOfTeam(db: Executor, teamId: string) {
  return db
    .selectFrom('projects as p')
    .innerJoin('topics as tp', 'tp.id', 'p.topic_id')
    .innerJoin('tracks as tr', 'tr.id', 'tp.track_id')
    .leftJoin('demands as d', 'd.id', 'p.demand_id')
    .select([
      'p.id',
      'p.name',
      'p.status',
      'p.demand_id',
      'p.compliance_status',
      'tp.title as topic_title',
      'tr.id as track_id',
      'tr.name as track_name',
      sql<string | null>`coalesce(d.published_content->>'title', d.content->>'title')`.as('demand_title'),
      sql<string[] | null>`coalesce(d.published_content->'acceptanceCriteria', d.content->'acceptanceCriteria')`.as('acceptance_criteria'),
    ])
    .where('p.team_id', '=', teamId)
    .orderBy('p.created_at', 'desc')
    .executeTakeFirst();
}

/** The edition's closed rounds with their frozen snapshots, preliminary first. */
export async function closedRounds(db: Executor, editionId: string) {
  return db
    .selectFrom('review_rounds')
    .select(['id', 'stage', 'snapshot', 'snapshot_hash', 'closed_at'])
    .where('edition_id', '=', editionId)
    .where('status', '=', 'closed')
    .where('snapshot', 'is not', null)
    .orderBy(sql`CASE stage WHEN 'preliminary' THEN 0 ELSE 1 END`)
    .execute();
}

/** The edition's confirmed advancement computation (the latest), if any. */
export async function confirmedAdvancement(db: Executor, editionId: string) {
  return db
    .selectFrom('advancements')
    .select(['id', 'computation', 'confirmed_at'])
    .where('edition_id', '=', editionId)
    .where('status', '=', 'confirmed')
    .orderBy('confirmed_at', 'desc')
    .executeTakeFirst();
}

export async function finalistOfProject(db: Executor, editionId: string, projectId: string) {
  return db
    .selectFrom('finalists')
    .select(['status', 'place_kind', 'source', 'verification_reason'])
    .where('edition_id', '=', editionId)
    .where('project_id', '=', projectId)
    .executeTakeFirst();
}

/** The project's award: the live one, else the latest revoked one. */
export async function awardOfProject(db: Executor, editionId: string, projectId: string) {
  return db
    .selectFrom('awards')
    .select(['level', 'status', 'priority_recommendation'])
    .where('edition_id', '=', editionId)
    .where('project_id', '=', projectId)
    .where('status', 'in', ['approved', 'revoked'])
    .orderBy(sql`CASE status WHEN 'approved' THEN 0 ELSE 1 END`)
    .orderBy('approved_at', 'desc')
    .executeTakeFirst();
}
