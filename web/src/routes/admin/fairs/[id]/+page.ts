import { client, ok } from '$lib/api/client';
import { loadOr } from '$lib/api/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, parent }) => {
  await parent();
  return loadOr(async () => {
    const path = { id: params.id };
    const [fair, participants, requests, schedule, dashboard] = await Promise.all([
      ok(client.GET('/api/fairs/{id}', { params: { path }, fetch })),
      ok(client.GET('/api/fairs/{id}/participants', { params: { path }, fetch })),
      ok(client.GET('/api/fairs/{id}/requests', { params: { path, query: {} }, fetch })),
      ok(client.GET('/api/fairs/{id}/schedule', { params: { path }, fetch })),
      ok(client.GET('/api/fairs/{id}/dashboard', { params: { path }, fetch })),
    ]);
    return { fair, participants: participants.items, requests: requests.items, schedule, dashboard };
  }, '对接会不存在');
};
