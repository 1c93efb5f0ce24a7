import { client, ok } from '$lib/api/client';
import { loadOr } from '$lib/api/load';
import { requireLogin } from '$lib/guards';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, parent, url }) => {
  await parent();
  requireLogin(url);
  return loadOr(async () => {
    const path = { params: { path: { id: params.id } }, fetch };
    const [reports, caseStatus] = await Promise.all([
      ok(client.GET('/api/implementations/{id}/effect-reports', path)),
      ok(client.GET('/api/implementations/{id}/case', path)),
    ]);
    return { reports, caseStatus };
  }, '落地项目不存在，或您无权查看');
};
