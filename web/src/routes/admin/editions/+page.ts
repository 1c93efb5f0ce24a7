import { error } from '@sveltejs/kit';
import { api, messageOf } from '$lib/api';
import { session } from '$lib/session.svelte';
import type { Edition } from '$lib/types';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent, url }) => {
  await parent();
  const selectedId = url.searchParams.get('edition') ?? '';
  if (!session.isOverseer) return { editions: [] as Edition[], selectedId };
  try {
    const { items } = await api.get<{ items: Edition[] }>('/api/editions', { fetch });
    return { editions: items, selectedId };
  } catch (e) {
    error(503, messageOf(e));
  }
};
