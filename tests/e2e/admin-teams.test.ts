import path from 'node:path';
import type { Browser } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { screenshotDir } from '../support/browser.ts';
import { demoPlatform, newPage, uiLogin } from '../support/e2e.ts';
import type { RunningServer } from '../support/server.ts';

/** The demo seed's team with a submitted bid (api/src/seed/demo-teams.ts). */
const SEEDED_TEAM = '理工数智揭榜队';
const SEEDED_PROJECT = 'UDI 全链追溯数据中台';
const SEEDED_ORG = '河北理工数据科学研究院（演示）';
const UDI_DEMAND = '医疗器械全链追溯：UDI驱动的产供销智能协同';

describe('the registered teams of an edition (/admin/teams) in Chromium', () => {
  const platform = demoPlatform();
  let server: RunningServer;
  let browser: Browser;

  beforeAll(() => {
    ({ server, browser } = platform);
  });

  it('the committee sees the seeded team, filters and searches; the supervisor reads it; a team member is refused', async () => {
    const page = await newPage(browser);
    await uiLogin(page, server.baseUrl, 'committee@demo.cn', '/admin/teams');
    const tab = page.getByRole('navigation', { name: '管理功能' }).getByRole('link', { name: '参赛团队' });
    expect(await tab.getAttribute('aria-current')).toBe('page');

    // the seeded team: its lead organisation, its representatives and its submitted project
    const rows = page.locator('[data-testid="admin-team-row"]');
    // the UDI team and the docking fair's four demo teams (draft projects, api/src/seed/demo-fair.ts)
    await expect.poll(() => rows.count()).toBe(5);
    const row = rows.filter({ hasText: SEEDED_TEAM });
    expect(await row.getByRole('link', { name: SEEDED_TEAM }).getAttribute('href')).toMatch(/^\/workspace\/teams\/[0-9a-f-]{36}$/);
    expect(await row.locator('[data-testid="admin-team-lead"]').innerText()).toContain(SEEDED_ORG);
    expect(await row.locator('[data-testid="flag-blacklisted"]').count()).toBe(0);
    expect(await row.locator('[data-testid="admin-team-members"]').innerText()).toMatch(/^\d+\/\d+$/);
    const project = row.locator('[data-testid="admin-team-project"]');
    expect(await project.getByRole('link', { name: SEEDED_PROJECT }).getAttribute('href')).toMatch(
      /^\/workspace\/projects\/[0-9a-f-]{36}$/,
    );
    expect(await project.locator('[data-testid="project-status"]').innerText()).toBe('已提交');
    expect(await project.locator('[data-testid="compliance-status"]').innerText()).toBe('待资格审查');
    expect(await row.innerText()).toContain(UDI_DEMAND);
    const summary = page.locator('[data-testid="teams-summary"]');
    expect((await summary.innerText()).replace(/\s+/g, ' ')).toBe('团队数 5 已创建项目 5 已提交 1 待资格审查 1');
    await page.screenshot({ path: path.join(screenshotDir, 'admin-teams.png'), fullPage: true });

    // 未创建项目: the seeded team (it has a project) leaves, the empty note shows
    await page.getByLabel('项目状态').selectOption({ label: '未创建项目' });
    await page.waitForURL((url) => url.searchParams.get('status') === 'none');
    await expect.poll(() => rows.count()).toBe(0);
    expect(await page.locator('main').innerText()).toContain('没有符合条件的团队');
    await page.getByLabel('项目状态').selectOption({ label: '已提交' });
    await expect.poll(() => rows.count()).toBe(1);
    await page.getByLabel('项目状态').selectOption({ label: '全部项目状态' });

    // the search matches team and organisation names
    const search = page.getByLabel('搜索团队');
    await search.fill('不存在的团队');
    await page.waitForURL((url) => url.searchParams.get('q') === '不存在的团队');
    await expect.poll(() => rows.count()).toBe(0);
    await search.fill('河北理工数据科学');
    await page.waitForURL((url) => url.searchParams.get('q') === '河北理工数据科学');
    await expect.poll(() => rows.count()).toBe(1);
    await search.fill('揭榜队');
    await page.waitForURL((url) => url.searchParams.get('q') === '揭榜队');
    await expect.poll(() => rows.count()).toBe(1);

    // the team page opens for the committee
    await row.getByRole('link', { name: SEEDED_TEAM }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/workspace/teams/'));
    await expect.poll(() => page.locator('[data-testid="team-name"]').innerText()).toBe(SEEDED_TEAM);
    await page.close();

    // the supervisor reads the same list
    const supervisor = await newPage(browser);
    await uiLogin(supervisor, server.baseUrl, 'supervisor@demo.cn', '/admin/teams');
    await expect.poll(() => supervisor.locator('[data-testid="admin-team-row"]').filter({ hasText: SEEDED_TEAM }).count()).toBe(1);
    expect(await supervisor.locator('[data-testid="readonly-badge"]').count()).toBe(1);
    await supervisor.close();

    // an ordinary user is refused, like on the other admin pages
    const member = await newPage(browser);
    await uiLogin(member, server.baseUrl, 'team1@demo.cn', '/admin/teams');
    await expect.poll(() => member.locator('[data-testid="access-denied"]').count()).toBe(1);
    expect(await member.locator('[data-testid="admin-teams"]').count()).toBe(0);
    expect(await member.locator('main').innerText()).not.toContain(SEEDED_TEAM);
    await member.close();
  });
});
