import { client, ok } from '$lib/api/client';
import { loadOr } from '$lib/api/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent, url }) => {
  await parent();
  return loadOr(async () => {
    const { items: editions } = await ok(client.GET('/api/editions', { fetch }));
    // "?topic=<id>" (from the demand board) preselects the edition, track and topic.
    const topicId = url.searchParams.get('topic') ?? '';
    const wanted = url.searchParams.get('edition') ?? '';
    const candidates = wanted ? editions.filter((e) => e.id === wanted) : topicId || editions.length === 1 ? editions : [];
    for (const candidate of candidates) {
      const edition = await ok(client.GET('/api/editions/{id}', { params: { path: { id: candidate.id } }, fetch }));
      const track = topicId ? edition.tracks.find((t) => t.topics?.some((topic) => topic.id === topicId)) : undefined;
      if (track || !topicId) {
        return { editions, initial: { editionId: edition.id, trackId: track?.id, topicId: track ? topicId : undefined, edition } };
      }
    }
    return { editions, initial: {} };
  });
};
