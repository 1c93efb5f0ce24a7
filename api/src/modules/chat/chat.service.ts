import type { DB } from '../../db/database.ts';
import type { ChatSenderSide, UserRow } from '../../db/schema.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { insertNotifications } from '../notifications/notifications.repository.ts';
import { assertCanPost, demandOpen, isOverseer, loadPostableChannel, loadReadableChannel } from './chat-access.ts';
import { channelDto, channelTitle, messageDto } from './chat-dto.ts';
import type { ChatHub, ChatLimits } from './chat-hub.ts';
import { EDIT_WINDOW_MS } from './chat.schemas.ts';
import * as repo from './chat.repository.ts';
import type { ChannelWithContext, MessageRow } from './chat.repository.ts';

export interface ChatContext {
  db: DB;
  hub: ChatHub;
  limits: ChatLimits;
  clock: () => Date;
  /** Errors of after-commit work (offline notifications) go here. */
  onBackgroundError?: (error: unknown) => void;
}

export interface NewMessage {
  clientId: string;
  text: string;
  attachment?: { fileName: string; mimeType: string; size: number; sha256: string } | null;
}

export async function assertUnderRateLimit(ctx: ChatContext, userId: string) {
  const recent = await repo.countRecentMessages(ctx.db, userId, ctx.limits.windowSeconds);
  if (recent >= ctx.limits.messagesPerWindow) {
    throw new AppError(
      'RATE_LIMITED',
      `发送太频繁：每 ${ctx.limits.windowSeconds} 秒最多 ${ctx.limits.messagesPerWindow} 条消息，请稍后再发`,
      {
        limit: ctx.limits.messagesPerWindow,
        windowSeconds: ctx.limits.windowSeconds,
        retryAfterSeconds: ctx.limits.windowSeconds,
      },
    );
  }
}

/**
 * Stores a message and gives it the channel's next sequence number in one transaction
 * (the channel row is locked, so concurrent senders get consecutive numbers and a
 * failed insert leaves no gap). A resend with the same clientId returns the stored
 * message and stores nothing. Only after commit are the instances told (ids only).
 */
export async function sendMessage(ctx: ChatContext, user: UserRow, channelId: string, input: NewMessage) {
  const { channel, access } = await loadReadableChannel(ctx.db, user, channelId);
  const resent = async () => {
    const row = await repo.findByClientId(ctx.db, channelId, user.id, input.clientId);
    return row ? { message: messageDto(row, { overseer: access.overseer }), duplicate: true } : null;
  };
  let postAs: ChatSenderSide;
  try {
    postAs = assertCanPost(channel, access, ctx.clock());
    await assertUnderRateLimit(ctx, user.id);
  } catch (error) {
    // A resend of a message stored before the channel closed (or before the limit) still gets its acknowledgement.
    const stored = await resent();
    if (stored) return stored;
    throw error;
  }
  const stored = await storeMessage(ctx, channel, {
    senderId: user.id,
    side: postAs,
    clientId: input.clientId,
    text: input.text,
    attachment: input.attachment ?? null,
  });
  if (!stored.row) return (await resent())!;
  const row: MessageRow = { ...stored.row, sender_name: user.display_name, question_text: null };
  ctx.hub.published(channelId, row.id, 'new', row);
  if (channel.kind === 'private') scheduleOfflineNotice(ctx, channel, user.id, input.text || input.attachment?.fileName || '');
  return { message: messageDto(row, { overseer: access.overseer }), duplicate: false };
}

async function storeMessage(
  ctx: ChatContext,
  channel: ChannelWithContext,
  m: { senderId: string; side: ChatSenderSide; clientId: string; text: string; attachment: NewMessage['attachment'] },
) {
  // Taking the next seq locks the channel row until commit: concurrent senders line up
  // here, and a rollback (a duplicate clientId, any failure) gives the number back.
  const row = await ctx.db
    .transaction()
    .execute(async (trx) => {
      const seq = await repo.nextSeq(trx, channel.id);
      const inserted = await repo.insertMessageUnlessDuplicate(trx, {
        channel_id: channel.id,
        seq,
        sender_id: m.senderId,
        sender_side: m.side,
        client_id: m.clientId,
        text: m.text,
        attachment: m.attachment ? JSON.stringify(m.attachment) : null,
      });
      // A resend that raced past the lookup: the unique key decides; roll back to return the seq.
      if (!inserted) throw new DuplicateClientId();
      if (channel.kind === 'announcement') {
        const participants = await repo.editionParticipantIds(trx, channel.edition_id);
        await insertNotifications(trx, participants, {
          kind: 'chat.announcement',
          title: '组委会发布了新公告',
          body: m.text.slice(0, 120),
          link: `/messages?channel=${channel.id}`,
          data: { channelId: channel.id, seq },
        });
      }
      return inserted;
    })
    .catch((error: unknown) => {
      if (error instanceof DuplicateClientId) return null;
      throw error;
    });
  return { row };
}

class DuplicateClientId extends Error {}

/**
 * Offline notices of a channel run one at a time per instance, at most once a second;
 * messages meanwhile are folded into the next run (a member gets at most one unread
 * chat notification per channel anyway), so a busy conversation costs no query per message.
 */
const OFFLINE_NOTICE_INTERVAL_MS = 1000;
const noticeRuns = new WeakMap<ChatContext, Map<string, { next: { senderId: string; preview: string } | null }>>();

function scheduleOfflineNotice(ctx: ChatContext, channel: ChannelWithContext, senderId: string, preview: string) {
  let runs = noticeRuns.get(ctx);
  if (!runs) noticeRuns.set(ctx, (runs = new Map()));
  const running = runs.get(channel.id);
  if (running) {
    running.next = { senderId, preview };
    return;
  }
  const state: { next: { senderId: string; preview: string } | null } = { next: null };
  runs.set(channel.id, state);
  void (async () => {
    let job: { senderId: string; preview: string } | null = { senderId, preview };
    try {
      while (job) {
        await notifyOffline(ctx, channel, job.senderId, job.preview);
        await new Promise((r) => setTimeout(r, OFFLINE_NOTICE_INTERVAL_MS));
        job = state.next;
        state.next = null;
      }
    } catch (error) {
      ctx.onBackgroundError?.(error);
    } finally {
      runs.delete(channel.id);
    }
  })();
}

/** An in-app notification for members with no socket connected, at most one unread per channel. */
async function notifyOffline(ctx: ChatContext, channel: ChannelWithContext, senderId: string, preview: string) {
  const members = (await repo.privateMemberIds(ctx.db, channel.demand_org_id!, channel.team_id!)).filter((id) => id !== senderId);
  if (!members.length) return;
  const online = await ctx.hub.onlineUsers(members);
  const offline = members.filter((id) => !online.has(id));
  const notified = await repo.hasUnreadChatNotification(ctx.db, offline, channel.id);
  await insertNotifications(
    ctx.db,
    offline.filter((id) => !notified.has(id)),
    {
      kind: 'chat.message',
      title: `${channelTitle(channel)} 有新消息`,
      body: preview.slice(0, 120),
      link: `/messages?channel=${channel.id}`,
      data: { channelId: channel.id },
    },
  );
}

export async function history(
  ctx: ChatContext,
  user: UserRow | null,
  channelId: string,
  opts: { after?: number; before?: number; limit: number },
) {
  const { channel, access } = await loadReadableChannel(ctx.db, user, channelId);
  const rows = await repo.listMessages(ctx.db, channelId, { afterSeq: opts.after, beforeSeq: opts.before, limit: opts.limit + 1 });
  const hasMore = rows.length > opts.limit;
  const page = opts.before !== undefined ? rows.slice(rows.length - Math.min(rows.length, opts.limit)) : rows.slice(0, opts.limit);
  const revisions = access.overseer
    ? await repo.listRevisions(
        ctx.db,
        page.map((r) => r.id),
      )
    : [];
  return { items: page.map((r) => messageDto(r, { overseer: access.overseer, revisions })), lastSeq: channel.last_seq, hasMore };
}

export async function channelDetail(ctx: ChatContext, user: UserRow, channelId: string) {
  const { channel, access } = await loadReadableChannel(ctx.db, user, channelId);
  const [row] = await repo.listChannels(ctx.db, user.id, { channelId });
  const open = channel.kind !== 'private' || demandOpen(channel, ctx.clock());
  return {
    ...channelDto(row ?? { ...channel, last_read_seq: 0, unread: 0 }, { overseer: access.overseer }),
    canPost: !!access.postAs && open,
    postAs: access.postAs,
    overseer: access.overseer,
    open,
  };
}

export async function listMyChannels(ctx: ChatContext, user: UserRow, filter: { demandId?: string; all: boolean }) {
  const overseer = isOverseer(user);
  if (filter.all && !overseer) throw forbidden('只有组委会和监督委员会可以查看全部频道');
  await repo.ensureChannelsOfUser(ctx.db, user.id, overseer);
  const rows = await repo.listChannels(ctx.db, user.id, { mineOf: filter.all ? undefined : user.id, demandId: filter.demandId });
  const items = rows.map((r) => channelDto(r, { overseer }));
  return { items, totalUnread: items.reduce((sum, c) => sum + c.unread, 0) };
}

export async function markRead(ctx: ChatContext, user: UserRow, channelId: string, seq: number) {
  const { channel } = await loadReadableChannel(ctx.db, user, channelId);
  const lastReadSeq = await repo.markRead(ctx.db, channelId, user.id, Math.min(seq, channel.last_seq));
  const [row] = await repo.listChannels(ctx.db, user.id, { channelId });
  return { channelId, lastReadSeq, unread: row?.unread ?? 0 };
}

async function loadOwnRecentMessage(ctx: ChatContext, user: UserRow, channelId: string, messageId: string, action: string) {
  // Same rules as sending: a member who may post, in a channel still open.
  const { channel } = await loadPostableChannel(ctx.db, user, channelId, ctx.clock());
  const message = repo.isUuid(messageId) ? await repo.findMessage(ctx.db, messageId) : undefined;
  if (!message || message.channel_id !== channel.id || message.deleted_at) throw notFound('消息');
  if (message.sender_id !== user.id) throw forbidden(`只能${action}自己发送的消息`);
  if (message.hidden_at) throw new AppError('CONFLICT', '该消息已被组委会隐藏，不能再修改');
  if (ctx.clock().getTime() - message.created_at.getTime() > EDIT_WINDOW_MS) {
    throw new AppError('EDIT_WINDOW_CLOSED', `消息发送超过 2 分钟，不能再${action}`, { windowSeconds: EDIT_WINDOW_MS / 1000 });
  }
  return message;
}

/** Edits within 2 minutes of sending; the original stays in the revisions for overseers. */
export async function editMessage(ctx: ChatContext, user: UserRow, channelId: string, messageId: string, text: string) {
  const message = await loadOwnRecentMessage(ctx, user, channelId, messageId, '修改');
  await ctx.db.transaction().execute(async (trx) => {
    const locked = (await repo.lockMessage(trx, message.id))!;
    if (locked.deleted_at) throw notFound('消息');
    await repo.insertRevision(trx, { message_id: message.id, action: 'edit', previous_text: locked.text, actor_id: user.id });
    await repo.updateMessage(trx, message.id, { text, edited_at: ctx.clock() });
  });
  ctx.hub.published(channelId, message.id, 'updated');
  return messageDto((await repo.findMessage(ctx.db, message.id))!, { overseer: isOverseer(user) });
}

/** Deletes within 2 minutes; members see 已撤回, overseers the original. */
export async function deleteMessage(ctx: ChatContext, user: UserRow, channelId: string, messageId: string) {
  const message = await loadOwnRecentMessage(ctx, user, channelId, messageId, '撤回');
  await ctx.db.transaction().execute(async (trx) => {
    const locked = (await repo.lockMessage(trx, message.id))!;
    if (locked.deleted_at) return;
    await repo.insertRevision(trx, { message_id: message.id, action: 'delete', previous_text: locked.text, actor_id: user.id });
    await repo.updateMessage(trx, message.id, { deleted_at: ctx.clock() });
  });
  ctx.hub.published(channelId, message.id, 'updated');
}

/** The committee hides a message with a reason; it is kept and shown to overseers as hidden. */
export async function hideMessage(ctx: ChatContext, user: UserRow, channelId: string, messageId: string, reason: string) {
  const { access } = await loadReadableChannel(ctx.db, user, channelId);
  if (!access.committee) throw forbidden('只有组委会可以隐藏消息');
  const message = repo.isUuid(messageId) ? await repo.findMessage(ctx.db, messageId) : undefined;
  if (!message || message.channel_id !== channelId) throw notFound('消息');
  if (message.hidden_at) throw new AppError('CONFLICT', '该消息已隐藏');
  await repo.updateMessage(ctx.db, message.id, { hidden_at: ctx.clock(), hidden_by: user.id, hidden_reason: reason });
  ctx.hub.published(channelId, message.id, 'updated');
  return messageDto((await repo.findMessage(ctx.db, message.id))!, { overseer: true });
}

export async function loadAttachment(ctx: ChatContext, user: UserRow | null, channelId: string, messageId: string) {
  const { access } = await loadReadableChannel(ctx.db, user, channelId);
  const message = repo.isUuid(messageId) ? await repo.findMessage(ctx.db, messageId) : undefined;
  if (!message || message.channel_id !== channelId || !message.attachment) throw notFound('附件');
  if ((message.hidden_at || message.deleted_at) && !access.overseer) throw notFound('附件');
  return message.attachment as { fileName: string; mimeType: string; size: number; sha256: string };
}
