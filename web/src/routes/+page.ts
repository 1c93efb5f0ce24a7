import { messageOf } from '$lib/api';
import { client, ok } from '$lib/api/client';
import type { Edition } from '$lib/api/types';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch }) => {
  try {
    const { items } = await ok(client.GET('/api/editions', { fetch }));
    return { editions: items, loadError: '' };
  } catch (e) {
    return { editions: [] as Edition[], loadError: messageOf(e) || '赛事信息加载失败' };
  }
};
