import { client, ok } from '$lib/api/client';
import { loadOr } from '$lib/api/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params }) =>
  loadOr(async () => ({ view: await ok(client.GET('/api/editions/{id}/publicity', { params: { path: { id: params.id } }, fetch })) }));
