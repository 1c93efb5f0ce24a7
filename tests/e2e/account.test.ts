import { describe, expect, it } from 'vitest';
import { apiLogin, demoPlatform, newPage, uiLogin } from '../support/e2e.ts';

describe('account page and organisation invitations in Chromium', () => {
  const platform = demoPlatform();

  it('an admin invites by email; the person accepts on /account; devices are listed and one is signed out', async () => {
    const { server, browser } = platform;
    const orgs = (await (
      await fetch(`${server.baseUrl}/api/orgs?mine=1`, {
        headers: { authorization: `Bearer ${await apiLogin(server.baseUrl, 'team1@demo.cn')}` },
      })
    ).json()) as {
      items: { id: string; name: string }[];
    };
    const org = orgs.items[0]!;

    const admin = await newPage(browser);
    await uiLogin(admin, server.baseUrl, 'team1@demo.cn', `/orgs/${org.id}`);
    await admin.fill('#member-email', 'expert2@demo.cn');
    await admin.click('[data-testid="add-member-form"] button[type="submit"]');
    await expect.poll(() => admin.locator('[data-testid="pending-invitations"]').innerText()).toContain('expert2@demo.cn');
    // not a member until they accept
    expect(await admin.locator('[data-testid="members"]').innerText()).not.toContain('陈静');

    const other = await apiLogin(server.baseUrl, 'expert2@demo.cn'); // a second device of the invitee
    const invitee = await newPage(browser);
    await uiLogin(invitee, server.baseUrl, 'expert2@demo.cn', '/search');
    await invitee.click('header a[href="/account"]');
    await invitee.waitForURL((url) => url.pathname === '/account');
    const invitation = invitee.locator('[data-testid="my-org-invitations"] li').filter({ hasText: org.name });
    await invitation.getByRole('button', { name: '接受' }).click();
    await expect.poll(() => invitee.locator('[data-testid="my-org-invitations"]').innerText()).toContain('没有待答复的单位邀请');

    await admin.reload();
    await expect.poll(() => admin.locator('[data-testid="members"]').innerText()).toContain('陈静');

    const devices = invitee.locator('[data-testid="my-sessions"] li');
    await expect.poll(() => devices.count()).toBeGreaterThanOrEqual(2);
    expect(await devices.filter({ hasText: '本设备' }).count()).toBe(1);
    const me = () => fetch(`${server.baseUrl}/api/me`, { headers: { authorization: `Bearer ${other}` } }).then((r) => r.status);
    expect(await me()).toBe(200);
    const before = await devices.count();
    await devices.filter({ hasNotText: '本设备' }).first().getByRole('button', { name: '退出该设备' }).click();
    await expect.poll(() => devices.count()).toBe(before - 1);
    expect(await me()).toBe(401);
    await admin.close();
    await invitee.close();
  });
});
