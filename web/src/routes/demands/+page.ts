import { redirect } from '@sveltejs/kit';
import { ApiError } from '$lib/api';
import { client, ok } from '$lib/api/client';
import { loadOr } from '$lib/api/load';
import type { DemandStatus, EditionDetail } from '$lib/api/types';
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
    status: (publicStatuses as string[]).includes(status) ? (status as DemandStatus) : ('' as const),
    page: Math.max(1, Number(q.get('page')) || 1),
  };
  return loadOr(async () => {
    const query = {
      edition: filters.edition || undefined,
      track: filters.track || undefined,
      topic: filters.topic || undefined,
      status: filters.status || undefined,
      page: filters.page,
      pageSize,
    };
    const [{ items: editions }, result] = await Promise.all([
      ok(client.GET('/api/editions', { fetch })),
      ok(client.GET('/api/demands', { params: { query }, fetch })).catch((e) => {
        // A malformed filter in a hand-edited URL: show the whole board instead.
        if (e instanceof ApiError && e.code === 'VALIDATION_FAILED') redirect(307, '/demands');
        throw e;
      }),
    ]);
    // The edition whose tracks and topics fill the filters: the chosen one, the only one,
    // or the one the listed demands (filtered by track/topic) belong to.
    let catalogId = filters.edition || (editions.length === 1 ? editions[0].id : '');
    if (!catalogId && (filters.track || filters.topic)) catalogId = result.items[0]?.edition.id ?? '';
    let catalog: EditionDetail | null = null;
    if (catalogId) catalog = await ok(client.GET('/api/editions/{id}', { params: { path: { id: catalogId } }, fetch })).catch(() => null);
    return { filters, pageSize, editions, catalog, result };
  });
};
