import { sql, type Kysely } from 'kysely';

/**
 * Teams and bidding (揭榜): teams of organisations with representatives, one
 * project per team with its submitted versions and materials, and invitations of
 * co-applicant organisations. The rules that two requests can race on are
 * constraints here: one team per person per edition, one project per team, one
 * pending invitation per organisation and team.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('teams')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('edition_id', 'uuid', (c) => c.notNull().references('editions.id').onDelete('restrict'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('lead_org_id', 'uuid', (c) => c.notNull().references('organizations.id'))
    .addColumn('created_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`CREATE UNIQUE INDEX teams_edition_name_key ON teams (edition_id, lower(name))`.execute(db);

  // 牵头单位 and 联合申报单位.
  await db.schema
    .createTable('team_orgs')
    .addColumn('team_id', 'uuid', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('joined_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('team_orgs_pkey', ['team_id', 'org_id'])
    .addCheckConstraint('team_orgs_role', sql`role IN ('lead','co_applicant')`)
    .execute();
  await sql`CREATE UNIQUE INDEX team_orgs_one_lead ON team_orgs (team_id) WHERE role = 'lead'`.execute(db);
  await db.schema.createIndex('team_orgs_org').on('team_orgs').column('org_id').execute();

  // 参赛代表: a person represents one team per edition (the unique index is the rule).
  await db.schema
    .createTable('team_members')
    .addColumn('team_id', 'uuid', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('edition_id', 'uuid', (c) => c.notNull().references('editions.id'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('added_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('joined_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('team_members_pkey', ['team_id', 'user_id'])
    .addCheckConstraint('team_members_role', sql`role IN ('leader','member')`)
    .execute();
  await db.schema.createIndex('team_members_edition_user_key').unique().on('team_members').columns(['edition_id', 'user_id']).execute();
  await db.schema.createIndex('team_members_user').on('team_members').column('user_id').execute();

  await db.schema
    .createTable('team_invitations')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('team_id', 'uuid', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('invited_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('responded_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('responded_at', 'timestamptz')
    .addCheckConstraint('team_invitations_status', sql`status IN ('pending','accepted','declined')`)
    .execute();
  await sql`CREATE UNIQUE INDEX team_invitations_pending_key ON team_invitations (team_id, org_id) WHERE status = 'pending'`.execute(db);
  await db.schema.createIndex('team_invitations_org').on('team_invitations').column('org_id').execute();

  // 参赛项目: the working copy lives here; each submission is kept in project_versions.
  await db.schema
    .createTable('projects')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('team_id', 'uuid', (c) => c.notNull().references('teams.id').onDelete('restrict'))
    .addColumn('edition_id', 'uuid', (c) => c.notNull().references('editions.id'))
    .addColumn('topic_id', 'uuid', (c) => c.notNull().references('topics.id'))
    .addColumn('demand_id', 'uuid', (c) => c.references('demands.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sections', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('submitted_version', 'integer')
    .addColumn('submitted_at', 'timestamptz')
    .addColumn('changed_since_submit', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('compliance_status', 'text')
    .addColumn('compliance_reason', 'text')
    .addColumn('compliance_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('compliance_at', 'timestamptz')
    .addColumn('withdrawn_at', 'timestamptz')
    .addColumn('withdraw_reason', 'text')
    .addColumn('created_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('projects_one_per_team', ['team_id'])
    .addCheckConstraint('projects_status', sql`status IN ('draft','submitted','withdrawn')`)
    .addCheckConstraint('projects_compliance', sql`compliance_status IS NULL OR compliance_status IN ('pending','eligible','ineligible')`)
    .addCheckConstraint('projects_ineligible_reason', sql`compliance_status IS DISTINCT FROM 'ineligible' OR compliance_reason IS NOT NULL`)
    .execute();
  await db.schema.createIndex('projects_demand').on('projects').column('demand_id').execute();
  await db.schema.createIndex('projects_edition_status').on('projects').columns(['edition_id', 'status']).execute();

  await db.schema
    .createTable('project_materials')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('sha256', 'char(64)', (c) => c.notNull())
    .addColumn('uploaded_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('uploaded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // Removed from the working copy; kept because submitted versions may list it.
    .addColumn('removed_at', 'timestamptz')
    .addCheckConstraint(
      'project_materials_category',
      sql`category IN ('qualification','responsibility','audit','credit','ip','video','other')`,
    )
    .execute();
  await db.schema.createIndex('project_materials_project').on('project_materials').column('project_id').execute();

  await db.schema
    .createTable('project_versions')
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sections', 'jsonb', (c) => c.notNull())
    .addColumn('material_ids', sql`uuid[]`, (c) => c.notNull())
    .addColumn('submitted_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('project_versions_pkey', ['project_id', 'version'])
    .execute();

  // Lifecycle and compliance history of a project, like demand_events.
  await db.schema
    .createTable('project_events')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('actor_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text')
    .addColumn('reason', 'text')
    .addColumn('data', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('project_events_project').on('project_events').column('project_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
