import { error } from '@sveltejs/kit';
import { api, messageOf } from '$lib/api';
import { session } from '$lib/session.svelte';
import type { ReviewQueue } from '$lib/types';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent }) => {
  await parent();
  if (!session.isOverseer) return { queue: { pending: [], dataOverdue: [] } as ReviewQueue };
  try {
    return { queue: await api.get<ReviewQueue>('/api/demands/review-queue', { fetch }) };
  } catch (e) {
    error(503, messageOf(e));
  }
};
