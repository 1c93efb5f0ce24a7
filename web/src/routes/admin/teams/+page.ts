import { client, ok } from '$lib/api/client';
import { loadOr } from '$lib/api/load';
import type { Edition, Team } from '$lib/api/types';
import { session } from '$lib/session.svelte';
import type { PageLoad } from './$types';

/**
 * Every team of one edition (?edition=, default the most recent). Only `edition` is read here:
 * the search, the filter and the page (?q=, ?status=, ?page=) are applied in the page without reloading.
 */
export const load: PageLoad = async ({ fetch, parent, url }) => {
  await parent();
  const wanted = url.searchParams.get('edition');
  if (!session.isOverseer) return { editions: [] as Edition[], edition: null, teams: [] as Team[] };
  return loadOr(async () => {
    // Most recent first (year desc).
    const { items: editions } = await ok(client.GET('/api/editions', { fetch }));
    const edition = editions.find((e) => e.id === wanted) ?? editions[0] ?? null;
    const teams = edition ? (await ok(client.GET('/api/teams', { params: { query: { editionId: edition.id } }, fetch }))).items : [];
    return { editions, edition, teams };
  });
};
