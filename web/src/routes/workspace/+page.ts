import { redirect } from '@sveltejs/kit';
import { session } from '$lib/session.svelte';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent }) => {
  await parent();
  // Enterprises manage their demands; everyone else works in their teams.
  redirect(307, session.enterpriseMemberships.length ? '/workspace/demands' : '/workspace/teams');
};
