import { client, ok } from '$lib/api/client';
import { loadOr } from '$lib/api/load';
import { requireLogin } from '$lib/guards';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent, url }) => {
  await parent();
  requireLogin(url);
  return loadOr(async () => ({ reports: (await ok(client.GET('/api/publicity-reports/mine', { fetch }))).items }));
};
