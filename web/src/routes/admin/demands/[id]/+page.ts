import { error } from '@sveltejs/kit';
import { ApiError, api, messageOf } from '$lib/api';
import { session } from '$lib/session.svelte';
import type { Demand, DemandEvent } from '$lib/types';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, parent }) => {
  await parent();
  if (!session.isOverseer) return { demand: null, history: [] as DemandEvent[] };
  const id = encodeURIComponent(params.id);
  try {
    const [demand, { items: history }] = await Promise.all([
      api.get<Demand>(`/api/demands/${id}`, { fetch }),
      api.get<{ items: DemandEvent[] }>(`/api/demands/${id}/history`, { fetch }),
    ]);
    return { demand, history };
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 400)) error(404, '需求不存在');
    error(503, messageOf(e));
  }
};
