import path from 'node:path';
import type { Browser } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoPdf } from '@jb/api/seed/demo-teams.ts';
import { screenshotDir } from '../support/browser.ts';
import { demoPlatform, newPage, uiLogin, waitUntilSearchable } from '../support/e2e.ts';
import type { RunningServer } from '../support/server.ts';

/** The start of a Windows executable ("MZ" header), to be disguised as a PDF. */
const executable = Buffer.concat([
  Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff]),
  Buffer.alloc(512, 0),
]);

/** Every field of the application (项目申报书), by its label in the editor. */
const sectionFields = [
  '项目背景',
  '应用行业',
  '核心优势',
  '架构设计',
  '方案功能',
  '关键技术',
  '数据要素利用方案',
  '应用案例',
  '经济效益',
  '社会效益',
  '推广模式',
  '市场空间',
  '团队履历',
  '资质与优势',
];

describe('bidding for a demand in Chromium', () => {
  const platform = demoPlatform();
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    ({ server, browser } = platform);
    await waitUntilSearchable(server.baseUrl, '陶瓷');
  });

  it('goes from a search hit to a submitted bid: team, project, application, materials', async () => {
    const page = await newPage(browser);
    // team1@demo.cn administers 燕赵数智科技有限公司（演示） and has no team in the demo.
    await uiLogin(page, server.baseUrl, 'team1@demo.cn', '/search');

    // 1. search, open the hit
    await page.fill('[data-testid="search-input"]', '陶瓷缺陷');
    const hit = page.locator('[data-testid="search-hit"]').first();
    await expect.poll(() => hit.count()).toBe(1);
    await expect.poll(() => hit.innerText()).toContain('陶瓷');
    const hitTitle = (await hit.locator('[data-testid="search-hit-link"]').innerText()).trim();
    await page.screenshot({ path: path.join(screenshotDir, 'bidding-1-search-hit.png'), fullPage: true });
    await hit.locator('[data-testid="search-hit-link"]').click();
    await expect.poll(() => page.locator('[data-testid="demand-title"]').innerText()).toBe(hitTitle);
    await expect.poll(() => page.locator('[data-testid="demand-bid-count"]').innerText()).toContain('暂无团队揭榜');

    // 2. 揭榜: create a team, then the project
    const bid = page.locator('[data-testid="bid-button"]');
    await expect.poll(() => bid.innerText()).toBe('我要揭榜');
    await bid.click();
    await page.waitForURL((url) => url.pathname.endsWith('/bid'));
    await expect.poll(() => page.locator('[data-testid="bid-demand-title"]').innerText()).toBe(hitTitle);
    await page.getByLabel('团队名称').fill('燕赵数智揭榜团队');
    await expect.poll(() => page.getByLabel('牵头单位').inputValue()).not.toBe('');
    expect(await page.getByLabel('牵头单位').locator('option:checked').innerText()).toContain('燕赵数智科技有限公司');
    await page.screenshot({ path: path.join(screenshotDir, 'bidding-2-bid-page.png'), fullPage: true });
    await page.click('[data-testid="create-team"]');
    await expect.poll(() => page.locator('[data-testid="bid-step-team"]').innerText()).toContain('燕赵数智揭榜团队');
    await page.getByLabel('项目名称').fill('陶瓷缺陷智能检测系统');
    await page.click('[data-testid="start-project"]');
    await page.waitForURL((url) => url.pathname.startsWith('/workspace/projects/'));

    // 3. the application: every section, saved automatically
    const status = page.locator('[data-testid="save-status"]');
    await expect.poll(() => status.getAttribute('data-state')).toBe('saved');
    expect(await page.locator('[data-testid="project-target"]').innerText()).toContain(hitTitle);
    for (const label of sectionFields) {
      await page.getByLabel(label).fill(`${label}：基于机器视觉的陶瓷釉面缺陷检测，结合企业开放的产线图像数据建模。`);
    }
    await expect.poll(() => status.getAttribute('data-state')).toBe('saved');
    expect(await status.innerText()).toContain('已保存');
    await expect.poll(() => page.locator('[data-testid="checklist-missing"]').innerText()).not.toContain('项目概述');
    await page.screenshot({ path: path.join(screenshotDir, 'bidding-3-editor.png'), fullPage: true });

    // 4. materials: a renamed executable is refused by the server, shown at the upload control
    const fileInput = page.getByLabel('选择文件');
    await page.getByLabel('材料类别').selectOption('qualification');
    await fileInput.setInputFiles({ name: 'x.pdf', mimeType: 'application/pdf', buffer: executable });
    const uploadError = page.locator('[data-field-error="material-file"]');
    await expect.poll(() => uploadError.count()).toBe(1);
    expect(await uploadError.innerText()).toContain('不支持的文件类型');
    expect(await page.locator('[data-testid="material"]').count()).toBe(0);

    await page.getByLabel('材料类别').selectOption('qualification');
    await fileInput.setInputFiles({ name: '营业执照.pdf', mimeType: 'application/pdf', buffer: demoPdf('business licence') });
    await expect.poll(() => page.locator('[data-testid="material"][data-category="qualification"]').count()).toBe(1);
    await page.getByLabel('材料类别').selectOption('responsibility');
    await fileInput.setInputFiles({ name: '申报主体责任声明.pdf', mimeType: 'application/pdf', buffer: demoPdf('declaration') });
    await expect.poll(() => page.locator('[data-testid="material"][data-category="responsibility"]').count()).toBe(1);
    await expect.poll(() => page.locator('[data-testid="checklist-complete"]').count()).toBe(1);

    // 5. submit
    await page.click('[data-testid="submit-project"]');
    await expect.poll(() => page.locator('[data-testid="project-status"]').first().getAttribute('data-status')).toBe('submitted');
    expect(await page.locator('[data-testid="project-status"]').first().innerText()).toBe('已提交');
    await expect.poll(() => page.locator('[data-testid="submitted-version"]').innerText()).toContain('第 1 版');
    await expect.poll(() => page.locator('[data-testid="version"]').count()).toBe(1);
    await page.screenshot({ path: path.join(screenshotDir, 'bidding-4-submitted.png'), fullPage: true });

    // the submitted version reads as it was submitted, with its materials
    await page.click('[data-testid="version-link"]');
    await page.waitForURL((url) => /\/versions\/1$/.test(url.pathname));
    await expect.poll(() => page.locator('[data-testid="version-head"]').innerText()).toContain('第 1 版');
    expect(await page.locator('[data-testid="material"]').count()).toBe(2);
    await page.screenshot({ path: path.join(screenshotDir, 'bidding-5-version.png'), fullPage: true });
    await page.goBack();
    await page.waitForURL((url) => /\/workspace\/projects\/[^/]+$/.test(url.pathname));

    // the demand page now knows the bid
    await page.locator('[data-testid="project-target"] a').first().click();
    await page.waitForURL((url) => url.pathname.startsWith('/demands/'));
    await expect.poll(() => page.locator('[data-testid="bid-button"]').innerText()).toBe('查看我的揭榜方案');
    await expect.poll(() => page.locator('[data-testid="demand-bid-count"]').innerText()).toContain('已有 1 个团队揭榜');
    await page.close();
  });
});
