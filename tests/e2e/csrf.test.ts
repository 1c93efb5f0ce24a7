import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiLogin, demoPlatform, uiLogin } from '../support/e2e.ts';

/**
 * CSRF from another port of the same host: SameSite=Lax counts it as the same
 * site, so the browser sends the session cookie; the platform must refuse the
 * request because its Origin is not the platform's own.
 */
describe('cross-site requests from another port of 127.0.0.1 (Chromium)', () => {
  const platform = demoPlatform();
  let evil: http.Server;
  let evilUrl: string;
  let target: { projectId: string; demandId: string };

  const api = async (path: string, token: string) => {
    const res = await fetch(`${platform.server.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return res.json() as Promise<Record<string, unknown>>;
  };

  beforeAll(async () => {
    const token = await apiLogin(platform.server.baseUrl, 'team2@demo.cn');
    const projects = (await api('/api/projects?mine=1', token)).items as { id: string }[];
    const demands = (await (await fetch(`${platform.server.baseUrl}/api/demands?public=1`)).json()) as { items: { id: string }[] };
    target = { projectId: projects[0]!.id, demandId: demands.items[0]!.id };

    // The attacker's page (the platform's Cross-Origin-Resource-Policy hides the upload's answer from it, but the request is sent): an upload through fetch (no-cors, with credentials) and a text/plain form post.
    evil = http.createServer((_req, res) => {
      const base = platform.server.baseUrl;
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(`<!doctype html><html><body>
        <form id="f" method="POST" enctype="text/plain" action="${base}/api/demands/${target.demandId}/follow" target="sink">
          <input name='{"a":"' value='b"}'>
        </form>
        <iframe name="sink"></iframe>
        <script>
          const data = new FormData();
          data.append('category', 'other');
          data.append('file', new Blob(['%PDF-1.4\\n1 0 obj << >> endobj\\ntrailer << >>\\n%%EOF\\n'], { type: 'application/pdf' }), 'csrf.pdf');
          fetch('${base}/api/projects/${target.projectId}/materials', { method: 'POST', body: data, mode: 'no-cors', credentials: 'include' })
            .finally(() => { document.body.dataset.uploaded = 'done'; });
          document.getElementById('f').submit();
        </script>
      </body></html>`);
    });
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
    evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => (evil ? evil.close(() => resolve()) : resolve())));

  it('refuses an upload and a form post carrying the cookie from another port; the same upload from the platform works', async () => {
    const context = await platform.browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await uiLogin(page, platform.server.baseUrl, 'team2@demo.cn', '/search');
    const token = await apiLogin(platform.server.baseUrl, 'team2@demo.cn');
    const materialsBefore = ((await api(`/api/projects/${target.projectId}`, token)).materials as unknown[]).length;

    const refused: number[] = [];
    // The same browser context holds the cookie; watch what the platform answers.
    const evilPage = await context.newPage();
    const sent: string[] = [];
    evilPage.on('request', (req) => {
      if (req.url().startsWith(platform.server.baseUrl) && req.method() === 'POST') sent.push(req.url());
    });
    evilPage.on('response', (res) => {
      if (res.url().startsWith(platform.server.baseUrl) && res.request().method() === 'POST') refused.push(res.status());
    });
    await evilPage.goto(evilUrl);
    await expect.poll(() => evilPage.evaluate<string>("document.body.dataset.uploaded || ''")).toBe('done');
    await expect.poll(() => sent.length).toBe(2);
    await expect.poll(() => refused.length).toBeGreaterThanOrEqual(1);
    expect(refused.every((s) => s === 403)).toBe(true);
    expect(((await api(`/api/projects/${target.projectId}`, token)).materials as unknown[]).length).toBe(materialsBefore);
    const demand = await api(`/api/demands/${target.demandId}`, token);
    expect(demand.following ?? false).toBe(false);

    // Control: the platform's own page, same cookie, same request → accepted.
    const status = await page.evaluate(async ({ projectId }) => {
      const data = new FormData();
      data.append('category', 'other');
      data.append('file', new Blob(['%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n'], { type: 'application/pdf' }), 'own.pdf');
      return (await fetch(`/api/projects/${projectId}/materials`, { method: 'POST', body: data })).status;
    }, target);
    expect(status).toBe(201);
    expect(((await api(`/api/projects/${target.projectId}`, token)).materials as unknown[]).length).toBe(materialsBefore + 1);
    await context.close();
  });
});
