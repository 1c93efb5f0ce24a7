import { error } from '@sveltejs/kit';
import { ApiError, api, messageOf } from '$lib/api';
import { requireLogin } from '$lib/guards';
import type { Demand, EditionDetail, Org, Page, Team } from '$lib/types';
import type { PageLoad } from './$types';

/** 以赛题参赛: the topic (with its track) in its edition, my teams there and my organisations. */
export const load: PageLoad = async ({ fetch, params, parent, url }) => {
  await parent();
  requireLogin(url);
  let edition: EditionDetail;
  try {
    edition = await api.get<EditionDetail>(`/api/editions/${encodeURIComponent(params.id)}`, { fetch });
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 400)) error(404, '赛事不存在或已被删除');
    error(503, messageOf(e));
  }
  const track = edition.tracks.find((t) => t.topics?.some((topic) => topic.id === params.topicId));
  const topic = track?.topics?.find((t) => t.id === params.topicId);
  if (!track || !topic) error(404, '赛题不存在，或不属于本届赛事');
  try {
    const [{ items: teams }, { items: orgs }, demandCount] = await Promise.all([
      api.get<{ items: Team[] }>('/api/teams', { fetch, query: { mine: 1, editionId: edition.id } }),
      api.get<Page<Org>>('/api/orgs', { fetch, query: { mine: 1, pageSize: 100 } }),
      publishedDemands(topic.id, fetch),
    ]);
    // A team registers in one edition and competes only within it.
    return { edition, track, topic, teams: teams.filter((t) => t.editionId === edition.id), orgs, demandCount };
  } catch (e) {
    error(503, messageOf(e));
  }
};

/** The topic's published demand sub-topics (null when unknown: the count is optional). */
async function publishedDemands(topicId: string, fetchFn: typeof fetch): Promise<number | null> {
  try {
    const page = await api.get<Page<Demand>>('/api/demands', { fetch: fetchFn, query: { topic: topicId, public: 1, pageSize: 100 } });
    return page.items.filter((d) => (d.publicStatus ?? d.status) === 'published').length;
  } catch {
    return null;
  }
}
