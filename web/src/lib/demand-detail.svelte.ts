/** Loading and local state shared by the demand detail pages (committee review and owner workspace). */
import { ApiError } from './api';
import { client, ok } from './api/client';
import { loadOr } from './api/load';
import type { Demand, DemandEvent } from './api/types';

type Fetch = typeof fetch;

/**
 * Loads a demand and its history for a detail page; a missing demand is a 404 with `notFound`,
 * any other failure a 503. With `historyOptional`, a 403 on the history yields an empty list.
 */
export async function loadDemandDetail(
  rawId: string,
  fetch: Fetch,
  opts: { notFound: string; historyOptional?: boolean },
): Promise<{ demand: Demand; history: DemandEvent[] }> {
  const path = { id: rawId };
  return loadOr(async () => {
    const [demand, { items: history }] = await Promise.all([
      ok(client.GET('/api/demands/{id}', { params: { path }, fetch })),
      ok(client.GET('/api/demands/{id}/history', { params: { path }, fetch })).catch((e) => {
        if (opts.historyOptional && e instanceof ApiError && e.status === 403) return { items: [] as DemandEvent[] };
        throw e;
      }),
    ]);
    return { demand, history };
  }, opts.notFound);
}

/**
 * The demand shown by a detail page: the loaded one, or the answer of the last action on it
 * (until the page data changes). Call during component initialisation.
 */
export function demandDetail<D extends Demand | null>(source: () => D) {
  let updated = $state<Demand | null>(null);
  $effect.pre(() => {
    void source();
    updated = null;
  });
  const demand = $derived.by(() => {
    const loaded = source();
    return (updated && updated.id === loaded?.id ? updated : loaded) as D;
  });
  return {
    get demand(): D {
      return demand;
    },
    /** Shows the demand returned by an action until the page data is reloaded. */
    update(next: Demand) {
      updated = next;
    },
  };
}
