import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { screenshotDir } from '../support/browser.ts';
import { apiLogin, demoPlatform, newPage, uiLogin } from '../support/e2e.ts';
import type { RunningServer } from '../support/server.ts';

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(screenshotDir, `fair-${name}.png`), fullPage: true });

/** A fair today whose one 5-minute slot began about 20 minutes ago, so check-in (grace 60 min) and outcomes are open now. */
function todaysFair() {
  const beijing = (t: number) => new Date(t + 8 * 3600_000).toISOString();
  let start = Math.floor((Date.now() - 20 * 60_000) / 300_000) * 300_000;
  if (beijing(start).slice(11, 16) > '23:50') start -= 10 * 60_000;
  const s = beijing(start);
  return {
    name: '今日对接会（浏览器测试）',
    venue: '石家庄国际会展中心 5 号馆',
    days: [{ date: s.slice(0, 10), start: s.slice(11, 16), end: beijing(start + 5 * 60_000).slice(11, 16) }],
    slotMinutes: 5,
    breakMinutes: 0,
    tables: 3,
    checkinGraceMinutes: 60,
  };
}

describe('the docking fair in Chromium', () => {
  const platform = demoPlatform();
  let server: RunningServer;
  let browser: Browser;
  let fairId: string;

  const api = async <T>(email: string, method: string, url: string, body?: unknown): Promise<T> => {
    const token = await apiLogin(server.baseUrl, email);
    const res = await fetch(`${server.baseUrl}${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };

  beforeAll(async () => {
    ({ server, browser } = platform);
    // Set-up not under test: the committee holds a fair today; the ceramics enterprise and 慧眼质检队 register for it.
    const editions = (await (await fetch(`${server.baseUrl}/api/editions`)).json()) as {
      items: { id: string; slug?: string; name: string }[];
    };
    const edition = editions.items.find((e) => e.name.includes('河北'))!;
    fairId = (await api<{ id: string }>('committee@demo.cn', 'POST', `/api/editions/${edition.id}/fairs`, todaysFair())).id;
    const me = await api<{ memberships: { orgId: string }[] }>('e04@demo.cn', 'GET', '/api/me');
    const orgId = me.memberships[0]!.orgId;
    await api('e04@demo.cn', 'POST', `/api/fairs/${fairId}/participants`, { orgId, availability: [] });
    const [team] = (await api<{ items: { id: string }[] }>('team3@demo.cn', 'GET', '/api/teams?mine=1')).items;
    await api('team3@demo.cn', 'POST', `/api/fairs/${fairId}/participants`, { teamId: team!.id, availability: [] });
  });

  it('recommendation → request → accept → schedule → agenda with table → check-in → outcome → dashboard', async () => {
    // 1. The team sees its recommendations with 匹配原因 and requests a meeting in one click.
    const team = await newPage(browser);
    await uiLogin(team, server.baseUrl, 'team3@demo.cn', '/workspace/recommendations');
    const rec = team.locator('[data-testid="recommendation"]', { hasText: '陶瓷智造升级' });
    await expect.poll(() => rec.count()).toBe(1);
    await expect.poll(() => rec.locator('[data-testid="match-reasons"]').innerText()).toContain('匹配原因');
    await shot(team, '1-team-recommendations');
    await rec.locator('[data-testid="recommendation-request"]').click();
    await expect.poll(() => rec.innerText()).toContain('已发出约见请求');

    // 2. The enterprise accepts on the fair page.
    const ent = await newPage(browser);
    await uiLogin(ent, server.baseUrl, 'e04@demo.cn', `/fairs/${fairId}`);
    const request = ent.locator('[data-testid="fair-request"]', { hasText: '慧眼质检队' });
    await expect.poll(() => request.count()).toBe(1);
    await shot(ent, '2-enterprise-request');
    await request.locator('[data-testid="accept-request"]').click();
    await expect.poll(() => request.innerText()).toContain('已接受');

    // 3. The committee schedules: the bound beside the slots used, the grid with the meeting.
    const committee = await newPage(browser);
    await uiLogin(committee, server.baseUrl, 'committee@demo.cn', `/admin/fairs/${fairId}`);
    await committee.locator('[data-testid="run-schedule"]').click();
    await expect.poll(() => committee.locator('[data-testid="schedule-summary"]').innerText()).toContain('下界');
    await expect.poll(() => committee.locator('[data-testid="schedule-grid"]').innerText()).toContain('慧眼质检队');
    await shot(committee, '3-committee-schedule');

    // 4. Both see the agenda with the table; both check in through the meeting's QR link; both record an outcome.
    for (const [page, name, result] of [
      [team, 'team', 'signed'],
      [ent, 'enterprise', 'intent'],
    ] as const) {
      await page.goto(`${server.baseUrl}/fairs/${fairId}`);
      const meeting = page.locator('[data-testid="agenda-meeting"]').first();
      await expect.poll(() => meeting.locator('[data-testid="agenda-table"]').innerText()).toMatch(/第 \d 桌/);
      await shot(page, `4-${name}-agenda`);
      await meeting.locator('[data-testid="show-qr"]').click();
      const link = meeting.locator('[data-testid="checkin-link"]');
      await expect.poll(() => link.count()).toBe(1);
      await page.goto((await link.getAttribute('href'))!);
      await expect.poll(() => page.locator('[data-testid="checkin-result"]').innerText()).toContain('签到成功');
      await shot(page, `5-${name}-checked-in`);
      await page.goto(`${server.baseUrl}/fairs/${fairId}`);
      const again = page.locator('[data-testid="agenda-meeting"]').first();
      await expect.poll(() => again.locator('[data-testid="checked-in"]').count()).toBe(1);
      const form = again.locator('[data-testid="outcome-form"]');
      await form.locator('select[name="result"]').selectOption(result);
      if (result === 'signed') await form.locator('input[name="amount"]').fill('80');
      await form.locator('input[name="note"]').fill('会谈顺利');
      await form.locator('button').click();
      await expect.poll(() => again.innerText()).toContain(result === 'signed' ? '签约 80 万元' : '有意向');
    }
    await shot(team, '6-team-outcome');

    // 5. The committee's dashboard counts the meeting held and the contract.
    await committee.reload();
    const totals = committee.locator('[data-testid="dashboard-totals"]');
    await expect.poll(() => totals.innerText()).toContain('80');
    await shot(committee, '7-committee-dashboard');
  });

  it('the fair page fits a 390 px phone without sideways scrolling', async () => {
    const phone = await browser.newPage({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    await uiLogin(phone, server.baseUrl, 'team3@demo.cn', `/fairs/${fairId}`);
    await expect.poll(() => phone.locator('[data-testid="fair-agenda"]').count()).toBe(1);
    expect(
      await phone.evaluate(
        () => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth,
      ),
    ).toBeLessThanOrEqual(390);
    await shot(phone, '8-phone');
  });
});
