import { client, ok } from '$lib/api/client';
import { loadOr } from '$lib/api/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent }) => {
  await parent();
  return loadOr(async () => {
    const [editions, reports] = await Promise.all([
      ok(client.GET('/api/editions', { fetch })),
      ok(client.GET('/api/publicity-reports', { params: { query: {} }, fetch })),
    ]);
    const views = await Promise.all(
      editions.items.map((e) => ok(client.GET('/api/editions/{id}/publicity', { params: { path: { id: e.id } }, fetch }))),
    );
    return { editions: editions.items, views, reports: reports.items };
  });
};
