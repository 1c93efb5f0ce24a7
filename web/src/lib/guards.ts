import { redirect } from '@sveltejs/kit';
import { session } from './session.svelte';

/** In a load function (after `await parent()`): sends anonymous visitors to the login page. */
export function requireLogin(url: URL): void {
  if (!session.user) redirect(307, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
}
