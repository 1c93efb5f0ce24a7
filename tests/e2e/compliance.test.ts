import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeCheckCharacter } from '@jb/api/lib/credit-code.ts';
import { screenshotDir } from '../support/browser.ts';
import { demoPlatform, newPage, uiLogin } from '../support/e2e.ts';
import type { RunningServer } from '../support/server.ts';

/** The demo seed's submitted bid (api/src/seed/demo-teams.ts). */
const SEEDED_TEAM = '理工数智揭榜队';
const SEEDED_PROJECT = 'UDI 全链追溯数据中台';
const SEEDED_ORG = '河北理工数据科学研究院（演示）';
const UDI_DEMAND = '医疗器械全链追溯：UDI驱动的产供销智能协同';

async function post<T>(baseUrl: string, url: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(`${baseUrl}${url}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Before a full-page screenshot: the sticky header back at the top. */
function scrollToTop(page: Page) {
  return page.evaluate('window.scrollTo(0, 0)');
}

interface EditionDetail {
  id: string;
  slug: string;
  tracks: {
    id: string;
    name: string;
    fullName: string;
    governmentAllowed: boolean;
    topics: { id: string; title: string; description: string }[];
  }[];
}

describe('compliance review and bidding on a topic in Chromium', () => {
  const platform = demoPlatform();
  let server: RunningServer;
  let browser: Browser;
  let edition: EditionDetail;

  beforeAll(async () => {
    ({ server, browser } = platform);
    const editions = (await (await fetch(`${server.baseUrl}/api/editions`)).json()) as { items: { id: string; slug: string }[] };
    const hebei = editions.items.find((e) => e.slug === 'hebei-2025')!;
    edition = (await (await fetch(`${server.baseUrl}/api/editions/${hebei.id}`)).json()) as EditionDetail;
  });

  it('the committee reviews the seeded bid: organisations and checks, a reason for 不合规, then 合规', async () => {
    const page = await newPage(browser);
    await uiLogin(page, server.baseUrl, 'committee@demo.cn', '/admin/compliance');

    const item = page.locator('[data-testid="compliance-item"]').filter({ hasText: SEEDED_TEAM });
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.getByRole('heading', { level: 3 }).innerText()).toBe(SEEDED_PROJECT);
    expect(await item.getAttribute('data-status')).toBe('pending');
    // the organisation, with its kind, and every check passed
    const orgs = item.getByRole('region', { name: '参赛单位' });
    expect(await orgs.innerText()).toContain(SEEDED_ORG);
    expect(await orgs.innerText()).toContain('牵头单位');
    const checks = item.locator('[data-testid="compliance-check"]');
    expect(await checks.count()).toBeGreaterThanOrEqual(2);
    expect(await item.getByRole('region', { name: '资格检查' }).innerText()).toContain('全部通过');
    expect(await item.locator('[data-testid="compliance-check"][data-passed="false"]').count()).toBe(0);
    expect(await item.innerText()).toContain(UDI_DEMAND);

    // 不合规 without a reason is refused
    await item.getByRole('radio', { name: '不合规' }).check();
    await item.getByRole('button', { name: '提交审查结论' }).click();
    await expect.poll(() => item.locator('[data-field-error]').count()).toBe(1);
    expect(await item.locator('[data-field-error]').innerText()).toContain('判定不合规时必须填写理由');
    expect(await item.getByLabel('不合规理由').getAttribute('aria-invalid')).toBe('true');
    await scrollToTop(page);
    await page.screenshot({ path: path.join(screenshotDir, 'compliance-1-reason-required.png'), fullPage: true });

    // 合规: the project leaves 待审查 and shows under 合规
    await item.getByRole('radio', { name: '合规', exact: true }).check();
    await item.getByRole('button', { name: '提交审查结论' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: '已通知参赛团队' }).count()).toBe(1);
    expect(await page.getByRole('status').filter({ hasText: '已通知参赛团队' }).innerText()).toContain(
      `已将「${SEEDED_PROJECT}」（${SEEDED_TEAM}）判定为「合规」`,
    );
    await expect.poll(() => item.count()).toBe(0);
    await page.getByRole('button', { name: /^合规/ }).click();
    await page.waitForURL((url) => url.searchParams.get('status') === 'eligible');
    const decided = page.locator('[data-testid="compliance-item"][data-status="eligible"]').filter({ hasText: SEEDED_TEAM });
    await expect.poll(() => decided.count()).toBe(1);
    expect(await decided.innerText()).toContain('判定为「合规」');
    expect(await decided.locator('[data-testid="compliance-status"]').innerText()).toContain('合规');
    // the decision can still be changed, on demand
    expect(await decided.locator('[data-testid="compliance-form"]').count()).toBe(0);
    await decided.getByRole('button', { name: '修改结论' }).click();
    expect(await decided.getByRole('radio', { name: '合规', exact: true }).isChecked()).toBe(true);
    await decided.getByRole('button', { name: '取消' }).click();
    await expect.poll(() => decided.locator('[data-testid="compliance-form"]').count()).toBe(0);
    await page.screenshot({ path: path.join(screenshotDir, 'compliance-2-decided.png'), fullPage: true });
    await page.close();
  });

  it('the team sees the result on its team and project pages and in its notifications', async () => {
    const page = await newPage(browser);
    await uiLogin(page, server.baseUrl, 'team2@demo.cn', '/workspace/teams');

    // the notification bell counts the result
    await expect.poll(() => page.locator('[data-testid="bell-count"]').innerText()).not.toBe('0');
    await page.getByRole('button', { name: /站内通知/ }).click();
    const bellItem = page.locator('[data-testid="bell-item"]').filter({ hasText: '资格审查结果' });
    await expect.poll(() => bellItem.count()).toBe(1);
    expect(await bellItem.innerText()).toContain(SEEDED_PROJECT);
    expect(await bellItem.innerText()).toContain('通过');
    await page.screenshot({ path: path.join(screenshotDir, 'compliance-3-team-bell.png') });
    await page.keyboard.press('Escape');

    // the team page: the project card says what it competes for and the result
    const card = page.locator('[data-testid="team-card"]').filter({ hasText: SEEDED_TEAM });
    await expect.poll(() => card.count()).toBe(1);
    await card.getByRole('link', { name: SEEDED_TEAM }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/workspace/teams/'));
    const project = page.locator('[data-testid="team-project"]');
    await expect.poll(() => project.locator('[data-testid="compliance-status"]').getAttribute('data-status')).toBe('eligible');
    expect(await project.locator('[data-testid="team-project-target"]').innerText()).toContain(UDI_DEMAND);
    expect(await project.locator('[data-testid="team-compliance-result"]').innerText()).toContain('已通过资格审查');
    await page.screenshot({ path: path.join(screenshotDir, 'compliance-4-team-page.png'), fullPage: true });

    // the project page
    await project.getByRole('link', { name: SEEDED_PROJECT }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/workspace/projects/'));
    const result = page.locator('[data-testid="project-compliance-result"]');
    await expect.poll(() => result.getAttribute('data-status')).toBe('eligible');
    expect(await result.innerText()).toContain('已通过资格审查');

    // the notifications page
    await page.goto(`${server.baseUrl}/notifications`);
    const note = page.locator('[data-testid="notification"]').filter({ hasText: '资格审查结果' });
    await expect.poll(() => note.count()).toBe(1);
    expect(await note.innerText()).toContain(`项目「${SEEDED_PROJECT}」通过`);
    expect(await note.innerText()).toContain('将进入初赛评审');
    await page.screenshot({ path: path.join(screenshotDir, 'compliance-5-notifications.png'), fullPage: true });
    await page.close();
  });

  it('the enterprise sees the bid count on its sub-topic, and the bids only from the preliminary review', async () => {
    const page = await newPage(browser);
    await uiLogin(page, server.baseUrl, 'enterprise2@demo.cn', '/workspace/demands');
    const row = page.locator('[data-testid="workspace-demand"]').filter({ hasText: UDI_DEMAND });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.locator('[data-testid="workspace-bid-count"]').innerText()).toMatch(/揭榜团队\s*1$/);
    await page.screenshot({ path: path.join(screenshotDir, 'compliance-6-enterprise-demands.png'), fullPage: true });

    await row.getByRole('link', { name: UDI_DEMAND }).click();
    await page.waitForURL((url) => /^\/workspace\/demands\/[^/]+$/.test(url.pathname));
    const bids = page.locator('[data-testid="demand-bids"]');
    await expect.poll(() => bids.innerText()).toContain('1 个团队揭榜');
    const notYet = page.locator('[data-testid="bids-not-yet"]');
    await expect.poll(() => notYet.count()).toBe(1);
    expect(await notYet.innerText()).toContain('初赛评审开始后可查看揭榜方案');
    expect(await notYet.innerText()).toMatch(/\d{4}[年/-]\d{1,2}[月/-]\d{1,2}/);
    await bids.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(screenshotDir, 'compliance-7-enterprise-bids.png'), fullPage: true });
    await page.close();
  });

  it('a signed-out visitor goes from 以此赛题参赛 through sign-in to a team, a project and the editor', async () => {
    const track = edition.tracks[0];
    const topic = track.topics[0];
    const other = track.topics[1];
    const page = await newPage(browser);
    await page.goto(`${server.baseUrl}/editions/${edition.id}`);
    const topicRow = page.locator(`#topic-${topic.id}`);
    await expect.poll(() => topicRow.count()).toBe(1);
    const link = topicRow.getByRole('link', { name: '以此赛题参赛' });
    expect(await link.getAttribute('href')).toContain('/login?next=');
    await topicRow.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(screenshotDir, 'topic-bid-1-catalog.png') });

    // sign in as team1@demo.cn (no team yet) and come back to the bid page
    await link.click();
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByLabel('邮箱').fill('team1@demo.cn');
    await page.getByLabel('密码').fill('Demo@2025');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => url.pathname === `/editions/${edition.id}/topics/${topic.id}/bid`);
    await expect.poll(() => page.locator('[data-testid="bid-topic-title"]').innerText()).toBe(topic.title);
    expect(await page.locator('[data-testid="bid-track"]').innerText()).toBe(track.fullName);
    expect(await page.locator('[data-testid="bid-target-description"]').innerText()).toBe(topic.description);
    expect(await page.locator('[data-testid="bid-topic-demands"]').innerText()).toMatch(/\d+\s*个企业需求子赛题/);

    // 1. create the team
    await page.getByLabel('团队名称').fill('燕赵数智赛题团队');
    await expect.poll(() => page.getByLabel('牵头单位').inputValue()).not.toBe('');
    await scrollToTop(page);
    await page.screenshot({ path: path.join(screenshotDir, 'topic-bid-2-team.png'), fullPage: true });
    await page.getByRole('button', { name: '创建团队' }).click();
    await expect.poll(() => page.locator('[data-testid="bid-step-team"]').innerText()).toContain('燕赵数智赛题团队');

    // 2. name the project, 3. the editor
    await page.getByLabel('项目名称').fill('钢铁产线能耗数据智能优化平台');
    await scrollToTop(page);
    await page.screenshot({ path: path.join(screenshotDir, 'topic-bid-3-project.png'), fullPage: true });
    await page.getByRole('button', { name: '开始参赛，填写申报书' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/workspace/projects/'));
    await expect.poll(() => page.locator('[data-testid="save-status"]').getAttribute('data-state')).toBe('saved');
    const target = page.locator('[data-testid="project-target"]');
    expect(await target.innerText()).toContain(topic.title);
    expect(await target.innerText()).not.toContain('揭榜子赛题');
    expect(await page.getByLabel('项目名称').inputValue()).toBe('钢铁产线能耗数据智能优化平台');
    await scrollToTop(page);
    await page.screenshot({ path: path.join(screenshotDir, 'topic-bid-4-editor.png') });

    // the team now has its one project: another topic's bid page says which topic it is for
    await page.goto(`${server.baseUrl}/editions/${edition.id}/topics/${other.id}/bid`);
    const existing = page.locator('[data-testid="existing-project"]');
    await expect.poll(() => existing.count()).toBe(1);
    expect(await existing.innerText()).toContain('钢铁产线能耗数据智能优化平台');
    expect(await existing.locator('[data-testid="existing-target"]').innerText()).toBe(`赛题「${topic.title}」`);
    expect(await existing.innerText()).toContain('每个团队只能提交 1 个参赛项目');
    expect(await page.locator('[data-testid="project-start-form"]').count()).toBe(0);
    await page.screenshot({ path: path.join(screenshotDir, 'topic-bid-5-one-project.png'), fullPage: true });

    // my teams: the card says what the project competes for
    await page.getByRole('link', { name: '我的团队' }).first().click();
    await page.waitForURL((url) => url.pathname === '/workspace/teams');
    const card = page.locator('[data-testid="team-card"]').filter({ hasText: '燕赵数智赛题团队' });
    await expect.poll(() => card.locator('[data-testid="team-card-target"]').innerText()).toBe(`参赛赛题「${topic.title}」`);
    await page.close();
  });

  it('a government body is warned, then refused, in a track not open to government bodies', async () => {
    // a 市数据局 with a team (the edition has tracks open to government bodies, so it may register)
    const password = 'Gov@2025x';
    await post(server.baseUrl, '/api/auth/register', { email: 'gov@example.cn', password, displayName: '刘洋（市数据局）' });
    const { token } = await post<{ token: string }>(server.baseUrl, '/api/auth/login', { email: 'gov@example.cn', password });
    const first17 = '11130100MB0000099';
    const org = await post<{ id: string }>(
      server.baseUrl,
      '/api/orgs',
      {
        name: '石家庄市数据局（演示）',
        creditCode: first17 + computeCheckCharacter(first17),
        kind: 'government',
        region: '河北省石家庄市',
      },
      token,
    );
    await post(server.baseUrl, '/api/teams', { editionId: edition.id, name: '市数据局数据治理队', leadOrgId: org.id }, token);

    const closed = edition.tracks.find((t) => !t.governmentAllowed)!;
    const open = edition.tracks.find((t) => t.governmentAllowed)!;
    const page = await newPage(browser);
    const bidPath = `/editions/${edition.id}/topics/${closed.topics[0].id}/bid`;
    await page.goto(`${server.baseUrl}/login?next=${encodeURIComponent(bidPath)}`);
    await page.getByLabel('邮箱').fill('gov@example.cn');
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => url.pathname === bidPath);

    // warned before trying, refused when trying anyway
    await expect.poll(() => page.locator('[data-testid="government-barred"]').count()).toBe(1);
    expect(await page.locator('[data-testid="government-barred"]').innerText()).toContain('石家庄市数据局（演示）');
    await page.getByLabel('项目名称').fill('城市数据治理平台');
    await page.getByRole('button', { name: '开始参赛，填写申报书' }).click();
    const refusal = page.locator('[data-testid="project-start-form"]').getByRole('alert');
    await expect.poll(() => refusal.count()).toBe(1);
    expect(await refusal.innerText()).toContain(`「${closed.name}」赛道不接受政府部门参赛`);
    expect(await refusal.innerText()).toContain('政府部门仅可参加标注“政府部门可参赛”的赛道');
    expect(page.url()).toContain(bidPath);
    await scrollToTop(page);
    await page.screenshot({ path: path.join(screenshotDir, 'topic-bid-6-government-refused.png'), fullPage: true });

    // a track open to government bodies: no warning
    await page.goto(`${server.baseUrl}/editions/${edition.id}/topics/${open.topics[0].id}/bid`);
    await expect.poll(() => page.locator('[data-testid="project-start-form"]').count()).toBe(1);
    expect(await page.locator('[data-testid="government-barred"]').count()).toBe(0);
    expect(await page.locator('main').innerText()).toContain('本赛道政府部门可参赛');
    await page.close();
  });
  it('the leader renames the team, then dissolves it while it has no project', async () => {
    // the 市数据局 team of the previous test has no project
    const page = await newPage(browser);
    await page.goto(`${server.baseUrl}/login?next=${encodeURIComponent('/workspace/teams')}`);
    await page.getByLabel('邮箱').fill('gov@example.cn');
    await page.getByLabel('密码').fill('Gov@2025x');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => url.pathname === '/workspace/teams');
    await page.locator('[data-testid="team-card"]').getByRole('link', { name: '市数据局数据治理队' }).first().click();
    await page.waitForURL((url) => /^\/workspace\/teams\/[^/]+$/.test(url.pathname));

    await page.getByLabel('团队名称').fill('市数据局城市治理队');
    await page.click('[data-testid="rename-team"]');
    await expect.poll(() => page.locator('[data-testid="team-name"]').innerText()).toBe('市数据局城市治理队');
    await scrollToTop(page);
    await page.screenshot({ path: path.join(screenshotDir, 'team-settings.png'), fullPage: true });

    await page.click('[data-testid="dissolve-team"]');
    await page.locator('[data-testid="dissolve-team-dialog"] [data-testid="confirm"]').click();
    await page.waitForURL((url) => url.pathname === '/workspace/teams');
    await expect.poll(() => page.locator('main').innerText()).toContain('团队已解散');
    expect(await page.locator('[data-testid="team-card"]').count()).toBe(0);
    await page.close();
  });
});
