/** The signed-in user's unread notification count, shared by the header bell and the notifications page. */

import type { AppNotification, NotificationPage } from './api/types';
import { client, ok } from '$lib/api/client';

class Notifications {
  /** Unread notifications (null until first loaded). */
  unread = $state<number | null>(null);
  private lastRefresh = 0;
  private inflight: Promise<void> | null = null;

  /** Re-reads the unread count; calls closer than `minIntervalMs` apart are skipped. */
  refresh(minIntervalMs = 0): Promise<void> {
    if (this.inflight) return this.inflight;
    if (Date.now() - this.lastRefresh < minIntervalMs) return Promise.resolve();
    this.inflight = ok(client.GET('/api/notifications', { params: { query: { unread: '1', pageSize: 1 } } }))
      .then((page) => {
        this.unread = page.unread;
      })
      .catch(() => {
        // Keeps the last known count; the next poll tries again.
      })
      .finally(() => {
        this.lastRefresh = Date.now();
        this.inflight = null;
      });
    return this.inflight;
  }

  list(page = 1, pageSize = 10, unreadOnly = false): Promise<NotificationPage> {
    return ok(client.GET('/api/notifications', { params: { query: { page, pageSize, unread: unreadOnly ? '1' : undefined } } })).then(
      (p) => {
        this.unread = p.unread;
        return p;
      },
    );
  }

  async markRead(n: AppNotification): Promise<void> {
    if (n.readAt) return;
    await ok(client.POST('/api/notifications/{id}/read', { params: { path: { id: n.id } } }));
    n.readAt = new Date().toISOString();
    if (this.unread) this.unread -= 1;
  }

  async markAllRead(): Promise<void> {
    await ok(client.POST('/api/notifications/read-all'));
    this.unread = 0;
  }

  reset(): void {
    this.unread = null;
    this.lastRefresh = 0;
  }
}

export const notifications = new Notifications();
