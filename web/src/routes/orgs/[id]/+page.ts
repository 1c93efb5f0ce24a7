import { client, ok } from '$lib/api/client';
import { loadOr } from '$lib/api/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, parent }) => {
  await parent(); // the session is known, so the member list matches who is signed in
  return loadOr(
    async () => ({ org: await ok(client.GET('/api/orgs/{id}', { params: { path: { id: params.id } }, fetch })) }),
    '单位不存在',
  );
};
