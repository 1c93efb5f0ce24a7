import { client, ok } from '$lib/api/client';
import { loadOr } from '$lib/api/load';
import type { OrgKind, OrgPage } from '$lib/api/types';
import { session } from '$lib/session.svelte';
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
  if (!session.isOverseer) return { filters, pageSize, result: { items: [], total: 0 } as OrgPage };
  return loadOr(async () => {
    const query = {
      q: filters.q || undefined,
      kind: filters.kind || undefined,
      flagged: filters.flagged || undefined,
      page: filters.page,
      pageSize,
    };
    return { filters, pageSize, result: await ok(client.GET('/api/orgs', { params: { query }, fetch })) };
  });
};
