import { sql, type Kysely } from 'kysely';

/**
 * Effect tracking (issue 15, second half): the enterprise's effect reports (成效报告) at 3, 6
 * and 12 months after the committee's final acceptance, one per period, and the public
 * case text (典型案例) a team writes when it agrees to publish. Whether each side agrees
 * is `implementations.publish_consent_enterprise/team` (migration 0013).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('effect_reports')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('implementation_id', 'uuid', (c) => c.notNull().references('implementations.id').onDelete('cascade'))
    .addColumn('period_months', 'integer', (c) => c.notNull())
    // 经济效益 in figures: 万元 saved, 万元 of new revenue, % efficiency gain (any may be absent, not all).
    .addColumn('cost_saved_wan', sql`numeric(14,2)`)
    .addColumn('revenue_wan', sql`numeric(14,2)`)
    .addColumn('efficiency_pct', sql`numeric(7,2)`)
    .addColumn('economic_note', 'text', (c) => c.notNull().defaultTo(''))
    // 社会效益 in figures [{ name, value, unit }] and in words.
    .addColumn('social_figures', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('social_note', 'text', (c) => c.notNull())
    // The due date the report answered, and whether it came after the grace period.
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('late', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('submitted_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('effect_reports_period_key', ['implementation_id', 'period_months'])
    .addCheckConstraint('effect_reports_period', sql`period_months IN (3, 6, 12)`)
    .addCheckConstraint('effect_reports_economic', sql`cost_saved_wan IS NOT NULL OR revenue_wan IS NOT NULL OR efficiency_pct IS NOT NULL`)
    .execute();

  // The public solution summary of a 典型案例, written by the team with its consent.
  await db.schema
    .createTable('case_summaries')
    .addColumn('implementation_id', 'uuid', (c) => c.primaryKey().references('implementations.id').onDelete('cascade'))
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
