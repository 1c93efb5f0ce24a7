import { error } from '@sveltejs/kit';
import { ApiError, api, messageOf } from '$lib/api';
import { session } from '$lib/session.svelte';
import type { Demand, DemandEvent } from '$lib/types';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, parent }) => {
  await parent();
  const id = encodeURIComponent(params.id);
  let demand: Demand;
  let history: DemandEvent[];
  try {
    [demand, { items: history }] = await Promise.all([
      api.get<Demand>(`/api/demands/${id}`, { fetch }),
      api.get<{ items: DemandEvent[] }>(`/api/demands/${id}/history`, { fetch }).catch((e) => {
        if (e instanceof ApiError && e.status === 403) return { items: [] as DemandEvent[] };
        throw e;
      }),
    ]);
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 400)) error(404, '需求不存在或您无权查看');
    error(503, messageOf(e));
  }
  if (!session.isMemberOf(demand.org.id)) error(403, '只有发布该需求的企业成员可以管理此需求');
  return { demand, history };
};
