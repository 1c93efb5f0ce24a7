import { error } from '@sveltejs/kit';
import { ApiError, api, messageOf } from '$lib/api';
import { requireLogin } from '$lib/guards';
import type { Demand, EditionDetail, Org, Page, Team } from '$lib/types';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, parent, url }) => {
  await parent();
  requireLogin(url);
  let demand: Demand;
  try {
    demand = await api.get<Demand>(`/api/demands/${encodeURIComponent(params.id)}`, { fetch });
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 400)) error(404, '需求子赛题不存在，或尚未发布');
    error(503, messageOf(e));
  }
  try {
    const [{ items: teams }, { items: orgs }, edition] = await Promise.all([
      api.get<{ items: Team[] }>('/api/teams', { fetch, query: { mine: 1 } }),
      api.get<Page<Org>>('/api/orgs', { fetch, query: { mine: 1, pageSize: 100 } }),
      api.get<EditionDetail>(`/api/editions/${encodeURIComponent(demand.edition.id)}`, { fetch }),
    ]);
    // A team registers in one edition and bids only within it.
    return { demand, teams: teams.filter((t) => t.editionId === demand.edition.id), orgs, edition };
  } catch (e) {
    error(503, messageOf(e));
  }
};
