/** The signed-in user, loaded from /api/me when the app starts. */
import { ApiError, api } from './api';
import type { Me, PlatformRole } from './types';

class Session {
  user = $state<Me | null>(null);
  /** True once /api/me has answered (signed in or not). */
  ready = $state(false);

  readonly isCommittee = $derived(this.user?.roles.includes('committee') ?? false);
  readonly isSupervisor = $derived(this.user?.roles.includes('supervisor') ?? false);
  /** Committee or supervisor: may see the admin area (supervisors read-only). */
  readonly isOverseer = $derived(this.isCommittee || this.isSupervisor);

  hasRole(role: PlatformRole): boolean {
    return this.user?.roles.includes(role) ?? false;
  }

  async load(fetchFn?: typeof fetch): Promise<void> {
    try {
      this.user = await api.get<Me>('/api/me', { fetch: fetchFn });
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) console.warn('无法获取登录状态', error);
      this.user = null;
    } finally {
      this.ready = true;
    }
  }

  /** Re-reads /api/me, e.g. after joining or creating an organisation. */
  refresh(): Promise<void> {
    return this.load();
  }

  async login(email: string, password: string): Promise<Me> {
    const { user } = await api.post<{ user: Me }>('/api/auth/login', { email, password });
    this.user = user;
    return user;
  }

  async register(input: { email: string; password: string; displayName: string }): Promise<Me> {
    const { user } = await api.post<{ user: Me }>('/api/auth/register', input);
    this.user = user;
    return user;
  }

  async logout(): Promise<void> {
    try {
      await api.post('/api/auth/logout');
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
