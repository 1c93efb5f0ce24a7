import { session } from '$lib/session.svelte';
import type { LayoutLoad } from './$types';

// The API is called from the browser only (same origin, httpOnly session cookie).
export const ssr = false;
export const prerender = false;

export const load: LayoutLoad = async ({ fetch }) => {
  if (!session.ready) await session.load(fetch);
  return {};
};
