import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { screenshotDir } from '../support/browser.ts';
import { apiLogin, demoPlatform, uiLogin } from '../support/e2e.ts';
import type { RunningServer } from '../support/server.ts';

const day = 24 * 3600 * 1000;
/** "YYYY-MM-DD" in Beijing, `days` from today. */
const beijingDay = (days: number) => new Date(Date.now() + 8 * 3600 * 1000 + days * day).toISOString().slice(0, 10);

/**
 * The new-demand form says everything at once (issue 10): one click on 提交审核 shows
 * every problem next to its field in plain words, the banner names the fields by their
 * labels below the sticky header, nothing is created; the corrected demand is 第 1 版.
 */
describe('the new-demand form shows every problem after one submit (Chromium, 390 px phone)', () => {
  const platform = demoPlatform();
  let server: RunningServer;
  let browser: Browser;

  beforeAll(() => {
    ({ server, browser } = platform);
  });

  const myDemands = async (token: string) =>
    (
      (await (
        await fetch(`${server.baseUrl}/api/demands?mine=1&pageSize=100`, { headers: { authorization: `Bearer ${token}` } })
      ).json()) as {
        items: { id: string; title: string; version: number; status: string }[];
      }
    ).items;

  const errorOf = (page: Page, id: string) => page.locator(`#${id}-error`);

  it('one round of errors, then a first submission as 第 1 版', async () => {
    const token = await apiLogin(server.baseUrl, 'enterprise2@demo.cn');
    const before = (await myDemands(token)).length;
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await uiLogin(page, server.baseUrl, 'enterprise2@demo.cn', '/workspace/demands/new');

    // The topic chosen (its edition's dates apply); some fields filled badly, most left empty, a data item half done.
    const edition = page.locator('#f-editionId');
    if (!(await edition.inputValue())) await edition.selectOption({ index: 1 });
    await page.locator('#f-trackId').selectOption({ index: 1 });
    await page.locator('#f-topicId').selectOption({ index: 1 });
    await page.fill('#f-title', '短');
    await page.fill('#f-businessNeed', '太短的需求');
    await page.fill('#f-contact-email', 'not-an-email');
    await page.fill('#f-dataScope-0-name', '出库数据');
    await page.fill('#f-bidDeadline', beijingDay(400)); // long after the submission phase
    await page.click('[data-testid="submit-review"]');

    const problems = page.locator('[data-testid="form-problems"] li');
    await expect.poll(() => problems.count()).toBeGreaterThan(8);
    const banner = await page.locator('[data-testid="form-problems"]').innerText();
    for (const label of [
      '需求标题',
      '业务需求',
      '技术目标',
      '项目预算',
      '实施地区',
      '联系人',
      '联系电话',
      '电子邮箱',
      '揭榜截止日期',
      '验收标准',
      '第 1 项开放数据',
    ]) {
      expect(banner, label).toContain(label);
    }
    // Each next to its field, in plain words.
    expect(await errorOf(page, 'f-contact-name').innerText()).toBe('请填写联系人');
    expect(await errorOf(page, 'f-contact-phone').innerText()).toBe('请填写联系电话');
    expect(await errorOf(page, 'f-techGoals').innerText()).toBe('请填写技术目标');
    expect(await errorOf(page, 'f-title').innerText()).toContain('至少 4 个字');
    expect(await errorOf(page, 'f-bidDeadline').innerText()).toMatch(/不能晚于本届作品提交截止日期（\d{4}-\d{2}-\d{2}）/);
    expect(await errorOf(page, 'f-dataScope-0-accessMode').innerText()).toBe('请选择访问方式');
    expect(await page.locator('#f-contact-name').getAttribute('aria-invalid')).toBe('true');
    const main = await page.locator('main').innerText();
    expect(main).not.toContain('请求参数不正确');
    expect(main).not.toContain('至少 1 个字');

    // The banner is in view below the sticky header, not under it.
    await page.waitForTimeout(800); // smooth scrolling
    const header = (await page.locator('header.site-header').boundingBox())!;
    const bannerBox = (await page.locator('[data-testid="form-problems"]').boundingBox())!;
    expect(bannerBox.y).toBeGreaterThanOrEqual(header.y + header.height);
    expect(bannerBox.y).toBeLessThan(844);
    await page.screenshot({ path: path.join(screenshotDir, 'demand-form-all-errors-phone.png'), fullPage: false });

    // Nothing was written.
    expect((await myDemands(token)).length).toBe(before);

    // Correct everything and submit once more.
    await page.fill('#f-title', '一次提交即成功的测试需求');
    await page.fill('#f-businessNeed', '整合上下游流通数据，解决需求预测不准确、库存积压与缺货并存的问题，提升排产效率。');
    await page.fill('#f-techGoals', '需求预测准确率提升到 90% 以上，库存周转天数下降 20%。');
    await page.fill('#f-acceptanceCriteria-0', '在企业提供的历史数据上回测，MAPE 不高于 10%');
    await page.fill('#f-budgetCny', '50');
    await page.fill('#f-region', '河北省保定市');
    await page.fill('#f-contact-name', '孙工');
    await page.fill('#f-contact-phone', '0312-5550000');
    await page.fill('#f-contact-email', 'sun@example.cn');
    await page.fill('#f-bidDeadline', beijingDay(20));
    await page.fill('#f-dataScope-0-description', '2023—2024 年经销商出库明细');
    await page.fill('#f-dataScope-0-fields', '产品编码、出库日期、数量');
    await page.fill('#f-dataScope-0-volume', '约 50 万条');
    await page.locator('#f-dataScope-0-accessMode').selectOption('sandbox');
    await page.fill('#f-dataScope-0-availableFrom', beijingDay(2));
    await Promise.all([
      page.waitForURL(/\/workspace\/demands\/[0-9a-f-]{36}\?notice=submitted/),
      page.click('[data-testid="submit-review"]'),
    ]);

    const mine = await myDemands(token);
    expect(mine.length).toBe(before + 1);
    const created = mine.find((d) => d.title === '一次提交即成功的测试需求')!;
    expect(created).toMatchObject({ status: 'pending_review', version: 1 });
    await page.close();
  });
});
