import { client, ok } from '$lib/api/client';
import { loadOr } from '$lib/api/load';
import { requireLogin } from '$lib/guards';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent, url }) => {
  await parent();
  requireLogin(url);
  return loadOr(async () => {
    const [sessions, invitations] = await Promise.all([
      ok(client.GET('/api/auth/sessions', { fetch })),
      ok(client.GET('/api/me/org-invitations', { fetch })),
    ]);
    return { sessions: sessions.items, invitations: invitations.items };
  }, '无法读取账号信息');
};
