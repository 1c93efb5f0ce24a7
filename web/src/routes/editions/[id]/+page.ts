import { client, ok } from '$lib/api/client';
import { loadOr } from '$lib/api/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params }) =>
  loadOr(async () => {
    const edition = await ok(client.GET('/api/editions/{id}', { params: { path: { id: params.id } }, fetch }));
    // Published sub-topics per topic, counted by the API.
    const demandCounts: Record<string, number> = {};
    for (const track of edition.tracks) for (const topic of track.topics ?? []) demandCounts[topic.id] = topic.publishedDemandCount ?? 0;
    return { edition, demandCounts };
  }, '赛事不存在或已被删除');
