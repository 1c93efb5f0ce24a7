import { client, ok } from '$lib/api/client';
import { loadOr } from '$lib/api/load';
import { requireLogin } from '$lib/guards';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, parent, url }) => {
  await parent();
  requireLogin(url);
  const demand = await loadOr(
    () => ok(client.GET('/api/demands/{id}', { params: { path: { id: params.id } }, fetch })),
    '需求子赛题不存在，或尚未发布',
  );
  return loadOr(async () => {
    const [{ items: teams }, { items: orgs }, edition] = await Promise.all([
      ok(client.GET('/api/teams', { params: { query: { mine: '1' } }, fetch })),
      ok(client.GET('/api/orgs', { params: { query: { mine: '1', pageSize: 100 } }, fetch })),
      ok(client.GET('/api/editions/{id}', { params: { path: { id: demand.edition.id } }, fetch })),
    ]);
    // A team registers in one edition and bids only within it.
    return { demand, teams: teams.filter((t) => t.editionId === demand.edition.id), orgs, edition };
  });
};
