import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotDir } from '../support/browser.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { startServer, type RunningServer } from '../support/server.ts';

describe('searching demands in Chromium', () => {
  let database: TestDatabase;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    database = await createTestDatabase({ empty: true });
    server = await startServer(database.url);
    browser = await launchBrowser();
    // the seeded demands reach the index through the outbox within a second or so
    const deadline = Date.now() + 15_000;
    while (((await (await fetch(`${server.baseUrl}/api/search/demands?q=陶瓷`)).json()) as { total: number }).total === 0) {
      if (Date.now() > deadline) throw new Error('seeded demands never became searchable');
      await new Promise((r) => setTimeout(r, 200));
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await database?.drop();
  });

  it('types a query, narrows by a facet, goes back, and opens a hit', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.baseUrl}/search`);
    await page.fill('[data-testid="search-input"]', '供应链');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('供应链');
    const hits = page.locator('[data-testid="search-hit"]');
    await expect.poll(() => hits.count()).toBeGreaterThanOrEqual(2);
    await expect.poll(() => page.locator('[data-testid="search-hit"] mark').first().innerText()).toContain('供应');
    const before = await hits.count();
    await page.screenshot({ path: path.join(screenshotDir, 'search-results.png'), fullPage: true });

    const facet = page.locator('[data-testid^="facet-access-"]').first();
    await facet.click();
    await expect.poll(() => new URL(page.url()).searchParams.getAll('access').length).toBeGreaterThan(0);
    await expect.poll(() => hits.count()).toBeLessThanOrEqual(before);

    await page.goBack();
    await expect.poll(() => new URL(page.url()).searchParams.getAll('access').length).toBe(0);
    await expect.poll(() => hits.count()).toBe(before);

    await hits.first().locator('a').first().click();
    await expect.poll(() => page.url()).toContain('/demands/');
    await page.close();
  });

  it('shows a helpful empty state', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    await page.goto(`${server.baseUrl}/search?q=${encodeURIComponent('zzzqqqxxx')}`);
    await expect.poll(() => page.locator('[data-testid="search-empty"]').count()).toBe(1);
    await page.close();
  });
});
