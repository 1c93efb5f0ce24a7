import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { ChatChannelKind, ChatSenderSide } from '../../db/schema.ts';

/** All SQL of channels and messages. Callers pass the pool or an open transaction. */

export async function findChannel(db: Executor, id: string) {
  return db
    .selectFrom('chat_channels as c')
    .leftJoin('demands as d', 'd.id', 'c.demand_id')
    .leftJoin('teams as t', 't.id', 'c.team_id')
    .leftJoin('organizations as o', 'o.id', 'd.org_id')
    .selectAll('c')
    .select([
      'd.org_id as demand_org_id',
      'd.status as demand_status',
      'd.bid_deadline as demand_bid_deadline',
      sql<string | null>`coalesce(d.published_content->>'title', d.content->>'title')`.as('demand_title'),
      'd.published_content as demand_published_content',
      't.name as team_name',
      'o.name as demand_org_name',
      // 落地实施 (issue 15): a running implementation keeps the private channel open after the bid deadline.
      sql<boolean>`exists (select 1 from implementations i where i.demand_id = c.demand_id and i.team_id = c.team_id
        and i.status in ('draft','agreed','in_progress'))`.as('implementation_active'),
    ])
    .where('c.id', '=', id)
    .executeTakeFirst();
}
export type ChannelWithContext = NonNullable<Awaited<ReturnType<typeof findChannel>>>;

/** Locks the channel's counter row; the caller allocates the next seq under this lock. */
export async function lockChannel(db: Executor, id: string) {
  return db.selectFrom('chat_channels').select(['id', 'last_seq']).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function nextSeq(db: Executor, id: string): Promise<number> {
  const row = await db
    .updateTable('chat_channels')
    .set({ last_seq: sql`last_seq + 1`, last_message_at: sql`clock_timestamp()` })
    .where('id', '=', id)
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  return row.last_seq;
}

const uuidLike = /^[0-9a-f-]{36}$/i;
export const isUuid = (value: string) => uuidLike.test(value);

/** Finds or creates a channel; concurrent creators end up with the same row. */
export async function ensureChannel(
  db: Executor,
  input: { kind: ChatChannelKind; editionId: string; demandId?: string | null; teamId?: string | null },
) {
  await db
    .insertInto('chat_channels')
    .values({ kind: input.kind, edition_id: input.editionId, demand_id: input.demandId ?? null, team_id: input.teamId ?? null })
    .onConflict((oc) => oc.doNothing())
    .execute();
  let query = db.selectFrom('chat_channels').select('id').where('kind', '=', input.kind);
  if (input.kind === 'announcement') query = query.where('edition_id', '=', input.editionId);
  else query = query.where('demand_id', '=', input.demandId!);
  if (input.kind === 'private') query = query.where('team_id', '=', input.teamId!);
  return (await query.executeTakeFirstOrThrow()).id;
}

/**
 * Creates the channels a user takes part in that do not exist yet: the private channel
 * of every bid (project on a sub-topic) of the user's teams or on the user's
 * organisations' sub-topics, the Q&A channel of sub-topics they bid on, follow or own,
 * and the announcement channel of their editions (every edition for overseers).
 */
export async function ensureChannelsOfUser(db: Executor, userId: string, overseer: boolean) {
  await sql`
    insert into chat_channels (kind, edition_id, demand_id, team_id)
    select distinct 'private', p.edition_id, p.demand_id, p.team_id
      from projects p join demands d on d.id = p.demand_id
     where p.status <> 'withdrawn'
       and (p.team_id in (select team_id from team_members where user_id = ${userId})
            or d.org_id in (select org_id from org_members where user_id = ${userId}))
    on conflict do nothing`.execute(db);
  await sql`
    insert into chat_channels (kind, edition_id, demand_id)
    select distinct 'qa', d.edition_id, d.id from demands d
     where d.published_content is not null
       and (d.org_id in (select org_id from org_members where user_id = ${userId})
            or d.id in (select demand_id from demand_follows where user_id = ${userId})
            or d.id in (select p.demand_id from projects p join team_members tm on tm.team_id = p.team_id
                         where tm.user_id = ${userId} and p.status <> 'withdrawn' and p.demand_id is not null))
    on conflict do nothing`.execute(db);
  await sql`
    insert into chat_channels (kind, edition_id)
    select 'announcement', e.id from editions e
     where ${overseer}
        or e.id in (select edition_id from team_members where user_id = ${userId})
        or e.id in (select d.edition_id from demands d join org_members om on om.org_id = d.org_id where om.user_id = ${userId})
    on conflict do nothing`.execute(db);
}

export interface ChannelListFilter {
  /** Only channels the user takes part in (not those they merely oversee). */
  mineOf?: string;
  demandId?: string;
  editionId?: string;
  channelId?: string;
}

/** Channels with their context and the user's unread count (messages of others after the user's read position). */
export async function listChannels(db: Executor, userId: string, filter: ChannelListFilter) {
  const mine = filter.mineOf ?? null;
  const rows = await sql<{
    id: string;
    kind: ChatChannelKind;
    edition_id: string;
    demand_id: string | null;
    team_id: string | null;
    last_seq: number;
    last_message_at: Date | null;
    demand_title: string | null;
    team_name: string | null;
    demand_org_name: string | null;
    last_read_seq: number;
    unread: number;
    hidden_count: number;
  }>`
    select c.id, c.kind, c.edition_id, c.demand_id, c.team_id, c.last_seq, c.last_message_at,
           coalesce(d.published_content->>'title', d.content->>'title') as demand_title,
           t.name as team_name, o.name as demand_org_name,
           coalesce(r.last_read_seq, 0) as last_read_seq,
           (select count(*) from chat_messages m
             where m.channel_id = c.id and m.seq > coalesce(r.last_read_seq, 0)
               and m.sender_id is distinct from ${userId} and m.deleted_at is null and m.hidden_at is null)::int as unread,
           (select count(*) from chat_messages m where m.channel_id = c.id and m.hidden_at is not null)::int as hidden_count
      from chat_channels c
      left join demands d on d.id = c.demand_id
      left join teams t on t.id = c.team_id
      left join organizations o on o.id = d.org_id
      left join chat_reads r on r.channel_id = c.id and r.user_id = ${userId}
     where (${filter.channelId ?? null}::uuid is null or c.id = ${filter.channelId ?? null}::uuid)
       and (${filter.demandId ?? null}::uuid is null or c.demand_id = ${filter.demandId ?? null}::uuid)
       and (${filter.editionId ?? null}::uuid is null or c.edition_id = ${filter.editionId ?? null}::uuid)
       and (${mine}::uuid is null or (
             (c.kind = 'private' and (c.team_id in (select team_id from team_members where user_id = ${mine}::uuid)
                                      or d.org_id in (select org_id from org_members where user_id = ${mine}::uuid)))
          or (c.kind = 'qa' and (d.org_id in (select org_id from org_members where user_id = ${mine}::uuid)
                                 or c.demand_id in (select demand_id from demand_follows where user_id = ${mine}::uuid)
                                 or c.demand_id in (select p.demand_id from projects p join team_members tm on tm.team_id = p.team_id
                                                     where tm.user_id = ${mine}::uuid and p.status <> 'withdrawn')))
          or (c.kind = 'announcement' and (
                exists (select 1 from users u where u.id = ${mine}::uuid and (u.roles && array['committee','supervisor']::text[]))
             or c.edition_id in (select edition_id from team_members where user_id = ${mine}::uuid)
             or c.edition_id in (select d2.edition_id from demands d2 join org_members om on om.org_id = d2.org_id where om.user_id = ${mine}::uuid)))))
     order by c.last_message_at desc nulls last, c.created_at desc
     limit 500`.execute(db);
  return rows.rows;
}

const messageColumns = [
  'm.id',
  'm.channel_id',
  'm.seq',
  'm.sender_id',
  'm.sender_side',
  'm.client_id',
  'm.text',
  'm.question_id',
  'm.attachment',
  'm.created_at',
  'm.edited_at',
  'm.deleted_at',
  'm.hidden_at',
  'm.hidden_reason',
  'u.display_name as sender_name',
  'q.text as question_text',
] as const;

function messages(db: Executor) {
  return db
    .selectFrom('chat_messages as m')
    .leftJoin('users as u', 'u.id', 'm.sender_id')
    .leftJoin('chat_questions as q', 'q.id', 'm.question_id')
    .select(messageColumns);
}
export type MessageRow = NonNullable<Awaited<ReturnType<typeof findMessage>>>;

export async function findMessage(db: Executor, id: string) {
  return messages(db).where('m.id', '=', id).executeTakeFirst();
}

export async function findByClientId(db: Executor, channelId: string, senderId: string, clientId: string) {
  return messages(db)
    .where('m.channel_id', '=', channelId)
    .where('m.sender_id', '=', senderId)
    .where('m.client_id', '=', clientId)
    .executeTakeFirst();
}

/** Messages after `afterSeq` in order (or, with `beforeSeq`, the page just before it). */
export async function listMessages(db: Executor, channelId: string, opts: { afterSeq?: number; beforeSeq?: number; limit: number }) {
  let query = messages(db).where('m.channel_id', '=', channelId);
  if (opts.beforeSeq !== undefined) {
    const rows = await query.where('m.seq', '<', opts.beforeSeq).orderBy('m.seq', 'desc').limit(opts.limit).execute();
    return rows.reverse();
  }
  query = query.where('m.seq', '>', opts.afterSeq ?? 0);
  return query.orderBy('m.seq').limit(opts.limit).execute();
}

export async function insertMessage(
  db: Executor,
  row: {
    channel_id: string;
    seq: number;
    sender_id: string | null;
    sender_side: ChatSenderSide;
    client_id: string;
    text: string;
    question_id?: string | null;
    attachment?: string | null;
  },
) {
  return db.insertInto('chat_messages').values(row).returning('id').executeTakeFirstOrThrow();
}

/** Inserts unless the sender already stored this clientId in the channel (then undefined). */
export async function insertMessageUnlessDuplicate(db: Executor, row: Parameters<typeof insertMessage>[1]) {
  return db
    .insertInto('chat_messages')
    .values(row)
    .onConflict((oc) => oc.columns(['channel_id', 'sender_id', 'client_id']).doNothing())
    .returning([
      'id',
      'channel_id',
      'seq',
      'sender_id',
      'sender_side',
      'client_id',
      'text',
      'question_id',
      'attachment',
      'created_at',
      'edited_at',
      'deleted_at',
      'hidden_at',
      'hidden_reason',
    ])
    .executeTakeFirst();
}

/** Messages the user stored within the window (the rate limit). */
export async function countRecentMessages(db: Executor, userId: string, seconds: number): Promise<number> {
  const row = await db
    .selectFrom('chat_messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('sender_id', '=', userId)
    .where('created_at', '>', sql<Date>`clock_timestamp() - make_interval(secs => ${seconds})`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function lockMessage(db: Executor, id: string) {
  return db.selectFrom('chat_messages').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateMessage(
  db: Executor,
  id: string,
  patch: { text?: string; edited_at?: Date; deleted_at?: Date; hidden_at?: Date; hidden_by?: string; hidden_reason?: string },
) {
  await db.updateTable('chat_messages').set(patch).where('id', '=', id).execute();
}

export async function insertRevision(
  db: Executor,
  row: { message_id: string; action: 'edit' | 'delete'; previous_text: string; actor_id: string },
) {
  await db.insertInto('chat_message_revisions').values(row).execute();
}

export async function listRevisions(db: Executor, messageIds: string[]) {
  if (!messageIds.length) return [];
  return db
    .selectFrom('chat_message_revisions as r')
    .leftJoin('users as u', 'u.id', 'r.actor_id')
    .select(['r.message_id', 'r.action', 'r.previous_text', 'r.at', 'u.display_name as actor_name'])
    .where('r.message_id', 'in', messageIds)
    .orderBy('r.id')
    .execute();
}

/** Moves the user's read position forward (never back); returns it. */
export async function markRead(db: Executor, channelId: string, userId: string, seq: number): Promise<number> {
  const row = await sql<{ last_read_seq: number }>`
    insert into chat_reads (channel_id, user_id, last_read_seq, read_at) values (${channelId}, ${userId}, ${seq}, now())
    on conflict (channel_id, user_id) do update
      set last_read_seq = greatest(chat_reads.last_read_seq, excluded.last_read_seq),
          read_at = case when excluded.last_read_seq > chat_reads.last_read_seq then now() else chat_reads.read_at end
    returning last_read_seq`.execute(db);
  return row.rows[0]!.last_read_seq;
}

export async function listReads(db: Executor, channelId: string) {
  return db
    .selectFrom('chat_reads as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['r.user_id', 'u.display_name', 'r.last_read_seq', 'r.read_at'])
    .where('r.channel_id', '=', channelId)
    .orderBy('r.read_at')
    .execute();
}

/** Representatives of teams bidding on the sub-topic and its followers (who receive answers to all). */
export async function bidderAndFollowerIds(db: Executor, demandId: string): Promise<string[]> {
  const rows = await sql<{ user_id: string }>`
    select tm.user_id from projects p join team_members tm on tm.team_id = p.team_id
     where p.demand_id = ${demandId} and p.status <> 'withdrawn'
    union select user_id from demand_follows where demand_id = ${demandId}`.execute(db);
  return rows.rows.map((r) => r.user_id);
}

/** Members of a private channel: the enterprise's members and the team's representatives. */
export async function privateMemberIds(db: Executor, demandOrgId: string, teamId: string): Promise<string[]> {
  const rows = await sql<{ user_id: string }>`
    select user_id from org_members where org_id = ${demandOrgId}
    union select user_id from team_members where team_id = ${teamId}`.execute(db);
  return rows.rows.map((r) => r.user_id);
}

/** Participants of an edition: team representatives and members of enterprises with sub-topics in it. */
export async function editionParticipantIds(db: Executor, editionId: string): Promise<string[]> {
  const rows = await sql<{ user_id: string }>`
    select user_id from team_members where edition_id = ${editionId}
    union select om.user_id from demands d join org_members om on om.org_id = d.org_id where d.edition_id = ${editionId}`.execute(db);
  return rows.rows.map((r) => r.user_id);
}

export async function hasUnreadChatNotification(db: Executor, userIds: string[], channelId: string): Promise<Set<string>> {
  if (!userIds.length) return new Set();
  const rows = await db
    .selectFrom('notifications')
    .select('user_id')
    .where('user_id', 'in', userIds)
    .where('kind', '=', 'chat.message')
    .where('read_at', 'is', null)
    .where(sql<boolean>`data->>'channelId' = ${channelId}`)
    .execute();
  return new Set(rows.map((r) => r.user_id));
}

export async function teamIdsOfUser(db: Executor, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('team_members').select('team_id').where('user_id', '=', userId).execute();
  return rows.map((r) => r.team_id);
}

export async function isOrgMember(db: Executor, orgId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('org_members')
    .select('user_id')
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return !!row;
}

export async function isTeamMember(db: Executor, teamId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('team_members')
    .select('user_id')
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return !!row;
}
