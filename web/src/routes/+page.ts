import { api } from '$lib/api';
import type { Edition } from '$lib/types';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch }) => {
  try {
    const { items } = await api.get<{ items: Edition[] }>('/api/editions', { fetch });
    return { editions: items, loadError: '' };
  } catch (error) {
    return { editions: [] as Edition[], loadError: error instanceof Error ? error.message : '赛事信息加载失败' };
  }
};
