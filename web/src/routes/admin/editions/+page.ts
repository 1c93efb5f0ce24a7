import { client, ok } from '$lib/api/client';
import { loadOr } from '$lib/api/load';
import type { Edition } from '$lib/api/types';
import { session } from '$lib/session.svelte';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent, url }) => {
  await parent();
  const selectedId = url.searchParams.get('edition') ?? '';
  if (!session.isOverseer) return { editions: [] as Edition[], selectedId };
  return loadOr(async () => ({ editions: (await ok(client.GET('/api/editions', { fetch }))).items, selectedId }));
};
