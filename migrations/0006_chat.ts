import { sql, type Kysely } from 'kysely';

/**
 * Live channels (issue 12): channels with a per-channel sequence counter, messages
 * (idempotent per channel × sender × client id), kept originals of edits and
 * deletions, read positions (unread counts, announcement receipts), Q&A questions,
 * and the table the socket.io PostgreSQL adapter needs for payloads over NOTIFY's limit.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('chat_channels')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('edition_id', 'uuid', (c) => c.notNull().references('editions.id'))
    .addColumn('demand_id', 'uuid', (c) => c.references('demands.id'))
    .addColumn('team_id', 'uuid', (c) => c.references('teams.id'))
    // The counter row: the next message's seq is last_seq + 1, taken under this row's lock.
    .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_message_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('chat_channels_kind', sql`kind in ('qa','private','announcement')`)
    .addCheckConstraint(
      'chat_channels_shape',
      sql`(kind = 'qa' and demand_id is not null and team_id is null)
       or (kind = 'private' and demand_id is not null and team_id is not null)
       or (kind = 'announcement' and demand_id is null and team_id is null)`,
    )
    .execute();
  await sql`create unique index chat_channels_qa_key on chat_channels (demand_id) where kind = 'qa'`.execute(db);
  await sql`create unique index chat_channels_private_key on chat_channels (demand_id, team_id) where kind = 'private'`.execute(db);
  await sql`create unique index chat_channels_announcement_key on chat_channels (edition_id) where kind = 'announcement'`.execute(db);
  await db.schema.createIndex('chat_channels_team').on('chat_channels').column('team_id').execute();

  await db.schema
    .createTable('chat_questions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('demand_id', 'uuid', (c) => c.notNull().references('demands.id'))
    .addColumn('team_id', 'uuid', (c) => c.notNull().references('teams.id'))
    .addColumn('asked_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('answered_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('answered_at', 'timestamptz')
    .addColumn('to_all', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('published_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('published_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('chat_questions_answer', sql`(answer is null) = (answered_at is null)`)
    .addCheckConstraint('chat_questions_to_all', sql`not to_all or answer is not null`)
    .execute();
  await db.schema.createIndex('chat_questions_demand').on('chat_questions').columns(['demand_id', 'created_at']).execute();
  await db.schema.createIndex('chat_questions_team').on('chat_questions').column('team_id').execute();

  await db.schema
    .createTable('chat_messages')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('channel_id', 'uuid', (c) => c.notNull().references('chat_channels.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('sender_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('sender_side', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('question_id', 'uuid', (c) => c.references('chat_questions.id'))
    .addColumn('attachment', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`clock_timestamp()`))
    .addColumn('edited_at', 'timestamptz')
    .addColumn('deleted_at', 'timestamptz')
    .addColumn('hidden_at', 'timestamptz')
    .addColumn('hidden_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('hidden_reason', 'text')
    .addCheckConstraint('chat_messages_side', sql`sender_side in ('enterprise','team','committee','system')`)
    .addCheckConstraint('chat_messages_hidden_reason', sql`hidden_at is null or hidden_reason is not null`)
    .execute();
  await sql`create unique index chat_messages_seq_key on chat_messages (channel_id, seq)`.execute(db);
  // A resend after a lost acknowledgement finds the stored message instead of storing it twice.
  await sql`create unique index chat_messages_client_key on chat_messages (channel_id, sender_id, client_id)`.execute(db);
  await db.schema.createIndex('chat_messages_sender_time').on('chat_messages').columns(['sender_id', 'created_at']).execute();

  // The original text of every edit or deletion, for overseers.
  await db.schema
    .createTable('chat_message_revisions')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('message_id', 'uuid', (c) => c.notNull().references('chat_messages.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('previous_text', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('chat_message_revisions_action', sql`action in ('edit','delete')`)
    .execute();
  await db.schema.createIndex('chat_message_revisions_message').on('chat_message_revisions').column('message_id').execute();

  await db.schema
    .createTable('chat_reads')
    .addColumn('channel_id', 'uuid', (c) => c.notNull().references('chat_channels.id'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('last_read_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('read_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('chat_reads_pkey', ['channel_id', 'user_id'])
    .execute();

  // @socket.io/postgres-adapter: packets over the NOTIFY payload threshold (we only send ids).
  await sql`
    create table if not exists socket_io_attachments (
      id bigserial unique,
      created_at timestamptz default now(),
      payload bytea
    )`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
