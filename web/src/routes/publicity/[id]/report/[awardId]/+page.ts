import { error } from '@sveltejs/kit';
import { client, ok } from '$lib/api/client';
import { loadOr } from '$lib/api/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params }) => {
  const view = await loadOr(() => ok(client.GET('/api/editions/{id}/publicity', { params: { path: { id: params.id } }, fetch })));
  const winner = view.tracks.flatMap((t) => t.winners).find((w) => w.awardId === params.awardId);
  if (!winner) error(404, '获奖项目不存在');
  return { view, winner };
};
