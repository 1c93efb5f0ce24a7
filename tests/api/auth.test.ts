import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';

describe('accounts and sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ loginLimits: { perIpPerMinute: 1000, perAccountMax: 5 } });
  });
  afterAll(() => t.close());

  it('registers and hashes the password with argon2; logging in starts a session', async () => {
    const res = await t.client().post('/api/auth/register', { email: 'Li.Na@Example.CN', password: 'lina-2025', displayName: '李娜' });
    expect(res.statusCode).toBe(202);
    const login = await t.client().post('/api/auth/login', { email: 'li.na@example.cn', password: 'lina-2025' });
    const body = login.json();
    expect(body.user).toMatchObject({ email: 'li.na@example.cn', displayName: '李娜', roles: [], memberships: [] });
    expect(body.token).toEqual(expect.any(String));
    const cookie = login.cookies.find((c) => c.name === 'jb_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });

    const row = await t.db.selectFrom('users').select('password_hash').where('email', '=', 'li.na@example.cn').executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain('lina-2025');
  });

  it('answers a registered email (any case) exactly like a new one, keeps the account and tells its owner', async () => {
    await t.signUp({ email: 'wang.fang@example.cn', password: 'wangfang-2025', displayName: '王芳' });
    const fresh = await t
      .client()
      .post('/api/auth/register', { email: 'new.person@example.cn', password: 'other-pass-1', displayName: '新人' });
    const res = await t
      .client()
      .post('/api/auth/register', { email: 'WANG.FANG@example.cn', password: 'other-pass-1', displayName: '重复' });
    expect(res.statusCode).toBe(fresh.statusCode);
    expect(res.json()).toEqual(fresh.json());
    expect(res.cookies).toEqual(fresh.cookies);
    expect((await t.client().post('/api/auth/login', { email: 'wang.fang@example.cn', password: 'other-pass-1' })).statusCode).toBe(401);
    const login = await t.client().post('/api/auth/login', { email: 'wang.fang@example.cn', password: 'wangfang-2025' });
    const notes = (await t.client(login.json().token).get('/api/notifications')).json();
    expect(JSON.stringify(notes)).toContain('有人尝试用您的邮箱注册');
  });

  it('validates registration fields with paths', async () => {
    const res = await t.client().post('/api/auth/register', { email: 'not-an-email', password: 'short', displayName: '' });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual(['body.displayName', 'body.email', 'body.password']);
    expect(error.details.issues.find((i: { path: string }) => i.path === 'body.password').message).toBe('密码至少 8 位');
  });

  it('logs in and GET /api/me works with the Bearer token and with the cookie', async () => {
    const user = await t.signUp({ email: 'zhao.lei@example.cn', password: 'zhaolei-2025', displayName: '赵磊' });
    const login = await t.client().post('/api/auth/login', { email: user.email, password: 'zhaolei-2025' });
    expect(login.statusCode).toBe(200);
    const { token } = login.json();

    const bearer = await t.client(token).get('/api/me');
    expect(bearer.statusCode).toBe(200);
    expect(bearer.json().email).toBe('zhao.lei@example.cn');

    const cookie = login.cookies.find((c) => c.name === 'jb_session')!;
    const viaCookie = await t.client().get('/api/me', { cookie: `jb_session=${cookie.value}` });
    expect(viaCookie.statusCode).toBe(200);
    expect(viaCookie.json().displayName).toBe('赵磊');
  });

  it('answers 401 UNAUTHENTICATED without a token, with a tampered token, and with a token signed by another secret', async () => {
    expect((await t.client().get('/api/me')).json().error.code).toBe('UNAUTHENTICATED');
    const user = await t.signUp({ password: 'zhaolei-2025' });
    const login = await t.client().post('/api/auth/login', { email: user.email, password: 'zhaolei-2025' });
    expect(login.statusCode).toBe(200);
    const token: string = login.json().token;
    const tampered = token.slice(0, -3) + (token.endsWith('aaa') ? 'bbb' : 'aaa');
    const res = await t.client(tampered).get('/api/me');
    expect(res.statusCode).toBe(401);
    const forged = t.app.jwt.sign({ sub: login.json().user.id }, { key: 'another-secret-'.padEnd(48, 'y') } as never);
    expect((await t.client(forged).get('/api/me')).statusCode).toBe(401);
  });

  it('logout clears the session cookie', async () => {
    const res = await t.client().post('/api/auth/logout');
    expect(res.statusCode).toBe(204);
    const cleared = res.cookies.find((c) => c.name === 'jb_session');
    expect(cleared?.value).toBe('');
  });

  it('gives the same answer for a wrong password and an unknown email', async () => {
    const user = await t.signUp({ password: 'samepass-2025' });
    const wrong = await t.client().post('/api/auth/login', { email: user.email, password: 'wrong-password' });
    const unknown = await t.client().post('/api/auth/login', { email: 'nobody@example.cn', password: 'wrong-password' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.code).toBe('INVALID_CREDENTIALS');
  });

  it('locks an account after repeated failures, even for the right password, and other accounts still log in', async () => {
    const victim = await t.signUp({ password: 'right-password' });
    for (let i = 0; i < 5; i++) {
      expect((await t.client().post('/api/auth/login', { email: victim.email, password: `nope-${i}-xx` })).statusCode).toBe(401);
    }
    const locked = await t.client().post('/api/auth/login', { email: victim.email, password: 'right-password' });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('RATE_LIMITED');
    expect(locked.headers['retry-after']).toBeDefined();

    const other = await t.signUp({ password: 'other-password' });
    expect((await t.client().post('/api/auth/login', { email: other.email, password: 'other-password' })).statusCode).toBe(200);
  });

  it('a successful login resets the failure count', async () => {
    const user = await t.signUp({ password: 'right-password' });
    for (let i = 0; i < 4; i++) await t.client().post('/api/auth/login', { email: user.email, password: 'bad-password' });
    expect((await t.client().post('/api/auth/login', { email: user.email, password: 'right-password' })).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) await t.client().post('/api/auth/login', { email: user.email, password: 'bad-password' });
    expect((await t.client().post('/api/auth/login', { email: user.email, password: 'right-password' })).statusCode).toBe(200);
  });
});

describe('login rate limit per IP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ loginLimits: { perIpPerMinute: 3 } });
  });
  afterAll(() => t.close());

  it('answers 429 RATE_LIMITED once an IP exceeds its attempts', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await t.client().post('/api/auth/login', { email: `someone${i}@example.cn`, password: 'whatever1' })).statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    const limited = await t.client().post('/api/auth/login', { email: 'x@example.cn', password: 'whatever1' });
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    expect(limited.json().error.message).toMatch(/请求过于频繁/);
    // A different client address has its own budget.
    const elsewhere = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'x@example.cn', password: 'whatever1' },
      remoteAddress: '10.9.8.7',
    });
    expect(elsewhere.statusCode).toBe(401);
  });
});
