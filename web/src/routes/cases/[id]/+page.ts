import { client, ok } from '$lib/api/client';
import { loadOr } from '$lib/api/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params }) =>
  loadOr(
    async () => ({ item: await ok(client.GET('/api/cases/{id}', { params: { path: { id: params.id } }, fetch })) }),
    '该典型案例不存在或未公开',
  );
