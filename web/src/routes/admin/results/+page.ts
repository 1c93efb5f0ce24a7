import { client, ok } from '$lib/api/client';
import { ApiError } from '$lib/api';
import { loadOr } from '$lib/api/load';
import { session } from '$lib/session.svelte';
import type { PageLoad } from './$types';

/**
 * 晋级与获奖 console: the edition (?edition=, default the first with a preliminary round),
 * its settings, the advancement of its preliminary round, finalists, final round, awards
 * and the decision log, in one load.
 */
export const load: PageLoad = async ({ fetch, parent, url }) => {
  await parent();
  if (!session.isOverseer) return { editions: [], edition: null };
  return loadOr(async () => {
    const { items: editions } = await ok(client.GET('/api/editions', { fetch }));
    const roundsOf = async (id: string) =>
      (await ok(client.GET('/api/editions/{id}/review-rounds', { params: { path: { id } }, fetch }))).items;
    let edition = editions.find((e) => e.id === url.searchParams.get('edition')) ?? null;
    let rounds = edition ? await roundsOf(edition.id) : [];
    if (!edition) {
      for (const e of editions) {
        const r = await roundsOf(e.id);
        if (r.some((x) => x.stage === 'preliminary')) {
          edition = e;
          rounds = r;
          break;
        }
      }
      edition ??= editions[0] ?? null;
    }
    if (!edition) return { editions, edition: null };
    const id = edition.id;
    const preliminary = rounds.find((r) => r.stage === 'preliminary') ?? null;
    const final = rounds.find((r) => r.stage === 'final') ?? null;
    const advancement = preliminary
      ? await ok(client.GET('/api/review-rounds/{id}/advancement', { params: { path: { id: preliminary.id } }, fetch })).catch((e) => {
          if (e instanceof ApiError && e.status === 404) return null;
          throw e;
        })
      : null;
    const [detail, settings, finalists, awards, log] = await Promise.all([
      ok(client.GET('/api/editions/{id}', { params: { path: { id } }, fetch })),
      ok(client.GET('/api/editions/{id}/result-settings', { params: { path: { id } }, fetch })),
      ok(client.GET('/api/editions/{id}/finalists', { params: { path: { id } }, fetch })),
      ok(client.GET('/api/editions/{id}/awards', { params: { path: { id } }, fetch })),
      ok(client.GET('/api/editions/{id}/decision-log', { params: { path: { id }, query: {} }, fetch })),
    ]);
    return {
      editions,
      edition,
      detail,
      preliminary,
      final,
      advancement,
      settings,
      finalists: finalists.items,
      awards,
      log: log.items,
    };
  });
};
