import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { screenshotDir } from '../support/browser.ts';
import { apiLogin, demoPlatform, newPage, uiLogin } from '../support/e2e.ts';
import type { RunningServer } from '../support/server.ts';

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(screenshotDir, `tracking-${name}.png`), fullPage: true });
const scrollWidth = (page: Page) =>
  page.evaluate(
    () => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth,
  );

describe('effect tracking in Chromium: the committee’s dashboard, the enterprise’s effect report, the public cases', () => {
  const platform = demoPlatform();
  let server: RunningServer;
  let browser: Browser;
  let editionId: string;
  let acceptedId: string;

  beforeAll(async () => {
    ({ server, browser } = platform);
    const editions = (await (await fetch(`${server.baseUrl}/api/editions`)).json()) as { items: { id: string; name: string }[] };
    editionId = editions.items.find((e) => e.name.includes('河北'))!.id;
    // The seeded accepted implementation of the supply-chain finance enterprise (e09), found through the API.
    const token = await apiLogin(server.baseUrl, 'e09@demo.cn');
    const list = (await (
      await fetch(`${server.baseUrl}/api/implementations`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as {
      items: { id: string; status: string }[];
    };
    acceptedId = list.items.find((i) => i.status === 'accepted')!.id;
  });

  it('the committee reads the funnel with amounts, per track and region, downloads Excel, and sees who is late', async () => {
    const page = await newPage(browser);
    await uiLogin(page, server.baseUrl, 'committee@demo.cn', '/admin/tracking');
    await page.goto(`${server.baseUrl}/admin/tracking?edition=${editionId}`);
    const funnel = page.locator('[data-testid="tracking-funnel"]');
    await expect.poll(() => funnel.count()).toBe(1);
    const count = (stage: string) => funnel.locator(`[data-stage="${stage}"] [data-testid="stage-count"]`).innerText();
    expect(Number(await count('demands'))).toBeGreaterThanOrEqual(20);
    expect(await count('implementations')).toBe('3');
    expect(await count('accepted')).toBe('1');
    expect(await funnel.locator('[data-stage="contracts"] [data-testid="stage-amount"]').innerText()).not.toBe('0');
    expect(await page.locator('[data-testid="tracking-by-track"]').innerText()).toContain('合计');
    expect(await page.locator('[data-testid="tracking-by-region"]').innerText()).toContain('河北省');
    expect(await page.locator('[data-testid="late-reports"]').innerText()).toContain('6 个月成效报告');
    expect(await page.locator('[data-testid="overdue-reviews"]').innerText()).toContain('钢铁供应链数智化');
    await shot(page, '1-committee-dashboard');

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="tracking-export"]').click()]);
    expect(download.suggestedFilename()).toContain('成效看板.xlsx');
  });

  it('the enterprise files its late 6-month effect report from the implementation', async () => {
    const page = await newPage(browser);
    await uiLogin(page, server.baseUrl, 'e09@demo.cn', `/workspace/implementations/${acceptedId}`);
    await page.locator('[data-testid="effects-link"]').click();
    await page.waitForURL((url) => url.pathname.endsWith('/effects'));
    const six = page.locator('[data-testid="effect-period-6"]');
    await expect.poll(() => six.innerText()).toContain('已逾期');
    await shot(page, '2-enterprise-late-report');
    // Only the open period is offered, and it is preselected.
    expect(await page.locator('[data-testid="effect-period"]').inputValue()).toBe('6');
    expect(await page.locator('[data-testid="effect-period"] option').count()).toBe(1);
    await page.fill('[data-testid="effect-cost"]', '128.5');
    await page.fill('[data-testid="effect-efficiency"]', '41');
    await page.fill('[data-testid="effect-social-note"]', '融资服务覆盖全省 11 个地市的钢贸小微企业，行业协会据此编制了数据增信指引。');
    await page.locator('[data-testid="effect-submit"]').click();
    await expect.poll(() => six.innerText()).toContain('已提交');
    expect(await six.innerText()).toContain('节约成本 128.5 万元');
    await shot(page, '3-enterprise-report-filed');
  });

  it('the public finds the case from the home page, without logging in', async () => {
    const page = await newPage(browser);
    await page.goto(server.baseUrl);
    await page.locator('[data-testid="home-cases"]').click();
    await page.waitForURL((url) => url.pathname === '/cases');
    const item = page.locator('[data-testid="case-item"]');
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.innerText()).toContain('供应链金融数智化');
    await item.locator('a', { hasText: '查看详情' }).click();
    await expect.poll(() => page.locator('[data-testid="case-effects"]').innerText()).toContain('验收后 6 个月');
    expect(await page.locator('[data-testid="case-summary"]').innerText()).toContain('上链存证');
    await shot(page, '4-public-case');
  });

  it('the dashboard and the cases page fit a 390 px phone without sideways scrolling', async () => {
    const phone = await browser.newPage({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    await uiLogin(phone, server.baseUrl, 'committee@demo.cn', '/admin/tracking');
    await phone.goto(`${server.baseUrl}/admin/tracking?edition=${editionId}`);
    await expect.poll(() => phone.locator('[data-testid="tracking-funnel"]').count()).toBe(1);
    expect(await scrollWidth(phone)).toBeLessThanOrEqual(390);
    await shot(phone, '5-phone-dashboard');
    await phone.goto(`${server.baseUrl}/cases/${acceptedId}`);
    await expect.poll(() => phone.locator('[data-testid="case-detail"]').count()).toBe(1);
    expect(await scrollWidth(phone)).toBeLessThanOrEqual(390);
    await shot(phone, '6-phone-case');
    await phone.goto(`${server.baseUrl}/workspace/implementations/${acceptedId}/effects`);
    await expect.poll(() => phone.locator('[data-testid="effect-reports"]').count()).toBe(1);
    expect(await scrollWidth(phone)).toBeLessThanOrEqual(390);
    await shot(phone, '7-phone-effects');
  });
});
