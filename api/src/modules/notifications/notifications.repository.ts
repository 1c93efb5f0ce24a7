import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';

export interface NewNotification {
  kind: string;
  title: string;
  body?: string;
  link?: string | null;
  data?: unknown;
}

/** One row per recipient, in the caller's transaction, so a notification exists exactly when its cause does. */
export async function insertNotifications(db: Executor, userIds: string[], n: NewNotification): Promise<void> {
  const unique = [...new Set(userIds)];
  if (!unique.length) return;
  await db
    .insertInto('notifications')
    .values(
      unique.map((userId) => ({
        user_id: userId,
        kind: n.kind,
        title: n.title,
        body: n.body ?? '',
        link: n.link ?? null,
        data: JSON.stringify(n.data ?? {}),
      })),
    )
    .execute();
}

export async function listNotifications(db: Executor, userId: string, opts: { unreadOnly: boolean; limit: number; offset: number }) {
  let query = db.selectFrom('notifications').where('user_id', '=', userId);
  if (opts.unreadOnly) query = query.where('read_at', 'is', null);
  const [rows, counts] = await Promise.all([
    query.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(opts.limit).offset(opts.offset).execute(),
    db
      .selectFrom('notifications')
      .where('user_id', '=', userId)
      .select([(eb) => eb.fn.countAll<number>().as('total'), sql<number>`count(*) filter (where read_at is null)`.as('unread')])
      .executeTakeFirstOrThrow(),
  ]);
  // With unreadOnly, the total is what the list pages through: the unread ones.
  return { rows, total: Number(opts.unreadOnly ? counts.unread : counts.total), unread: Number(counts.unread) };
}

export async function markRead(db: Executor, userId: string, id: string): Promise<boolean> {
  const result = await db
    .updateTable('notifications')
    .set({ read_at: sql`coalesce(read_at, now())` })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function markAllRead(db: Executor, userId: string): Promise<number> {
  const result = await db
    .updateTable('notifications')
    .set({ read_at: new Date() })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
