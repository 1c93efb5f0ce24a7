import { error } from '@sveltejs/kit';
import { api, messageOf } from '$lib/api';
import type { Edition } from '$lib/types';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch }) => {
  try {
    const { items } = await api.get<{ items: Edition[] }>('/api/editions', { fetch });
    return { editions: items };
  } catch (e) {
    error(503, messageOf(e));
  }
};
