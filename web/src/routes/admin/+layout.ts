import { requireLogin } from '$lib/guards';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = async ({ parent, url }) => {
  await parent();
  requireLogin(url);
  return {};
};
