import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';

/** SQL of Q&A questions (答疑). */

export async function findDemandForChat(db: Executor, id: string) {
  return db
    .selectFrom('demands')
    .select([
      'id',
      'org_id',
      'edition_id',
      'status',
      'bid_deadline',
      'published_content',
      sql<string>`coalesce(published_content->>'title', content->>'title')`.as('title'),
    ])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function teamOfUserInEdition(db: Executor, userId: string, editionId: string): Promise<string | null> {
  const row = await db
    .selectFrom('team_members')
    .select('team_id')
    .where('user_id', '=', userId)
    .where('edition_id', '=', editionId)
    .executeTakeFirst();
  return row?.team_id ?? null;
}

function questions(db: Executor) {
  return db
    .selectFrom('chat_questions as q')
    .innerJoin('teams as t', 't.id', 'q.team_id')
    .innerJoin('users as u', 'u.id', 'q.asked_by')
    .selectAll('q')
    .select(['t.name as team_name', 'u.display_name as asker_name']);
}
export type QuestionRow = NonNullable<Awaited<ReturnType<typeof findQuestion>>>;

export async function findQuestion(db: Executor, id: string) {
  return questions(db).where('q.id', '=', id).executeTakeFirst();
}

export async function lockQuestion(db: Executor, id: string) {
  return db.selectFrom('chat_questions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function listQuestions(db: Executor, demandId: string, teamId: string | null) {
  let query = questions(db).where('q.demand_id', '=', demandId);
  if (teamId) query = query.where('q.team_id', '=', teamId);
  return query.orderBy('q.created_at', 'desc').limit(500).execute();
}

export async function listPublicAnswers(db: Executor, demandId: string) {
  const [items, channel] = await Promise.all([
    db
      .selectFrom('chat_questions')
      .select(['id', 'text', 'answer', 'answered_at', 'published_at'])
      .where('demand_id', '=', demandId)
      .where('to_all', '=', true)
      .orderBy('published_at')
      .execute(),
    db.selectFrom('chat_channels').select('id').where('kind', '=', 'qa').where('demand_id', '=', demandId).executeTakeFirst(),
  ]);
  return { items, channelId: channel?.id ?? null };
}

export async function insertQuestion(db: Executor, row: { demand_id: string; team_id: string; asked_by: string; text: string }) {
  return db.insertInto('chat_questions').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function updateQuestion(
  db: Executor,
  id: string,
  patch: { answer?: string; answered_by?: string; answered_at?: Date; to_all?: boolean; published_by?: string; published_at?: Date },
) {
  await db.updateTable('chat_questions').set(patch).where('id', '=', id).execute();
}

export async function countRecentQuestions(db: Executor, userId: string): Promise<number> {
  const row = await db
    .selectFrom('chat_questions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('asked_by', '=', userId)
    .where('created_at', '>', sql<Date>`now() - interval '1 hour'`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function orgMemberIds(db: Executor, orgId: string): Promise<string[]> {
  return (await db.selectFrom('org_members').select('user_id').where('org_id', '=', orgId).execute()).map((r) => r.user_id);
}

export async function teamMemberIds(db: Executor, teamId: string): Promise<string[]> {
  return (await db.selectFrom('team_members').select('user_id').where('team_id', '=', teamId).execute()).map((r) => r.user_id);
}
