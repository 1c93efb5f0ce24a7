import { client, ok } from '$lib/api/client';
import { loadOr } from '$lib/api/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent, url }) => {
  await parent();
  return loadOr(async () => {
    const { items: editions } = await ok(client.GET('/api/editions', { fetch }));
    const editionId = editions.find((e) => e.id === url.searchParams.get('edition'))?.id ?? editions[0]?.id ?? null;
    if (!editionId) return { editions: [], editionId: null, dashboard: null, console: null };
    const path = { params: { path: { id: editionId } }, fetch };
    const [dashboard, tracking] = await Promise.all([
      ok(client.GET('/api/editions/{id}/tracking/dashboard', path)),
      ok(client.GET('/api/editions/{id}/tracking/console', path)),
    ]);
    return { editions: editions.map((e) => ({ id: e.id, name: e.name })), editionId, dashboard, console: tracking };
  });
};
