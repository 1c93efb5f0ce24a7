import { error } from '@sveltejs/kit';
import { client, ok } from '$lib/api/client';
import { loadOr } from '$lib/api/load';
import { requireLogin } from '$lib/guards';
import type { PageLoad } from './$types';

/** 以赛题参赛: the topic (with its track) in its edition, my teams there and my organisations. */
export const load: PageLoad = async ({ fetch, params, parent, url }) => {
  await parent();
  requireLogin(url);
  const edition = await loadOr(
    () => ok(client.GET('/api/editions/{id}', { params: { path: { id: params.id } }, fetch })),
    '赛事不存在或已被删除',
  );
  const track = edition.tracks.find((t) => t.topics?.some((topic) => topic.id === params.topicId));
  const topic = track?.topics?.find((t) => t.id === params.topicId);
  if (!track || !topic) error(404, '赛题不存在，或不属于本届赛事');
  return loadOr(async () => {
    const [{ items: teams }, { items: orgs }] = await Promise.all([
      ok(client.GET('/api/teams', { params: { query: { mine: '1', editionId: edition.id } }, fetch })),
      ok(client.GET('/api/orgs', { params: { query: { mine: '1', pageSize: 100 } }, fetch })),
    ]);
    // A team registers in one edition and competes only within it.
    return {
      edition,
      track,
      topic,
      teams: teams.filter((t) => t.editionId === edition.id),
      orgs,
      demandCount: topic.publishedDemandCount ?? null,
    };
  });
};
