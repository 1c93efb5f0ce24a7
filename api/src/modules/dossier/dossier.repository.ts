import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { taskColumns } from '../reviews/reviews.repository.ts';

/** SQL of the audit dossier (留档备查): everything recorded about one edition, read only. */

export async function findEdition(db: Executor, editionId: string) {
  return db.selectFrom('editions').selectAll().where('id', '=', editionId).executeTakeFirst();
}

export async function reviewSettings(db: Executor, editionId: string) {
  return db.selectFrom('review_settings').selectAll().where('edition_id', '=', editionId).executeTakeFirst();
}

export async function projects(db: Executor, editionId: string) {
  return db
    .selectFrom('projects as p')
    .innerJoin('teams as t', 't.id', 'p.team_id')
    .innerJoin('organizations as lo', 'lo.id', 't.lead_org_id')
    .innerJoin('topics as tp', 'tp.id', 'p.topic_id')
    .innerJoin('tracks as tr', 'tr.id', 'tp.track_id')
    .leftJoin('demands as d', 'd.id', 'p.demand_id')
    .leftJoin('users as cu', 'cu.id', 'p.compliance_by')
    .select([
      'p.id',
      'p.name',
      'p.status',
      'p.version',
      'p.submitted_version',
      'p.submitted_at',
      'p.withdrawn_at',
      'p.withdraw_reason',
      'p.compliance_status',
      'p.compliance_reason',
      'p.compliance_at',
      'cu.display_name as compliance_by_name',
      't.id as team_id',
      't.name as team_name',
      'lo.name as lead_org_name',
      'lo.credit_code as lead_org_credit_code',
      'tr.id as track_id',
      'tr.name as track_name',
      'tp.id as topic_id',
      'tp.title as topic_title',
      'p.demand_id',
      sql<string | null>`coalesce(d.published_content->>'title', d.content->>'title')`.as('demand_title'),
    ])
    .where('p.edition_id', '=', editionId)
    .orderBy('tr.position')
    .orderBy('p.name')
    .orderBy('p.id')
    .execute();
}

export async function projectVersions(db: Executor, editionId: string) {
  return db
    .selectFrom('project_versions as v')
    .innerJoin('projects as p', 'p.id', 'v.project_id')
    .select(['v.project_id', 'v.version', 'v.name', 'v.sections', 'v.material_ids', 'v.submitted_by', 'v.submitted_at'])
    .where('p.edition_id', '=', editionId)
    .orderBy('v.project_id')
    .orderBy('v.version')
    .execute();
}

export async function materials(db: Executor, editionId: string) {
  return db
    .selectFrom('project_materials as m')
    .innerJoin('projects as p', 'p.id', 'm.project_id')
    .select(['m.id', 'm.project_id', 'm.category', 'm.file_name', 'm.mime_type', 'm.size', 'm.sha256', 'm.uploaded_at', 'm.removed_at'])
    .where('p.edition_id', '=', editionId)
    .orderBy('m.project_id')
    .orderBy('m.uploaded_at')
    .execute();
}

export async function projectEvents(db: Executor, editionId: string) {
  return db
    .selectFrom('project_events as ev')
    .innerJoin('projects as p', 'p.id', 'ev.project_id')
    .leftJoin('users as u', 'u.id', 'ev.actor_id')
    .select([
      'ev.id',
      'ev.project_id',
      'ev.action',
      'ev.from_status',
      'ev.to_status',
      'ev.reason',
      'ev.data',
      'ev.at',
      'u.display_name as actor_name',
    ])
    .where('p.edition_id', '=', editionId)
    .orderBy('ev.at')
    .orderBy('ev.id')
    .execute();
}

export async function rounds(db: Executor, editionId: string) {
  return db
    .selectFrom('review_rounds')
    .selectAll()
    .where('edition_id', '=', editionId)
    .orderBy(sql`CASE stage WHEN 'preliminary' THEN 0 ELSE 1 END`)
    .execute();
}

export async function roundProjects(db: Executor, roundIds: string[]) {
  if (!roundIds.length) return [];
  return db
    .selectFrom('review_round_projects as rp')
    .innerJoin('projects as p', 'p.id', 'rp.project_id')
    .innerJoin('topics as tp', 'tp.id', 'p.topic_id')
    .select(['rp.round_id', 'rp.project_id', 'rp.version', 'rp.added_at', 'p.demand_id', 'p.topic_id', 'tp.track_id'])
    .where('rp.round_id', 'in', roundIds)
    .orderBy('rp.round_id')
    .orderBy('rp.project_id')
    .execute();
}

export async function conflicts(db: Executor, roundIds: string[]) {
  if (!roundIds.length) return [];
  return db
    .selectFrom('review_conflicts as c')
    .innerJoin('users as u', 'u.id', 'c.reviewer_id')
    .leftJoin('users as du', 'du.id', 'c.dismissed_by')
    .select([
      'c.id',
      'c.round_id',
      'c.reviewer_id',
      'u.display_name as reviewer_name',
      'c.project_id',
      'c.source',
      'c.evidence',
      'c.status',
      'c.stale',
      'c.dismissed_reason',
      'du.display_name as dismissed_by_name',
      'c.dismissed_at',
      'c.created_at',
    ])
    .where('c.round_id', 'in', roundIds)
    .orderBy('c.round_id')
    .orderBy('c.created_at')
    .orderBy('c.id')
    .execute();
}

export async function assignments(db: Executor, roundIds: string[]) {
  if (!roundIds.length) return [];
  return db
    .selectFrom('review_assignments as a')
    .innerJoin('users as u', 'u.id', 'a.expert_id')
    .select(['a.id', 'a.round_id', 'a.item_id', 'a.expert_id', 'u.display_name as expert_name', 'a.fit', 'a.source', 'a.created_at'])
    .where('a.round_id', 'in', roundIds)
    .orderBy('a.round_id')
    .orderBy('a.item_id')
    .orderBy('a.expert_id')
    .execute();
}

/** Every task, live or ended: declarations, scores with their time and reviewer, comments. */
export async function tasks(db: Executor, roundIds: string[]) {
  if (!roundIds.length) return [];
  return db
    .selectFrom('review_tasks as t')
    .innerJoin('users as u', 'u.id', 't.reviewer_id')
    .select([...taskColumns, 'u.display_name as reviewer_name'])
    .where('t.round_id', 'in', roundIds)
    .orderBy('t.round_id')
    .orderBy('t.project_id')
    .orderBy('t.reviewer_id')
    .orderBy('t.id')
    .execute();
}

export async function auditOf(db: Executor, entityIds: string[]) {
  if (!entityIds.length) return [];
  return db
    .selectFrom('audit_events as a')
    .leftJoin('users as u', 'u.id', 'a.actor_id')
    .select(['a.id', 'a.action', 'a.entity_type', 'a.entity_id', 'a.data', 'a.at', 'u.display_name as actor_name'])
    .where('a.entity_id', 'in', entityIds)
    .orderBy('a.at')
    .orderBy('a.id')
    .execute();
}

export async function advancements(db: Executor, editionId: string) {
  return db.selectFrom('advancements').selectAll().where('edition_id', '=', editionId).orderBy('computed_at').execute();
}

export async function finalists(db: Executor, editionId: string) {
  return db
    .selectFrom('finalists as f')
    .innerJoin('projects as p', 'p.id', 'f.project_id')
    .selectAll('f')
    .select('p.name as project_name')
    .where('f.edition_id', '=', editionId)
    .orderBy('f.track_id')
    .orderBy('f.preliminary_rank')
    .orderBy('f.id')
    .execute();
}

export async function decisionLog(db: Executor, editionId: string) {
  return db
    .selectFrom('decision_log as l')
    .leftJoin('users as u', 'u.id', 'l.actor_id')
    .select(['l.id', 'l.at', 'l.action', 'l.subject_type', 'l.subject_id', 'l.data', 'l.reason', 'u.display_name as actor_name'])
    .where('l.edition_id', '=', editionId)
    .orderBy('l.id')
    .execute();
}

export async function awards(db: Executor, editionId: string) {
  return db
    .selectFrom('awards as a')
    .innerJoin('projects as p', 'p.id', 'a.project_id')
    .innerJoin('teams as t', 't.id', 'a.team_id')
    .innerJoin('tracks as tr', 'tr.id', 'a.track_id')
    .selectAll('a')
    .select(['p.name as project_name', 't.name as team_name', 'tr.name as track_name'])
    .where('a.edition_id', '=', editionId)
    .orderBy('tr.position')
    .orderBy('a.final_rank')
    .orderBy('a.id')
    .execute();
}

export async function notice(db: Executor, editionId: string) {
  return db.selectFrom('publicity_notices').selectAll().where('edition_id', '=', editionId).executeTakeFirst();
}

export async function reports(db: Executor, editionId: string) {
  return db
    .selectFrom('publicity_reports as r')
    .leftJoin('users as ru', 'ru.id', 'r.ruled_by')
    .leftJoin('users as pu', 'pu.id', 'r.place_decided_by')
    .selectAll('r')
    .select(['ru.display_name as ruled_by_name', 'pu.display_name as place_decided_by_name'])
    .where('r.edition_id', '=', editionId)
    .orderBy('r.created_at')
    .orderBy('r.id')
    .execute();
}

export async function evidence(db: Executor, editionId: string) {
  return db
    .selectFrom('publicity_report_evidence as e')
    .innerJoin('publicity_reports as r', 'r.id', 'e.report_id')
    .selectAll('e')
    .where('r.edition_id', '=', editionId)
    .orderBy('e.report_id')
    .orderBy('e.created_at')
    .orderBy('e.position')
    .execute();
}
