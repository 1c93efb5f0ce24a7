import { client, ok } from '$lib/api/client';
import { loadOr } from '$lib/api/load';
import { applicationRules } from '$lib/application-rules.svelte';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, parent }) => {
  await parent();
  return loadOr(async () => {
    const [, project, version] = await Promise.all([
      applicationRules.load(fetch),
      ok(client.GET('/api/projects/{id}', { params: { path: { id: params.id } }, fetch })),
      ok(
        client.GET('/api/projects/{id}/versions/{version}', {
          params: { path: { id: params.id, version: Number(params.version) } },
          fetch,
        }),
      ),
    ]);
    return { project, version };
  }, '该版本不存在，或您无权查看');
};
