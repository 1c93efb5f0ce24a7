import { client, ok } from '$lib/api/client';
import { loadOr } from '$lib/api/load';
import { session } from '$lib/session.svelte';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent }) => {
  await parent();
  return loadOr(async () => {
    const expert = session.user?.roles.includes('expert') ?? false;
    const [list, sources, opinions] = await Promise.all([
      ok(client.GET('/api/implementations', { params: { query: {} }, fetch })),
      session.enterpriseMemberships.length ? ok(client.GET('/api/implementations/sources', { fetch })) : { items: [] },
      expert ? ok(client.GET('/api/expert-opinions', { fetch })) : { items: [] },
    ]);
    return { implementations: list.items, sources: sources.items, opinions: opinions.items };
  });
};
