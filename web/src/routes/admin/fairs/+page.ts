import { client, ok } from '$lib/api/client';
import { loadOr } from '$lib/api/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent }) => {
  await parent();
  return loadOr(async () => {
    const { items: editions } = await ok(client.GET('/api/editions', { fetch }));
    const lists = await Promise.all(
      editions.map((e) => ok(client.GET('/api/editions/{id}/fairs', { params: { path: { id: e.id } }, fetch }))),
    );
    return {
      editions: editions.map((e) => ({ id: e.id, name: e.name })),
      fairs: lists.flatMap((l, i) => l.items.map((f) => ({ ...f, editionName: editions[i]!.name }))),
    };
  });
};
