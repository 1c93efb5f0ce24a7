import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { NewUser, PlatformRole, UserRow } from '../../db/schema.ts';

export async function findUserById(db: Executor, id: string): Promise<UserRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUserByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
}

/** Inserts unless the email exists; returns undefined on a duplicate so callers can answer 409 without a race. */
export async function insertUser(db: Executor, user: NewUser): Promise<UserRow | undefined> {
  return db
    .insertInto('users')
    .values(user)
    .onConflict((oc) => oc.column('email').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function updateUserRoles(db: Executor, id: string, roles: PlatformRole[]): Promise<UserRow | undefined> {
  return db.updateTable('users').set({ roles, updated_at: new Date() }).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function updateUserPassword(db: Executor, id: string, passwordHash: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash, updated_at: new Date() }).where('id', '=', id).execute();
}

export async function listUsers(
  db: Executor,
  filter: { q?: string; role?: PlatformRole; limit: number; offset: number },
): Promise<{ rows: UserRow[]; total: number }> {
  let query = db.selectFrom('users');
  if (filter.q) {
    const like = `%${filter.q.toLowerCase()}%`;
    query = query.where((eb) => eb.or([eb('email', 'like', like), eb(sql`lower(display_name)`, 'like', like)]));
  }
  if (filter.role) query = query.where(sql<boolean>`${filter.role} = ANY(roles)`);
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('created_at', 'desc').limit(filter.limit).offset(filter.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function recentLoginFailures(
  db: Executor,
  email: string,
  ip: string,
  sinceSeconds: number,
): Promise<{ count: number; last: Date | null }> {
  const row = await db
    .selectFrom('login_failures')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('at').as('last')])
    .where('email', '=', email)
    .where('ip', '=', ip)
    .where('at', '>', sql<Date>`now() - make_interval(secs => ${sinceSeconds})`)
    .executeTakeFirstOrThrow();
  return { count: Number(row.n), last: row.last ? new Date(row.last as Date) : null };
}

export async function recordLoginFailure(db: Executor, email: string, ip: string): Promise<void> {
  await db.insertInto('login_failures').values({ email, ip }).execute();
}

export async function clearLoginFailures(db: Executor, email: string, ip: string): Promise<void> {
  await db.deleteFrom('login_failures').where('email', '=', email).where('ip', '=', ip).execute();
}

/** Failures older than `olderThanSeconds` no longer count; delete them. */
export async function pruneLoginFailures(db: Executor, olderThanSeconds: number): Promise<number> {
  const result = await db
    .deleteFrom('login_failures')
    .where('at', '<', sql<Date>`now() - make_interval(secs => ${olderThanSeconds})`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
