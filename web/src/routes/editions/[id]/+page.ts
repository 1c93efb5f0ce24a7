import { error } from '@sveltejs/kit';
import { ApiError, api, messageOf } from '$lib/api';
import type { Demand, EditionDetail, Page } from '$lib/types';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params }) => {
  try {
    const [edition, demandCounts] = await Promise.all([
      api.get<EditionDetail>(`/api/editions/${encodeURIComponent(params.id)}`, { fetch }),
      publishedDemandsPerTopic(params.id, fetch),
    ]);
    return { edition, demandCounts };
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 400)) error(404, '赛事不存在或已被删除');
    error(503, messageOf(e));
  }
};

/** Published demand sub-topics per topic id (one request; the counts are optional). */
async function publishedDemandsPerTopic(editionId: string, fetchFn: typeof fetch): Promise<Record<string, number>> {
  try {
    const page = await api.get<Page<Demand>>('/api/demands', { fetch: fetchFn, query: { edition: editionId, pageSize: 100 } });
    const counts: Record<string, number> = {};
    for (const demand of page.items) {
      if (demand.publicStatus === 'published') counts[demand.topic.id] = (counts[demand.topic.id] ?? 0) + 1;
    }
    return counts;
  } catch {
    return {};
  }
}
