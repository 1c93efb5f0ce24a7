import { demandTitle, entryLabelColumns } from './entry-labels.repository.ts';
import type { Executor } from '../../db/database.ts';
import type { FinalistPlaceKind, FinalistSource, FinalistStatus } from '../../db/schema.ts';

/** SQL of finalists (拟晋级/晋级决赛项目), their verification and evidence files. */

export interface NewFinalist {
  editionId: string;
  advancementId: string;
  projectId: string;
  teamId: string;
  trackId: string;
  demandId: string | null;
  placeKind: FinalistPlaceKind;
  source: FinalistSource;
  preliminaryRank: number;
  preliminaryScore: number | null;
  replacesFinalistId?: string | null;
}

export async function insertFinalists(db: Executor, rows: NewFinalist[]) {
  if (!rows.length) return [];
  return db
    .insertInto('finalists')
    .values(
      rows.map((r) => ({
        edition_id: r.editionId,
        advancement_id: r.advancementId,
        project_id: r.projectId,
        team_id: r.teamId,
        track_id: r.trackId,
        demand_id: r.demandId,
        place_kind: r.placeKind,
        source: r.source,
        preliminary_rank: r.preliminaryRank,
        preliminary_score: r.preliminaryScore,
        replaces_finalist_id: r.replacesFinalistId ?? null,
      })),
    )
    .returningAll()
    .execute();
}

export async function findFinalist(db: Executor, id: string, lock = false) {
  let q = db.selectFrom('finalists as f').innerJoin('editions as e', 'e.id', 'f.edition_id').selectAll('f').select(['e.phases']);
  if (lock) q = q.forUpdate('f');
  return q.where('f.id', '=', id).executeTakeFirst();
}

export async function finalistOfProject(db: Executor, projectId: string) {
  return db.selectFrom('finalists').selectAll().where('project_id', '=', projectId).executeTakeFirst();
}

export async function listFinalists(db: Executor, editionId: string, opts: { statuses?: FinalistStatus[] } = {}) {
  let q = db
    .selectFrom('finalists as f')
    .innerJoin('projects as p', 'p.id', 'f.project_id')
    .innerJoin('teams as t', 't.id', 'f.team_id')
    .innerJoin('tracks as tr', 'tr.id', 'f.track_id')
    .leftJoin('demands as d', 'd.id', 'f.demand_id')
    .leftJoin('organizations as o', 'o.id', 'd.org_id')
    .leftJoin('users as v', 'v.id', 'f.verified_by')
    .selectAll('f')
    .select([...entryLabelColumns, 'v.display_name as verified_by_name', demandTitle()])
    .where('f.edition_id', '=', editionId);
  if (opts.statuses?.length) q = q.where('f.status', 'in', opts.statuses);
  return q.orderBy('tr.position').orderBy('f.preliminary_rank').orderBy('f.created_at').orderBy('f.id').execute();
}
export type FinalistListRow = Awaited<ReturnType<typeof listFinalists>>[number];

export async function updateFinalist(
  db: Executor,
  id: string,
  patch: Partial<{
    status: FinalistStatus;
    verification_reason: string | null;
    verified_by: string;
    verified_at: Date;
    evidence_request: string;
    evidence_requested_by: string;
    evidence_requested_at: Date;
  }>,
) {
  return db.updateTable('finalists').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Every project of the edition that is or ever was a finalist (never backfilled again). */
export async function finalistProjectIds(db: Executor, editionId: string) {
  const rows = await db.selectFrom('finalists').select('project_id').where('edition_id', '=', editionId).execute();
  return new Set(rows.map((r) => r.project_id));
}

/** Passed finalists' projects with the version under review (they enter the final round). */
export async function passedFinalistProjects(db: Executor, editionId: string) {
  return db
    .selectFrom('finalists as f')
    .innerJoin('projects as p', 'p.id', 'f.project_id')
    .select(['p.id', 'p.submitted_version'])
    .where('f.edition_id', '=', editionId)
    .where('f.status', '=', 'passed')
    .where('p.submitted_version', 'is not', null)
    .execute();
}

export async function insertEvidence(
  db: Executor,
  v: { finalistId: string; fileName: string; mimeType: string; size: number; sha256: string; note: string; by: string },
) {
  return db
    .insertInto('finalist_evidence')
    .values({
      finalist_id: v.finalistId,
      file_name: v.fileName,
      mime_type: v.mimeType,
      size: v.size,
      sha256: v.sha256,
      note: v.note,
      uploaded_by: v.by,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listEvidence(db: Executor, finalistIds: string[]) {
  if (!finalistIds.length) return [];
  return db
    .selectFrom('finalist_evidence')
    .selectAll()
    .where('finalist_id', 'in', finalistIds)
    .orderBy('uploaded_at')
    .orderBy('id')
    .execute();
}

export async function findEvidence(db: Executor, finalistId: string, id: string) {
  return db.selectFrom('finalist_evidence').selectAll().where('finalist_id', '=', finalistId).where('id', '=', id).executeTakeFirst();
}
