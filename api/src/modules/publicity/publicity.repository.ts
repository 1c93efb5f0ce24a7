import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { PlaceDecision, ReportStatus } from '../../db/schema.ts';

/** SQL of the publicity notices (公示), the winners they list, reports (举报) and their evidence. */

export async function findNotice(db: Executor, editionId: string, lock = false) {
  let q = db.selectFrom('publicity_notices').selectAll().where('edition_id', '=', editionId);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}
export type NoticeRow = NonNullable<Awaited<ReturnType<typeof findNotice>>>;

export async function insertNotice(db: Executor, v: { editionId: string; start: Date; end: Date; days: number; note: string; by: string }) {
  await db
    .insertInto('publicity_notices')
    .values({ edition_id: v.editionId, start_at: v.start, end_at: v.end, days: v.days, note: v.note, opened_by: v.by })
    .execute();
}

export async function listNotices(db: Executor) {
  return db
    .selectFrom('publicity_notices as n')
    .innerJoin('editions as e', 'e.id', 'n.edition_id')
    .select(['n.edition_id', 'n.start_at', 'n.end_at', 'n.days', 'e.name as edition_name', 'e.year'])
    .orderBy('n.start_at', 'desc')
    .execute();
}

export async function findEdition(db: Executor, editionId: string) {
  return db.selectFrom('editions').select(['id', 'name', 'rules', 'year']).where('id', '=', editionId).executeTakeFirst();
}

/** Approved and revoked awards of an edition with what the public page shows of them. */
export async function publicAwards(db: Executor, editionId: string) {
  return db
    .selectFrom('awards as a')
    .innerJoin('projects as p', 'p.id', 'a.project_id')
    .innerJoin('teams as t', 't.id', 'a.team_id')
    .innerJoin('organizations as lo', 'lo.id', 't.lead_org_id')
    .innerJoin('tracks as tr', 'tr.id', 'a.track_id')
    .leftJoin('demands as d', 'd.id', 'a.demand_id')
    .leftJoin('organizations as de', 'de.id', 'd.org_id')
    .select([
      'a.id',
      'a.level',
      'a.status',
      'a.priority_recommendation',
      'a.final_rank',
      'a.approved_at',
      'a.revoked_at',
      'a.revoked_reason',
      'a.replaces_award_id',
      'p.id as project_id',
      'p.name as project_name',
      't.id as team_id',
      't.name as team_name',
      'lo.name as lead_org_name',
      'tr.id as track_id',
      'tr.name as track_name',
      'tr.position as track_position',
      sql<string | null>`coalesce(d.published_content->>'title', d.content->>'title')`.as('demand_title'),
      'de.name as enterprise_name',
    ])
    .where('a.edition_id', '=', editionId)
    .where('a.status', 'in', ['approved', 'revoked'])
    .where('a.approved_at', 'is not', null)
    .orderBy('tr.position')
    .orderBy(sql`CASE a.level WHEN 'first' THEN 0 WHEN 'second' THEN 1 WHEN 'third' THEN 2 ELSE 3 END`)
    .orderBy('a.final_rank')
    .orderBy('p.name')
    .execute();
}
export type PublicAwardRow = Awaited<ReturnType<typeof publicAwards>>[number];

export async function countApprovedAwards(db: Executor, editionId: string) {
  const row = await db
    .selectFrom('awards')
    .select((eb) => [
      eb.fn.countAll<string>().as('all'),
      eb.fn.count<string>(sql`CASE WHEN status = 'approved' THEN 1 END`).as('approved'),
      eb.fn.count<string>(sql`CASE WHEN status = 'proposed' THEN 1 END`).as('proposed'),
    ])
    .where('edition_id', '=', editionId)
    .executeTakeFirstOrThrow();
  return { all: Number(row.all), approved: Number(row.approved), proposed: Number(row.proposed) };
}

export async function findAward(db: Executor, awardId: string) {
  return db
    .selectFrom('awards as a')
    .innerJoin('projects as p', 'p.id', 'a.project_id')
    .select(['a.id', 'a.edition_id', 'a.status', 'a.level', 'a.team_id', 'a.project_id', 'a.approved_at', 'p.name as project_name'])
    .where('a.id', '=', awardId)
    .executeTakeFirst();
}

export async function teamMemberIds(db: Executor, teamId: string) {
  return (await db.selectFrom('team_members').select('user_id').where('team_id', '=', teamId).execute()).map((r) => r.user_id);
}

export async function userIdsWithRole(db: Executor, role: 'committee' | 'supervisor') {
  return (
    await db
      .selectFrom('users')
      .select('id')
      .where(sql<boolean>`${role} = ANY(roles)`)
      .execute()
  ).map((r) => r.id);
}

// —— reports ——

export async function insertReport(
  db: Executor,
  v: { editionId: string; awardId: string; reporterId: string; realName: string; phone: string; content: string },
) {
  return db
    .insertInto('publicity_reports')
    .values({
      edition_id: v.editionId,
      award_id: v.awardId,
      reporter_id: v.reporterId,
      real_name: v.realName,
      phone: v.phone,
      content: v.content,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function insertEvidence(
  db: Executor,
  reportId: string,
  files: { fileName: string; mimeType: string; size: number; sha256: string }[],
) {
  if (!files.length) return;
  await db
    .insertInto('publicity_report_evidence')
    .values(
      files.map((f, i) => ({
        report_id: reportId,
        file_name: f.fileName,
        mime_type: f.mimeType,
        size: f.size,
        sha256: f.sha256,
        position: i,
      })),
    )
    .execute();
}

const reportColumns = [
  'r.id',
  'r.edition_id',
  'r.award_id',
  'r.reporter_id',
  'r.real_name',
  'r.phone',
  'r.content',
  'r.status',
  'r.ruling',
  'r.ruled_by',
  'r.ruled_at',
  'r.place_decision',
  'r.place_reason',
  'r.place_project_id',
  'r.place_decided_by',
  'r.place_decided_at',
  'r.created_at',
] as const;

function reportsQuery(db: Executor) {
  return db
    .selectFrom('publicity_reports as r')
    .innerJoin('awards as a', 'a.id', 'r.award_id')
    .innerJoin('projects as p', 'p.id', 'a.project_id')
    .innerJoin('teams as t', 't.id', 'a.team_id')
    .innerJoin('tracks as tr', 'tr.id', 'a.track_id')
    .innerJoin('editions as e', 'e.id', 'r.edition_id')
    .leftJoin('users as ru', 'ru.id', 'r.ruled_by')
    .leftJoin('projects as pp', 'pp.id', 'r.place_project_id')
    .select([
      ...reportColumns,
      'a.level as award_level',
      'a.status as award_status',
      'p.id as project_id',
      'p.name as project_name',
      't.name as team_name',
      'tr.name as track_name',
      'e.name as edition_name',
      'ru.display_name as ruled_by_name',
      'pp.name as place_project_name',
    ]);
}

export async function listReports(db: Executor, where: { editionId?: string; status?: ReportStatus; reporterId?: string }) {
  let q = reportsQuery(db).orderBy('r.created_at', 'desc').orderBy('r.id');
  if (where.editionId) q = q.where('r.edition_id', '=', where.editionId);
  if (where.status) q = q.where('r.status', '=', where.status);
  if (where.reporterId) q = q.where('r.reporter_id', '=', where.reporterId);
  return q.execute();
}
export type ReportRow = Awaited<ReturnType<typeof listReports>>[number];

export async function findReport(db: Executor, id: string) {
  return reportsQuery(db).where('r.id', '=', id).executeTakeFirst();
}

export async function lockReport(db: Executor, id: string) {
  return db.selectFrom('publicity_reports').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function ruleReport(db: Executor, id: string, v: { status: 'upheld' | 'rejected'; ruling: string; by: string; at: Date }) {
  await db
    .updateTable('publicity_reports')
    .set({ status: v.status, ruling: v.ruling, ruled_by: v.by, ruled_at: v.at })
    .where('id', '=', id)
    .execute();
}

export async function decidePlace(
  db: Executor,
  id: string,
  v: { decision: PlaceDecision; reason: string; projectId: string | null; by: string; at: Date },
) {
  await db
    .updateTable('publicity_reports')
    .set({
      place_decision: v.decision,
      place_reason: v.reason,
      place_project_id: v.projectId,
      place_decided_by: v.by,
      place_decided_at: v.at,
    })
    .where('id', '=', id)
    .execute();
}

export async function evidenceOf(db: Executor, reportIds: string[]) {
  if (!reportIds.length) return [];
  return db
    .selectFrom('publicity_report_evidence')
    .selectAll()
    .where('report_id', 'in', reportIds)
    .orderBy('created_at')
    .orderBy('position')
    .orderBy('id')
    .execute();
}

export async function findEvidence(db: Executor, reportId: string, evidenceId: string) {
  return db
    .selectFrom('publicity_report_evidence')
    .selectAll()
    .where('report_id', '=', reportId)
    .where('id', '=', evidenceId)
    .executeTakeFirst();
}

/** Reports still open (pending) or upheld without the committee's place decision. */
export async function openReportCounts(db: Executor, editionId: string) {
  const row = await db
    .selectFrom('publicity_reports as r')
    .innerJoin('awards as a', 'a.id', 'r.award_id')
    .select((eb) => [
      eb.fn.count<string>(sql`CASE WHEN r.status = 'pending' THEN 1 END`).as('pending'),
      // The place may also be decided from the awards console (results' reassign): the award says.
      eb.fn.count<string>(sql`CASE WHEN r.status = 'upheld' AND a.freed_place IS NULL THEN 1 END`).as('undecided'),
      eb.fn.count<string>(sql`CASE WHEN r.status = 'upheld' THEN 1 END`).as('upheld'),
      eb.fn.countAll<string>().as('all'),
    ])
    .where('r.edition_id', '=', editionId)
    .executeTakeFirstOrThrow();
  return { pending: Number(row.pending), undecided: Number(row.undecided), upheld: Number(row.upheld), all: Number(row.all) };
}

/** The award that took a revoked award's place (递补), if any. */
export async function replacementOf(db: Executor, awardId: string) {
  return db.selectFrom('awards').select(['id', 'project_id']).where('replaces_award_id', '=', awardId).executeTakeFirst();
}
