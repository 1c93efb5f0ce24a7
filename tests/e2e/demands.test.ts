import path from 'node:path';
import type { Browser } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { screenshotDir } from '../support/browser.ts';
import { apiLogin, demoPlatform, newPage, uiLogin } from '../support/e2e.ts';
import type { RunningServer } from '../support/server.ts';

describe('demand sub-topics in Chromium', () => {
  const platform = demoPlatform();
  let server: RunningServer;
  let browser: Browser;

  beforeAll(() => {
    ({ server, browser } = platform);
  });

  it('the public board lists the seeded Hebei demands and a demand page reads well', async () => {
    const page = await newPage(browser);
    await page.goto(`${server.baseUrl}/demands`);
    const cards = page.locator('[data-testid="demand-card"]');
    await expect.poll(() => cards.count()).toBeGreaterThanOrEqual(12);
    await page.screenshot({ path: path.join(screenshotDir, 'demand-board.png') });
    const firstCardText = await cards.first().innerText();
    await cards.first().locator('a').first().click();
    await expect.poll(() => page.locator('[data-testid="demand-title"]').count()).toBe(1);
    const title = await page.locator('[data-testid="demand-title"]').innerText();
    expect(title.length).toBeGreaterThan(4);
    expect(firstCardText).toContain(title.trim());
    const text = await page.locator('main').innerText();
    for (const part of ['业务需求', '技术目标', '数据开放范围', '验收标准', '万元']) expect(text).toContain(part);
    expect(text).toContain('登录后查看联系方式');
    await page.screenshot({ path: path.join(screenshotDir, 'demand-page.png'), fullPage: true });
    await page.close();
  });

  it('the committee approves a submitted demand from its review queue and the public then sees it', async () => {
    const enterprise = await apiLogin(server.baseUrl, 'enterprise1@demo.cn');
    const auth = { authorization: `Bearer ${enterprise}`, 'content-type': 'application/json' };
    const me = (await (await fetch(`${server.baseUrl}/api/me`, { headers: auth })).json()) as { memberships: { orgId: string }[] };
    const editions = (await (await fetch(`${server.baseUrl}/api/editions`)).json()) as { items: { id: string }[] };
    const edition = (await (await fetch(`${server.baseUrl}/api/editions/${editions.items[0].id}`)).json()) as {
      tracks: { topics: { id: string }[] }[];
    };
    const day = (n: number) => new Date(Date.now() + n * 86400_000);
    const created = (await (
      await fetch(`${server.baseUrl}/api/demands`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({
          orgId: me.memberships[0].orgId,
          topicId: edition.tracks[0].topics[1].id,
          title: '高炉炉温智能预测：多源数据驱动的稳产降耗',
          businessNeed: '基于高炉生产过程数据预测炉温变化趋势，辅助操作人员提前调整，减少炉况波动与焦比。',
          techGoals: '炉温预测提前量不少于 2 小时，预测误差不超过 10 摄氏度。',
          acceptanceCriteria: ['在企业提供的 2024 年数据上回测误差不超过 10 摄氏度', '在线试运行 30 天'],
          budgetCny: 1_500_000,
          region: '河北省石家庄市',
          contact: { name: '赵磊', phone: '0311-86512378', email: 'e01@demo.cn' },
          bidDeadline: day(30).toISOString(),
          dataScope: [
            {
              name: '高炉过程数据',
              description: '热风温度、压力、料线等秒级数据',
              fields: ['时间', '热风温度', '顶压'],
              volume: '约 2 亿条',
              accessMode: 'sandbox',
              availableFrom: day(1).toISOString().slice(0, 10),
            },
          ],
        }),
      })
    ).json()) as { id: string; status: string };
    expect(created.status).toBe('draft');
    const submitted = await fetch(`${server.baseUrl}/api/demands/${created.id}/submit`, { method: 'POST', headers: auth, body: '{}' });
    expect(submitted.status).toBe(200);
    expect((await fetch(`${server.baseUrl}/api/demands/${created.id}`)).status).toBe(404);

    const page = await newPage(browser);
    await uiLogin(page, server.baseUrl, 'committee@demo.cn', '/admin/demands');
    await expect.poll(() => page.locator('main').innerText()).toContain('高炉炉温智能预测');
    await page.goto(`${server.baseUrl}/admin/demands/${created.id}`);
    await page.locator('[data-testid="approve"]').click();
    // Approving publishes at once: a confirmation first shows what becomes public.
    const dialog = page.locator('[data-testid="approve-dialog"]');
    await dialog.waitFor();
    expect(await dialog.locator('[data-testid="approve-title"]').innerText()).toContain('高炉炉温智能预测');
    expect(await dialog.innerText()).toContain('所有人');
    expect(((await (await fetch(`${server.baseUrl}/api/demands/${created.id}`)).json()) as { status?: string }).status).toBeUndefined();
    await dialog.locator('[data-testid="confirm"]').click();
    await expect
      .poll(async () => ((await (await fetch(`${server.baseUrl}/api/demands/${created.id}`)).json()) as { status?: string }).status)
      .toBe('published');
    await page.screenshot({ path: path.join(screenshotDir, 'committee-review.png'), fullPage: true });

    await page.goto(`${server.baseUrl}/demands/${created.id}`);
    await expect.poll(() => page.locator('[data-testid="demand-title"]').innerText()).toContain('高炉炉温智能预测');
    await page.close();
  });
});
