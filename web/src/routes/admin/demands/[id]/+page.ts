import { loadDemandDetail } from '$lib/demand-detail.svelte';
import { session } from '$lib/session.svelte';
import type { DemandEvent } from '$lib/api/types';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, parent }) => {
  await parent();
  if (!session.isOverseer) return { demand: null, history: [] as DemandEvent[] };
  return loadDemandDetail(params.id, fetch, { notFound: '需求不存在' });
};
