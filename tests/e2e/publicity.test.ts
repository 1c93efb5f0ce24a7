import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotDir } from '../support/browser.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { apiLogin, newPage, uiLogin } from '../support/e2e.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { tinyPdf } from '../support/teams.ts';

/**
 * From closing the preliminary round to the public 公示 page with one report ruled, on the
 * demo (益阳 edition in its preliminary review). Browser: closing the round (联合评审 console),
 * the results console (晋级与获奖: advancement, verification, opening the final, proposing and
 * approving the awards), opening the publicity, the public page, the report form, the
 * supervisor's ruling, the committee's queue without the reporter's identity, the reporter's
 * ruling, the team's feedback, a 390 px phone. API: the reviewers' scores (both rounds), the
 * final round's assignment, moving the verification and final phases to now.
 */
const WHO = { committee: 'committee@demo.cn', supervisor: 'supervisor@demo.cn', reporter: 'e06@demo.cn' };
const RULING = '经核查，举报所述“成效数据虚构”缺乏证据支持，项目案例有合同与验收报告佐证，举报不成立。';

async function noSidewaysScroll(page: Page) {
  return page.evaluate('document.documentElement.scrollWidth <= window.innerWidth + 1');
}

describe('publicity (公示) and a report ruled, in Chromium', () => {
  let database: TestDatabase;
  let server: RunningServer;
  let browser: Browser;
  let editionId = '';
  let winnerProject = '';

  const tokens = new Map<string, string>();
  const api = async (email: string, method: string, url: string, body?: unknown) => {
    if (!tokens.has(email)) tokens.set(email, await apiLogin(server.baseUrl, email));
    const token = tokens.get(email)!;
    const res = await fetch(`${server.baseUrl}${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = (await res.json().catch(() => null)) as Record<string, unknown> | null;
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
    return json as never;
  };

  beforeAll(async () => {
    database = await createTestDatabase({ empty: true });
    server = await startServer(database.url);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await database?.drop();
  });

  it('preliminary round closed, advancement, verification, final and awards through the consoles (scoring through the API)', async () => {
    const scoreAll = async (roundStage: 'preliminary' | 'final') => {
      const { items: rounds } = (await api(WHO.committee, 'GET', `/api/editions/${editionId}/review-rounds`)) as {
        items: { id: string; stage: string }[];
      };
      const roundId = rounds.find((r) => r.stage === roundStage)!.id;
      for (const email of ['expert1@demo.cn', 'expert2@demo.cn', 'expert3@demo.cn', 'enterprise1@demo.cn']) {
        const { items } = (await api(email, 'GET', '/api/review-tasks?mine=1')) as {
          items: { id: string; status: string; roundId: string }[];
        };
        for (const [i, task] of items.entries()) {
          if (task.roundId !== roundId || task.status === 'submitted' || task.status === 'conflict') continue;
          if (task.status === 'pending') await api(email, 'POST', `/api/review-tasks/${task.id}/declaration`, { conflict: false });
          const detail = (await api(email, 'GET', `/api/review-tasks/${task.id}`)) as { form: { criteria: { key: string }[] } };
          const scores = Object.fromEntries(detail.form.criteria.map((c) => [c.key, 70 + ((i * 7 + email.length) % 19)]));
          await api(email, 'PUT', `/api/review-tasks/${task.id}/score`, { scores, comment: '方案完整，数据来源清晰，建议补充安全评估。' });
          await api(email, 'POST', `/api/review-tasks/${task.id}/submit`);
        }
      }
      return roundId;
    };
    const editions = (await (await fetch(`${server.baseUrl}/api/editions`)).json()) as { items: { id: string; slug: string }[] };
    editionId = editions.items.find((e) => e.slug === 'yiyang-2025')!.id;
    await scoreAll('preliminary');

    const page = await newPage(browser);
    await uiLogin(page, server.baseUrl, WHO.committee, '/admin/reviews');
    await expect.poll(() => page.getByTestId('round-status').first().innerText()).toBe('进行中');
    await page.getByTestId('close-round').click();
    await expect.poll(() => page.getByTestId('round-status').first().innerText()).toBe('已关闭');
    await page.screenshot({ path: path.join(screenshotDir, 'publicity-1-round-closed.png'), fullPage: true });

    // The results console (晋级与获奖): advancement, then verification and the final once their phases are moved to now.
    await page.goto(`${server.baseUrl}/admin/results?edition=${editionId}`);
    await page.getByTestId('compute-advancement').click();
    await expect.poll(() => page.getByTestId('advancement-status').innerText()).toBe('拟定（未确认）');
    await page.getByTestId('confirm-advancement').click();
    await expect.poll(() => page.getByTestId('advancement-status').innerText()).toBe('已确认');
    const now = Date.now();
    const window = { start: new Date(now - 3600_000).toISOString(), end: new Date(now + 5 * 86_400_000).toISOString() };
    await api(WHO.committee, 'PATCH', `/api/editions/${editionId}`, { phases: { verification: window, final: window } });
    await page.reload();
    await page.getByTestId('results-tab-verification').click();
    await expect.poll(() => page.getByTestId('finalist').count()).toBeGreaterThan(0);
    const rows = page.getByTestId('finalist');
    for (let i = 0; i < (await rows.count()); i += 1) {
      await rows.nth(i).getByTestId('verify-pass').click();
      await expect.poll(() => rows.nth(i).getByTestId('finalist-status').innerText()).toBe('通过核验');
    }
    await page.getByTestId('results-tab-final').click();
    await page.getByTestId('open-final').click();
    await expect.poll(() => page.getByTestId('final-status').innerText()).toBe('进行中');
    // The final roadshow's assignment and scores: through the API.
    const { items: rounds } = (await api(WHO.committee, 'GET', `/api/editions/${editionId}/review-rounds`)) as {
      items: { id: string; stage: string; panels: { itemId: string }[] }[];
    };
    const final = rounds.find((r) => r.stage === 'final')!;
    const experts = (await api(WHO.committee, 'GET', '/api/experts')) as { items: { userId: string; email: string }[] };
    for (const panel of final.panels)
      for (const email of ['expert1@demo.cn', 'expert3@demo.cn'])
        await api(WHO.committee, 'POST', `/api/review-rounds/${final.id}/assignments`, {
          itemId: panel.itemId,
          expertId: experts.items.find((e) => e.email === email)!.userId,
        });
    await scoreAll('final');
    await api(WHO.committee, 'POST', `/api/review-rounds/${final.id}/close`);
    await page.reload();
    await page.getByTestId('results-tab-awards').click();
    await page.getByTestId('propose-awards').click();
    await expect.poll(() => page.getByTestId('award-row').count()).toBeGreaterThan(1);
    await page.getByTestId('approve-awards').click();
    await expect.poll(() => page.getByTestId('awards-locked').count()).toBe(1);
    await page.close();
  });

  it('the committee opens the publicity; the public finds the winners from the home page', async () => {
    const page = await newPage(browser);
    await uiLogin(page, server.baseUrl, WHO.committee, '/admin/reports');
    const row = page.getByTestId('edition-publicity').filter({ hasText: '益阳' });
    await row.getByTestId('open-publicity').click();
    await expect.poll(() => row.innerText()).toContain('公示中');
    expect(await row.getByTestId('dossier-download').count()).toBe(1);
    await page.screenshot({ path: path.join(screenshotDir, 'publicity-2-opened.png'), fullPage: true });
    await page.close();

    const visitor = await newPage(browser);
    await visitor.goto(`${server.baseUrl}/`);
    await visitor.getByTestId('home-publicity').click();
    await visitor.waitForURL((u) => u.pathname === '/publicity');
    await visitor.getByTestId('publicity-link').filter({ hasText: '益阳' }).click();
    await visitor.waitForURL((u) => u.pathname === `/publicity/${editionId}`);
    await expect.poll(() => visitor.getByTestId('winner').count()).toBeGreaterThan(1);
    expect(await visitor.getByTestId('publicity-state').innerText()).toBe('公示中');
    winnerProject = (await visitor.getByTestId('winner').first().locator('.project').innerText()).trim();
    expect(await visitor.getByTestId('winner').first().innerText()).toContain('一等奖');
    await visitor.screenshot({ path: path.join(screenshotDir, 'publicity-3-public-page.png'), fullPage: true });
    await visitor.close();
  });

  it('a signed-in user files a real-name report with evidence', async () => {
    const page = await newPage(browser);
    await uiLogin(page, server.baseUrl, WHO.reporter, `/publicity/${editionId}`);
    await page.getByTestId('winner').filter({ hasText: winnerProject }).getByTestId('report-link').click();
    await page.waitForURL(/\/report\//);
    await page.getByLabel('真实姓名').fill('郑文');
    await page.getByLabel('联系电话').fill('13900001234');
    await page.getByLabel('举报事实与理由').fill('该项目申报书中的应用成效数据与公开宣传材料不一致，疑似虚构，请核查。');
    // Without evidence the form says why (and so does the server).
    await page.getByTestId('report-submit').click();
    await expect.poll(() => page.locator('[data-field-error="report-evidence"]').innerText()).toContain('证据');
    await page.getByLabel('证据材料（1–5 个文件）').setInputFiles({ name: 'evidence.pdf', mimeType: 'application/pdf', buffer: tinyPdf() });
    await page.getByTestId('report-submit').click();
    await page.waitForURL((u) => u.pathname === '/publicity/my-reports');
    const mine = page.getByTestId('my-report').filter({ hasText: winnerProject });
    await expect.poll(() => mine.getAttribute('data-status')).toBe('pending');
    await page.screenshot({ path: path.join(screenshotDir, 'publicity-4-report-filed.png'), fullPage: true });
    await page.close();
  });

  it("the committee's queue hides the reporter; the supervisor sees them and rules in writing", async () => {
    const committee = await newPage(browser);
    await uiLogin(committee, server.baseUrl, WHO.committee, '/admin/reports');
    const queued = committee.getByTestId('report-card').first();
    await expect.poll(() => queued.count()).toBe(1);
    expect(await queued.getByTestId('reporter').innerText()).toContain('仅监督委员会可见');
    expect(await committee.content()).not.toContain('13900001234');
    expect(await queued.getByTestId('ruling-form').count()).toBe(0);
    await committee.close();

    const page = await newPage(browser);
    await uiLogin(page, server.baseUrl, WHO.supervisor, '/admin/reports');
    const card = page.getByTestId('report-card').first();
    await expect.poll(() => card.getByTestId('reporter').innerText()).toContain('郑文');
    expect(await card.getByTestId('reporter').innerText()).toContain('13900001234');
    expect(await card.getByTestId('evidence-link').count()).toBe(1);
    await card.getByLabel('举报不成立').check();
    await card.getByLabel('书面裁定意见').fill(RULING);
    await page.screenshot({ path: path.join(screenshotDir, 'publicity-5-supervisor-desk.png'), fullPage: true });
    await card.getByRole('button', { name: '提交裁定' }).click();
    await page.getByRole('button', { name: /^全部/ }).click();
    await expect.poll(() => page.getByTestId('report-card').first().getAttribute('data-status')).toBe('rejected');
    expect(await page.getByTestId('report-card').first().innerText()).toContain(RULING);
    await page.close();
  });

  it('the reporter reads the ruling; the public page still lists the award and fits a 390 px phone', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    await uiLogin(page, server.baseUrl, WHO.reporter, '/publicity/my-reports');
    const mine = page.getByTestId('my-report').filter({ hasText: winnerProject });
    await expect.poll(() => mine.getAttribute('data-status')).toBe('rejected');
    expect(await mine.innerText()).toContain(RULING);
    expect(await noSidewaysScroll(page)).toBe(true);
    await page.screenshot({ path: path.join(screenshotDir, 'publicity-6-phone-my-reports.png'), fullPage: true });
    await page.goto(`${server.baseUrl}/publicity/${editionId}`);
    await expect.poll(() => page.getByTestId('winner').count()).toBeGreaterThan(1);
    expect(await page.getByTestId('winner').filter({ hasText: winnerProject }).getAttribute('data-status')).toBe('approved');
    expect(await noSidewaysScroll(page)).toBe(true);
    await page.screenshot({ path: path.join(screenshotDir, 'publicity-7-phone-public.png'), fullPage: true });
    await page.close();
  });

  it('a team reads its feedback from its workspace; the reports desk fits a phone too', async () => {
    const { items } = (await api('yyteam1@demo.cn', 'GET', '/api/teams?mine=1')) as { items: { id: string; edition: { id: string } }[] };
    const team = items.find((x) => x.edition.id === editionId)!;
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    await uiLogin(page, server.baseUrl, 'yyteam1@demo.cn', `/workspace/teams/${team.id}`);
    await page.getByTestId('feedback-link').click();
    await page.waitForURL((u) => u.pathname === `/workspace/teams/${team.id}/feedback`);
    await expect.poll(() => page.getByTestId('feedback-round').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('rank-band').first().innerText()).toMatch(/前|后/);
    expect(await page.getByTestId('feedback-comment').count()).toBeGreaterThan(0);
    expect(await page.content()).not.toContain('张华'); // expert1's name never shows
    expect(await noSidewaysScroll(page)).toBe(true);
    await page.screenshot({ path: path.join(screenshotDir, 'publicity-8-phone-feedback.png'), fullPage: true });
    await page.close();

    const desk = await browser.newPage({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    await uiLogin(desk, server.baseUrl, WHO.supervisor, '/admin/reports');
    await expect.poll(() => desk.getByTestId('edition-publicity').count()).toBeGreaterThan(0);
    await desk.getByRole('button', { name: /^全部/ }).click();
    await expect.poll(() => desk.getByTestId('report-card').count()).toBeGreaterThan(0);
    expect(await noSidewaysScroll(desk)).toBe(true);
    await desk.close();
  });
});
