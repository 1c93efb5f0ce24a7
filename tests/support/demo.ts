import { expect } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '@jb/api/seed/demo.ts';
import { createTestApp, type TestApp } from './app.ts';

/** A test app with the whole demo seeded, and a login as any demo account. */
export async function createDemoApp(now = new Date()) {
  const t: TestApp = await createTestApp();
  await seedDemo(t.db, now, { storage: t.storage });
  const login = async (email: string) => {
    const res = await t.client().post('/api/auth/login', { email, password: DEMO_PASSWORD });
    expect(res.statusCode, res.body).toBe(200);
    return t.client(res.json().token);
  };
  return { t, login };
}
