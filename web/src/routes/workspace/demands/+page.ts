import { error } from '@sveltejs/kit';
import { api, messageOf } from '$lib/api';
import { session } from '$lib/session.svelte';
import type { Demand, Page } from '$lib/types';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent }) => {
  await parent();
  if (session.enterpriseMemberships.length === 0) return { demands: [] as Demand[] };
  try {
    // Every demand of my organisations (a workspace rarely holds more than a few dozen).
    const demands: Demand[] = [];
    for (let page = 1; page <= 10; page++) {
      const result = await api.get<Page<Demand>>('/api/demands', { fetch, query: { mine: 1, page, pageSize: 100 } });
      demands.push(...result.items);
      if (demands.length >= result.total || result.items.length === 0) break;
    }
    return { demands };
  } catch (e) {
    error(503, messageOf(e));
  }
};
