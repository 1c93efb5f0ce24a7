import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotDir } from '../support/browser.ts';
import { apiLogin, demoPlatform, uiLogin } from '../support/e2e.ts';
import type { RunningServer } from '../support/server.ts';

/**
 * Runs in the page (a string: the tests compile without DOM types): the layout width,
 * the document's scroll width and, when it is wider, the elements that stick out past the
 * right edge and are not inside a box that scrolls or clips sideways (deepest first).
 */
const OVERFLOW_SCRIPT = `(() => {
  const width = document.documentElement.clientWidth;
  const scrollWidth = document.documentElement.scrollWidth;
  const culprits = [];
  if (scrollWidth > width) {
    const clipped = (el) => {
      // An absolutely placed box escapes a scrolling ancestor unless that ancestor contains it.
      const position = getComputedStyle(el).position;
      if (position === 'absolute' || position === 'fixed') return false;
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        if (getComputedStyle(p).overflowX !== 'visible') return true;
      }
      return false;
    };
    const sticksOut = (el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.right > width + 0.5 && !clipped(el);
    };
    for (const el of document.body.querySelectorAll('*')) {
      if (!sticksOut(el) || Array.from(el.children).some(sticksOut)) continue;
      const cls = typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).slice(0, 2).join('.') : '';
      const r = el.getBoundingClientRect();
      culprits.push(el.tagName.toLowerCase() + cls + ' (' + Math.round(r.left) + '–' + Math.round(r.right) + '): ' + (el.innerText || '').slice(0, 30).replace(/\\s+/g, ' '));
      if (culprits.length >= 6) break;
    }
  }
  return { width, scrollWidth, culprits };
})()`;

/** A phone: 390 CSS px wide (iPhone 12–15). */
const PHONE = { width: 390, height: 844 };

/**
 * Every main page at 390 px, as each role that uses it, must not scroll sideways:
 * `document.documentElement.scrollWidth` may not exceed the viewport. Wide content
 * (tables) scrolls inside its own box. A failure names the elements that stick out.
 */
describe('every page on a 390 px phone', () => {
  const platform = demoPlatform();
  let server: RunningServer;
  let browser: Browser;
  const ids = { demand: '', edition: '', topic: '', org: '', ownDemand: '', project: '', team: '', enterpriseOrg: '' };

  interface Listed {
    items: { id: string; edition: { id: string }; topic: { id: string }; org: { id: string } }[];
  }
  const get = async (url: string, token?: string): Promise<Listed> => {
    const res = await fetch(`${server.baseUrl}${url}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    if (!res.ok) throw new Error(`${url}: ${res.status}`);
    return (await res.json()) as Listed;
  };

  beforeAll(async () => {
    ({ server, browser } = platform);
    const [team, enterprise] = await Promise.all([
      apiLogin(server.baseUrl, 'team2@demo.cn'),
      apiLogin(server.baseUrl, 'enterprise2@demo.cn'),
    ]);
    const board = await get('/api/demands?public=1&pageSize=5');
    ids.demand = board.items[0].id;
    ids.edition = board.items[0].edition.id;
    ids.topic = board.items[0].topic.id;
    ids.org = board.items[0].org.id;
    const own = await get('/api/demands?mine=1&pageSize=1', enterprise);
    ids.ownDemand = own.items[0].id;
    ids.enterpriseOrg = own.items[0].org.id;
    const projects = await get('/api/projects?mine=1', team);
    ids.project = projects.items[0].id;
    const teams = await get('/api/teams?mine=1', team);
    ids.team = teams.items[0].id;
  });

  /** The elements that reach past the right edge (deepest first), to name in a failure. */
  function overflow(page: Page): Promise<{ width: number; scrollWidth: number; culprits: string[] }> {
    return page.evaluate(OVERFLOW_SCRIPT);
  }

  async function sweep(context: BrowserContext, role: string, paths: string[]) {
    const page = await context.newPage();
    const failures: string[] = [];
    for (const p of paths) {
      await page.goto(`${server.baseUrl}${p}`, { waitUntil: 'networkidle' });
      await page.locator('main').first().waitFor();
      await page.waitForTimeout(150);
      const { width, scrollWidth, culprits } = await overflow(page);
      expect(width).toBe(PHONE.width);
      const named = Object.entries(ids).reduce((q, [key, id]) => (id ? q.replaceAll(id, key) : q), p);
      const name = `phone-${role}-${named.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'home'}`.slice(0, 80);
      await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
      if (scrollWidth > width) failures.push(`${p}: scrollWidth ${scrollWidth} > ${width}\n    ${culprits.join('\n    ')}`);
    }
    await page.close();
    expect(failures, `pages that scroll sideways at ${PHONE.width} px as ${role}`).toEqual([]);
  }

  async function phone(email?: string, next = '/') {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
    if (email) {
      const page = await context.newPage();
      await uiLogin(page, server.baseUrl, email, next);
      await page.close();
    }
    return context;
  }

  const contexts: BrowserContext[] = [];
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
  });

  it('the public pages', async () => {
    const context = await phone();
    contexts.push(context);
    await sweep(context, 'public', [
      '/',
      '/demands',
      `/demands/${ids.demand}`,
      '/search',
      '/search?q=数据',
      '/editions',
      `/editions/${ids.edition}`,
      `/orgs/${ids.org}`,
      '/login',
      '/register',
    ]);
  });

  it('a team member’s pages, including the application editor', async () => {
    const context = await phone('team2@demo.cn', '/workspace/teams');
    contexts.push(context);
    await sweep(context, 'team', [
      '/',
      '/workspace/teams',
      `/workspace/teams/${ids.team}`,
      `/workspace/projects/${ids.project}`,
      `/workspace/projects/${ids.project}/versions/1`,
      `/demands/${ids.demand}`,
      `/demands/${ids.demand}/bid`,
      `/editions/${ids.edition}/topics/${ids.topic}/bid`,
      '/notifications',
      '/orgs',
    ]);
  });

  it('an enterprise member’s pages, including the demand form', async () => {
    const context = await phone('enterprise2@demo.cn', '/workspace/demands');
    contexts.push(context);
    await sweep(context, 'enterprise', [
      '/workspace/demands',
      '/workspace/demands/new',
      `/workspace/demands/${ids.ownDemand}`,
      `/workspace/demands/${ids.ownDemand}/edit`,
      `/demands/${ids.ownDemand}`,
      '/orgs',
      `/orgs/${ids.enterpriseOrg}`,
    ]);
  });

  it('the committee’s pages, the admin tables included', async () => {
    const context = await phone('committee@demo.cn', '/admin/demands');
    contexts.push(context);
    await sweep(context, 'committee', [
      '/admin/demands',
      `/admin/demands/${ids.demand}`,
      '/admin/editions',
      '/admin/orgs',
      '/admin/teams',
      '/admin/users',
      '/admin/compliance',
      `/workspace/projects/${ids.project}`,
      `/workspace/teams/${ids.team}`,
      '/orgs',
    ]);
  });

  // The pages of joint review, results, publicity, chat, the fair and effect tracking, per role.
  const json = async <T>(url: string, token?: string): Promise<T> => {
    const res = await fetch(`${server.baseUrl}${url}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    if (!res.ok) throw new Error(`${url}: ${res.status}`);
    return (await res.json()) as T;
  };

  it('the results, publicity, cases and fair pages in public', async () => {
    const notices = await json<{ items: { editionId: string }[] }>('/api/publicity');
    const cases = await json<{ items: { id: string }[] }>('/api/cases');
    expect(notices.items.length, 'a demo publicity').toBeGreaterThan(0);
    expect(cases.items.length, 'a demo case').toBeGreaterThan(0);
    const context = await phone();
    contexts.push(context);
    await sweep(context, 'public', [
      '/publicity',
      `/publicity/${notices.items[0]!.editionId}`,
      '/results',
      `/results/${notices.items[0]!.editionId}`,
      '/cases',
      `/cases/${cases.items[0]!.id}`,
      '/fairs',
    ]);
  });

  it('the consoles of the committee and the supervisor, and the reviewers’ and implementers’ pages', async () => {
    const enterprise = await apiLogin(server.baseUrl, 'enterprise2@demo.cn');
    const implementations = await json<{ items: { id: string }[] }>('/api/implementations', enterprise);
    expect(implementations.items.length, 'a demo implementation').toBeGreaterThan(0);
    const implementation = implementations.items[0]!.id;
    const sets: [string, string, string[]][] = [
      [
        'committee@demo.cn',
        'committee',
        ['/admin/reviews', '/admin/results', '/admin/reports', '/admin/tracking', '/admin/fairs', '/admin/chat'],
      ],
      ['supervisor@demo.cn', 'supervisor', ['/admin/reports', '/admin/results', '/admin/tracking']],
      ['expert1@demo.cn', 'expert', ['/workspace/reviews', '/workspace/implementations']],
      [
        'enterprise2@demo.cn',
        'enterprise',
        [
          '/workspace/implementations',
          `/workspace/implementations/${implementation}`,
          `/workspace/implementations/${implementation}/effects`,
          '/messages',
        ],
      ],
      [
        'team2@demo.cn',
        'team',
        ['/workspace/implementations', `/workspace/implementations/${implementation}`, '/workspace/recommendations', '/messages'],
      ],
    ];
    for (const [email, role, paths] of sets) {
      const context = await phone(email, paths[0]);
      contexts.push(context);
      await sweep(context, role, paths);
    }
  });

  it('a team’s review feedback and a reporter’s reports', async () => {
    const team = await apiLogin(server.baseUrl, 'yyteam1@demo.cn');
    const teams = await json<{ items: { id: string; edition: { id: string } }[] }>('/api/teams?mine=1', team);
    const notices = await json<{ items: { editionId: string }[] }>('/api/publicity');
    const past = teams.items.find((t) => notices.items.some((n) => n.editionId === t.edition.id));
    expect(past, 'yyteam1 has a team in the past edition').toBeTruthy();
    const context = await phone('yyteam1@demo.cn', '/workspace/teams');
    contexts.push(context);
    await sweep(context, 'team-past', [`/workspace/teams/${past!.id}/feedback`]);
    const reporter = await phone('e06@demo.cn', '/publicity/my-reports');
    contexts.push(reporter);
    await sweep(reporter, 'reporter', ['/publicity/my-reports']);
  });

  it('experts and the committee are offered no organisations, teams or bids', async () => {
    for (const email of ['expert1@demo.cn', 'committee@demo.cn']) {
      const context = await phone(email, '/');
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(`${server.baseUrl}/`, { waitUntil: 'networkidle' });
      const nav = await page.locator('nav[aria-label="主导航"] a').allTextContents();
      expect(nav, email).not.toContain('我的团队');
      expect(nav, email).not.toContain('我的单位');
      await page.goto(`${server.baseUrl}/workspace/teams`, { waitUntil: 'networkidle' });
      await page.locator('[data-testid="reviewer-note"]').waitFor();
      expect(await page.locator('[data-testid="team-create-form"]').count()).toBe(0);
      await page.goto(`${server.baseUrl}/orgs`, { waitUntil: 'networkidle' });
      await page.locator('[data-testid="reviewer-note"]').first().waitFor();
      expect(await page.locator('[data-testid="org-create-form"]').count()).toBe(0);
      await page.goto(`${server.baseUrl}/demands/${ids.demand}`, { waitUntil: 'networkidle' });
      await page.locator('[data-testid="reviewer-note"]').waitFor();
      expect(await page.locator('[data-testid="bid-button"]').count()).toBe(0);
      await page.close();
      await sweep(context, email.split('@')[0], ['/workspace/teams', '/orgs']);
    }
    // A team member still gets them.
    const context = await phone('team1@demo.cn', '/');
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/workspace/teams`, { waitUntil: 'networkidle' });
    expect(await page.locator('nav[aria-label="主导航"] a').allTextContents()).toEqual(expect.arrayContaining(['我的团队', '我的单位']));
    await page.locator('[data-testid="team-create-form"]').waitFor();
    await page.close();
  });

  it('the home timeline shows years when the phases cross a year', async () => {
    const editions = (
      (await (await fetch(`${server.baseUrl}/api/editions`)).json()) as {
        items: { phases: Record<string, { start: string; end: string }> }[];
      }
    ).items;
    // Each edition's timeline shows years exactly when its own phases span more than one year.
    const spans = editions.map(
      (e) =>
        new Set(
          Object.values(e.phases).flatMap((w) =>
            [w.start, w.end].map((iso) => new Date(Date.parse(iso) + 8 * 3600 * 1000).getUTCFullYear()),
          ),
        ).size > 1,
    );
    const context = await phone();
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/`, { waitUntil: 'networkidle' });
    const dates = await page.locator('[data-testid="phase-dates"]').allInnerTexts();
    expect(dates.length).toBeGreaterThan(0);
    // The demo's dates follow today's date: some timeline shows years exactly when some edition spans a year change.
    expect(dates.some((text) => /\d{4}年/.test(text))).toBe(spans.some(Boolean));
    if (!spans.some(Boolean)) for (const text of dates) expect(/\d{4}年/.test(text), text).toBe(false);
    await page.close();
  });
});
