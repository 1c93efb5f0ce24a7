import { client, ok } from '$lib/api/client';
import { loadOr } from '$lib/api/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, parent }) => {
  await parent();
  const path = { id: params.id };
  return loadOr(async () => {
    const [implementation, versions] = await Promise.all([
      ok(client.GET('/api/implementations/{id}', { params: { path }, fetch })),
      ok(client.GET('/api/implementations/{id}/versions', { params: { path }, fetch })),
    ]);
    return { implementation, versions: versions.items };
  }, '落地实施项目不存在，或您无权查看');
};
