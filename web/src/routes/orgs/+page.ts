import { error } from '@sveltejs/kit';
import { api, messageOf } from '$lib/api';
import { requireLogin } from '$lib/guards';
import type { Org, Page } from '$lib/types';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent, url }) => {
  await parent();
  requireLogin(url);
  try {
    const page = await api.get<Page<Org>>('/api/orgs', { fetch, query: { mine: 1, pageSize: 100 } });
    return { orgs: page.items };
  } catch (e) {
    error(503, messageOf(e));
  }
};
