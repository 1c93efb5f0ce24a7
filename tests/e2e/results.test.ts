import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoPdf } from '@jb/api/seed/demo-teams.ts';
import { screenshotDir } from '../support/browser.ts';
import { apiLogin, demoPlatform, newPage, uiLogin } from '../support/e2e.ts';
import type { RunningServer } from '../support/server.ts';

/**
 * From the closed preliminary round to approved awards on the demo (益阳): the committee
 * closes the round, computes and confirms the advancement (reserved places), asks a team for
 * evidence (the team uploads it), fails one finalist (the next sub-topic bid moves up) and
 * passes the others, opens the final, and proposes and approves the awards.
 */
const scrollToTop = (page: Page) => page.evaluate('window.scrollTo(0, 0)');
const noSidewaysScroll = (page: Page) => page.evaluate('document.documentElement.scrollWidth <= window.innerWidth + 1');

describe('results console (晋级与获奖) in Chromium', () => {
  const platform = demoPlatform();
  let server: RunningServer;
  let browser: Browser;
  let editionId = '';
  const tokens = new Map<string, string>();

  async function api<T = Record<string, unknown>>(email: string, method: string, url: string, body?: unknown): Promise<T> {
    if (!tokens.has(email)) tokens.set(email, await apiLogin(server.baseUrl, email));
    const res = await fetch(`${server.baseUrl}${url}`, {
      method,
      headers: { authorization: `Bearer ${tokens.get(email)}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : {}) as T;
  }
  type Task = { id: string; roundId: string; status: string; project: { id: string; name: string } };
  async function score(email: string, task: Task, value: number) {
    const detail = await api<{ form: { criteria: { key: string }[] } }>(email, 'GET', `/api/review-tasks/${task.id}`);
    await api(email, 'POST', `/api/review-tasks/${task.id}/declaration`, { conflict: false });
    const scores = Object.fromEntries(detail.form.criteria.map((c) => [c.key, value]));
    await api(email, 'PUT', `/api/review-tasks/${task.id}/score`, { scores, comment: '演示评分：依据评分标准逐项评定。' });
    await api(email, 'POST', `/api/review-tasks/${task.id}/submit`);
  }
  const tasksOf = async (email: string) => (await api<{ items: Task[] }>(email, 'GET', '/api/review-tasks?mine=1')).items;

  beforeAll(async () => {
    ({ server, browser } = platform);
    const editions = (await (await fetch(`${server.baseUrl}/api/editions`)).json()) as { items: { id: string; slug: string }[] };
    editionId = editions.items.find((e) => e.slug === 'yiyang-2025')!.id;
    // The three sub-topic bids get enterprise1's and expert1's scores (the regular projects have expert3's).
    const fit: Record<string, number> = {
      钢铁产线能耗智能优化平台: 88,
      基于工业互联网的能耗协同调度系统: 80,
      设备健康度预测与维护决策系统: 72,
    };
    for (const task of await tasksOf('enterprise1@demo.cn')) await score('enterprise1@demo.cn', task, fit[task.project.name]!);
    for (const task of await tasksOf('expert1@demo.cn')) if (fit[task.project.name]) await score('expert1@demo.cn', task, 80);
  });

  it('the committee closes the preliminary round, then computes the advancement step by step and confirms it', async () => {
    const page = await newPage(browser);
    await uiLogin(page, server.baseUrl, 'committee@demo.cn', '/admin/reviews');
    await page.getByTestId('close-round').click();
    await expect.poll(() => page.getByTestId('round-status').innerText()).toBe('已关闭');

    await page.goto(`${server.baseUrl}/admin/results?edition=${editionId}`);
    await page.getByTestId('compute-advancement').click();
    await expect.poll(() => page.getByTestId('advancement-status').innerText()).toBe('拟定（未确认）');
    const steps = await page.getByTestId('advancement-steps').innerText();
    expect(steps).toContain('晋级总名额 3');
    expect(steps).toContain('最大余数法');
    // 工业制造 4 projects (2.4 → 2), 现代农业 1 (0.6 → 1 by the larger remainder); 2 places reserved for the sub-topic bids
    const industry = page.getByTestId('track-reserved').filter({ hasText: '保留名额 2' });
    await expect.poll(() => industry.count()).toBe(1);
    expect(await page.locator('[data-testid="advancement-row"][data-outcome="reserved"]').count()).toBe(2);
    await scrollToTop(page);
    await page.screenshot({ path: path.join(screenshotDir, 'results-1-advancement.png'), fullPage: true });
    await page.getByTestId('confirm-advancement').click();
    await expect.poll(() => page.getByTestId('advancement-status').innerText()).toBe('已确认');
    await page.close();
  });

  it('a team sees the evidence request and uploads a file; the committee fails one finalist (backfill) and passes the others', async () => {
    // The committee moves the verification and final phases to now (赛事规则 → 阶段日程).
    const now = Date.now();
    const window = { start: new Date(now - 3600_000).toISOString(), end: new Date(now + 5 * 86_400_000).toISOString() };
    await api('committee@demo.cn', 'PATCH', `/api/editions/${editionId}`, { phases: { verification: window, final: window } });

    const page = await newPage(browser);
    await uiLogin(page, server.baseUrl, 'committee@demo.cn', `/admin/results`);
    await page.goto(`${server.baseUrl}/admin/results?edition=${editionId}`);
    await page.getByTestId('results-tab-verification').click();
    const steel = page.getByTestId('finalist').filter({ hasText: '钢铁产线能耗智能优化平台' });
    await expect.poll(() => steel.count()).toBe(1);
    await steel.getByTestId('request-note').fill('请提供企业数据使用授权书');
    await steel.getByTestId('request-evidence').click();
    await expect.poll(() => steel.innerText()).toContain('已要求补充材料');

    const team = await newPage(browser);
    await uiLogin(team, server.baseUrl, 'yyteam1@demo.cn', '/workspace/teams');
    const projectId = (
      await api<{ items: { projectId: string; projectName: string }[] }>('committee@demo.cn', 'GET', `/api/editions/${editionId}/finalists`)
    ).items.find((f) => f.projectName === '钢铁产线能耗智能优化平台')!.projectId;
    await team.goto(`${server.baseUrl}/workspace/projects/${projectId}`);
    await expect.poll(() => team.getByTestId('evidence-request').innerText()).toContain('数据使用授权书');
    await team.getByTestId('evidence-note').fill('授权书扫描件');
    await team
      .getByTestId('evidence-file')
      .setInputFiles({ name: '数据使用授权书.pdf', mimeType: 'application/pdf', buffer: demoPdf('authorisation') });
    await team.getByTestId('evidence-upload').click();
    await expect.poll(() => team.getByTestId('my-finalist').innerText()).toContain('数据使用授权书.pdf');
    await team.screenshot({ path: path.join(screenshotDir, 'results-2-team-evidence.png'), fullPage: true });
    await team.close();

    await page.reload();
    await page.getByTestId('results-tab-verification').click();
    await expect.poll(() => steel.innerText()).toContain('数据使用授权书.pdf');
    const grid = page.getByTestId('finalist').filter({ hasText: '基于工业互联网的能耗协同调度系统' });
    await grid.getByTestId('verify-fail').click();
    await expect.poll(() => page.getByRole('alert').first().innerText()).toContain('理由');
    await grid.getByTestId('verify-reason').fill('数据来源合法性证明材料缺失');
    await grid.getByTestId('verify-fail').click();
    // the reserved place goes to the next sub-topic bid (设备健康度, below the regular 工业视觉质检)
    const backfilled = page.getByTestId('finalist').filter({ hasText: '设备健康度预测与维护决策系统' });
    await expect.poll(() => backfilled.getByTestId('backfill-note').innerText()).toContain('基于工业互联网的能耗协同调度系统');
    for (const name of ['钢铁产线能耗智能优化平台', '设备健康度预测与维护决策系统', '稻虾共作数智化生产服务平台']) {
      const row = page.getByTestId('finalist').filter({ hasText: name });
      await row.getByTestId('verify-pass').click();
      await expect.poll(() => row.getByTestId('finalist-status').innerText()).toBe('通过核验');
    }
    expect(await page.locator('[data-testid="finalist"][data-status="failed"]').innerText()).toContain('基于工业互联网的能耗协同调度系统');
    await scrollToTop(page);
    await page.screenshot({ path: path.join(screenshotDir, 'results-3-verification.png'), fullPage: true });
    await page.close();
  });

  it('the final round takes the passed finalists; the committee proposes and approves the awards, which then lock', async () => {
    const page = await newPage(browser);
    await uiLogin(page, server.baseUrl, 'committee@demo.cn', '/admin/results');
    await page.goto(`${server.baseUrl}/admin/results?edition=${editionId}`);
    await page.getByTestId('results-tab-final').click();
    await page.getByTestId('open-final').click();
    await expect.poll(() => page.getByTestId('final-status').innerText()).toBe('进行中');
    expect(await page.getByTestId('final-panel').innerText()).toContain('3 个项目');

    // The final roadshow is scored in the review console; set-up through the API here.
    const rounds = await api<{ items: { id: string; stage: string; panels: { itemId: string }[] }[] }>(
      'committee@demo.cn',
      'GET',
      `/api/editions/${editionId}/review-rounds`,
    );
    const final = rounds.items.find((r) => r.stage === 'final')!;
    const experts = await api<{ items: { userId: string; email: string }[] }>('committee@demo.cn', 'GET', '/api/experts');
    for (const panel of final.panels)
      for (const email of ['expert1@demo.cn', 'expert3@demo.cn'])
        await api('committee@demo.cn', 'POST', `/api/review-rounds/${final.id}/assignments`, {
          itemId: panel.itemId,
          expertId: experts.items.find((e) => e.email === email)!.userId,
        });
    const value: Record<string, number> = {
      钢铁产线能耗智能优化平台: 90,
      设备健康度预测与维护决策系统: 76,
      稻虾共作数智化生产服务平台: 84,
    };
    for (const email of ['enterprise1@demo.cn', 'expert1@demo.cn', 'expert3@demo.cn'])
      for (const task of await tasksOf(email))
        if (task.roundId === final.id && task.status === 'pending') await score(email, task, value[task.project.name]!);
    await api('committee@demo.cn', 'POST', `/api/review-rounds/${final.id}/close`);

    await page.reload();
    await page.getByTestId('results-tab-awards').click();
    await page.getByTestId('propose-awards').click();
    await expect.poll(() => page.getByTestId('award-row').count()).toBeGreaterThan(1);
    const steel = page.getByTestId('award-row').filter({ hasText: '钢铁产线能耗智能优化平台' });
    expect(await steel.innerText()).toContain('一等奖');
    expect(await steel.getByTestId('priority').count()).toBe(1);
    await page.getByTestId('approve-awards').click();
    await expect.poll(() => page.getByTestId('awards-locked').count()).toBe(1);
    expect(await page.getByTestId('propose-awards').count()).toBe(0);
    await scrollToTop(page);
    await page.screenshot({ path: path.join(screenshotDir, 'results-4-awards.png'), fullPage: true });
    const xlsx = await fetch(`${server.baseUrl}/api/editions/${editionId}/results.xlsx`, {
      headers: { authorization: `Bearer ${tokens.get('committee@demo.cn')}` },
    });
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');

    await page.getByTestId('results-tab-log').click();
    for (const action of ['advancement.confirmed', 'finalist.verification_failed', 'finalist.backfilled', 'awards.approved'])
      expect(await page.locator(`[data-testid="decision"][data-action="${action}"]`).count(), action).toBeGreaterThan(0);
    await page.close();
  });

  it('the supervisor reads the console without its buttons; every tab fits a 390 px phone', async () => {
    const supervisor = await newPage(browser);
    await uiLogin(supervisor, server.baseUrl, 'supervisor@demo.cn', '/admin/results');
    await supervisor.goto(`${server.baseUrl}/admin/results?edition=${editionId}`);
    await supervisor.getByTestId('results-tab-log').click();
    await expect.poll(() => supervisor.getByTestId('decision').count()).toBeGreaterThan(5);
    await supervisor.getByTestId('results-tab-verification').click();
    expect(await supervisor.getByTestId('verify-pass').count()).toBe(0);
    await supervisor.close();

    const phone = await browser.newPage({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    await uiLogin(phone, server.baseUrl, 'committee@demo.cn', '/admin/results');
    await phone.goto(`${server.baseUrl}/admin/results?edition=${editionId}`);
    for (const tab of ['advancement', 'verification', 'final', 'awards', 'log']) {
      await phone.getByTestId(`results-tab-${tab}`).click();
      expect(await noSidewaysScroll(phone), tab).toBe(true);
    }
    await phone.getByTestId('results-tab-awards').click();
    await phone.screenshot({ path: path.join(screenshotDir, 'results-5-phone-awards.png'), fullPage: true });
    await phone.close();
  });
});
