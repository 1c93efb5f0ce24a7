import { client, ok } from '$lib/api/client';
import { loadOr } from '$lib/api/load';
import type { ReviewQueue } from '$lib/api/types';
import { session } from '$lib/session.svelte';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent }) => {
  await parent();
  if (!session.isOverseer) return { queue: { pending: [], dataOverdue: [] } as ReviewQueue };
  return loadOr(async () => ({ queue: await ok(client.GET('/api/demands/review-queue', { fetch })) }));
};
