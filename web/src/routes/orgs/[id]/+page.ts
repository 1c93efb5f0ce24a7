import { error } from '@sveltejs/kit';
import { ApiError, api, messageOf } from '$lib/api';
import type { Org } from '$lib/types';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, parent }) => {
  await parent(); // the session is known, so the member list matches who is signed in
  try {
    const org = await api.get<Org>(`/api/orgs/${encodeURIComponent(params.id)}`, { fetch });
    return { org };
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 400)) error(404, '单位不存在');
    error(503, messageOf(e));
  }
};
