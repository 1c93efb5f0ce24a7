import { client, ok } from '$lib/api/client';
import { loadOr } from '$lib/api/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, parent }) => {
  await parent();
  return loadOr(
    async () => ({ task: await ok(client.GET('/api/review-tasks/{id}', { params: { path: { id: params.id } }, fetch })) }),
    '评审任务不存在，或不是分配给您的任务',
  );
};
