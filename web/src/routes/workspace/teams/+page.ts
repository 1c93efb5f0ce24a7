import { client, ok } from '$lib/api/client';
import { loadOr } from '$lib/api/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent }) => {
  await parent();
  return loadOr(async () => {
    const [{ items: teams }, { items: invitations }, { items: editions }, { items: orgs }] = await Promise.all([
      ok(client.GET('/api/teams', { params: { query: { mine: '1' } }, fetch })),
      ok(client.GET('/api/invitations', { params: { query: { mine: '1' } }, fetch })),
      ok(client.GET('/api/editions', { fetch })),
      ok(client.GET('/api/orgs', { params: { query: { mine: '1', pageSize: 100 } }, fetch })),
    ]);
    return { teams, invitations: invitations.filter((i) => i.status === 'pending'), editions, orgs };
  });
};
