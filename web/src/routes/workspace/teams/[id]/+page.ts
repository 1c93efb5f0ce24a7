import { client, ok } from '$lib/api/client';
import { loadOr } from '$lib/api/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, parent }) => {
  await parent();
  return loadOr(
    async () => ({ team: await ok(client.GET('/api/teams/{id}', { params: { path: { id: params.id } }, fetch })) }),
    '团队不存在，或您不是该团队的成员',
  );
};
