import { client, ok } from '$lib/api/client';
import { loadOr } from '$lib/api/load';
import type { Participant, Recommendations } from '$lib/fair';
import { session } from '$lib/session.svelte';
import type { PageLoad } from './$types';

export interface FairContext {
  fairId: string;
  fairName: string;
  participants: Participant[];
}

/**
 * 智能推荐: for each of my teams the sub-topics that fit it; for each published sub-topic
 * of my enterprises the teams that fit it; with the first docking fair of the edition,
 * so a recommendation can become a meeting request in one click.
 */
export const load: PageLoad = async ({ fetch, parent }) => {
  await parent();
  return loadOr(async () => {
    if (!session.user)
      return { forTeams: [] as Recommendations[], forDemands: [] as Recommendations[], fairs: {} as Record<string, FairContext | null> };
    const teams = (await ok(client.GET('/api/teams', { params: { query: { mine: '1' } }, fetch }))).items.filter((t) => t.isMember);
    const demands = session.enterpriseMemberships.length
      ? (await ok(client.GET('/api/demands', { params: { query: { mine: '1', status: 'published', pageSize: 50 } }, fetch }))).items
      : [];
    const [forTeams, forDemands] = await Promise.all([
      Promise.all(
        teams.map((t) => ok(client.GET('/api/recommendations', { params: { query: { for: 'team', teamId: t.id, limit: 8 } }, fetch }))),
      ),
      Promise.all(
        demands.map((d) =>
          ok(client.GET('/api/recommendations', { params: { query: { for: 'demand', demandId: d.id, limit: 5 } }, fetch })),
        ),
      ),
    ]);
    const editionIds = [...new Set([...forTeams, ...forDemands].map((r) => r.subject.editionId))];
    const fairs: Record<string, FairContext | null> = {};
    for (const editionId of editionIds) {
      // The next fair: the earliest one not over (ended less than 12 hours ago), else the latest.
      const notOver = (d: { date: string; end: string }) => Date.parse(`${d.date}T${d.end}:00+08:00`) >= Date.now() - 12 * 3600_000;
      const all = (await ok(client.GET('/api/editions/{id}/fairs', { params: { path: { id: editionId } }, fetch }))).items;
      const byStart = [...all].sort((a, b) => (a.days[0]?.date ?? '').localeCompare(b.days[0]?.date ?? ''));
      const fair = byStart.find((f) => f.days.some(notOver)) ?? byStart.at(-1);
      fairs[editionId] = fair
        ? {
            fairId: fair.id,
            fairName: fair.name,
            participants: (await ok(client.GET('/api/fairs/{id}/participants', { params: { path: { id: fair.id } }, fetch }))).items,
          }
        : null;
    }
    return { forTeams, forDemands, fairs };
  });
};
