import { client, ok } from '$lib/api/client';
import { loadOr } from '$lib/api/load';
import type { ProjectVersion } from '$lib/api/types';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, parent }) => {
  await parent();
  const path = { id: params.id };
  return loadOr(async () => {
    const [project, versions] = await Promise.all([
      ok(client.GET('/api/projects/{id}', { params: { path }, fetch })),
      // Viewers who may read the project but not its history get an empty list.
      ok(client.GET('/api/projects/{id}/versions', { params: { path }, fetch })).then(
        (r) => r.items,
        () => [] as ProjectVersion[],
      ),
    ]);
    return { project, versions };
  }, '参赛项目不存在，或您无权查看');
};
