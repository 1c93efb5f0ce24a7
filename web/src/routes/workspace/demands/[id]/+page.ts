import { error } from '@sveltejs/kit';
import { loadDemandDetail } from '$lib/demand-detail.svelte';
import { session } from '$lib/session.svelte';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, parent }) => {
  await parent();
  const { demand, history } = await loadDemandDetail(params.id, fetch, { notFound: '需求不存在或您无权查看', historyOptional: true });
  if (!session.isMemberOf(demand.org.id)) error(403, '只有发布该需求的企业成员可以管理此需求');
  return { demand, history };
};
