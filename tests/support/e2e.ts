import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';
import { startServer, type RunningServer } from './server.ts';

/** The demo accounts' password (api/src/seed/demo.ts). */
export const DEMO_PASSWORD = 'Demo@2025';

export interface DemoPlatform {
  server: RunningServer;
  browser: Browser;
}

/**
 * For one browser test file: a fresh database, the real server on it (which seeds the
 * demo) and Chromium, started before the file's tests and stopped after them. The
 * fields are set once the file's first beforeAll has run.
 */
export function demoPlatform(): DemoPlatform {
  const platform = {} as DemoPlatform;
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase({ empty: true });
    platform.server = await startServer(database.url);
    platform.browser = await launchBrowser();
  });
  afterAll(async () => {
    await platform.browser?.close();
    await platform.server?.stop();
    await database?.drop();
  });
  return platform;
}

/** A desktop page in Chinese. */
export function newPage(browser: Browser): Promise<Page> {
  return browser.newPage({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
}

/** Signs in through the login form and waits for the redirect to `next`. */
export async function uiLogin(page: Page, baseUrl: string, email: string, next: string, password = DEMO_PASSWORD) {
  await page.goto(`${baseUrl}/login?next=${encodeURIComponent(next)}`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  await Promise.all([page.waitForURL((url) => url.pathname === next), page.click('button[type="submit"]')]);
}

/** A session token through the API, for set-up steps that are not under test. */
export async function apiLogin(baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`login ${email}: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

/** The seeded demands reach the search index through the outbox within a second or so. */
export async function waitUntilSearchable(baseUrl: string, query: string) {
  const deadline = Date.now() + 15_000;
  while (((await (await fetch(`${baseUrl}/api/search/demands?q=${encodeURIComponent(query)}`)).json()) as { total: number }).total === 0) {
    if (Date.now() > deadline) throw new Error('seeded demands never became searchable');
    await new Promise((r) => setTimeout(r, 200));
  }
}
