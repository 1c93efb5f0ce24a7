import { sql, type Kysely } from 'kysely';

/**
 * 公示与举报 (issue 14, second half): an edition's publicity notice of its approved winners
 * (start, end = start + rules.publicityDays), real-name reports about a winning project with
 * their evidence files, the supervisor's ruling and, for an upheld report, the committee's
 * decision whether the freed place moves to the next project.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('publicity_notices')
    .addColumn('edition_id', 'uuid', (c) => c.primaryKey().references('editions.id').onDelete('restrict'))
    .addColumn('start_at', 'timestamptz', (c) => c.notNull())
    .addColumn('end_at', 'timestamptz', (c) => c.notNull())
    .addColumn('days', 'integer', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('opened_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('publicity_notices_dates', sql`end_at > start_at`)
    .execute();

  await db.schema
    .createTable('publicity_reports')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('edition_id', 'uuid', (c) => c.notNull().references('editions.id').onDelete('restrict'))
    .addColumn('award_id', 'uuid', (c) => c.notNull().references('awards.id').onDelete('restrict'))
    .addColumn('reporter_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('real_name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('ruling', 'text')
    .addColumn('ruled_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('ruled_at', 'timestamptz')
    .addColumn('place_decision', 'text')
    .addColumn('place_reason', 'text')
    .addColumn('place_project_id', 'uuid', (c) => c.references('projects.id'))
    .addColumn('place_decided_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('place_decided_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('publicity_reports_status', sql`status IN ('pending','upheld','rejected')`)
    .addCheckConstraint('publicity_reports_ruling', sql`status = 'pending' OR (ruling IS NOT NULL AND ruled_by IS NOT NULL)`)
    .addCheckConstraint(
      'publicity_reports_place',
      sql`place_decision IS NULL OR (status = 'upheld' AND place_decision IN ('moved','vacant'))`,
    )
    .execute();
  await db.schema.createIndex('publicity_reports_edition').on('publicity_reports').columns(['edition_id', 'status']).execute();
  await db.schema.createIndex('publicity_reports_reporter').on('publicity_reports').column('reporter_id').execute();
  await db.schema.createIndex('publicity_reports_award').on('publicity_reports').column('award_id').execute();

  await db.schema
    .createTable('publicity_report_evidence')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('report_id', 'uuid', (c) => c.notNull().references('publicity_reports.id').onDelete('cascade'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    // The order the reporter attached the files in.
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('publicity_report_evidence_report').on('publicity_report_evidence').column('report_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
