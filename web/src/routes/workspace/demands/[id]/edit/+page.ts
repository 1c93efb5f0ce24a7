import { error } from '@sveltejs/kit';
import { client, ok } from '$lib/api/client';
import { loadOr } from '$lib/api/load';
import { session } from '$lib/session.svelte';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, parent }) => {
  await parent();
  const demand = await loadOr(
    () => ok(client.GET('/api/demands/{id}', { params: { path: { id: params.id } }, fetch })),
    '需求不存在或您无权查看',
  );
  if (!session.isMemberOf(demand.org.id)) error(403, '只有发布该需求的企业成员可以修改此需求');
  return { demand };
};
