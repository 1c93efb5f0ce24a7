import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { SessionRow, UserRow } from '../../db/schema.ts';

export async function insertSession(
  db: Executor,
  session: { user_id: string; expires_at: Date; ip: string; user_agent: string },
): Promise<SessionRow> {
  return db.insertInto('sessions').values(session).returningAll().executeTakeFirstOrThrow();
}

/** The session and its user, when the session is neither revoked nor expired. */
export async function findActiveSessionWithUser(
  db: Executor,
  sessionId: string,
): Promise<{ session: SessionRow; user: UserRow } | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return undefined;
  const session = await db
    .selectFrom('sessions')
    .selectAll()
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
  if (!session) return undefined;
  const user = await db.selectFrom('users').selectAll().where('id', '=', session.user_id).executeTakeFirst();
  return user ? { session, user } : undefined;
}

/** Marks the session seen, at most once a minute (keeps writes rare). */
export async function touchSession(db: Executor, sessionId: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: sql`now()` })
    .where('id', '=', sessionId)
    .where('last_seen_at', '<', sql<Date>`now() - interval '1 minute'`)
    .execute();
}

export async function listActiveSessions(db: Executor, userId: string): Promise<SessionRow[]> {
  return db
    .selectFrom('sessions')
    .selectAll()
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .orderBy('last_seen_at', 'desc')
    .execute();
}

/** Revokes sessions of a user (all, or the given ones); returns the ids revoked now. */
export async function revokeSessions(
  db: Executor,
  userId: string,
  reason: string,
  only?: { ids?: string[]; exceptId?: string },
): Promise<string[]> {
  let query = db
    .updateTable('sessions')
    .set({ revoked_at: sql`now()`, revoked_reason: reason })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  if (only?.ids) {
    if (!only.ids.length) return [];
    query = query.where('id', 'in', only.ids);
  }
  if (only?.exceptId) query = query.where('id', '<>', only.exceptId);
  const rows = await query.returning('id').execute();
  return rows.map((r) => r.id);
}

/** Expired or long-revoked sessions serve no one; drop them. */
export async function pruneSessions(db: Executor): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where((eb) =>
      eb.or([eb('expires_at', '<', sql<Date>`now() - interval '1 day'`), eb('revoked_at', '<', sql<Date>`now() - interval '30 days'`)]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
