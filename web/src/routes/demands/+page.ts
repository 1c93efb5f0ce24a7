import { error, redirect } from '@sveltejs/kit';
import { ApiError, api, messageOf } from '$lib/api';
import type { Demand, DemandStatus, Edition, EditionDetail, Page } from '$lib/types';
import type { PageLoad } from './$types';

const pageSize = 12;
const publicStatuses: DemandStatus[] = ['published', 'closed', 'disqualified'];

export const load: PageLoad = async ({ fetch, parent, url }) => {
  await parent();
  const q = url.searchParams;
  const status = q.get('status') ?? '';
  const filters = {
    edition: q.get('edition') ?? '',
    track: q.get('track') ?? '',
    topic: q.get('topic') ?? '',
    status: (publicStatuses as string[]).includes(status) ? (status as DemandStatus) : '',
    page: Math.max(1, Number(q.get('page')) || 1),
  };
  try {
    const [{ items: editions }, result] = await Promise.all([
      api.get<{ items: Edition[] }>('/api/editions', { fetch }),
      api.get<Page<Demand>>('/api/demands', { fetch, query: { ...filters, pageSize } }),
    ]);
    // The edition whose tracks and topics fill the filters: the chosen one, the only one,
    // or the one the listed demands (filtered by track/topic) belong to.
    let catalogId = filters.edition || (editions.length === 1 ? editions[0].id : '');
    if (!catalogId && (filters.track || filters.topic)) catalogId = result.items[0]?.edition.id ?? '';
    let catalog: EditionDetail | null = null;
    if (catalogId) {
      catalog = await api.get<EditionDetail>(`/api/editions/${encodeURIComponent(catalogId)}`, { fetch }).catch(() => null);
    }
    return { filters, pageSize, editions, catalog, result };
  } catch (e) {
    // A malformed filter in a hand-edited URL: show the whole board instead.
    if (e instanceof ApiError && e.code === 'VALIDATION_FAILED') redirect(307, '/demands');
    error(503, messageOf(e));
  }
};
