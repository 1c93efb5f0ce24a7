import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { screenshotDir } from '../support/browser.ts';
import { apiLogin, demoPlatform, newPage, uiLogin } from '../support/e2e.ts';
import type { RunningServer } from '../support/server.ts';
import { tinyPdf } from '../support/teams.ts';

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(screenshotDir, `implementation-${name}.png`), fullPage: true });
const phone = (browser: Browser) => browser.newPage({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true });
const noSidewaysScroll = (page: Page) => page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth + 1');

/** A fair today whose one slot began 20 minutes ago, so the outcome (签约) can be recorded now. */
function todaysFair() {
  const beijing = (t: number) => new Date(t + 8 * 3600_000).toISOString();
  let start = Math.floor((Date.now() - 20 * 60_000) / 300_000) * 300_000;
  if (beijing(start).slice(11, 16) > '23:50') start -= 10 * 60_000;
  const s = beijing(start);
  return {
    name: '今日对接会（落地实施测试）',
    venue: '石家庄国际会展中心 6 号馆',
    days: [{ date: s.slice(0, 10), start: s.slice(11, 16), end: beijing(start + 5 * 60_000).slice(11, 16) }],
    slotMinutes: 5,
    breakMinutes: 0,
    tables: 2,
  };
}

describe('an implementation in Chromium: open from a signing, plan, agree, one milestone delivered and accepted', () => {
  const platform = demoPlatform();
  let server: RunningServer;
  let browser: Browser;

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
    // Set-up not under test: at a fair today the ceramics enterprise (e04) and 慧眼质检队 (team3) sign on its sub-topic.
    const editions = (await (await fetch(`${server.baseUrl}/api/editions`)).json()) as { items: { id: string; name: string }[] };
    const edition = editions.items.find((e) => e.name.includes('河北'))!;
    const fairId = (await api<{ id: string }>('committee@demo.cn', 'POST', `/api/editions/${edition.id}/fairs`, todaysFair())).id;
    const me = await api<{ memberships: { orgId: string }[] }>('e04@demo.cn', 'GET', '/api/me');
    const orgId = me.memberships[0]!.orgId;
    const demands = await api<{ items: { id: string; title: string }[] }>('e04@demo.cn', 'GET', `/api/demands?org=${orgId}&pageSize=100`);
    const demand = demands.items.find((d) => d.title.startsWith('陶瓷智造升级'))!;
    const pE = (await api<{ id: string }>('e04@demo.cn', 'POST', `/api/fairs/${fairId}/participants`, { orgId, availability: [] })).id;
    const [team] = (await api<{ items: { id: string }[] }>('team3@demo.cn', 'GET', '/api/teams?mine=1')).items;
    const pT = (
      await api<{ id: string }>('team3@demo.cn', 'POST', `/api/fairs/${fairId}/participants`, { teamId: team!.id, availability: [] })
    ).id;
    const request = await api<{ id: string }>('team3@demo.cn', 'POST', `/api/fairs/${fairId}/requests`, {
      fromParticipantId: pT,
      toParticipantId: pE,
      message: '希望就缺陷检测方案签约',
      demandId: demand.id,
    });
    const { meetingId } = await api<{ meetingId: string }>('e04@demo.cn', 'POST', `/api/meeting-requests/${request.id}/accept`);
    await api('committee@demo.cn', 'POST', `/api/fairs/${fairId}/schedule`, {});
    for (const who of ['e04@demo.cn', 'team3@demo.cn'])
      await api(who, 'POST', `/api/meetings/${meetingId}/outcome`, { result: 'signed', amountWan: 50, note: '签约' });
  });

  it('the enterprise opens it and splits the plan, both agree, the team delivers, the enterprise accepts', async () => {
    // 1. The enterprise opens the implementation from its signing.
    const ent = await newPage(browser);
    await uiLogin(ent, server.baseUrl, 'e04@demo.cn', '/workspace/implementations');
    const source = ent.locator('[data-testid="implementation-sources"] li', { hasText: '慧眼质检队' });
    await expect.poll(() => source.count()).toBe(1);
    await shot(ent, '1-sources');
    await source.locator('[data-testid="open-implementation"]').click();
    await ent.waitForURL(/\/workspace\/implementations\/[0-9a-f-]{36}$/);
    const id = ent.url().split('/').pop()!;
    await expect.poll(() => ent.locator('[data-testid="implementation-status"]').innerText()).toBe('计划商定中');

    // 2. Two milestones: the first carries criteria 1–3 (40 %), the second criteria 4–5 (60 %).
    await ent.getByRole('button', { name: '修改草案' }).click();
    const editor = ent.locator('[data-testid="plan-editor"]');
    await editor.getByRole('button', { name: '＋ 添加里程碑' }).click();
    const ms = editor.locator('[data-testid="plan-milestone"]');
    await ms.nth(0).getByLabel('预算占比（%）').fill('40');
    await ms.nth(1).getByLabel('名称').fill('工艺优化与产线试运行');
    await ms.nth(1).getByLabel('交付物').fill('工艺优化建议报告、3 个月试运行报告');
    await ms.nth(1).getByLabel('截止日期').fill('2027-06-30');
    await ms.nth(1).getByLabel('预算占比（%）').fill('60');
    for (const ref of [3, 4]) await editor.getByLabel(`第 ${ref + 1} 条验收标准归属的里程碑`).selectOption({ label: '里程碑 2' });
    await editor.getByRole('button', { name: '保存计划草案' }).click();
    await expect.poll(() => ent.locator('[data-testid="milestone"]').count()).toBe(2);
    await ent.locator('[data-testid="agree-plan"]').click();
    await expect.poll(() => ent.locator('[data-testid="plan-draft"]').innerText()).toContain('本方已确认');
    await shot(ent, '2-plan-agreed-by-enterprise');

    // 3. The team agrees on a phone, uploads evidence and submits its figures.
    const team = await phone(browser);
    await uiLogin(team, server.baseUrl, 'team3@demo.cn', `/workspace/implementations/${id}`);
    await team.locator('[data-testid="agree-plan"]').click();
    await expect.poll(() => team.locator('[data-testid="implementation-status"]').innerText()).toBe('计划已确认');
    const first = team.locator('[data-testid="milestone"]').first();
    await first
      .locator('input[type="file"]')
      .setInputFiles({ name: '缺陷检测评估报告.pdf', mimeType: 'application/pdf', buffer: tinyPdf() });
    await expect.poll(() => first.innerText()).toContain('缺陷检测评估报告.pdf');
    const figures = first.locator('[data-testid="figure-input"]');
    await expect.poll(() => figures.count()).toBe(3);
    await figures.nth(0).fill('96.5');
    await figures.nth(1).fill('97.2');
    await figures.nth(2).fill('12');
    await first.getByRole('button', { name: '提交成果' }).click();
    await expect.poll(() => first.locator('[data-testid="milestone-status"]').innerText()).toBe('待企业验收');
    await expect.poll(() => first.locator('[data-testid="figure-met"]').allInnerTexts()).toEqual(['达标', '达标', '达标']);
    expect(await noSidewaysScroll(team)).toBe(true);
    await shot(team, '3-team-phone-submitted');

    // 4. The enterprise accepts; 40 % of 50 万元 is released.
    await ent.reload();
    const review = ent.locator('[data-testid="milestone"]').first().locator('[data-testid="milestone-review"]');
    await review.getByRole('button', { name: '验收通过' }).click();
    await expect
      .poll(() => ent.locator('[data-testid="milestone"]').first().locator('[data-testid="milestone-status"]').innerText())
      .toBe('已验收');
    await expect.poll(() => ent.locator('[data-testid="released"]').innerText()).toContain('20 万元');
    await shot(ent, '4-milestone-accepted');

    // The team's page on a phone shows the accepted milestone without sideways scrolling.
    await team.reload();
    await expect.poll(() => team.locator('[data-testid="released"]').innerText()).toContain('20 万元');
    expect(await noSidewaysScroll(team)).toBe(true);
    await shot(team, '5-team-phone-accepted');
  });
});
