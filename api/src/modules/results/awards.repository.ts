import { demandTitle, entryLabelColumns } from './entry-labels.repository.ts';
import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { AwardLevel, AwardStatus } from '../../db/schema.ts';

/** SQL of awards (奖项): proposal, adjustment, approval, revocation, freed places. */

export async function findAward(db: Executor, id: string, lock = false) {
  let q = db.selectFrom('awards').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Awards of an edition with the names a reader needs. */
export async function listAwards(db: Executor, editionId: string, opts: { status?: AwardStatus[]; trackId?: string } = {}) {
  let q = db
    .selectFrom('awards as a')
    .innerJoin('projects as p', 'p.id', 'a.project_id')
    .innerJoin('teams as t', 't.id', 'a.team_id')
    .innerJoin('tracks as tr', 'tr.id', 'a.track_id')
    .leftJoin('demands as d', 'd.id', 'a.demand_id')
    .leftJoin('organizations as o', 'o.id', 'd.org_id')
    .selectAll('a')
    .select([...entryLabelColumns, demandTitle()])
    .where('a.edition_id', '=', editionId);
  if (opts.status?.length) q = q.where('a.status', 'in', opts.status);
  if (opts.trackId) q = q.where('a.track_id', '=', opts.trackId);
  return q
    .orderBy('tr.position')
    .orderBy(sql`array_position(array['first','second','third','special']::text[], a.level)`)
    .orderBy(sql`a.final_rank nulls last`)
    .orderBy('a.proposed_at')
    .orderBy('a.id')
    .execute();
}
export type AwardListRow = Awaited<ReturnType<typeof listAwards>>[number];

/** How many awards of the edition are in each status (approval locks once any is approved). */
export async function awardStatusCounts(db: Executor, editionId: string) {
  const rows = await db
    .selectFrom('awards')
    .select(['status', sql<number>`count(*)::int`.as('n')])
    .where('edition_id', '=', editionId)
    .groupBy('status')
    .execute();
  const out: Record<AwardStatus, number> = { proposed: 0, approved: 0, revoked: 0 };
  for (const r of rows) out[r.status] = r.n;
  return out;
}

/** Serialises award decisions of one edition (propose / adjust / approve / revoke run one at a time). */
export async function lockEditionAwards(db: Executor, editionId: string) {
  await sql`select pg_advisory_xact_lock(hashtext('awards:' || ${editionId}))`.execute(db);
}

export async function deleteProposed(db: Executor, editionId: string) {
  await db.deleteFrom('awards').where('edition_id', '=', editionId).where('status', '=', 'proposed').execute();
}

export interface NewAward {
  editionId: string;
  roundId: string | null;
  projectId: string;
  teamId: string;
  trackId: string;
  demandId: string | null;
  level: AwardLevel;
  proposedLevel: AwardLevel | 'none';
  status: AwardStatus;
  finalRank: number | null;
  finalScore: number | null;
  by: string;
  adjustedReason?: string | null;
  approvedAt?: Date | null;
  replacesAwardId?: string | null;
  now: Date;
}

export async function insertAwards(db: Executor, rows: NewAward[]) {
  if (!rows.length) return [];
  return db
    .insertInto('awards')
    .values(
      rows.map((r) => ({
        edition_id: r.editionId,
        round_id: r.roundId,
        project_id: r.projectId,
        team_id: r.teamId,
        track_id: r.trackId,
        demand_id: r.demandId,
        level: r.level,
        proposed_level: r.proposedLevel,
        status: r.status,
        final_rank: r.finalRank,
        final_score: r.finalScore,
        priority_recommendation: r.demandId !== null,
        proposed_by: r.by,
        proposed_at: r.now,
        adjusted_reason: r.adjustedReason ?? null,
        adjusted_by: r.adjustedReason ? r.by : null,
        adjusted_at: r.adjustedReason ? r.now : null,
        approved_by: r.approvedAt ? r.by : null,
        approved_at: r.approvedAt ?? null,
        replaces_award_id: r.replacesAwardId ?? null,
      })),
    )
    .returningAll()
    .execute();
}

export async function updateAward(
  db: Executor,
  id: string,
  patch: Partial<{
    level: AwardLevel;
    status: AwardStatus;
    adjusted_reason: string | null;
    adjusted_by: string | null;
    adjusted_at: Date | null;
    revoked_by: string;
    revoked_at: Date;
    revoked_reason: string;
    report_id: string | null;
    freed_place: 'moved' | 'vacant';
    freed_decided_by: string;
    freed_decided_at: Date;
  }>,
) {
  return db.updateTable('awards').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function deleteAward(db: Executor, id: string) {
  await db.deleteFrom('awards').where('id', '=', id).where('status', '=', 'proposed').execute();
}

export async function approveAll(db: Executor, editionId: string, by: string, now: Date) {
  return db
    .updateTable('awards')
    .set({ status: 'approved', approved_by: by, approved_at: now })
    .where('edition_id', '=', editionId)
    .where('status', '=', 'proposed')
    .returning(['id', 'project_id', 'level'])
    .execute();
}

/** The project's live award in the edition (proposed or approved), if any. */
export async function liveAwardOfProject(db: Executor, editionId: string, projectId: string) {
  return db
    .selectFrom('awards')
    .selectAll()
    .where('edition_id', '=', editionId)
    .where('project_id', '=', projectId)
    .where('status', '<>', 'revoked')
    .executeTakeFirst();
}

/** Projects of the edition whose award was ever revoked (they never get a freed place). */
export async function revokedProjectIds(db: Executor, editionId: string) {
  const rows = await db
    .selectFrom('awards')
    .select('project_id')
    .where('edition_id', '=', editionId)
    .where('status', '=', 'revoked')
    .execute();
  return new Set(rows.map((r) => r.project_id));
}
