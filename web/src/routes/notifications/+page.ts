import { error } from '@sveltejs/kit';
import { messageOf } from '$lib/api';
import { requireLogin } from '$lib/guards';
import { notifications } from '$lib/notifications.svelte';
import type { PageLoad } from './$types';

const pageSize = 20;

export const load: PageLoad = async ({ parent, url }) => {
  await parent();
  requireLogin(url);
  const filters = {
    unread: url.searchParams.get('unread') === '1',
    page: Math.max(1, Number(url.searchParams.get('page')) || 1),
  };
  try {
    const result = await notifications.list(filters.page, pageSize, filters.unread);
    return { filters, pageSize, result };
  } catch (e) {
    error(503, messageOf(e));
  }
};
