import { client, ok } from '$lib/api/client';
import { loadOr } from '$lib/api/load';
import { applicationRules } from '$lib/application-rules.svelte';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, parent }) => {
  await parent();
  return loadOr(async () => {
    const [, task] = await Promise.all([
      applicationRules.load(fetch),
      ok(client.GET('/api/review-tasks/{id}', { params: { path: { id: params.id } }, fetch })),
    ]);
    return { task };
  }, '评审任务不存在，或不是分配给您的任务');
};
