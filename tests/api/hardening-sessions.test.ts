import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onSessionsRevoked, type SessionsRevokedEvent } from '@jb/api/modules/auth/sessions.ts';
import { runMaintenance } from '@jb/api/jobs/maintenance.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

const cookieOf = (res: { cookies: { name: string; value: string }[] }) =>
  `jb_session=${res.cookies.find((c) => c.name === 'jb_session')!.value}`;
const SAME_ORIGIN = { origin: 'http://localhost:80' };

describe('server-side sessions: logout, password change and sign-out everywhere revoke at once', () => {
  let t: TestApp;
  const events: SessionsRevokedEvent[] = [];
  let unsubscribe: () => void;
  beforeAll(async () => {
    t = await createTestApp({ loginLimits: { perIpPerMinute: 1000 } });
    unsubscribe = onSessionsRevoked((e) => events.push(e));
  });
  afterAll(async () => {
    unsubscribe();
    await t.close();
  });

  it('after logout neither the Bearer token nor the replayed cookie works', async () => {
    const user = await t.signUp({ password: 'logout-test-1' });
    const login = await t.client().post('/api/auth/login', { email: user.email, password: 'logout-test-1' });
    const { token } = login.json();
    const cookie = cookieOf(login);
    expect((await t.client(token).get('/api/me')).statusCode).toBe(200);
    expect((await t.client().get('/api/me', { cookie })).statusCode).toBe(200);

    expect((await t.client().post('/api/auth/logout', {}, { cookie, host: 'localhost:80', ...SAME_ORIGIN })).statusCode).toBe(204);
    expect((await t.client(token).get('/api/me')).statusCode).toBe(401);
    expect((await t.client().get('/api/me', { cookie })).statusCode).toBe(401);
    expect((await t.client().get('/api/session', { cookie })).json().user).toBeNull();
    // the other session of the user (from sign-up) still works
    expect((await user.client.get('/api/me')).statusCode).toBe(200);
    expect(events.some((e) => e.userId === user.id && e.reason === 'logout')).toBe(true);
  });

  it('lists my active sessions, marks the current one, and revokes one (only mine)', async () => {
    const user = await t.signUp({ password: 'sessions-test-1' });
    const second = (
      await t.client().post('/api/auth/login', { email: user.email, password: 'sessions-test-1' }, { 'user-agent': 'PhoneBrowser/1.0' })
    ).json().token;
    const list = await user.client.get('/api/auth/sessions');
    expect(list.statusCode).toBe(200);
    expect(list.headers['cache-control']).toBe('no-store');
    const items = list.json().items as { id: string; current: boolean; userAgent: string }[];
    expect(items).toHaveLength(2);
    expect(items.filter((s) => s.current)).toHaveLength(1);
    const phone = items.find((s) => s.userAgent === 'PhoneBrowser/1.0')!;
    expect(phone.current).toBe(false);

    const stranger = await t.signUp();
    expect((await stranger.client.delete(`/api/auth/sessions/${phone.id}`)).statusCode).toBe(404);
    expect((await t.client(second).get('/api/me')).statusCode).toBe(200);
    expect((await user.client.delete(`/api/auth/sessions/${phone.id}`)).statusCode).toBe(204);
    expect((await t.client(second).get('/api/me')).statusCode).toBe(401);
    expect((await user.client.get('/api/auth/sessions')).json().items).toHaveLength(1);
    expect((await t.client().get('/api/auth/sessions')).statusCode).toBe(401);
  });

  it('a password change revokes every session and returns a fresh one; the old password stops working', async () => {
    const user = await t.signUp({ password: 'password-change-1' });
    const other = (await t.client().post('/api/auth/login', { email: user.email, password: 'password-change-1' })).json().token;
    const wrong = await user.client.post('/api/auth/password', { currentPassword: 'nope-nope-1', newPassword: 'brand-new-pass-7' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('WRONG_PASSWORD');
    const weak = await user.client.post('/api/auth/password', { currentPassword: 'password-change-1', newPassword: '12345678' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.message).toMatch(/常见/);

    const changed = await user.client.post('/api/auth/password', { currentPassword: 'password-change-1', newPassword: 'brand-new-pass-7' });
    expect(changed.statusCode).toBe(200);
    expect((await user.client.get('/api/me')).statusCode).toBe(401);
    expect((await t.client(other).get('/api/me')).statusCode).toBe(401);
    expect((await t.client(changed.json().token).get('/api/me')).statusCode).toBe(200);
    expect((await t.client().post('/api/auth/login', { email: user.email, password: 'password-change-1' })).statusCode).toBe(401);
    expect((await t.client().post('/api/auth/login', { email: user.email, password: 'brand-new-pass-7' })).statusCode).toBe(200);
  });

  it('the committee signs a user out everywhere; others may not', async () => {
    const [committee, expert, target] = await Promise.all([
      t.signUp({ roles: ['committee'] }),
      t.signUp({ roles: ['expert'] }),
      t.signUp(),
    ]);
    expect((await expert.client.post(`/api/users/${target.id}/sessions/revoke`)).statusCode).toBe(403);
    expect((await target.client.post(`/api/users/${committee.id}/sessions/revoke`)).statusCode).toBe(403);
    expect((await t.client().post(`/api/users/${target.id}/sessions/revoke`)).statusCode).toBe(401);
    expect((await target.client.get('/api/me')).statusCode).toBe(200);
    const res = await committee.client.post(`/api/users/${target.id}/sessions/revoke`);
    expect(res.statusCode).toBe(200);
    expect(res.json().revoked).toBeGreaterThanOrEqual(1);
    expect((await target.client.get('/api/me')).statusCode).toBe(401);
    expect(events.some((e) => e.userId === target.id && e.reason === 'revoked_by_committee')).toBe(true);
    expect((await committee.client.post('/api/users/00000000-0000-4000-8000-000000000000/sessions/revoke')).statusCode).toBe(404);
  });

  it('authenticateToken (for sockets) accepts a live session and refuses a revoked one', async () => {
    const user = await t.signUp();
    expect((await t.app.authenticateToken(user.token))?.user.id).toBe(user.id);
    await user.client.post('/api/auth/logout');
    expect(await t.app.authenticateToken(user.token)).toBeNull();
    expect(await t.app.authenticateToken('not-a-token')).toBeNull();
  });

  it('authenticated JSON answers are not cached; anonymous public ones are not marked', async () => {
    const user = await t.signUp();
    expect((await user.client.get('/api/me')).headers['cache-control']).toBe('no-store');
    expect((await user.client.get('/api/editions')).headers['cache-control']).toBe('no-store');
    expect((await t.client().get('/api/editions')).headers['cache-control']).toBeUndefined();
    const login = await t.client().post('/api/auth/login', { email: user.email, password: user.password });
    expect(login.headers['cache-control']).toBe('no-store');
  });
});

describe('login throttle per account + IP with growing delays; proxies trusted only when configured', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ loginLimits: { perIpPerMinute: 1000, perAccountMax: 3, delayBaseSeconds: 1 } });
  });
  afterAll(() => t.close());

  const loginFrom = (ip: string, email: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress: ip });

  it('failures from one IP do not lock the owner out from another IP', async () => {
    const victim = await t.signUp({ password: 'victim-pass-1' });
    for (let i = 0; i < 3; i++) expect((await loginFrom('10.0.0.66', victim.email, `guess-${i}-xx`)).statusCode).toBe(401);
    expect((await loginFrom('10.0.0.66', victim.email, 'victim-pass-1')).statusCode).toBe(429);
    expect((await loginFrom('10.0.0.7', victim.email, 'victim-pass-1')).statusCode).toBe(200);
  });

  it('the wait grows with each further failure and then lets the right password in', async () => {
    const user = await t.signUp({ password: 'grow-pass-1' });
    for (let i = 0; i < 3; i++) await loginFrom('10.0.1.1', user.email, `bad-${i}-xx`);
    const first = await loginFrom('10.0.1.1', user.email, 'bad-again');
    expect(first.statusCode).toBe(429);
    expect(Number(first.headers['retry-after'])).toBe(1);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await loginFrom('10.0.1.1', user.email, 'bad-4th-xx')).statusCode).toBe(401);
    const second = await loginFrom('10.0.1.1', user.email, 'grow-pass-1');
    expect(second.statusCode).toBe(429);
    expect(Number(second.headers['retry-after'])).toBe(2);
    await new Promise((r) => setTimeout(r, 2100));
    expect((await loginFrom('10.0.1.1', user.email, 'grow-pass-1')).statusCode).toBe(200);
  });

  it('old login failures are pruned', async () => {
    await t.db
      .insertInto('login_failures')
      .values({ email: 'old@example.cn', ip: '1.2.3.4', at: new Date(Date.now() - 3 * 86400_000) })
      .execute();
    await t.db.insertInto('login_failures').values({ email: 'recent@example.cn', ip: '1.2.3.4' }).execute();
    const removed = await runMaintenance(t.db, { cleanStaging: async () => 0 });
    expect(removed.loginFailures).toBeGreaterThanOrEqual(1);
    const left = await t.db.selectFrom('login_failures').select('email').where('ip', '=', '1.2.3.4').execute();
    expect(left.map((r) => r.email)).toEqual(['recent@example.cn']);
  });

  it('X-Forwarded-For does not choose the client address unless the proxy is trusted', async () => {
    const limited = await createTestApp({ loginLimits: { perIpPerMinute: 2 } });
    const trusted = await createTestApp({ loginLimits: { perIpPerMinute: 2 }, security: { trustProxy: ['127.0.0.1'] } });
    try {
      const attempt = (app: TestApp, i: number) =>
        app.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email: `x${i}@example.cn`, password: 'whatever1' },
          headers: { 'x-forwarded-for': `203.0.113.${i}` },
        });
      const spoofed = [];
      for (let i = 0; i < 3; i++) spoofed.push((await attempt(limited, i)).statusCode);
      expect(spoofed).toEqual([401, 401, 429]);
      const viaProxy = [];
      for (let i = 0; i < 3; i++) viaProxy.push((await attempt(trusted, i)).statusCode);
      expect(viaProxy).toEqual([401, 401, 401]);
    } finally {
      await limited.close();
      await trusted.close();
    }
  });
});
