import { error } from '@sveltejs/kit';
import { ApiError, api, messageOf } from '$lib/api';
import type { Team } from '$lib/types';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, parent }) => {
  await parent();
  try {
    return { team: await api.get<Team>(`/api/teams/${encodeURIComponent(params.id)}`, { fetch }) };
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 400)) error(404, '团队不存在，或您不是该团队的成员');
    error(503, messageOf(e));
  }
};
