import { error } from '@sveltejs/kit';
import { api, messageOf } from '$lib/api';
import { session } from '$lib/session.svelte';
import type { ComplianceQueuePage, ComplianceStatus, Edition } from '$lib/types';
import type { PageLoad } from './$types';

const statuses: readonly string[] = ['pending', 'eligible', 'ineligible'];
const pageSize = 20;

export const load: PageLoad = async ({ fetch, parent, url }) => {
  await parent();
  // ?status=all shows every decision; the default is the ones waiting for one.
  const param = url.searchParams.get('status') ?? 'pending';
  const tab = (statuses.includes(param) ? param : 'all') as ComplianceStatus | 'all';
  const page = Math.max(1, Number(url.searchParams.get('page')) || 1);
  const empty: ComplianceQueuePage = { items: [], counts: { pending: 0, eligible: 0, ineligible: 0 }, total: 0, page, pageSize };
  if (!session.isOverseer) return { queue: empty, editions: [] as Edition[], tab };
  try {
    const [queue, { items: editions }] = await Promise.all([
      api.get<ComplianceQueuePage>('/api/projects/compliance-queue', {
        fetch,
        query: { compliance: tab === 'all' ? undefined : tab, page, pageSize },
      }),
      api.get<{ items: Edition[] }>('/api/editions', { fetch }),
    ]);
    return { queue, editions, tab };
  } catch (e) {
    error(503, messageOf(e));
  }
};
