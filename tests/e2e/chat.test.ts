import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { screenshotDir } from '../support/browser.ts';
import { apiLogin, demoPlatform, newPage, uiLogin } from '../support/e2e.ts';
import type { RunningServer } from '../support/server.ts';

async function api<T>(baseUrl: string, token: string, method: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(`${baseUrl}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Evaluated in the page (a string, so this file needs no DOM types). */
const noSidewaysScroll = (page: Page) => page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth + 1');

describe('chat in Chromium: Q&A to all, a private channel, the committee overseeing both', () => {
  const platform = demoPlatform();
  let server: RunningServer;
  let browser: Browser;
  let demandId: string;
  let privateChannelId: string;

  beforeAll(async () => {
    ({ server, browser } = platform);
    // team2 bids on enterprise2's UDI sub-topic (demo); team1 forms a team to ask as another bidder-to-be.
    const team2 = await apiLogin(server.baseUrl, 'team2@demo.cn');
    const channels = await api<{ items: { id: string; kind: string; demandId: string }[] }>(
      server.baseUrl,
      team2,
      'GET',
      '/api/channels?mine=1',
    );
    const channel = channels.items.find((c) => c.kind === 'private')!;
    demandId = channel.demandId;
    privateChannelId = channel.id;
    const team1 = await apiLogin(server.baseUrl, 'team1@demo.cn');
    const demand = await api<{ edition: { id: string } }>(server.baseUrl, team1, 'GET', `/api/demands/${demandId}`);
    const me = await api<{ user: { memberships: { orgId: string }[] } }>(server.baseUrl, team1, 'GET', '/api/session');
    await api(server.baseUrl, team1, 'POST', '/api/teams', {
      editionId: demand.edition.id,
      name: '燕赵数智答疑团队',
      leadOrgId: me.user.memberships[0]!.orgId,
    });
  });

  it('a team asks, the enterprise answers to all, another team sees the answer without the asker', async () => {
    const question = '追溯数据中是否包含产品召回记录？';
    const answer = '包含 2022 年以来的全部召回记录，在沙箱中以脱敏形式开放。';

    const asker = await newPage(browser);
    await uiLogin(asker, server.baseUrl, 'team1@demo.cn', `/demands/${demandId}`);
    const qa = asker.locator('[data-testid="qa-block"]');
    await expect.poll(() => qa.locator('[data-testid="qa-answers"] li').count()).toBe(2); // the demo's public answers
    await asker.fill('[data-testid="qa-question"]', question);
    await asker.click('[data-testid="qa-ask"]');
    await expect.poll(() => qa.locator('[data-testid="qa-questions"]').innerText()).toContain(question);
    expect(await qa.locator('[data-testid="qa-questions"]').innerText()).toContain('待答复');
    await asker.screenshot({ path: path.join(screenshotDir, 'chat-1-team-asks.png'), fullPage: true });

    const enterprise = await newPage(browser);
    await uiLogin(enterprise, server.baseUrl, 'enterprise2@demo.cn', `/demands/${demandId}`);
    const received = enterprise.locator('[data-testid="qa-questions"] li', { hasText: question });
    await expect.poll(() => received.count()).toBe(1);
    expect(await received.innerText()).toContain('燕赵数智答疑团队'); // the enterprise sees who asked
    await received.locator('[data-testid="qa-answer-text"]').fill(answer);
    expect(await received.locator('[data-testid="qa-answer-toall"]').isChecked()).toBe(true);
    await received.locator('[data-testid="qa-answer"]').click();
    await expect.poll(() => enterprise.locator('[data-testid="qa-answers"]').innerText()).toContain(answer);
    await enterprise.screenshot({ path: path.join(screenshotDir, 'chat-2-enterprise-answers-to-all.png'), fullPage: true });

    const other = await newPage(browser);
    await uiLogin(other, server.baseUrl, 'team2@demo.cn', `/demands/${demandId}`);
    const answers = other.locator('[data-testid="qa-answers"]');
    await expect.poll(() => answers.innerText()).toContain(answer);
    expect(await answers.innerText()).toContain(question);
    expect(await other.locator('[data-testid="qa-block"]').innerText()).not.toContain('燕赵数智');
    await other.screenshot({ path: path.join(screenshotDir, 'chat-3-other-team-sees-answer.png'), fullPage: true });
    await Promise.all([asker.close(), enterprise.close(), other.close()]);
  });

  it('the enterprise and a team talk privately under the supervision notice', async () => {
    const enterprise = await newPage(browser);
    await uiLogin(enterprise, server.baseUrl, 'enterprise2@demo.cn', '/messages');
    await enterprise.locator('[data-testid="channel-item"]', { hasText: '理工数智揭榜队' }).click();
    const ePanel = enterprise.locator(`[data-testid="chat-panel"][data-channel="${privateChannelId}"]`);
    await expect.poll(() => ePanel.locator('[data-testid="chat-notice"]').innerText()).toContain('本对话受组委会监督');
    await expect.poll(() => ePanel.locator('[data-testid="chat-message"]').count()).toBe(6); // demo history: five messages and the demo implementation's system message

    const team = await newPage(browser);
    await uiLogin(team, server.baseUrl, 'team2@demo.cn', '/messages');
    await team.locator('[data-testid="channel-item"]', { hasText: '华北医疗器械' }).click();
    const tPanel = team.locator(`[data-testid="chat-panel"][data-channel="${privateChannelId}"]`);
    await expect.poll(() => tPanel.locator('[data-testid="chat-message"]').count()).toBe(6);
    expect(await tPanel.locator('[data-testid="chat-notice"]').innerText()).toContain('本对话受组委会监督');

    await ePanel.locator('[data-testid="chat-input"]').fill('映射表已上传到沙箱，请查收。');
    await ePanel.locator('[data-testid="chat-send"]').click();
    await expect.poll(() => tPanel.locator('[data-testid="chat-message"]').last().innerText()).toContain('映射表已上传到沙箱');
    await tPanel.locator('[data-testid="chat-input"]').fill('收到，谢谢孙经理！');
    await tPanel.locator('[data-testid="chat-send"]').click();
    await expect.poll(() => ePanel.locator('[data-testid="chat-message"]').last().innerText()).toContain('收到，谢谢孙经理');
    expect(await ePanel.locator('[data-testid="chat-message"]').count()).toBe(8);
    expect(await ePanel.locator('[data-testid="chat-pending"]').count()).toBe(0);
    expect(await noSidewaysScroll(enterprise)).toBe(true);
    await enterprise.screenshot({ path: path.join(screenshotDir, 'chat-4-enterprise-private.png'), fullPage: true });
    await team.screenshot({ path: path.join(screenshotDir, 'chat-5-team-private.png'), fullPage: true });

    // On a phone the conversation fits without sideways scrolling.
    await team.setViewportSize({ width: 390, height: 844 });
    expect(await noSidewaysScroll(team)).toBe(true);
    await team.screenshot({ path: path.join(screenshotDir, 'chat-6-team-private-phone.png'), fullPage: true });
    await Promise.all([enterprise.close(), team.close()]);
  });

  it('the committee sees both channels of the sub-topic, hides a message with a reason, and can export', async () => {
    const committee = await newPage(browser);
    await uiLogin(committee, server.baseUrl, 'committee@demo.cn', '/admin/chat');
    const list = committee.locator('[data-testid="oversight-list"]');
    await expect.poll(() => list.innerText()).toContain('理工数智揭榜队');
    expect(await list.innerText()).toContain('答疑');
    await committee.locator('[data-testid="oversight-channel"]', { hasText: '理工数智揭榜队' }).click();
    const panel = committee.locator(`[data-testid="chat-panel"][data-channel="${privateChannelId}"]`);
    await expect.poll(() => panel.locator('[data-testid="chat-message"]').count()).toBe(8);
    expect(await panel.innerText()).toContain('收到，谢谢孙经理');
    expect(await panel.locator('[data-testid="chat-input"]').count()).toBe(0); // overseers read, they do not speak

    const target = panel.locator('[data-testid="chat-message"]').last();
    await target.getByRole('button', { name: '隐藏' }).click();
    await target.locator('input.reason').fill('演示：测试隐藏');
    await target.getByRole('button', { name: '确认隐藏' }).click();
    await expect.poll(() => target.innerText()).toContain('原因：演示：测试隐藏');
    expect(await target.innerText()).toContain('收到，谢谢孙经理'); // overseers keep seeing the text
    expect(await committee.locator('[data-testid="export-channel"]').getAttribute('href')).toBe(`/api/channels/${privateChannelId}/export`);

    await list.locator('section', { hasText: '理工数智揭榜队' }).locator('[data-testid="oversight-channel"]', { hasText: '答疑' }).click();
    await expect.poll(() => committee.locator('[data-testid="chat-panel"] [data-testid="chat-message"]').count()).toBeGreaterThanOrEqual(3);
    expect(await committee.locator('[data-testid="chat-panel"]').innerText()).toContain('追溯数据中是否包含产品召回记录？');
    await committee.screenshot({ path: path.join(screenshotDir, 'chat-7-committee-oversight.png'), fullPage: true });

    // The team now sees the hidden message as hidden.
    const team = await newPage(browser);
    await uiLogin(team, server.baseUrl, 'team2@demo.cn', '/messages');
    await team.goto(`${server.baseUrl}/messages?channel=${privateChannelId}`);
    const last = team.locator('[data-testid="chat-message"]').last();
    await expect.poll(() => last.innerText()).toContain('该消息已被组委会隐藏');
    await Promise.all([committee.close(), team.close()]);
  });
});
