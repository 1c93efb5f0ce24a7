import { client, ok } from '$lib/api/client';
import { loadOr } from '$lib/api/load';
import type { Demand } from '$lib/api/types';
import { session } from '$lib/session.svelte';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent }) => {
  await parent();
  if (session.enterpriseMemberships.length === 0) return { demands: [] as Demand[] };
  return loadOr(async () => {
    // Every demand of my organisations (a workspace rarely holds more than a few dozen).
    const demands: Demand[] = [];
    for (let page = 1; page <= 10; page++) {
      const result = await ok(client.GET('/api/demands', { params: { query: { mine: '1', page, pageSize: 100 } }, fetch }));
      demands.push(...result.items);
      if (demands.length >= result.total || result.items.length === 0) break;
    }
    return { demands };
  });
};
