import { sql, type Kysely } from 'kysely';

/**
 * Joint review (联合评审): the expert pool with dated affiliations, links between
 * organisations (parent / subsidiary / holding), the reviewers an enterprise names for
 * its sub-topics, review rounds with their projects, conflicts of interest with their
 * evidence, the expert assignment and the review tasks that carry the scores.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('experts')
    .addColumn('user_id', 'uuid', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('fields', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('track_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'::uuid[]`))
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('expert_affiliations')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('experts.user_id').onDelete('cascade'))
    .addColumn('org_id', 'uuid', (c) => c.references('organizations.id'))
    .addColumn('org_name', 'text', (c) => c.notNull())
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('from_date', 'date', (c) => c.notNull())
    .addColumn('to_date', 'date')
    .addCheckConstraint('expert_affiliations_dates', sql`to_date IS NULL OR to_date >= from_date`)
    .execute();
  await db.schema.createIndex('expert_affiliations_user').on('expert_affiliations').column('user_id').execute();

  // orgId is <relation> of linkedOrgId (parent: orgId is the parent). Conflicts read links both ways.
  await db.schema
    .createTable('org_links')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('linked_org_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('org_links_relation', sql`relation IN ('parent','subsidiary','holding')`)
    .addCheckConstraint('org_links_distinct', sql`org_id <> linked_org_id`)
    .addUniqueConstraint('org_links_pair', ['org_id', 'linked_org_id'])
    .execute();
  await db.schema.createIndex('org_links_linked').on('org_links').column('linked_org_id').execute();

  await db.schema
    .createTable('demand_reviewers')
    .addColumn('demand_id', 'uuid', (c) => c.notNull().references('demands.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('added_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('demand_reviewers_pkey', ['demand_id', 'user_id'])
    .execute();

  // Per-edition review settings: indicator weights, which total ranks, outlier margin.
  await db.schema
    .createTable('review_settings')
    .addColumn('edition_id', 'uuid', (c) => c.primaryKey().references('editions.id').onDelete('cascade'))
    .addColumn('indicator_weights', 'jsonb', (c) => c.notNull())
    .addColumn('rank_by', 'text', (c) => c.notNull().defaultTo('normalised'))
    .addColumn('outlier_margin', 'real', (c) => c.notNull().defaultTo(15))
    .addColumn('updated_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('review_settings_rank_by', sql`rank_by IN ('raw','normalised')`)
    .execute();

  await db.schema
    .createTable('review_rounds')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('edition_id', 'uuid', (c) => c.notNull().references('editions.id').onDelete('restrict'))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('experts_per_project', 'integer')
    .addColumn('max_per_expert', 'integer')
    .addColumn('last_run', 'jsonb')
    .addColumn('snapshot', 'jsonb')
    .addColumn('snapshot_hash', 'text')
    .addColumn('created_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('closed_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('closed_at', 'timestamptz')
    .addCheckConstraint('review_rounds_stage', sql`stage IN ('preliminary','final')`)
    .addCheckConstraint('review_rounds_status', sql`status IN ('open','closed')`)
    .addUniqueConstraint('review_rounds_edition_stage', ['edition_id', 'stage'])
    .execute();

  // The projects of a round (submitted and eligible), with the version under review.
  await db.schema
    .createTable('review_round_projects')
    .addColumn('round_id', 'uuid', (c) => c.notNull().references('review_rounds.id').onDelete('cascade'))
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('projects.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('added_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('review_round_projects_pkey', ['round_id', 'project_id'])
    .execute();

  await db.schema
    .createTable('review_conflicts')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('round_id', 'uuid', (c) => c.notNull().references('review_rounds.id').onDelete('cascade'))
    .addColumn('reviewer_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('projects.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('evidence_key', 'text', (c) => c.notNull())
    .addColumn('evidence', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('stale', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('dismissed_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('dismissed_reason', 'text')
    .addColumn('dismissed_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('review_conflicts_status', sql`status IN ('active','dismissed')`)
    .addCheckConstraint('review_conflicts_dismiss_reason', sql`status <> 'dismissed' OR dismissed_reason IS NOT NULL`)
    .addUniqueConstraint('review_conflicts_key', ['round_id', 'reviewer_id', 'project_id', 'source', 'evidence_key'])
    .execute();
  await db.schema.createIndex('review_conflicts_project_reviewer').on('review_conflicts').columns(['project_id', 'reviewer_id']).execute();

  // An expert on a panel (a sub-topic: all its bids) or on a regular project.
  await db.schema
    .createTable('review_assignments')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('round_id', 'uuid', (c) => c.notNull().references('review_rounds.id').onDelete('cascade'))
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('expert_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('fit', 'real', (c) => c.notNull().defaultTo(0))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('review_assignments_source', sql`source IN ('solver','manual')`)
    .addUniqueConstraint('review_assignments_key', ['round_id', 'item_id', 'expert_id'])
    .execute();

  await db.schema
    .createTable('review_tasks')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('round_id', 'uuid', (c) => c.notNull().references('review_rounds.id').onDelete('cascade'))
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('projects.id'))
    .addColumn('reviewer_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('declared_at', 'timestamptz')
    .addColumn('declaration_note', 'text')
    .addColumn('scores', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('total', 'real')
    .addColumn('submitted_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('review_tasks_role', sql`role IN ('enterprise','expert')`)
    .addCheckConstraint('review_tasks_status', sql`status IN ('pending','accepted','conflict','submitted','removed')`)
    .execute();
  await sql`CREATE UNIQUE INDEX review_tasks_live_key ON review_tasks (round_id, project_id, reviewer_id) WHERE status <> 'removed'`.execute(
    db,
  );
  await db.schema.createIndex('review_tasks_reviewer').on('review_tasks').column('reviewer_id').execute();
  await db.schema.createIndex('review_tasks_round_project').on('review_tasks').columns(['round_id', 'project_id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
