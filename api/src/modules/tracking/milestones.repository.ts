import { sql, type Insertable, type Updateable } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type {
  ChangeRequestsTable,
  ExpertOpinionsTable,
  MilestoneEvidenceTable,
  MilestoneReviewsTable,
  MilestonesTable,
  MilestoneSubmissionsTable,
  PlannedMilestone,
} from '../../db/schema.ts';

/** All SQL of milestones, their evidence, submissions and reviews, change requests and expert opinions. */

/** Milestone rows with the due date as 'YYYY-MM-DD' (pg would give a Date at local midnight). */
const milestones = (db: Executor) =>
  db
    .selectFrom('milestones')
    .selectAll()
    .select(sql<string>`due_date::text`.as('due_date'));

export async function listMilestones(db: Executor, implementationId: string) {
  return milestones(db).where('implementation_id', '=', implementationId).orderBy('seq').execute();
}

export async function findMilestone(db: Executor, id: string) {
  return milestones(db).where('id', '=', id).executeTakeFirst();
}

export async function lockMilestone(db: Executor, id: string) {
  return milestones(db).where('id', '=', id).forUpdate().executeTakeFirst();
}

const rowOf = (implementationId: string, m: PlannedMilestone): Insertable<MilestonesTable> => ({
  implementation_id: implementationId,
  seq: m.seq,
  title: m.title,
  deliverables: m.deliverables,
  due_date: m.dueDate,
  budget_share: m.budgetShare,
  criteria: JSON.stringify(m.criteria),
});

/** Replaces the live milestones by the plan's: same seq updated (status kept), new ones inserted, missing ones removed. */
export async function applyPlanMilestones(db: Executor, implementationId: string, plan: PlannedMilestone[]) {
  const current = await listMilestones(db, implementationId);
  for (const m of plan) {
    const row = rowOf(implementationId, m);
    if (current.some((c) => c.seq === m.seq)) {
      await db
        .updateTable('milestones')
        .set({
          title: row.title,
          deliverables: row.deliverables,
          due_date: row.due_date,
          budget_share: row.budget_share,
          criteria: row.criteria,
          updated_at: sql`now()`,
        })
        .where('implementation_id', '=', implementationId)
        .where('seq', '=', m.seq)
        .execute();
    } else {
      await db.insertInto('milestones').values(row).execute();
    }
  }
  const gone = current.filter((c) => !plan.some((m) => m.seq === c.seq)).map((c) => c.id);
  if (gone.length) await db.deleteFrom('milestones').where('id', 'in', gone).execute();
}

export async function updateMilestone(db: Executor, id: string, values: Updateable<MilestonesTable>) {
  await db
    .updateTable('milestones')
    .set({ ...values, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

// --- evidence

export async function insertEvidence(db: Executor, values: Insertable<MilestoneEvidenceTable>) {
  return db.insertInto('milestone_evidence').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function findEvidence(db: Executor, milestoneId: string, id: string) {
  return db.selectFrom('milestone_evidence').selectAll().where('milestone_id', '=', milestoneId).where('id', '=', id).executeTakeFirst();
}

export async function markEvidenceRemoved(db: Executor, id: string) {
  await db
    .updateTable('milestone_evidence')
    .set({ removed_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

export async function listEvidence(db: Executor, milestoneIds: string[]) {
  if (!milestoneIds.length) return [];
  return db.selectFrom('milestone_evidence').selectAll().where('milestone_id', 'in', milestoneIds).orderBy('uploaded_at').execute();
}

// --- submissions and reviews

export async function insertSubmission(db: Executor, values: Insertable<MilestoneSubmissionsTable>) {
  return db.insertInto('milestone_submissions').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function countSubmissions(db: Executor, milestoneId: string) {
  const row = await db
    .selectFrom('milestone_submissions')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('milestone_id', '=', milestoneId)
    .executeTakeFirstOrThrow();
  return row.n;
}

export async function submissionCounts(db: Executor, milestoneIds: string[]) {
  if (!milestoneIds.length) return new Map<string, number>();
  const rows = await db
    .selectFrom('milestone_submissions')
    .select(['milestone_id', sql<number>`count(*)::int`.as('n')])
    .where('milestone_id', 'in', milestoneIds)
    .groupBy('milestone_id')
    .execute();
  return new Map(rows.map((r) => [r.milestone_id, r.n]));
}

export async function latestSubmission(db: Executor, milestoneId: string) {
  return db
    .selectFrom('milestone_submissions')
    .selectAll()
    .where('milestone_id', '=', milestoneId)
    .orderBy('round', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function listSubmissions(db: Executor, milestoneIds: string[]) {
  if (!milestoneIds.length) return [];
  return db
    .selectFrom('milestone_submissions as s')
    .leftJoin('milestone_reviews as r', 'r.submission_id', 's.id')
    .selectAll('s')
    .select(['r.decision', 'r.reason', 'r.reviewed_at', 'r.reviewed_by', 'r.overdue'])
    .where('s.milestone_id', 'in', milestoneIds)
    .orderBy('s.round')
    .execute();
}

export async function insertReview(db: Executor, values: Insertable<MilestoneReviewsTable>) {
  await db.insertInto('milestone_reviews').values(values).execute();
}

// --- change requests

export async function insertChangeRequest(db: Executor, values: Insertable<ChangeRequestsTable>) {
  return db.insertInto('change_requests').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function findChangeRequest(db: Executor, id: string) {
  return db.selectFrom('change_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function lockChangeRequest(db: Executor, id: string) {
  return db.selectFrom('change_requests').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateChangeRequest(db: Executor, id: string, values: Updateable<ChangeRequestsTable>) {
  await db.updateTable('change_requests').set(values).where('id', '=', id).execute();
}

export async function pendingChangeRequest(db: Executor, implementationId: string) {
  return db
    .selectFrom('change_requests')
    .select('id')
    .where('implementation_id', '=', implementationId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
}

export async function listChangeRequests(db: Executor, implementationId: string) {
  return db
    .selectFrom('change_requests')
    .selectAll()
    .where('implementation_id', '=', implementationId)
    .orderBy('created_at', 'desc')
    .execute();
}

// --- expert opinions

export async function insertOpinion(db: Executor, values: Insertable<ExpertOpinionsTable>) {
  return db.insertInto('expert_opinions').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function lockOpinion(db: Executor, id: string) {
  return db.selectFrom('expert_opinions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function answerOpinion(db: Executor, id: string, values: Pick<Updateable<ExpertOpinionsTable>, 'opinion' | 'recommendation'>) {
  await db
    .updateTable('expert_opinions')
    .set({ ...values, answered_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

function opinionsQuery(db: Executor) {
  return db
    .selectFrom('expert_opinions as e')
    .innerJoin('implementations as i', 'i.id', 'e.implementation_id')
    .innerJoin('users as x', 'x.id', 'e.expert_id')
    .innerJoin('users as q', 'q.id', 'e.requested_by')
    .selectAll('e')
    .select(['i.title as implementation_title', 'x.display_name as expert_name', 'q.display_name as requester_name'])
    .orderBy('e.requested_at', 'desc');
}
export type OpinionRow = Awaited<ReturnType<typeof listOpinions>>[number];

export async function listOpinions(db: Executor, filter: { implementationId?: string; expertId?: string; id?: string }) {
  let q = opinionsQuery(db);
  if (filter.implementationId) q = q.where('e.implementation_id', '=', filter.implementationId);
  if (filter.expertId) q = q.where('e.expert_id', '=', filter.expertId);
  if (filter.id) q = q.where('e.id', '=', filter.id);
  return q.execute();
}
