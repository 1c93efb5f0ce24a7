import { sql, type Kysely } from 'kysely';

/**
 * From ranking to winners (issue 14, first half): per-edition result settings, the
 * advancement computation of a preliminary round, the finalists with their technical
 * verification (and evidence files) and backfill, the awards of the final, and the
 * append-only decision log every step writes to (a trigger refuses UPDATE, DELETE and
 * TRUNCATE on it).
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Per edition. Advancement: a total number of places or a ratio of eligible projects.
  // reserved_ratio: the advancement ratio of sub-topic projects (higher than regular ones).
  // award_ratios: {first, second, third, special} as shares of a track's teams in the final.
  // final_enterprise_weight: the enterprise's share (percent, 0–100) of a sub-topic finalist's final score.
  await db.schema
    .createTable('result_settings')
    .addColumn('edition_id', 'uuid', (c) => c.primaryKey().references('editions.id').onDelete('cascade'))
    .addColumn('advancement_mode', 'text', (c) => c.notNull().defaultTo('ratio'))
    .addColumn('advancement_total', 'integer')
    .addColumn('advancement_ratio', 'real')
    .addColumn('reserved_ratio', 'real', (c) => c.notNull().defaultTo(0.6))
    .addColumn('tie_rule', 'text', (c) => c.notNull().defaultTo('include_ties'))
    .addColumn('award_ratios', 'jsonb', (c) => c.notNull())
    .addColumn('final_enterprise_weight', 'real', (c) => c.notNull().defaultTo(50))
    .addColumn('updated_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('result_settings_mode', sql`advancement_mode IN ('total','ratio')`)
    .addCheckConstraint('result_settings_tie_rule', sql`tie_rule IN ('include_ties','tie_break')`)
    .addCheckConstraint('result_settings_total', sql`advancement_total IS NULL OR advancement_total >= 0`)
    .addCheckConstraint('result_settings_ratio', sql`advancement_ratio IS NULL OR (advancement_ratio > 0 AND advancement_ratio <= 1)`)
    .addCheckConstraint('result_settings_reserved_ratio', sql`reserved_ratio >= 0 AND reserved_ratio <= 1`)
    .addCheckConstraint('result_settings_final_weight', sql`final_enterprise_weight >= 0 AND final_enterprise_weight <= 100`)
    .execute();

  // One advancement computation per round (the preliminary); recomputed while proposed.
  await db.schema
    .createTable('advancements')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('edition_id', 'uuid', (c) => c.notNull().references('editions.id'))
    .addColumn('round_id', 'uuid', (c) => c.notNull().references('review_rounds.id').unique())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('proposed'))
    .addColumn('settings', 'jsonb', (c) => c.notNull())
    .addColumn('computation', 'jsonb', (c) => c.notNull())
    .addColumn('computation_hash', 'text', (c) => c.notNull())
    .addColumn('computed_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('computed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('confirmed_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('confirmed_at', 'timestamptz')
    .addCheckConstraint('advancements_status', sql`status IN ('proposed','confirmed')`)
    .addCheckConstraint('advancements_confirmed', sql`status <> 'confirmed' OR confirmed_at IS NOT NULL`)
    .execute();

  await db.schema
    .createTable('finalists')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('edition_id', 'uuid', (c) => c.notNull().references('editions.id'))
    .addColumn('advancement_id', 'uuid', (c) => c.notNull().references('advancements.id'))
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('projects.id'))
    .addColumn('team_id', 'uuid', (c) => c.notNull().references('teams.id'))
    .addColumn('track_id', 'uuid', (c) => c.notNull().references('tracks.id'))
    .addColumn('demand_id', 'uuid', (c) => c.references('demands.id'))
    .addColumn('place_kind', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('preliminary_rank', 'integer', (c) => c.notNull())
    .addColumn('preliminary_score', 'real')
    .addColumn('replaces_finalist_id', 'uuid', (c) => c.references('finalists.id'))
    .addColumn('verification_reason', 'text')
    .addColumn('verified_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('verified_at', 'timestamptz')
    .addColumn('evidence_request', 'text')
    .addColumn('evidence_requested_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('evidence_requested_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('finalists_place_kind', sql`place_kind IN ('reserved','regular')`)
    .addCheckConstraint('finalists_source', sql`source IN ('initial','backfill')`)
    .addCheckConstraint('finalists_status', sql`status IN ('pending','passed','failed','withdrawn')`)
    .addCheckConstraint('finalists_fail_reason', sql`status <> 'failed' OR verification_reason IS NOT NULL`)
    .addUniqueConstraint('finalists_edition_project', ['edition_id', 'project_id'])
    .execute();
  await db.schema.createIndex('finalists_edition_track').on('finalists').columns(['edition_id', 'track_id']).execute();

  // Files a team uploads when the committee asks for verification evidence.
  await db.schema
    .createTable('finalist_evidence')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('finalist_id', 'uuid', (c) => c.notNull().references('finalists.id').onDelete('cascade'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('sha256', 'char(64)', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('uploaded_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('uploaded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('finalist_evidence_finalist').on('finalist_evidence').column('finalist_id').execute();

  await db.schema
    .createTable('decision_log')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('edition_id', 'uuid', (c) => c.notNull().references('editions.id'))
    .addColumn('actor_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text')
    .addColumn('data', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('reason', 'text')
    .execute();
  await db.schema.createIndex('decision_log_edition').on('decision_log').columns(['edition_id', 'id']).execute();
  await sql`
    CREATE FUNCTION decision_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'decision_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
    END;
    $$`.execute(db);
  await sql`CREATE TRIGGER decision_log_no_update BEFORE UPDATE OR DELETE ON decision_log
    FOR EACH ROW EXECUTE FUNCTION decision_log_refuse_change()`.execute(db);
  await sql`CREATE TRIGGER decision_log_no_truncate BEFORE TRUNCATE ON decision_log
    FOR EACH STATEMENT EXECUTE FUNCTION decision_log_refuse_change()`.execute(db);

  await db.schema
    .createTable('awards')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('edition_id', 'uuid', (c) => c.notNull().references('editions.id'))
    .addColumn('round_id', 'uuid', (c) => c.references('review_rounds.id'))
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('projects.id'))
    .addColumn('team_id', 'uuid', (c) => c.notNull().references('teams.id'))
    .addColumn('track_id', 'uuid', (c) => c.notNull().references('tracks.id'))
    .addColumn('demand_id', 'uuid', (c) => c.references('demands.id'))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('proposed'))
    .addColumn('final_rank', 'integer')
    .addColumn('final_score', 'real')
    .addColumn('priority_recommendation', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('proposed_level', 'text', (c) => c.notNull())
    .addColumn('adjusted_reason', 'text')
    .addColumn('adjusted_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('adjusted_at', 'timestamptz')
    .addColumn('proposed_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('proposed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('approved_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('approved_at', 'timestamptz')
    .addColumn('revoked_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('revoked_reason', 'text')
    .addColumn('report_id', 'uuid')
    .addColumn('replaces_award_id', 'uuid', (c) => c.references('awards.id'))
    // After a revocation: did the committee move the freed place to the next project?
    .addColumn('freed_place', 'text')
    .addColumn('freed_decided_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('freed_decided_at', 'timestamptz')
    .addCheckConstraint('awards_freed_place', sql`freed_place IS NULL OR freed_place IN ('moved','vacant')`)
    .addCheckConstraint('awards_level', sql`level IN ('first','second','third','special')`)
    .addCheckConstraint('awards_proposed_level', sql`proposed_level IN ('first','second','third','special','none')`)
    .addCheckConstraint('awards_status', sql`status IN ('proposed','approved','revoked')`)
    .addCheckConstraint('awards_revoked_reason', sql`status <> 'revoked' OR revoked_reason IS NOT NULL`)
    .execute();
  await sql`CREATE UNIQUE INDEX awards_live_project ON awards (edition_id, project_id) WHERE status <> 'revoked'`.execute(db);
  await db.schema.createIndex('awards_edition_track').on('awards').columns(['edition_id', 'track_id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
