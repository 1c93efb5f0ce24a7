import { sql, type Kysely } from 'kysely';

/**
 * Demand sub-topics (企业需求子赛题), their history, followers, and in-app notifications.
 *
 * A demand holds its working copy in `content` and, once approved, the public
 * version in `published_content`. Re-editing a published demand sends the
 * working copy back to review while the public keeps seeing the approved one.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('demands')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id'))
    .addColumn('edition_id', 'uuid', (c) => c.notNull().references('editions.id'))
    .addColumn('topic_id', 'uuid', (c) => c.notNull().references('topics.id'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('content', 'jsonb', (c) => c.notNull())
    .addColumn('published_content', 'jsonb')
    .addColumn('published_version', 'integer')
    .addColumn('published_at', 'timestamptz')
    .addColumn('bid_deadline', 'timestamptz')
    .addColumn('review_reason', 'text')
    .addColumn('disqualified_reason', 'text')
    .addColumn('submitted_at', 'timestamptz')
    .addColumn('created_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'demands_status',
      sql`status IN ('draft','pending_review','published','rejected','closed','disqualified','withdrawn')`,
    )
    .addCheckConstraint(
      'demands_published_needs_content',
      sql`status NOT IN ('published','closed','disqualified') OR published_content IS NOT NULL`,
    )
    .execute();
  await db.schema.createIndex('demands_org').on('demands').column('org_id').execute();
  await db.schema.createIndex('demands_topic').on('demands').column('topic_id').execute();
  await db.schema.createIndex('demands_edition_status').on('demands').columns(['edition_id', 'status']).execute();

  // Every transition and edit: actor, time, from, to, reason (留档备查).
  await db.schema
    .createTable('demand_events')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('demand_id', 'uuid', (c) => c.notNull().references('demands.id').onDelete('cascade'))
    .addColumn('actor_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('data', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('demand_events_demand').on('demand_events').columns(['demand_id', 'id']).execute();

  await db.schema
    .createTable('demand_follows')
    .addColumn('demand_id', 'uuid', (c) => c.notNull().references('demands.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('demand_follows_pkey', ['demand_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('link', 'text')
    .addColumn('data', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('read_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('notifications_user_created').on('notifications').columns(['user_id', 'created_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
