import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';

/** The implementations of an edition with both sides' names (for the console's lists). */
function implementationsOf(db: Executor, editionId: string) {
  return db
    .selectFrom('implementations as i')
    .innerJoin('organizations as o', 'o.id', 'i.enterprise_org_id')
    .innerJoin('teams as t', 't.id', 'i.team_id')
    .where('i.edition_id', '=', editionId);
}

/** Milestones past their due date (Beijing day) not yet accepted, in agreed or running implementations. */
export async function overdueMilestones(db: Executor, editionId: string, today: string) {
  return implementationsOf(db, editionId)
    .innerJoin('milestones as m', 'm.implementation_id', 'i.id')
    .select([
      'i.id as implementation_id',
      'i.title',
      'o.name as enterprise_name',
      't.name as team_name',
      'm.id as milestone_id',
      'm.seq',
      'm.title as milestone_title',
      sql<string>`to_char(m.due_date, 'YYYY-MM-DD')`.as('due_date'),
      'm.status as milestone_status',
    ])
    .where('i.status', 'in', ['agreed', 'in_progress'])
    .where('m.status', '<>', 'accepted')
    .where('m.due_date', '<', today)
    .orderBy('m.due_date')
    .orderBy('i.title')
    .execute();
}

/** Submitted milestones whose enterprise review is past `review_due_at`. */
export async function overdueReviews(db: Executor, editionId: string, now: Date) {
  return implementationsOf(db, editionId)
    .innerJoin('milestones as m', 'm.implementation_id', 'i.id')
    .select([
      'i.id as implementation_id',
      'i.title',
      'o.name as enterprise_name',
      't.name as team_name',
      'm.id as milestone_id',
      'm.seq',
      'm.title as milestone_title',
      'm.submitted_at',
      'm.review_due_at',
    ])
    .where('m.status', '=', 'submitted')
    .where('m.review_due_at', '<', now)
    .orderBy('m.review_due_at')
    .execute();
}

/** Accepted implementations of the edition (their effect reports are due at 3, 6, 12 months). */
export async function acceptedImplementations(db: Executor, editionId: string) {
  return implementationsOf(db, editionId)
    .select(['i.id', 'i.title', 'i.status', 'i.accepted_at', 'o.name as enterprise_name', 't.name as team_name'])
    .where('i.status', 'in', ['accepted', 'closed'])
    .where('i.accepted_at', 'is not', null)
    .orderBy('i.accepted_at')
    .execute();
}

export async function countImplementations(db: Executor, editionId: string) {
  const rows = await db
    .selectFrom('implementations')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('edition_id', '=', editionId)
    .groupBy('status')
    .execute();
  return rows.map((r) => ({ status: r.status, n: Number(r.n) }));
}

export async function reviewDaysOf(db: Executor, editionId: string): Promise<number | null> {
  const row = await db.selectFrom('tracking_settings').select('review_days').where('edition_id', '=', editionId).executeTakeFirst();
  return row?.review_days ?? null;
}

/** The committee's review time for an edition (created on first change). */
export async function upsertReviewDays(db: Executor, editionId: string, reviewDays: number, userId: string) {
  await db
    .insertInto('tracking_settings')
    .values({ edition_id: editionId, review_days: reviewDays, updated_by: userId })
    .onConflict((oc) => oc.column('edition_id').doUpdateSet({ review_days: reviewDays, updated_by: userId, updated_at: sql`now()` }))
    .execute();
}
