/** The signed-in user, loaded from /api/session when the app starts. */

import type { Me, Membership, PlatformRole } from './api/types';
import { client, ok } from '$lib/api/client';

class Session {
  user = $state<Me | null>(null);
  /** True once /api/session has answered (signed in or not). */
  ready = $state(false);

  readonly isCommittee = $derived(this.user?.roles.includes('committee') ?? false);
  readonly isSupervisor = $derived(this.user?.roles.includes('supervisor') ?? false);
  /** Committee or supervisor: may see the admin area (supervisors read-only). */
  readonly isOverseer = $derived(this.isCommittee || this.isSupervisor);
  /** Memberships of enterprise organisations: the ones that may publish demand sub-topics. */
  readonly enterpriseMemberships = $derived<Membership[]>(this.user?.memberships.filter((m) => m.orgKind === 'enterprise') ?? []);

  /** A member of the organisation (e.g. the owner of a demand). */
  isMemberOf(orgId: string): boolean {
    return this.user?.memberships.some((m) => m.orgId === orgId) ?? false;
  }

  hasRole(role: PlatformRole): boolean {
    return this.user?.roles.includes(role) ?? false;
  }

  async load(fetchFn?: typeof fetch): Promise<void> {
    try {
      // Answers 200 with `user: null` for visitors, so anonymous page loads log no 401.
      const { user } = await ok(client.GET('/api/session', { fetch: fetchFn }));
      this.user = user;
    } catch (error) {
      console.warn('无法获取登录状态', error);
      this.user = null;
    } finally {
      this.ready = true;
    }
  }

  /** Re-reads /api/session, e.g. after joining or creating an organisation. */
  refresh(): Promise<void> {
    return this.load();
  }

  async login(email: string, password: string): Promise<Me> {
    const { user } = await ok(client.POST('/api/auth/login', { body: { email, password } }));
    this.user = user;
    return user;
  }

  async register(input: { email: string; password: string; displayName: string }): Promise<Me> {
    const { user } = await ok(client.POST('/api/auth/register', { body: input }));
    this.user = user;
    return user;
  }

  async logout(): Promise<void> {
    try {
      await ok(client.POST('/api/auth/logout'));
    } finally {
      this.user = null;
    }
  }
}

export const session = new Session();

/** Only same-site paths are allowed as a post-login destination. */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}

/** "/login?next=<current path>" */
export function loginHref(url: URL, page: 'login' | 'register' = 'login'): string {
  const next = url.pathname + url.search;
  return next === '/' ? `/${page}` : `/${page}?next=${encodeURIComponent(next)}`;
}
