import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { EditionPhases, EditionRow, EditionRules, TopicRow, TrackRow } from '../../db/schema.ts';

export type EditionWithCounts = EditionRow & { track_count: number; topic_count: number };

const editionCounts = (db: Executor) =>
  db
    .selectFrom('editions')
    .selectAll('editions')
    .select((eb) => [
      eb.selectFrom('tracks').whereRef('tracks.edition_id', '=', 'editions.id').select(eb.fn.countAll<number>().as('n')).as('track_count'),
      eb
        .selectFrom('topics')
        .innerJoin('tracks', 'tracks.id', 'topics.track_id')
        .whereRef('tracks.edition_id', '=', 'editions.id')
        .select(eb.fn.countAll<number>().as('n'))
        .as('topic_count'),
    ]);

export async function listEditions(db: Executor): Promise<EditionWithCounts[]> {
  const rows = await editionCounts(db).orderBy('year', 'desc').orderBy('name').execute();
  return rows as EditionWithCounts[];
}

export async function findEdition(db: Executor, id: string): Promise<EditionWithCounts | undefined> {
  return (await editionCounts(db).where('editions.id', '=', id).executeTakeFirst()) as EditionWithCounts | undefined;
}

export async function findEditionBySlug(db: Executor, slug: string): Promise<EditionRow | undefined> {
  return db.selectFrom('editions').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function insertEdition(
  db: Executor,
  edition: {
    slug: string;
    name: string;
    year: number;
    region: string;
    organizer?: string | null;
    description?: string | null;
    phases: EditionPhases;
    rules: EditionRules;
  },
): Promise<EditionRow | undefined> {
  return db
    .insertInto('editions')
    .values({ ...edition, phases: JSON.stringify(edition.phases), rules: JSON.stringify(edition.rules) })
    .onConflict((oc) => oc.column('slug').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function updateEdition(
  db: Executor,
  id: string,
  patch: Partial<{
    name: string;
    year: number;
    region: string;
    organizer: string | null;
    description: string | null;
    phases: EditionPhases;
    rules: EditionRules;
  }>,
): Promise<void> {
  const { phases, rules, ...rest } = patch;
  await db
    .updateTable('editions')
    .set({
      ...rest,
      ...(phases && { phases: JSON.stringify(phases) }),
      ...(rules && { rules: JSON.stringify(rules) }),
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .execute();
}

export async function deleteEdition(db: Executor, id: string): Promise<boolean> {
  const result = await db.deleteFrom('editions').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function listTracks(db: Executor, editionId: string): Promise<TrackRow[]> {
  return db.selectFrom('tracks').selectAll().where('edition_id', '=', editionId).orderBy('position').execute();
}

export async function listTopicsOfEdition(db: Executor, editionId: string): Promise<TopicRow[]> {
  return db
    .selectFrom('topics')
    .innerJoin('tracks', 'tracks.id', 'topics.track_id')
    .selectAll('topics')
    .where('tracks.edition_id', '=', editionId)
    .orderBy('topics.position')
    .execute();
}

export async function findTrack(db: Executor, id: string): Promise<TrackRow | undefined> {
  return db.selectFrom('tracks').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function nextTrackPosition(db: Executor, editionId: string): Promise<number> {
  const row = await db
    .selectFrom('tracks')
    .select(sql<number>`coalesce(max(position), 0) + 1`.as('next'))
    .where('edition_id', '=', editionId)
    .executeTakeFirstOrThrow();
  return Number(row.next);
}

export async function insertTrack(
  db: Executor,
  track: {
    edition_id: string;
    code: string;
    position: number;
    name: string;
    full_name: string;
    description?: string | null;
    government_allowed: boolean;
  },
): Promise<TrackRow | undefined> {
  return db
    .insertInto('tracks')
    .values(track)
    .onConflict((oc) => oc.columns(['edition_id', 'code']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function updateTrack(
  db: Executor,
  id: string,
  patch: Partial<{ name: string; full_name: string; description: string | null; government_allowed: boolean; position: number }>,
): Promise<TrackRow | undefined> {
  return db.updateTable('tracks').set(patch).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function deleteTrack(db: Executor, id: string): Promise<boolean> {
  const result = await db.deleteFrom('tracks').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function listTopics(db: Executor, trackId: string): Promise<TopicRow[]> {
  return db.selectFrom('topics').selectAll().where('track_id', '=', trackId).orderBy('position').execute();
}

export async function findTopic(db: Executor, id: string): Promise<TopicRow | undefined> {
  return db.selectFrom('topics').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function nextTopicPosition(db: Executor, trackId: string): Promise<number> {
  const row = await db
    .selectFrom('topics')
    .select(sql<number>`coalesce(max(position), 0) + 1`.as('next'))
    .where('track_id', '=', trackId)
    .executeTakeFirstOrThrow();
  return Number(row.next);
}

export async function insertTopic(
  db: Executor,
  topic: { track_id: string; position: number; title: string; description: string },
): Promise<TopicRow | undefined> {
  return db
    .insertInto('topics')
    .values(topic)
    .onConflict((oc) => oc.columns(['track_id', 'position']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function updateTopic(
  db: Executor,
  id: string,
  patch: Partial<{ title: string; description: string; position: number }>,
): Promise<TopicRow | undefined> {
  return db.updateTable('topics').set(patch).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function deleteTopic(db: Executor, id: string): Promise<boolean> {
  const result = await db.deleteFrom('topics').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Demands under a track or topic: their search documents carry its name. */
export async function demandIdsUnder(db: Executor, where: { trackId?: string; topicId?: string }): Promise<string[]> {
  let query = db.selectFrom('demands').innerJoin('topics', 'topics.id', 'demands.topic_id').select('demands.id');
  if (where.trackId) query = query.where('topics.track_id', '=', where.trackId);
  if (where.topicId) query = query.where('demands.topic_id', '=', where.topicId);
  return (await query.execute()).map((r) => r.id);
}

/** Locks an edition's row for the rest of the transaction (concurrent committee edits serialise). */
export async function lockEdition(trx: Executor, id: string): Promise<EditionRow | undefined> {
  return trx.selectFrom('editions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Locks a track's row (topic positions are allocated under it). */
export async function lockTrack(trx: Executor, id: string): Promise<{ id: string } | undefined> {
  return trx.selectFrom('tracks').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
}

/** A topic with the edition it belongs to. */
export async function findTopicWithEdition(db: Executor, topicId: string): Promise<{ id: string; edition_id: string } | undefined> {
  return db
    .selectFrom('topics')
    .innerJoin('tracks', 'tracks.id', 'topics.track_id')
    .select(['topics.id', 'tracks.edition_id'])
    .where('topics.id', '=', topicId)
    .executeTakeFirst();
}

/** Track names by id (search facets). */
export async function listTrackNames(db: Executor, ids: string[]): Promise<{ id: string; full_name: string }[]> {
  if (!ids.length) return [];
  return db.selectFrom('tracks').select(['id', 'full_name']).where('id', 'in', ids).execute();
}

/** The track of a team's project (its target), if the team has a project. */
export async function findTrackOfTeamProject(
  db: Executor,
  teamId: string,
): Promise<{ name: string; government_allowed: boolean } | undefined> {
  return db
    .selectFrom('projects')
    .innerJoin('topics', 'topics.id', 'projects.topic_id')
    .innerJoin('tracks', 'tracks.id', 'topics.track_id')
    .select(['tracks.name', 'tracks.government_allowed'])
    .where('projects.team_id', '=', teamId)
    .executeTakeFirst();
}
