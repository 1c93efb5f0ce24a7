import { randomBytes } from 'node:crypto';
import type { DB } from '../../db/database.ts';
import { phaseNames, type EditionPhases, type EditionRules, type TopicRow, type TrackRow, type UserRow } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { recordAudit } from '../../lib/audit.ts';
import { enqueueDemands } from '@jb/search/outbox.ts';
import * as repo from './catalog.repository.ts';
import { countPublishedPerTopic } from '../demands/demands.repository.ts';

/** Phases whose window contains `now`; several can be open at once (e.g. registration and submission). */
export function currentPhases(phases: EditionPhases, now = new Date()): string[] {
  const t = now.getTime();
  return phaseNames.filter((name) => {
    const window = phases[name];
    return window && Date.parse(window.start) <= t && t <= Date.parse(window.end);
  });
}

export function toTopicDto(topic: TopicRow, publishedDemandCount?: number) {
  return {
    id: topic.id,
    trackId: topic.track_id,
    position: topic.position,
    title: topic.title,
    description: topic.description,
    ...(publishedDemandCount !== undefined && { publishedDemandCount }),
  };
}

export function toTrackDto(track: TrackRow, topics?: TopicRow[], demandCounts?: Map<string, number>) {
  return {
    id: track.id,
    editionId: track.edition_id,
    code: track.code,
    position: track.position,
    name: track.name,
    fullName: track.full_name,
    description: track.description,
    governmentAllowed: track.government_allowed,
    ...(topics && {
      topicCount: topics.length,
      topics: topics.map((t) => toTopicDto(t, demandCounts ? (demandCounts.get(t.id) ?? 0) : undefined)),
    }),
  };
}

export function toEditionDto(edition: repo.EditionWithCounts, now = new Date()) {
  return {
    id: edition.id,
    slug: edition.slug,
    name: edition.name,
    year: edition.year,
    region: edition.region,
    organizer: edition.organizer,
    description: edition.description,
    phases: edition.phases,
    rules: edition.rules,
    currentPhases: currentPhases(edition.phases, now),
    trackCount: Number(edition.track_count),
    topicCount: Number(edition.topic_count),
    createdAt: edition.created_at.toISOString(),
    updatedAt: edition.updated_at.toISOString(),
  };
}

export async function listEditions(db: DB) {
  return (await repo.listEditions(db)).map((e) => toEditionDto(e));
}

export async function getEditionDetail(db: DB, id: string) {
  const edition = await repo.findEdition(db, id);
  if (!edition) throw notFound('赛事');
  const [tracks, topics, demandCounts] = await Promise.all([
    repo.listTracks(db, id),
    repo.listTopicsOfEdition(db, id),
    countPublishedPerTopic(db, id),
  ]);
  const byTrack = new Map<string, TopicRow[]>();
  for (const topic of topics) byTrack.set(topic.track_id, [...(byTrack.get(topic.track_id) ?? []), topic]);
  return { ...toEditionDto(edition), tracks: tracks.map((t) => toTrackDto(t, byTrack.get(t.id) ?? [], demandCounts)) };
}

export async function createEdition(
  db: DB,
  actor: UserRow,
  input: {
    slug?: string;
    name: string;
    year: number;
    region: string;
    organizer?: string | null;
    description?: string | null;
    phases: EditionPhases;
    rules: EditionRules;
  },
) {
  const slug = input.slug ?? `${input.year}-${randomBytes(4).toString('hex')}`;
  const id = await db.transaction().execute(async (trx) => {
    const edition = await repo.insertEdition(trx, { ...input, slug });
    if (!edition) throw new AppError('CONFLICT', '该赛事标识已被使用', { field: 'slug' });
    await recordAudit(trx, { actorId: actor.id, action: 'edition.created', entityType: 'edition', entityId: edition.id });
    return edition.id;
  });
  return getEditionDetail(db, id);
}

export async function updateEdition(
  db: DB,
  actor: UserRow,
  id: string,
  patch: {
    name?: string;
    year?: number;
    region?: string;
    organizer?: string | null;
    description?: string | null;
    phases?: Partial<EditionPhases>;
    rules?: EditionRules;
  },
) {
  await db.transaction().execute(async (trx) => {
    // Lock the row: two committee members editing phases must not lose each other's changes.
    const current = await repo.lockEdition(trx, id);
    if (!current) throw notFound('赛事');
    const phases = patch.phases ? { ...current.phases, ...patch.phases } : undefined;
    await repo.updateEdition(trx, id, { ...patch, phases });
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'edition.updated',
      entityType: 'edition',
      entityId: id,
      data: { changed: Object.keys(patch), before: pick(current, patch) },
    });
  });
  return getEditionDetail(db, id);
}

function pick(current: Record<string, unknown>, patch: Record<string, unknown>) {
  return Object.fromEntries(Object.keys(patch).map((k) => [k, current[k] ?? null]));
}

export async function deleteEdition(db: DB, actor: UserRow, id: string) {
  await db.transaction().execute(async (trx) => {
    if (!(await repo.deleteEdition(trx, id))) throw notFound('赛事');
    await recordAudit(trx, { actorId: actor.id, action: 'edition.deleted', entityType: 'edition', entityId: id });
  });
}

export async function createTrack(
  db: DB,
  actor: UserRow,
  editionId: string,
  input: { code?: string; name: string; fullName?: string; description?: string | null; governmentAllowed: boolean; position?: number },
) {
  return db.transaction().execute(async (trx) => {
    const edition = await repo.lockEdition(trx, editionId);
    if (!edition) throw notFound('赛事');
    const position = input.position ?? (await repo.nextTrackPosition(trx, editionId));
    const track = await repo.insertTrack(trx, {
      edition_id: editionId,
      code: input.code ?? `T${String(position).padStart(2, '0')}`,
      position,
      name: input.name,
      full_name: input.fullName ?? `数据要素×${input.name}`,
      description: input.description ?? null,
      government_allowed: input.governmentAllowed,
    });
    if (!track) throw new AppError('CONFLICT', '该赛事中已有相同代码的赛道', { field: 'code' });
    await recordAudit(trx, { actorId: actor.id, action: 'track.created', entityType: 'track', entityId: track.id, data: { editionId } });
    return toTrackDto(track, []);
  });
}

export async function updateTrack(
  db: DB,
  actor: UserRow,
  id: string,
  patch: { name?: string; fullName?: string; description?: string | null; governmentAllowed?: boolean; position?: number },
) {
  return db.transaction().execute(async (trx) => {
    const track = await repo.updateTrack(trx, id, {
      name: patch.name,
      full_name: patch.fullName,
      description: patch.description,
      government_allowed: patch.governmentAllowed,
      position: patch.position,
    });
    if (!track) throw notFound('赛道');
    await enqueueDemands(trx, await repo.demandIdsUnder(trx, { trackId: id }));
    await recordAudit(trx, { actorId: actor.id, action: 'track.updated', entityType: 'track', entityId: id, data: patch });
    return toTrackDto(track, await repo.listTopics(trx, id));
  });
}

export async function deleteTrack(db: DB, actor: UserRow, id: string) {
  await db.transaction().execute(async (trx) => {
    if (!(await repo.deleteTrack(trx, id))) throw notFound('赛道');
    await recordAudit(trx, { actorId: actor.id, action: 'track.deleted', entityType: 'track', entityId: id });
  });
}

export async function getTrack(db: DB, id: string) {
  const track = await repo.findTrack(db, id);
  if (!track) throw notFound('赛道');
  return toTrackDto(track, await repo.listTopics(db, id));
}

export async function createTopic(
  db: DB,
  actor: UserRow,
  trackId: string,
  input: { title: string; description: string; position?: number },
) {
  return db.transaction().execute(async (trx) => {
    const track = await repo.lockTrack(trx, trackId);
    if (!track) throw notFound('赛道');
    const position = input.position ?? (await repo.nextTopicPosition(trx, trackId));
    const topic = await repo.insertTopic(trx, { track_id: trackId, position, title: input.title, description: input.description });
    if (!topic) throw new AppError('CONFLICT', `该赛道已有序号为 ${position} 的赛题`, { field: 'position' });
    await recordAudit(trx, { actorId: actor.id, action: 'topic.created', entityType: 'topic', entityId: topic.id, data: { trackId } });
    return toTopicDto(topic);
  });
}

export async function updateTopic(db: DB, actor: UserRow, id: string, patch: { title?: string; description?: string; position?: number }) {
  return db.transaction().execute(async (trx) => {
    const topic = await repo.updateTopic(trx, id, patch);
    if (!topic) throw notFound('赛题');
    await enqueueDemands(trx, await repo.demandIdsUnder(trx, { topicId: id }));
    await recordAudit(trx, { actorId: actor.id, action: 'topic.updated', entityType: 'topic', entityId: id, data: patch });
    return toTopicDto(topic);
  });
}

export async function deleteTopic(db: DB, actor: UserRow, id: string) {
  await db.transaction().execute(async (trx) => {
    if (!(await repo.deleteTopic(trx, id))) throw notFound('赛题');
    await recordAudit(trx, { actorId: actor.id, action: 'topic.deleted', entityType: 'topic', entityId: id });
  });
}

export async function getTopic(db: DB, id: string) {
  const topic = await repo.findTopic(db, id);
  if (!topic) throw notFound('赛题');
  return toTopicDto(topic);
}
