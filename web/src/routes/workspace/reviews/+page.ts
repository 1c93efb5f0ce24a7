import { client, ok } from '$lib/api/client';
import { loadOr } from '$lib/api/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent }) => {
  await parent();
  return loadOr(async () => ({ tasks: await ok(client.GET('/api/review-tasks', { params: { query: { mine: '1' } }, fetch })) }));
};
