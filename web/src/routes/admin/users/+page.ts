import { error } from '@sveltejs/kit';
import { api, messageOf } from '$lib/api';
import { session } from '$lib/session.svelte';
import type { Page, PlatformRole, User } from '$lib/types';
import type { PageLoad } from './$types';

const pageSize = 20;

export const load: PageLoad = async ({ fetch, parent, url }) => {
  await parent();
  const filters = {
    q: url.searchParams.get('q') ?? '',
    role: (url.searchParams.get('role') ?? '') as PlatformRole | '',
    page: Math.max(1, Number(url.searchParams.get('page')) || 1),
  };
  if (!session.isOverseer) return { filters, pageSize, result: { items: [], total: 0 } as Page<User> };
  try {
    const result = await api.get<Page<User>>('/api/users', { fetch, query: { ...filters, pageSize } });
    return { filters, pageSize, result };
  } catch (e) {
    error(503, messageOf(e));
  }
};
