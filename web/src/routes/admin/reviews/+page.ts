import { client, ok } from '$lib/api/client';
import { loadOr } from '$lib/api/load';
import { session } from '$lib/session.svelte';
import type { PageLoad } from './$types';

/**
 * 联合评审 console: the edition (?edition=, default the one in its review phase), its round of
 * the stage (?stage=, default preliminary) and everything about it in one load.
 */
export const load: PageLoad = async ({ fetch, parent, url }) => {
  await parent();
  if (!session.isOverseer) return { editions: [], edition: null, rounds: [], round: null, detail: null, experts: [], links: [] };
  return loadOr(async () => {
    const { items: editions } = await ok(client.GET('/api/editions', { fetch }));
    const now = Date.now();
    const inReview = editions.find(
      (e) => Date.parse(e.phases.preliminaryReview.start) <= now && now <= Date.parse(e.phases.preliminaryReview.end),
    );
    const edition = editions.find((e) => e.id === url.searchParams.get('edition')) ?? inReview ?? editions[0] ?? null;
    const stage = url.searchParams.get('stage') === 'final' ? 'final' : 'preliminary';
    const [rounds, experts, links, detail] = edition
      ? await Promise.all([
          ok(client.GET('/api/editions/{id}/review-rounds', { params: { path: { id: edition.id } }, fetch })),
          ok(client.GET('/api/experts', { fetch })),
          ok(client.GET('/api/org-links', { params: { query: {} }, fetch })),
          ok(client.GET('/api/editions/{id}', { params: { path: { id: edition.id } }, fetch })),
        ])
      : [{ items: [] }, { items: [] }, { items: [] }, null];
    const round = rounds.items.find((r) => r.stage === stage) ?? null;
    const [conflicts, assignments, results] = round
      ? await Promise.all([
          ok(client.GET('/api/review-rounds/{id}/conflicts', { params: { path: { id: round.id } }, fetch })),
          ok(client.GET('/api/review-rounds/{id}/assignments', { params: { path: { id: round.id } }, fetch })),
          ok(client.GET('/api/review-rounds/{id}/results', { params: { path: { id: round.id }, query: {} }, fetch })),
        ])
      : [null, null, null];
    return {
      editions,
      edition,
      stage,
      rounds: rounds.items,
      round,
      detail,
      experts: experts.items,
      links: links.items,
      conflicts,
      assignments,
      results,
    };
  });
};
