import path from 'node:path';
import type { Browser } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { screenshotDir } from '../support/browser.ts';
import { demoPlatform, newPage, waitUntilSearchable } from '../support/e2e.ts';
import type { RunningServer } from '../support/server.ts';

describe('searching demands in Chromium', () => {
  const platform = demoPlatform();
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    ({ server, browser } = platform);
    await waitUntilSearchable(server.baseUrl, '陶瓷');
  });

  it('types a query, narrows by a facet, goes back, and opens a hit', async () => {
    const page = await newPage(browser);
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
