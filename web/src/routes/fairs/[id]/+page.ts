import { client, ok } from '$lib/api/client';
import { loadOr } from '$lib/api/load';
import { session } from '$lib/session.svelte';
import type { Agenda, MeetingRequest, Participant } from '$lib/fair';
import type { PageLoad } from './$types';

/** The fair (public); for a signed-in user also the participants, and for one of their registrations (?as=) its requests and agenda. */
export const load: PageLoad = async ({ fetch, params, parent, url }) => {
  await parent();
  return loadOr(async () => {
    const path = { id: params.id };
    const fair = await ok(client.GET('/api/fairs/{id}', { params: { path }, fetch }));
    if (!session.user)
      return {
        fair,
        participants: [] as Participant[],
        me: null,
        requests: [] as MeetingRequest[],
        agenda: null as Agenda | null,
        myTeams: [],
      };
    const me = fair.myParticipants.find((p) => p.id === url.searchParams.get('as')) ?? fair.myParticipants[0] ?? null;
    const [participants, teams, requests, agenda] = await Promise.all([
      ok(client.GET('/api/fairs/{id}/participants', { params: { path }, fetch })),
      ok(client.GET('/api/teams', { params: { query: { mine: '1' } }, fetch })),
      me
        ? ok(client.GET('/api/fairs/{id}/requests', { params: { path, query: { participantId: me.id } }, fetch }))
        : Promise.resolve({ items: [] }),
      me ? ok(client.GET('/api/fairs/{id}/agenda', { params: { path, query: { participantId: me.id } }, fetch })) : Promise.resolve(null),
    ]);
    return {
      fair,
      participants: participants.items,
      me,
      requests: requests.items,
      agenda,
      myTeams: teams.items.filter((t) => t.editionId === fair.editionId).map((t) => ({ id: t.id, name: t.name })),
    };
  }, '对接会不存在');
};
