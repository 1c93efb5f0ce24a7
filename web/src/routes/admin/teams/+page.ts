import { error } from '@sveltejs/kit';
import { api, messageOf } from '$lib/api';
import { session } from '$lib/session.svelte';
import type { Edition, Team } from '$lib/types';
import type { PageLoad } from './$types';

/**
 * Every team of one edition (?edition=, default the most recent). Only `edition` is read here:
 * the search, the filter and the page (?q=, ?status=, ?page=) are applied in the page without reloading.
 */
export const load: PageLoad = async ({ fetch, parent, url }) => {
  await parent();
  const wanted = url.searchParams.get('edition');
  if (!session.isOverseer) return { editions: [] as Edition[], edition: null, teams: [] as Team[] };
  try {
    // Most recent first (year desc).
    const { items: editions } = await api.get<{ items: Edition[] }>('/api/editions', { fetch });
    const edition = editions.find((e) => e.id === wanted) ?? editions[0] ?? null;
    const teams = edition ? (await api.get<{ items: Team[] }>('/api/teams', { fetch, query: { editionId: edition.id } })).items : [];
    return { editions, edition, teams };
  } catch (e) {
    error(503, messageOf(e));
  }
};
