import { error } from '@sveltejs/kit';
import { ApiError, api, messageOf } from '$lib/api';
import { session } from '$lib/session.svelte';
import type { Demand } from '$lib/types';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, parent }) => {
  await parent();
  let demand: Demand;
  try {
    demand = await api.get<Demand>(`/api/demands/${encodeURIComponent(params.id)}`, { fetch });
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 400)) error(404, '需求不存在或您无权查看');
    error(503, messageOf(e));
  }
  if (!session.isMemberOf(demand.org.id)) error(403, '只有发布该需求的企业成员可以修改此需求');
  return { demand };
};
