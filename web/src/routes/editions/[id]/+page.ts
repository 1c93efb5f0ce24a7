import { error } from '@sveltejs/kit';
import { ApiError, api, messageOf } from '$lib/api';
import type { EditionDetail } from '$lib/types';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params }) => {
  try {
    const edition = await api.get<EditionDetail>(`/api/editions/${encodeURIComponent(params.id)}`, { fetch });
    return { edition };
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 400)) error(404, '赛事不存在或已被删除');
    error(503, messageOf(e));
  }
};
