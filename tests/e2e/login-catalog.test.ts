import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { screenshotDir } from '../support/browser.ts';
import { demoPlatform, newPage } from '../support/e2e.ts';
import type { RunningServer } from '../support/server.ts';

describe('a demo user in Chromium', () => {
  const platform = demoPlatform();
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ server, browser } = platform);
    page = await newPage(browser);
  });

  it('logs in with a demo account and sees the Hebei tracks', async () => {
    await page.goto(`${server.baseUrl}/login`);
    await page.fill('input[name="email"]', 'team1@demo.cn');
    await page.fill('input[name="password"]', 'Demo@2025');
    await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/login')), page.click('button[type="submit"]')]);
    await expect.poll(() => page.locator('header').first().innerText()).toContain('周凯');

    const editions = (await (await fetch(`${server.baseUrl}/api/editions`)).json()) as { items: { id: string; slug: string }[] };
    const hebei = editions.items.find((e) => e.slug === 'hebei-2025')!;
    await page.goto(`${server.baseUrl}/editions/${hebei.id}`);
    const tracks = page.locator('[data-testid="track"]');
    await expect.poll(() => tracks.count()).toBe(15);
    const text = await page.locator('main').innerText();
    for (const name of ['数据要素×工业制造', '数据要素×城市治理', '数据要素×京津冀协同发展']) expect(text).toContain(name);
    await page.screenshot({ path: path.join(screenshotDir, 'hebei-tracks.png'), fullPage: true });
  });

  it('shows a server error next to the credit code field', async () => {
    await page.goto(`${server.baseUrl}/orgs`);
    await page.fill('input[name="name"]', '河北错误代码测试有限公司');
    await page.fill('input[name="creditCode"]', '914403001922038217');
    await page.fill('input[name="region"]', '河北省保定市');
    await page.click('[data-testid="org-create-form"] button[type="submit"]');
    const hint = page.locator('#org-credit-error');
    await expect.poll(() => hint.innerText()).toContain('校验位不正确');
    await page.screenshot({ path: path.join(screenshotDir, 'credit-code-error.png') });
  });
});
