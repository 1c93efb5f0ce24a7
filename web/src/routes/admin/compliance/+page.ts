import { client, ok } from '$lib/api/client';
import { loadOr } from '$lib/api/load';
import type { ComplianceQueuePage, ComplianceStatus, Edition } from '$lib/api/types';
import { complianceLabels } from '$lib/labels';
import { session } from '$lib/session.svelte';
import type { PageLoad } from './$types';

const pageSize = 20;

export const load: PageLoad = async ({ fetch, parent, url }) => {
  await parent();
  // ?status=all shows every decision; the default is the ones waiting for one.
  const param = url.searchParams.get('status') ?? 'pending';
  const tab = (param in complianceLabels ? param : 'all') as ComplianceStatus | 'all';
  const page = Math.max(1, Number(url.searchParams.get('page')) || 1);
  const empty: ComplianceQueuePage = { items: [], counts: { pending: 0, eligible: 0, ineligible: 0 }, total: 0, page, pageSize };
  if (!session.isOverseer) return { queue: empty, editions: [] as Edition[], tab };
  return loadOr(async () => {
    const [queue, { items: editions }] = await Promise.all([
      ok(
        client.GET('/api/projects/compliance-queue', {
          params: { query: { compliance: tab === 'all' ? undefined : tab, page, pageSize } },
          fetch,
        }),
      ),
      ok(client.GET('/api/editions', { fetch })),
    ]);
    return { queue, editions, tab };
  });
};
