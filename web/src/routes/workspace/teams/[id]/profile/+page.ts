import { client, ok } from '$lib/api/client';
import { loadOr } from '$lib/api/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, parent }) => {
  await parent();
  return loadOr(async () => {
    const profile = await ok(client.GET('/api/teams/{id}/profile', { params: { path: { id: params.id } }, fetch }));
    const team = await ok(client.GET('/api/teams/{id}', { params: { path: { id: params.id } }, fetch }));
    const edition = await ok(client.GET('/api/editions/{id}', { params: { path: { id: team.editionId } }, fetch }));
    return { profile, tracks: edition.tracks.map((t) => ({ id: t.id, name: t.name })) };
  }, '团队不存在，或您无权查看其能力画像');
};
