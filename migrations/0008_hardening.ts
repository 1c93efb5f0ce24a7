import { sql, type Kysely } from 'kysely';

/**
 * Hardening (issue 10): server-side sessions (logout, password change and the
 * committee's "sign out everywhere" revoke them at once), organisation invitations
 * (membership needs the person's consent), and an index for the per account + IP
 * login throttle and its pruning.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sessions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('revoked_reason', 'text')
    .addColumn('ip', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('user_agent', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').columns(['user_id', 'created_at']).execute();

  await db.schema
    .createTable('org_invitations')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('invited_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('decided_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('decided_at', 'timestamptz')
    .addCheckConstraint('org_invitations_role', sql`role IN ('admin','member')`)
    .addCheckConstraint('org_invitations_status', sql`status IN ('pending','accepted','declined','cancelled')`)
    .addCheckConstraint('org_invitations_email_lower', sql`email = lower(email)`)
    .execute();
  // One open invitation per organisation and email.
  await sql`CREATE UNIQUE INDEX org_invitations_pending ON org_invitations (org_id, email) WHERE status = 'pending'`.execute(db);
  await db.schema.createIndex('org_invitations_email').on('org_invitations').columns(['email', 'status']).execute();

  await db.schema.createIndex('login_failures_email_ip_at').on('login_failures').columns(['email', 'ip', 'at']).execute();
  await db.schema.createIndex('login_failures_at').on('login_failures').column('at').execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
