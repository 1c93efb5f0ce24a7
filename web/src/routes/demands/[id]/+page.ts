import { error } from '@sveltejs/kit';
import { ApiError, api, messageOf } from '$lib/api';
import type { Demand } from '$lib/types';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, parent }) => {
  await parent();
  try {
    const demand = await api.get<Demand>(`/api/demands/${encodeURIComponent(params.id)}`, { fetch });
    return { demand };
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 400)) error(404, '需求子赛题不存在，或尚未发布');
    error(503, messageOf(e));
  }
};
