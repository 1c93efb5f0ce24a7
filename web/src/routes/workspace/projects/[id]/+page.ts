import { error } from '@sveltejs/kit';
import { ApiError, api, messageOf } from '$lib/api';
import type { Project, ProjectVersion } from '$lib/types';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, parent }) => {
  await parent();
  const id = encodeURIComponent(params.id);
  try {
    const [project, versions] = await Promise.all([
      api.get<Project>(`/api/projects/${id}`, { fetch }),
      // Viewers who may read the project but not its history get an empty list.
      api.get<{ items: ProjectVersion[] }>(`/api/projects/${id}/versions`, { fetch }).then(
        (r) => r.items,
        () => [] as ProjectVersion[],
      ),
    ]);
    return { project, versions };
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 400)) error(404, '参赛项目不存在，或您无权查看');
    error(503, messageOf(e));
  }
};
