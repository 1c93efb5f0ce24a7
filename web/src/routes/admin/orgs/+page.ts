import { error } from '@sveltejs/kit';
import { api, messageOf } from '$lib/api';
import { session } from '$lib/session.svelte';
import type { Org, OrgKind, Page } from '$lib/types';
import type { PageLoad } from './$types';

const pageSize = 20;

export const load: PageLoad = async ({ fetch, parent, url }) => {
  await parent();
  const filters = {
    q: url.searchParams.get('q') ?? '',
    kind: (url.searchParams.get('kind') ?? '') as OrgKind | '',
    flagged: (url.searchParams.get('flagged') ?? '') as 'true' | 'false' | '',
    page: Math.max(1, Number(url.searchParams.get('page')) || 1),
  };
  if (!session.isOverseer) return { filters, pageSize, result: { items: [], total: 0 } as Page<Org> };
  try {
    const result = await api.get<Page<Org>>('/api/orgs', { fetch, query: { ...filters, pageSize } });
    return { filters, pageSize, result };
  } catch (e) {
    error(503, messageOf(e));
  }
};
