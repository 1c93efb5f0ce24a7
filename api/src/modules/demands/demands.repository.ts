import { sql, type ExpressionBuilder, type SelectQueryBuilder } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { enqueueDemand } from '@jb/search/outbox.ts';
import { cachedBoard, noteDemandWrite } from './board-cache.ts';
import type { Database, DemandContent, DemandDraft, DemandStatus } from '../../db/schema.ts';

const withContext = (db: Executor) =>
  db
    .selectFrom('demands')
    .innerJoin('organizations', 'organizations.id', 'demands.org_id')
    .innerJoin('topics', 'topics.id', 'demands.topic_id')
    .innerJoin('tracks', 'tracks.id', 'topics.track_id')
    .innerJoin('editions', 'editions.id', 'demands.edition_id')
    .selectAll('demands')
    .select([
      'organizations.name as org_name',
      'topics.title as topic_title',
      'tracks.id as track_id',
      'tracks.name as track_name',
      'tracks.full_name as track_full_name',
      'editions.name as edition_name',
      (eb) =>
        eb
          .selectFrom('demand_follows')
          .whereRef('demand_follows.demand_id', '=', 'demands.id')
          .select(eb.fn.countAll<number>().as('n'))
          .as('follower_count'),
    ]);

export type DemandWithContext = NonNullable<Awaited<ReturnType<ReturnType<typeof withContext>['executeTakeFirst']>>>;

export async function findDemand(db: Executor, id: string): Promise<DemandWithContext | undefined> {
  return withContext(db).where('demands.id', '=', id).executeTakeFirst();
}

/** Row lock for a transition: concurrent transitions on one demand run one after the other. */
export async function lockDemand(db: Executor, id: string) {
  return db.selectFrom('demands').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Statuses in which an approved version is live for the public. */
const liveStatuses: DemandStatus[] = ['published', 'pending_review', 'rejected', 'closed', 'disqualified'];

export const isPubliclyVisible = (eb: ExpressionBuilder<Database, 'demands'>) =>
  eb.and([eb('demands.published_content', 'is not', null), eb('demands.status', 'in', liveStatuses)]);

export interface DemandListFilter {
  editionId?: string;
  trackId?: string;
  topicId?: string;
  /** Only these organisations' demands. */
  orgIds?: string[];
  /** Filter on the workflow status (owners, overseers). */
  status?: DemandStatus;
  /** Filter on what the public sees ('published' includes revisions under review). */
  publicStatus?: DemandStatus;
  /** Rows the viewer may see: everything (overseers), public ones plus their own organisations', or public only. */
  visibility: { all: true } | { all: false; memberOrgIds: string[] };
  limit: number;
  offset: number;
}

/**
 * The board's page and total. The filters are written on `demands` alone, so the
 * total counts one table (no joins: every demand has its organisation, topic, track and
 * edition) and the page walks the `demands_board` index in board order (migration
 * 0010) instead of sorting every row: at 100k demands, ~1 s became milliseconds.
 */
export async function listDemands(db: Executor, filter: DemandListFilter) {
  if (filter.orgIds && !filter.orgIds.length) return { rows: [], total: 0 };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- one filter for both the page query and the count query, whatever they select
  const filtered = <Q extends SelectQueryBuilder<Database, any, any>>(input: Q): Q => {
    let query = input as SelectQueryBuilder<Database, 'demands', object>;
    if (!filter.visibility.all) {
      const orgIds = filter.visibility.memberOrgIds;
      query = query.where((eb) =>
        orgIds.length ? eb.or([isPubliclyVisible(eb), eb('demands.org_id', 'in', orgIds)]) : isPubliclyVisible(eb),
      );
    }
    if (filter.editionId) query = query.where('demands.edition_id', '=', filter.editionId);
    if (filter.trackId) {
      const trackId = filter.trackId;
      query = query.where('demands.topic_id', 'in', (eb) =>
        eb.selectFrom('topics').select('topics.id').where('topics.track_id', '=', trackId),
      );
    }
    if (filter.topicId) query = query.where('demands.topic_id', '=', filter.topicId);
    if (filter.orgIds) query = query.where('demands.org_id', 'in', filter.orgIds);
    if (filter.status) query = query.where('demands.status', '=', filter.status);
    if (filter.publicStatus) {
      const s = filter.publicStatus;
      query =
        s === 'published'
          ? query
              .where('demands.published_content', 'is not', null)
              .where('demands.status', 'in', ['published', 'pending_review', 'rejected'])
          : query.where('demands.status', '=', s);
    }
    return query as unknown as Q;
  };
  const query = async () => {
    const [rows, count] = await Promise.all([
      filtered(withContext(db))
        .orderBy(sql`demands.published_at desc nulls last`)
        .orderBy('demands.created_at', 'desc')
        .limit(filter.limit)
        .offset(filter.offset)
        .execute(),
      filtered(db.selectFrom('demands').select((eb) => eb.fn.countAll<number>().as('n'))).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  };
  // The public view's page and total are the same for everyone: remembered for a second (board-cache.ts).
  if (filter.visibility.all || filter.visibility.memberOrgIds.length) return query();
  return cachedBoard(JSON.stringify(filter), query);
}

/** The committee's queue: demands waiting for review (oldest first), then live demands with data overdue. */
export async function listReviewCandidates(db: Executor) {
  return withContext(db)
    .where((eb) =>
      eb.or([
        eb('demands.status', '=', 'pending_review'),
        eb.and([eb('demands.status', 'in', ['published', 'rejected']), eb('demands.published_content', 'is not', null)]),
      ]),
    )
    .orderBy(sql`demands.submitted_at asc nulls last`)
    .orderBy('demands.created_at')
    .execute();
}

export async function insertDemand(
  db: Executor,
  demand: { org_id: string; edition_id: string; topic_id: string; content: DemandDraft; created_by: string },
) {
  const row = await db
    .insertInto('demands')
    .values({ ...demand, content: JSON.stringify(demand.content) })
    .returningAll()
    .executeTakeFirstOrThrow();
  noteDemandWrite();
  await enqueueDemand(db, row.id);
  return row;
}

export interface DemandPatch {
  status?: DemandStatus;
  version?: number;
  content?: DemandDraft;
  published_content?: DemandContent | null;
  published_version?: number | null;
  published_at?: Date | null;
  bid_deadline?: Date | null;
  review_reason?: string | null;
  disqualified_reason?: string | null;
  submitted_at?: Date | null;
}

function serialise(patch: DemandPatch) {
  const { content, published_content, ...rest } = patch;
  return {
    ...rest,
    ...(content !== undefined && { content: JSON.stringify(content) }),
    ...(published_content !== undefined && { published_content: published_content === null ? null : JSON.stringify(published_content) }),
    updated_at: new Date(),
  };
}

/**
 * Optimistic concurrency: the update applies only if the row still has `expectedVersion`.
 * Two editors with the same version: the first wins, the second gets undefined.
 */
export async function updateDemandIfVersion(db: Executor, id: string, expectedVersion: number, patch: DemandPatch) {
  const row = await db
    .updateTable('demands')
    .set(serialise(patch))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
  noteDemandWrite();
  if (row) await enqueueDemand(db, id);
  return row;
}

/** Every write to a demand also writes a search outbox row, in the caller's transaction. */
export async function updateDemand(db: Executor, id: string, patch: DemandPatch) {
  const row = await db.updateTable('demands').set(serialise(patch)).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  noteDemandWrite();
  await enqueueDemand(db, id);
  return row;
}

export async function insertDemandEvent(
  db: Executor,
  event: {
    demand_id: string;
    actor_id: string | null;
    action: string;
    from_status: DemandStatus | null;
    to_status: DemandStatus;
    version: number;
    reason?: string | null;
    data?: unknown;
  },
) {
  await db
    .insertInto('demand_events')
    .values({ ...event, reason: event.reason ?? null, data: JSON.stringify(event.data ?? {}) })
    .execute();
}

export async function listDemandEvents(db: Executor, demandId: string) {
  return db
    .selectFrom('demand_events')
    .leftJoin('users', 'users.id', 'demand_events.actor_id')
    .selectAll('demand_events')
    .select(['users.display_name as actor_name'])
    .where('demand_id', '=', demandId)
    .orderBy('demand_events.id')
    .execute();
}

export async function followerIds(db: Executor, demandId: string): Promise<string[]> {
  const rows = await db.selectFrom('demand_follows').select('user_id').where('demand_id', '=', demandId).execute();
  return rows.map((r) => r.user_id);
}

export async function isFollowing(db: Executor, demandId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('demand_follows')
    .select('user_id')
    .where('demand_id', '=', demandId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return !!row;
}

export async function follow(db: Executor, demandId: string, userId: string) {
  await db
    .insertInto('demand_follows')
    .values({ demand_id: demandId, user_id: userId })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function unfollow(db: Executor, demandId: string, userId: string) {
  await db.deleteFrom('demand_follows').where('demand_id', '=', demandId).where('user_id', '=', userId).execute();
}

/**
 * Users behind the bids on a demand: the representatives of every team whose
 * project (draft or submitted) targets it — anyone preparing a bid must hear
 * when the demand changes or is disqualified.
 */
export async function bidderUserIds(db: Executor, demandId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('projects')
    .innerJoin('team_members', 'team_members.team_id', 'projects.team_id')
    .select('team_members.user_id')
    .distinct()
    .where('projects.demand_id', '=', demandId)
    .where('projects.status', 'in', ['draft', 'submitted'])
    .execute();
  return rows.map((r) => r.user_id);
}

export async function countBids(db: Executor, demandId: string): Promise<number> {
  return (await countBidsFor(db, [demandId])).get(demandId) ?? 0;
}

/** Bids are submitted projects (drafts are not bids yet; withdrawn ones no longer are). */
export async function countBidsFor(db: Executor, demandIds: string[]): Promise<Map<string, number>> {
  if (!demandIds.length) return new Map();
  const rows = await db
    .selectFrom('projects')
    .select(['demand_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('demand_id', 'in', demandIds)
    .where('status', '=', 'submitted')
    .groupBy('demand_id')
    .execute();
  return new Map(rows.map((r) => [r.demand_id!, Number(r.n)]));
}

export async function orgMemberIds(db: Executor, orgId: string): Promise<string[]> {
  const rows = await db.selectFrom('org_members').select('user_id').where('org_id', '=', orgId).execute();
  return rows.map((r) => r.user_id);
}

/** Published demands whose bid deadline has passed, locked for closing (skipping rows another worker holds). */
export async function lockExpiredPublished(db: Executor, now: Date) {
  return db
    .selectFrom('demands')
    .selectAll()
    .where('status', '=', 'published')
    .where('bid_deadline', '<', now)
    .forUpdate()
    .skipLocked()
    .execute();
}

/** The end of an edition's 作品提交 phase (no bid deadline may be later). */
export async function submissionEnd(db: Executor, editionId: string): Promise<string | null> {
  const row = await db.selectFrom('editions').select('phases').where('id', '=', editionId).executeTakeFirst();
  return row?.phases.submission?.end ?? null;
}

/** Published sub-topics (public status 已发布) per topic of an edition, for the catalog pages. */
export async function countPublishedPerTopic(db: Executor, editionId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('demands')
    .select(['demands.topic_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('demands.edition_id', '=', editionId)
    .where('demands.published_content', 'is not', null)
    .where('demands.status', 'in', ['published', 'pending_review', 'rejected'])
    .groupBy('demands.topic_id')
    .execute();
  return new Map(rows.map((r) => [r.topic_id, Number(r.n)]));
}
