import { error } from '@sveltejs/kit';
import { api, messageOf } from '$lib/api';
import type { Edition, Invitation, Org, Page, Team } from '$lib/types';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent }) => {
  await parent();
  try {
    const [{ items: teams }, { items: invitations }, { items: editions }, { items: orgs }] = await Promise.all([
      api.get<{ items: Team[] }>('/api/teams', { fetch, query: { mine: 1 } }),
      api.get<{ items: Invitation[] }>('/api/invitations', { fetch, query: { mine: 1 } }),
      api.get<{ items: Edition[] }>('/api/editions', { fetch }),
      api.get<Page<Org>>('/api/orgs', { fetch, query: { mine: 1, pageSize: 100 } }),
    ]);
    return { teams, invitations: invitations.filter((i) => i.status === 'pending'), editions, orgs };
  } catch (e) {
    error(503, messageOf(e));
  }
};
