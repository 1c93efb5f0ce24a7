import { client, ok } from '$lib/api/client';
import { loadOr } from '$lib/api/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch }) => loadOr(async () => ok(client.GET('/api/cases', { params: { query: {} }, fetch })));
