/**
 * One channel on the page: the messages held, in seq order, each exactly once.
 * On every (re)connect it joins with the last seq it holds and receives what it
 * missed; a live message with a gap makes it join again. Sent messages carry a
 * client id and are shown as pending (发送中 / 重发中) until the acknowledgement
 * carries the stored message; a resend after a lost acknowledgement stores nothing twice.
 */
import type { Schemas } from '$lib/api/client';
import { continueSequence } from './sequence';
import { chatConnection, type AckError } from './socket.svelte';

export type ChatMessage = Schemas['ChatMessage'];
export interface PendingMessage {
  clientId: string;
  text: string;
  state: 'sending' | 'resending' | 'failed';
  error?: string;
}

export class ChannelState {
  messages = $state<ChatMessage[]>([]);
  pending = $state<PendingMessage[]>([]);
  lastSeq = 0;
  error = $state('');
  joined = $state(false);
  private syncing: Promise<void> | null = null;
  private again = false;
  private offs: (() => void)[] = [];

  constructor(
    readonly channelId: string,
    private readonly onChange: () => void = () => undefined,
  ) {}

  start() {
    const socket = chatConnection.use();
    const onConnect = () => {
      void this.resync();
      void this.flush();
    };
    const onNew = (m: ChatMessage) => {
      if (m.channelId === this.channelId) this.accept([m]);
    };
    const onUpdated = (m: ChatMessage) => {
      if (m.channelId !== this.channelId) return;
      this.messages = this.messages.map((x) => (x.id === m.id ? m : x));
    };
    socket.on('connect', onConnect);
    socket.on('message:new', onNew);
    socket.on('message:updated', onUpdated);
    this.offs.push(
      () => socket.off('connect', onConnect),
      () => socket.off('message:new', onNew),
      () => socket.off('message:updated', onUpdated),
    );
    if (socket.connected) onConnect();
  }

  stop() {
    for (const off of this.offs) off();
    this.offs = [];
    chatConnection.socket?.emit('channel:leave', { channelId: this.channelId });
  }

  private accept(list: ChatMessage[]) {
    const { accepted, lastSeq, gap } = continueSequence(this.lastSeq, list);
    if (accepted.length) {
      this.messages.push(...accepted);
      this.lastSeq = lastSeq;
      // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup
      const stored = new Set(accepted.map((m) => m.clientId));
      this.pending = this.pending.filter((p) => !stored.has(p.clientId));
      this.onChange();
    }
    if (gap) void this.resync();
  }

  resync(): Promise<void> {
    if (this.syncing) {
      this.again = true;
      return this.syncing;
    }
    this.syncing = (async () => {
      do {
        this.again = false;
        try {
          for (;;) {
            const ack = await chatConnection.request<{ messages: ChatMessage[]; hasMore: boolean }>('channel:join', {
              channelId: this.channelId,
              afterSeq: this.lastSeq,
            });
            if (!ack.ok) {
              this.error = ack.error.message;
              return;
            }
            this.joined = true;
            this.error = '';
            this.accept(ack.messages);
            if (!ack.hasMore) break;
          }
        } catch {
          // the next connect joins again
        }
      } while (this.again);
    })().finally(() => (this.syncing = null));
    return this.syncing;
  }

  send(text: string) {
    const clientId = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
    this.pending.push({ clientId, text, state: 'sending' });
    void this.deliver(clientId);
  }

  /** Resends every pending message (after a reconnect), oldest first. */
  private async flush() {
    for (const p of [...this.pending]) if (p.state !== 'failed') await this.deliver(p.clientId);
  }

  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping of sends in flight, never rendered
  private delivering = new Set<string>();
  private async deliver(clientId: string) {
    if (this.delivering.has(clientId)) return;
    this.delivering.add(clientId);
    try {
      for (let attempt = 0; ; attempt += 1) {
        const p = this.pending.find((x) => x.clientId === clientId);
        if (!p) return;
        if (attempt > 0) p.state = 'resending';
        if (!chatConnection.socket?.connected) return; // resent by flush() on connect
        try {
          const ack = await chatConnection.request<{ message: ChatMessage }>('message:send', {
            channelId: this.channelId,
            clientId,
            text: p.text,
          });
          if (ack.ok) {
            this.accept([ack.message]);
            this.pending = this.pending.filter((x) => x.clientId !== clientId);
            return;
          }
          this.fail(clientId, ack.error);
          return;
        } catch {
          await new Promise((r) => setTimeout(r, 500));
        }
      }
    } finally {
      this.delivering.delete(clientId);
    }
  }

  private fail(clientId: string, error: AckError) {
    const p = this.pending.find((x) => x.clientId === clientId);
    if (p) {
      p.state = 'failed';
      p.error = error.message;
    }
  }

  discard(clientId: string) {
    this.pending = this.pending.filter((x) => x.clientId !== clientId);
  }

  async markRead() {
    if (!this.lastSeq || !chatConnection.socket?.connected) return;
    await chatConnection.request('channel:read', { channelId: this.channelId, seq: this.lastSeq }).catch(() => undefined);
  }

  /** Older messages than the first held (history paging) come over HTTP; the live tail stays on the socket. */
  prepend(older: ChatMessage[]) {
    const first = this.messages[0]?.seq ?? Infinity;
    this.messages = [...older.filter((m) => m.seq < first), ...this.messages];
  }
}
