import { sql, type Kysely } from 'kysely';

/**
 * After the contest (issue 15, 事后效果追踪): implementations (落地项目) opened by an
 * enterprise with a team from an award or a fair signing, their plan versions,
 * the live milestones of the current plan with the sub-topic's acceptance criteria
 * (验收标准) they carry, evidence files, submissions with figures, reviews, change
 * requests, expert opinions, and the per-edition tracking settings (review days).
 * Rules two requests can race on are constraints: one implementation per source,
 * one pending change request per implementation, one milestone per seq.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('tracking_settings')
    .addColumn('edition_id', 'uuid', (c) => c.primaryKey().references('editions.id').onDelete('cascade'))
    .addColumn('review_days', 'integer', (c) => c.notNull().defaultTo(10))
    .addColumn('updated_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('tracking_settings_review_days', sql`review_days BETWEEN 1 AND 90`)
    .execute();

  await db.schema
    .createTable('implementations')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('edition_id', 'uuid', (c) => c.notNull().references('editions.id'))
    .addColumn('demand_id', 'uuid', (c) => c.notNull().references('demands.id'))
    .addColumn('team_id', 'uuid', (c) => c.notNull().references('teams.id'))
    .addColumn('project_id', 'uuid', (c) => c.references('projects.id'))
    .addColumn('enterprise_org_id', 'uuid', (c) => c.notNull().references('organizations.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    // meetings.id for a fair signing, awards.id for an award (no foreign key: two tables).
    .addColumn('source_id', 'uuid', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('budget_wan', sql`numeric(14,2)`, (c) => c.notNull())
    .addColumn('budget_note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    // 0 while the first plan is a draft; then the version both sides agreed last.
    .addColumn('plan_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('agreed_at', 'timestamptz')
    .addColumn('accepted_at', 'timestamptz')
    .addColumn('accepted_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('acceptance_note', 'text')
    .addColumn('closed_at', 'timestamptz')
    .addColumn('publish_consent_enterprise', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('publish_consent_team', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('implementations_source', sql`source IN ('award','fair_signing')`)
    .addCheckConstraint('implementations_status', sql`status IN ('draft','agreed','in_progress','accepted','closed')`)
    .addCheckConstraint('implementations_budget', sql`budget_wan > 0`)
    .addCheckConstraint('implementations_accepted', sql`(status IN ('accepted','closed')) = (accepted_at IS NOT NULL)`)
    .execute();
  await sql`CREATE UNIQUE INDEX implementations_source_key ON implementations (source, source_id)`.execute(db);
  await db.schema.createIndex('implementations_edition').on('implementations').columns(['edition_id', 'status']).execute();
  await db.schema.createIndex('implementations_org').on('implementations').column('enterprise_org_id').execute();
  await db.schema.createIndex('implementations_team').on('implementations').column('team_id').execute();

  // Every plan version (the draft is version 1 until both agree); milestones as agreed.
  await db.schema
    .createTable('implementation_plans')
    .addColumn('implementation_id', 'uuid', (c) => c.notNull().references('implementations.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('budget_wan', sql`numeric(14,2)`, (c) => c.notNull())
    .addColumn('milestones', 'jsonb', (c) => c.notNull())
    .addColumn('change_request_id', 'uuid')
    .addColumn('created_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('agreed_by_enterprise_at', 'timestamptz')
    .addColumn('agreed_by_enterprise', 'uuid', (c) => c.references('users.id'))
    .addColumn('agreed_by_team_at', 'timestamptz')
    .addColumn('agreed_by_team', 'uuid', (c) => c.references('users.id'))
    .addPrimaryKeyConstraint('implementation_plans_pkey', ['implementation_id', 'version'])
    .addCheckConstraint('implementation_plans_version', sql`version >= 1`)
    .execute();

  // The live milestones of the current plan (the draft's while nothing is agreed).
  await db.schema
    .createTable('milestones')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('implementation_id', 'uuid', (c) => c.notNull().references('implementations.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('deliverables', 'text', (c) => c.notNull())
    .addColumn('due_date', 'date', (c) => c.notNull())
    // Percent of the implementation's budget this milestone releases.
    .addColumn('budget_share', sql`numeric(5,2)`, (c) => c.notNull())
    // [{ ref: index in the sub-topic's acceptanceCriteria | null, text, target: { metric, comparator, value, unit } | null }]
    .addColumn('criteria', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('submitted_at', 'timestamptz')
    .addColumn('review_due_at', 'timestamptz')
    .addColumn('accepted_at', 'timestamptz')
    .addColumn('accepted_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('milestones_seq_key', ['implementation_id', 'seq'])
    .addCheckConstraint('milestones_status', sql`status IN ('pending','submitted','accepted','returned')`)
    .addCheckConstraint('milestones_share', sql`budget_share > 0 AND budget_share <= 100`)
    .addCheckConstraint('milestones_review_due', sql`(status = 'submitted') = (review_due_at IS NOT NULL)`)
    .execute();
  await db.schema.createIndex('milestones_due').on('milestones').columns(['status', 'due_date']).execute();

  // Evidence files (stored through lib/storage after its content checks).
  await db.schema
    .createTable('milestone_evidence')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('milestone_id', 'uuid', (c) => c.notNull().references('milestones.id').onDelete('cascade'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('uploaded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('removed_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('milestone_evidence_milestone').on('milestone_evidence').column('milestone_id').execute();

  // Each submission of a milestone: figures against the criteria's targets (met computed on the server).
  await db.schema
    .createTable('milestone_submissions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('milestone_id', 'uuid', (c) => c.notNull().references('milestones.id').onDelete('cascade'))
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    // [{ criterion: index in the milestone's criteria, value, met }]
    .addColumn('figures', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('evidence_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('submitted_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('milestone_submissions_round_key', ['milestone_id', 'round'])
    .execute();

  await db.schema
    .createTable('milestone_reviews')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('milestone_id', 'uuid', (c) => c.notNull().references('milestones.id').onDelete('cascade'))
    .addColumn('submission_id', 'uuid', (c) => c.notNull().references('milestone_submissions.id').onDelete('cascade'))
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('reviewed_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('reviewed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('overdue', 'boolean', (c) => c.notNull().defaultTo(false))
    .addCheckConstraint('milestone_reviews_decision', sql`decision IN ('accepted','returned')`)
    .addCheckConstraint('milestone_reviews_reason', sql`decision = 'accepted' OR length(reason) > 0`)
    .execute();
  await sql`CREATE UNIQUE INDEX milestone_reviews_submission_key ON milestone_reviews (submission_id)`.execute(db);

  await db.schema
    .createTable('change_requests')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('implementation_id', 'uuid', (c) => c.notNull().references('implementations.id').onDelete('cascade'))
    .addColumn('base_version', 'integer', (c) => c.notNull())
    .addColumn('proposed', 'jsonb', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('proposed_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('proposed_side', 'text', (c) => c.notNull())
    .addColumn('enterprise_accepted_at', 'timestamptz')
    .addColumn('enterprise_accepted_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('team_accepted_at', 'timestamptz')
    .addColumn('team_accepted_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('decided_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decline_reason', 'text')
    .addColumn('result_version', 'integer')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('change_requests_status', sql`status IN ('pending','accepted','declined','withdrawn')`)
    .addCheckConstraint('change_requests_side', sql`proposed_side IN ('enterprise','team')`)
    .execute();
  await sql`CREATE UNIQUE INDEX change_requests_one_pending ON change_requests (implementation_id) WHERE status = 'pending'`.execute(db);

  // 专家意见: asked by the committee or the enterprise, written by an expert.
  await db.schema
    .createTable('expert_opinions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('implementation_id', 'uuid', (c) => c.notNull().references('implementations.id').onDelete('cascade'))
    .addColumn('milestone_id', 'uuid', (c) => c.references('milestones.id').onDelete('cascade'))
    .addColumn('expert_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('opinion', 'text')
    .addColumn('recommendation', 'text')
    .addColumn('answered_at', 'timestamptz')
    .addCheckConstraint('expert_opinions_recommendation', sql`recommendation IS NULL OR recommendation IN ('accept','return','neutral')`)
    .execute();
  await db.schema.createIndex('expert_opinions_expert').on('expert_opinions').columns(['expert_id', 'answered_at']).execute();
  await db.schema.createIndex('expert_opinions_impl').on('expert_opinions').column('implementation_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
