import type { DB } from '../../db/database.ts';
import type { UserRow } from '../../db/schema.ts';
import { notFound } from '../../errors.ts';
import * as repo from './notifications.repository.ts';

/** One page of the user's notifications, with their unread count (whatever the filter). */
export async function listNotifications(db: DB, user: UserRow, query: { unread?: string | boolean; page: number; pageSize: number }) {
  const { rows, total, unread } = await repo.listNotifications(db, user.id, {
    unreadOnly: !!query.unread,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return {
    items: rows.map((n) => ({
      id: n.id,
      kind: n.kind,
      title: n.title,
      body: n.body,
      link: n.link,
      data: n.data,
      readAt: n.read_at?.toISOString() ?? null,
      createdAt: n.created_at.toISOString(),
    })),
    total,
    unread,
  };
}

export async function markRead(db: DB, user: UserRow, id: string): Promise<void> {
  // Someone else's notification looks the same as a missing one.
  if (!(await repo.markRead(db, user.id, id))) throw notFound('通知');
}

export async function markAllRead(db: DB, user: UserRow): Promise<{ marked: number }> {
  return { marked: await repo.markAllRead(db, user.id) };
}
