import { client, ok } from '$lib/api/client';
import { loadOr } from '$lib/api/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, parent }) => {
  await parent();
  return loadOr(
    async () => ({ demand: await ok(client.GET('/api/demands/{id}', { params: { path: { id: params.id } }, fetch })) }),
    '需求子赛题不存在，或尚未发布',
  );
};
