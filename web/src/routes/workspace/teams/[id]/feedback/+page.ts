import { error } from '@sveltejs/kit';
import { client, ok } from '$lib/api/client';
import { ApiError, messageOf } from '$lib/api';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, parent }) => {
  await parent();
  try {
    return { feedback: await ok(client.GET('/api/teams/{id}/feedback', { params: { path: { id: params.id } }, fetch })), notYet: '' };
  } catch (e) {
    // Before publication the page says so instead of failing.
    if (e instanceof ApiError && e.code === 'RESULTS_NOT_PUBLISHED') return { feedback: null, notYet: e.message };
    if (e instanceof ApiError && (e.status === 404 || e.status === 400)) error(404, '团队不存在');
    if (e instanceof ApiError && e.status === 403) error(403, messageOf(e));
    error(503, messageOf(e));
  }
};
