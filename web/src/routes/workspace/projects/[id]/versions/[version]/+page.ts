import { error } from '@sveltejs/kit';
import { ApiError, api, messageOf } from '$lib/api';
import type { Material, Project, ProjectSections, ProjectVersion } from '$lib/types';
import type { PageLoad } from './$types';

export interface ProjectVersionDetail extends ProjectVersion {
  sections: ProjectSections;
  materials: Material[];
}

export const load: PageLoad = async ({ fetch, params, parent }) => {
  await parent();
  const id = encodeURIComponent(params.id);
  try {
    const [project, version] = await Promise.all([
      api.get<Project>(`/api/projects/${id}`, { fetch }),
      api.get<ProjectVersionDetail>(`/api/projects/${id}/versions/${encodeURIComponent(params.version)}`, { fetch }),
    ]);
    return { project, version };
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 400)) error(404, '该版本不存在，或您无权查看');
    if (e instanceof ApiError && e.status === 403) error(403, messageOf(e));
    error(503, messageOf(e));
  }
};
