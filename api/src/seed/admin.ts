import { sql } from 'kysely';
import type { DB } from '../db/database.ts';
import type { PlatformRole } from '../db/schema.ts';
import { hashPassword } from '../modules/auth/passwords.ts';

/** ADMIN_EMAIL/ADMIN_PASSWORD: creates the committee account, or resets its password and adds the role. */
export async function ensureAdmin(db: DB, admin: { email: string; password: string }): Promise<void> {
  const email = admin.email.toLowerCase();
  const passwordHash = await hashPassword(admin.password);
  await db
    .insertInto('users')
    .values({ email, password_hash: passwordHash, display_name: '平台管理员', roles: ['committee'] })
    .onConflict((oc) =>
      oc.column('email').doUpdateSet({
        password_hash: passwordHash,
        roles: sql<PlatformRole[]>`(select array_agg(distinct r) from unnest(users.roles || '{committee}'::text[]) r)`,
        updated_at: new Date(),
      }),
    )
    .execute();
}
