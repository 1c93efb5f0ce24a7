import { sql, type Kysely } from 'kysely';

/**
 * The docking fair (供需对接会) and matching: capability profiles of teams, fairs
 * with their programme, registered participants with availability, meeting
 * requests, meetings placed in a slot at a table, check-ins and outcomes, and the
 * record of every schedule run. The rules two requests can race on are
 * constraints: one active request per pair, one request per meeting, no table used
 * twice in a slot, nobody in two meetings in one slot, one outcome per side.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // 能力画像 of a team (prefilled from its project, edited by the team).
  await db.schema
    .createTable('capability_profiles')
    .addColumn('team_id', 'uuid', (c) => c.primaryKey().references('teams.id').onDelete('cascade'))
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('industries', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('technologies', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('data_capabilities', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('cases', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('regions', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('track_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('access_modes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('updated_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('fairs')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('edition_id', 'uuid', (c) => c.notNull().references('editions.id').onDelete('restrict'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('venue', 'text', (c) => c.notNull())
    .addColumn('days', 'jsonb', (c) => c.notNull())
    .addColumn('slot_minutes', 'integer', (c) => c.notNull())
    .addColumn('break_minutes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('tables', 'integer', (c) => c.notNull())
    .addColumn('request_ttl_hours', 'integer', (c) => c.notNull().defaultTo(72))
    .addColumn('max_meetings', 'integer', (c) => c.notNull().defaultTo(8))
    .addColumn('checkin_grace_minutes', 'integer', (c) => c.notNull().defaultTo(10))
    .addColumn('created_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('fairs_slot_minutes', sql`slot_minutes BETWEEN 5 AND 240`)
    .addCheckConstraint('fairs_break_minutes', sql`break_minutes BETWEEN 0 AND 120`)
    .addCheckConstraint('fairs_tables', sql`tables BETWEEN 1 AND 1000`)
    .addCheckConstraint('fairs_limits', sql`request_ttl_hours >= 1 AND max_meetings >= 1 AND checkin_grace_minutes >= 0`)
    .execute();
  await db.schema.createIndex('fairs_edition').on('fairs').column('edition_id').execute();

  // 城市/园区推介.
  await db.schema
    .createTable('fair_presentations')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('fair_id', 'uuid', (c) => c.notNull().references('fairs.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('speaker', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('fair_presentations_times', sql`ends_at > starts_at`)
    .execute();
  await db.schema.createIndex('fair_presentations_fair').on('fair_presentations').column('fair_id').execute();

  await db.schema
    .createTable('fair_participants')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('fair_id', 'uuid', (c) => c.notNull().references('fairs.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('org_id', 'uuid', (c) => c.references('organizations.id'))
    .addColumn('team_id', 'uuid', (c) => c.references('teams.id').onDelete('cascade'))
    .addColumn('availability', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('registered_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'fair_participants_side',
      sql`(kind = 'enterprise' AND org_id IS NOT NULL AND team_id IS NULL) OR (kind = 'team' AND team_id IS NOT NULL AND org_id IS NULL)`,
    )
    .execute();
  await sql`CREATE UNIQUE INDEX fair_participants_org_key ON fair_participants (fair_id, org_id) WHERE org_id IS NOT NULL`.execute(db);
  await sql`CREATE UNIQUE INDEX fair_participants_team_key ON fair_participants (fair_id, team_id) WHERE team_id IS NOT NULL`.execute(db);

  await db.schema
    .createTable('meeting_requests')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('fair_id', 'uuid', (c) => c.notNull().references('fairs.id').onDelete('cascade'))
    .addColumn('from_participant_id', 'uuid', (c) => c.notNull().references('fair_participants.id').onDelete('cascade'))
    .addColumn('to_participant_id', 'uuid', (c) => c.notNull().references('fair_participants.id').onDelete('cascade'))
    .addColumn('demand_id', 'uuid', (c) => c.references('demands.id'))
    .addColumn('message', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('responded_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('responded_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('meeting_requests_status', sql`status IN ('pending','accepted','declined','expired','cancelled')`)
    .addCheckConstraint('meeting_requests_not_self', sql`from_participant_id <> to_participant_id`)
    .execute();
  await sql`CREATE UNIQUE INDEX meeting_requests_active_pair ON meeting_requests
    (fair_id, least(from_participant_id, to_participant_id), greatest(from_participant_id, to_participant_id))
    WHERE status IN ('pending','accepted')`.execute(db);
  await db.schema.createIndex('meeting_requests_fair').on('meeting_requests').columns(['fair_id', 'status']).execute();

  await db.schema
    .createTable('meetings')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('fair_id', 'uuid', (c) => c.notNull().references('fairs.id').onDelete('cascade'))
    .addColumn('request_id', 'uuid', (c) => c.notNull().unique().references('meeting_requests.id').onDelete('cascade'))
    .addColumn('enterprise_participant_id', 'uuid', (c) => c.notNull().references('fair_participants.id').onDelete('cascade'))
    .addColumn('team_participant_id', 'uuid', (c) => c.notNull().references('fair_participants.id').onDelete('cascade'))
    .addColumn('demand_id', 'uuid', (c) => c.references('demands.id'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('slot_id', 'text')
    .addColumn('starts_at', 'timestamptz')
    .addColumn('ends_at', 'timestamptz')
    .addColumn('table_no', 'integer')
    .addColumn('pinned', 'boolean', (c) => c.notNull().defaultTo(false))
    // A committee pin: the slot and table the meeting must keep on every re-run.
    .addColumn('pin_slot_id', 'text')
    .addColumn('pin_table', 'integer')
    .addColumn('unplaced_reason', 'text')
    .addColumn('qr_token', 'text', (c) => c.notNull())
    .addColumn('enterprise_checked_in_at', 'timestamptz')
    .addColumn('enterprise_checked_in_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('team_checked_in_at', 'timestamptz')
    .addColumn('team_checked_in_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('enterprise_no_show_at', 'timestamptz')
    .addColumn('team_no_show_at', 'timestamptz')
    .addColumn('cancelled_at', 'timestamptz')
    .addColumn('cancelled_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('cancel_reason', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('meetings_status', sql`status IN ('active','cancelled')`)
    .addCheckConstraint('meetings_pin', sql`pinned = (pin_slot_id IS NOT NULL) AND (pin_slot_id IS NULL) = (pin_table IS NULL)`)
    .addCheckConstraint('meetings_placed', sql`(slot_id IS NULL) = (table_no IS NULL) AND (slot_id IS NULL) = (starts_at IS NULL)`)
    .execute();
  // The schedule's guarantees, kept by the database whatever the solver does.
  await sql`CREATE UNIQUE INDEX meetings_table_slot_key ON meetings (fair_id, slot_id, table_no) WHERE status = 'active' AND slot_id IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE UNIQUE INDEX meetings_enterprise_slot_key ON meetings (enterprise_participant_id, slot_id) WHERE status = 'active' AND slot_id IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE UNIQUE INDEX meetings_team_slot_key ON meetings (team_participant_id, slot_id) WHERE status = 'active' AND slot_id IS NOT NULL`.execute(
    db,
  );
  await db.schema.createIndex('meetings_fair').on('meetings').columns(['fair_id', 'status']).execute();

  // 无意向 / 有意向 / 签约, one per side of a meeting.
  await db.schema
    .createTable('meeting_outcomes')
    .addColumn('meeting_id', 'uuid', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('side', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('amount_wan', sql`numeric(14,2)`)
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('recorded_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('meeting_outcomes_pkey', ['meeting_id', 'side'])
    .addCheckConstraint('meeting_outcomes_side', sql`side IN ('enterprise','team')`)
    .addCheckConstraint('meeting_outcomes_result', sql`result IN ('none','intent','signed')`)
    .addCheckConstraint('meeting_outcomes_amount', sql`result <> 'signed' OR amount_wan IS NOT NULL`)
    .execute();

  await db.schema
    .createTable('fair_schedule_runs')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('fair_id', 'uuid', (c) => c.notNull().references('fairs.id').onDelete('cascade'))
    .addColumn('run_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('optimal', 'boolean', (c) => c.notNull())
    .addColumn('gap', sql`double precision`)
    .addColumn('lower_bound', 'integer', (c) => c.notNull())
    .addColumn('slots_used', 'integer', (c) => c.notNull())
    .addColumn('placed', 'integer', (c) => c.notNull())
    .addColumn('unplaced', 'jsonb', (c) => c.notNull())
    .addColumn('millis', 'integer', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('fair_schedule_runs_fair').on('fair_schedule_runs').columns(['fair_id', 'id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
