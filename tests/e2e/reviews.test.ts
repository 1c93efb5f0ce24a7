import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { screenshotDir } from '../support/browser.ts';
import { apiLogin, demoPlatform, newPage, uiLogin } from '../support/e2e.ts';
import type { RunningServer } from '../support/server.ts';

/** The joint review on the demo (益阳 edition in preliminary review): assignment, an expert and the enterprise score, the committee's ranking. */
function scrollToTop(page: Page) {
  return page.evaluate('window.scrollTo(0, 0)');
}
async function noSidewaysScroll(page: Page) {
  return page.evaluate('document.documentElement.scrollWidth <= window.innerWidth + 1');
}

describe('joint review (联合评审) in Chromium', () => {
  const platform = demoPlatform();
  let server: RunningServer;
  let browser: Browser;
  let projectName = '';

  beforeAll(() => {
    ({ server, browser } = platform);
  });

  it('the committee runs the assignment and sees its feasibility report and loads', async () => {
    const page = await newPage(browser);
    await uiLogin(page, server.baseUrl, 'committee@demo.cn', '/admin/reviews');
    await expect.poll(() => page.getByTestId('round-status').innerText()).toBe('进行中');
    expect(await page.getByTestId('panel-progress').innerText()).toContain('钢铁产线能耗优化');
    await page.getByTestId('review-tab-conflicts').click();
    const conflict = page.getByTestId('conflict').filter({ hasText: '稻虾共作数智化生产服务平台' });
    await expect.poll(() => conflict.count()).toBe(1);
    expect(await conflict.innerText()).toContain('洞庭湖农业大数据有限公司（演示）');

    await page.getByTestId('review-tab-assign').click();
    await page.getByTestId('experts-per-project').fill('2');
    await page.getByTestId('max-per-expert').fill('10');
    await page.getByTestId('run-assignment').click();
    await expect.poll(() => page.getByTestId('assignment-report').innerText()).toContain('分配可行');
    expect(await page.getByTestId('assignment-report').innerText()).toMatch(/最优解|非最优/);
    await expect.poll(() => page.getByTestId('expert-loads').innerText()).toContain('张华（评审专家）');
    // the expert advising 洞庭湖农业大数据 is not on that project
    const rice = page.getByTestId('assignment-item').filter({ hasText: '稻虾共作数智化生产服务平台' });
    expect(await rice.locator('td').nth(2).innerText()).not.toContain('陈静');
    await scrollToTop(page);
    await page.screenshot({ path: path.join(screenshotDir, 'reviews-1-assignment.png'), fullPage: true });
    await page.close();
  });

  it('an expert declares no conflict and scores a sub-topic bid', async () => {
    const page = await newPage(browser);
    await uiLogin(page, server.baseUrl, 'expert1@demo.cn', '/workspace/reviews');
    const task = page.getByTestId('review-task').filter({ hasText: '技术创新性' }).first();
    await expect.poll(() => task.count()).toBe(1);
    projectName = (await task.locator('.name').innerText()).trim();
    await task.locator('a').click();
    await page.waitForURL(/\/workspace\/reviews\/[0-9a-f-]+$/);
    // the project is hidden until the declaration
    expect(await page.getByTestId('material-list').count()).toBe(0);
    await page.getByTestId('declare-none').check();
    await page.getByTestId('declare-submit').click();
    await expect.poll(() => page.getByTestId('material-list').count()).toBe(1);
    await page.getByTestId('score-innovation').fill('95');
    await page.getByTestId('score-submit').click();
    // a score above 90 needs a comment: the server says so
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('评语');
    await page.getByTestId('score-comment').fill('多源能耗数据融合方案完整，负荷预测模型有明显创新。');
    await page.getByTestId('score-submit').click();
    await expect.poll(() => page.getByTestId('task-status').innerText()).toBe('已提交');
    await scrollToTop(page);
    await page.screenshot({ path: path.join(screenshotDir, 'reviews-2-expert-scored.png'), fullPage: true });
    await page.close();
  });

  it('the enterprise scores the same bid against its acceptance criteria', async () => {
    const page = await newPage(browser);
    await uiLogin(page, server.baseUrl, 'enterprise1@demo.cn', '/workspace/reviews');
    const task = page.getByTestId('review-task').filter({ hasText: projectName });
    await expect.poll(() => task.count()).toBe(1);
    await task.locator('a').click();
    await page.waitForURL(/\/workspace\/reviews\/[0-9a-f-]+$/);
    await page.getByTestId('declare-none').check();
    await page.getByTestId('declare-submit').click();
    await expect.poll(() => page.getByTestId('score-form').innerText()).toContain('验收标准');
    for (const [key, value] of [
      ['fit1', '80'],
      ['fit2', '85'],
      ['fit3', '90'],
    ])
      await page.getByTestId(`score-${key}`).fill(value!);
    await expect.poll(() => page.getByTestId('score-estimate').innerText()).toBe('85');
    await page.getByTestId('score-save').click();
    await page.getByTestId('score-submit').click();
    await expect.poll(() => page.getByTestId('task-status').innerText()).toBe('已提交');
    await scrollToTop(page);
    await page.screenshot({ path: path.join(screenshotDir, 'reviews-3-enterprise-scored.png'), fullPage: true });
    await page.close();
  });

  it('the committee sees the ranking with raw and normalised totals; the supervisor reads it', async () => {
    const page = await newPage(browser);
    await uiLogin(page, server.baseUrl, 'committee@demo.cn', '/admin/reviews');
    await page.getByTestId('review-tab-results').click();
    const row = page.getByTestId('result-row').filter({ hasText: projectName });
    await expect.poll(() => row.count()).toBe(1);
    // 0.8 × 85 + 0.2 × 95 (the only expert score so far)
    expect(await row.getByTestId('raw-total').innerText()).toBe('87');
    expect(await row.getByTestId('normalised-total').innerText()).not.toBe('—');
    await scrollToTop(page);
    await page.screenshot({ path: path.join(screenshotDir, 'reviews-4-results.png'), fullPage: true });
    await page.close();

    const supervisor = await newPage(browser);
    await uiLogin(supervisor, server.baseUrl, 'supervisor@demo.cn', '/admin/reviews');
    await supervisor.getByTestId('review-tab-assign').click();
    await expect.poll(() => supervisor.getByTestId('assignment-panel').count()).toBe(1);
    expect(await supervisor.getByTestId('run-assignment').count()).toBe(0);
    await supervisor.close();
  });

  it('a team sees nothing of the review; every review page fits a 390 px phone', async () => {
    const token = await apiLogin(server.baseUrl, 'yyteam1@demo.cn');
    const rounds = await fetch(`${server.baseUrl}/api/experts`, { headers: { authorization: `Bearer ${token}` } });
    expect(rounds.status).toBe(403);

    const phone = await browser.newPage({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    await uiLogin(phone, server.baseUrl, 'expert2@demo.cn', '/workspace/reviews');
    await expect.poll(() => phone.getByTestId('review-task').count()).toBeGreaterThan(0);
    expect(await noSidewaysScroll(phone)).toBe(true);
    await phone.getByTestId('review-task').first().locator('a').click();
    await phone.waitForURL(/\/workspace\/reviews\/[0-9a-f-]+$/);
    await phone.getByTestId('declare-none').check();
    await phone.getByTestId('declare-submit').click();
    await expect.poll(() => phone.getByTestId('score-form').count()).toBe(1);
    expect(await noSidewaysScroll(phone)).toBe(true);
    await phone.screenshot({ path: path.join(screenshotDir, 'reviews-5-phone-task.png'), fullPage: true });
    await phone.close();

    const committee = await browser.newPage({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    await uiLogin(committee, server.baseUrl, 'committee@demo.cn', '/admin/reviews');
    await expect.poll(() => committee.getByTestId('round-status').count()).toBe(1);
    for (const tab of ['progress', 'conflicts', 'assign', 'results']) {
      await committee.getByTestId(`review-tab-${tab}`).click();
      expect(await noSidewaysScroll(committee), tab).toBe(true);
    }
    await committee.close();
  });
});
