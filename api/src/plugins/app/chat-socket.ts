import { onSessionsRevoked } from '../../modules/auth/sessions.ts';
import { createAdapter } from '@socket.io/postgres-adapter';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import pg from 'pg';
import { Server, type Socket } from 'socket.io';
import type { z } from 'zod';
import type { DB } from '../../db/database.ts';
import type { UserRow } from '../../db/schema.ts';
import { AppError, errorStatus, unauthenticated } from '../../errors.ts';
import { loadReadableChannel } from '../../modules/chat/chat-access.ts';
import { channelDto, messageDto } from '../../modules/chat/chat-dto.ts';
import { defaultChatLimits, type ChatHub, type ChatLimits } from '../../modules/chat/chat-hub.ts';
import * as repo from '../../modules/chat/chat.repository.ts';
import { joinEvent, readEvent, sendEvent } from '../../modules/chat/chat.schemas.ts';
import * as service from '../../modules/chat/chat.service.ts';
import type { ChatContext } from '../../modules/chat/chat.service.ts';
import { SESSION_COOKIE } from '../external/jwt.ts';

export interface ChatRealtime {
  io: Server;
  ctx: ChatContext;
  /** Disconnects every socket of the user on every instance (wire session revocation here). */
  disconnectUser(userId: string): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    chat: ChatRealtime;
  }
}

export interface ChatSocketOptions {
  db: DB;
  /** PostgreSQL for the socket.io adapter (LISTEN/NOTIFY); without it, one instance only (in-memory adapter). */
  databaseUrl?: string | null;
  limits?: Partial<ChatLimits>;
  clock: () => Date;
}

/** At most this many missed messages in one `channel:join` answer; the client joins again from the last one. */
const JOIN_BATCH = 500;

/**
 * The one place a socket is authenticated: the JWT from `auth.token` (Bearer) or the
 * session cookie, verified like HTTP (`plugins/app/auth.ts`) and the user loaded from the
 * database. Called on connect and again before every event, so a deleted user — and,
 * once sessions can be revoked, a revoked session — stops at the next event.
 */
export async function authenticateSocket(
  app: FastifyInstance,
  db: DB,
  handshake: { auth?: Record<string, unknown>; headers: Record<string, unknown> },
) {
  const token = tokenOf(app, handshake);
  if (!token) return null;
  // The same check as HTTP: signature, expiry and a live server-side session (a revoked one is refused).
  const auth = await app.authenticateToken(token);
  return auth ? { user: auth.user, token } : null;
}

function tokenOf(app: FastifyInstance, handshake: { auth?: Record<string, unknown>; headers: Record<string, unknown> }): string | null {
  const auth = handshake.auth?.token;
  if (typeof auth === 'string' && auth) return auth.replace(/^Bearer\s+/i, '');
  const cookie = handshake.headers.cookie;
  if (typeof cookie !== 'string') return null;
  // The cookie is sent by the browser on its own: accept it only from our own pages.
  const origin = handshake.headers.origin;
  if (typeof origin === 'string' && origin) {
    try {
      const ours = [handshake.headers.host, handshake.headers['x-forwarded-host']].filter((h) => typeof h === 'string');
      if (!ours.includes(new URL(origin).host)) return null;
    } catch {
      return null;
    }
  }
  return app.parseCookie(cookie)[SESSION_COOKIE] ?? null;
}

export interface SocketErrorBody {
  code: string;
  message: string;
  status: number;
  details?: unknown;
}

function toErrorBody(error: unknown, log: FastifyInstance['log']): SocketErrorBody {
  if (error instanceof AppError)
    return {
      code: error.code,
      message: error.message,
      status: error.statusCode,
      ...(error.details === undefined ? {} : { details: error.details }),
    };
  log.error({ err: error }, 'socket event failed');
  return { code: 'INTERNAL', message: '服务器内部错误', status: errorStatus.INTERNAL };
}

function validationError(error: z.ZodError): AppError {
  const issues = error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  return new AppError('VALIDATION_FAILED', `请求参数不正确：${issues[0]?.message ?? ''}`, { issues });
}

const channelRoom = (id: string) => `ch:${id}`;
const overseerRoom = (id: string) => `ov:${id}`;
const userRoom = (id: string) => `user:${id}`;

/**
 * socket.io on the Fastify server's port. Events: `channel:join {channelId, afterSeq}`
 * (ack: the missed messages in order), `message:send {channelId, clientId, text}` (ack:
 * the stored message), `channel:read {channelId, seq}`; pushed: `message:new`,
 * `message:updated`. Acks are `{ok: true, …}` or `{ok: false, error: {code, message, status}}`
 * with the HTTP codes. Across instances only ids travel (the PostgreSQL adapter's
 * NOTIFY); each instance loads the message and emits it to its own sockets.
 */
export default fp<ChatSocketOptions>(async (app, opts) => {
  const { db } = opts;
  const limits = { ...defaultChatLimits, ...opts.limits };
  const io = new Server(app.server, { path: '/socket.io/', serveClient: false, cors: { origin: false } });
  let pool: pg.Pool | null = null;
  if (opts.databaseUrl) {
    pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 3 });
    pool.on('error', (err) => app.log.warn({ err }, 'socket.io adapter pool error'));
    io.adapter(createAdapter(pool, { errorHandler: (err: Error) => app.log.warn({ err }, 'socket.io adapter error') }));
  }

  // Per channel, local deliveries run one after the other, in the order the instance heard of them.
  const queues = new Map<string, Promise<void>>();
  const deliverLocal = (channelId: string, messageId: string, change: 'new' | 'updated', known?: repo.MessageRow) => {
    const previous = queues.get(channelId) ?? Promise.resolve();
    const next = previous
      .then(async () => {
        const members = io.of('/').adapter.rooms.get(channelRoom(channelId))?.size ?? 0;
        const overseers = io.of('/').adapter.rooms.get(overseerRoom(channelId))?.size ?? 0;
        if (!members && !overseers) return;
        const row = known ?? (await repo.findMessage(db, messageId));
        if (!row) return;
        const event = change === 'new' ? 'message:new' : 'message:updated';
        if (change === 'new') {
          io.local.to([channelRoom(channelId), overseerRoom(channelId)]).emit(event, messageDto(row, { overseer: false }));
          return;
        }
        if (members) io.local.to(channelRoom(channelId)).emit(event, messageDto(row, { overseer: false }));
        if (overseers)
          io.local
            .to(overseerRoom(channelId))
            .emit(event, messageDto(row, { overseer: true, revisions: await repo.listRevisions(db, [row.id]) }));
      })
      .catch((err) => app.log.warn({ err }, 'chat delivery failed'));
    queues.set(channelId, next);
    void next.then(() => {
      if (queues.get(channelId) === next) queues.delete(channelId);
    });
  };

  io.on('chat:published', (note: { channelId: string; messageId: string; change: 'new' | 'updated' }) => {
    if (note && typeof note.channelId === 'string') deliverLocal(note.channelId, note.messageId, note.change);
  });

  const hub: ChatHub = {
    published(channelId, messageId, change, row) {
      deliverLocal(channelId, messageId, change, row);
      // The in-memory adapter (one instance) has no other instances to tell.
      if (pool) io.serverSideEmit('chat:published', { channelId, messageId, change });
    },
    async onlineUsers(userIds) {
      if (!userIds.length) return new Set();
      try {
        const sockets = await io.timeout(3000).in(userIds.map(userRoom)).fetchSockets();
        return new Set(sockets.map((s) => (s.data as { userId: string }).userId));
      } catch {
        const local = await io.local.in(userIds.map(userRoom)).fetchSockets();
        return new Set(local.map((s) => (s.data as { userId: string }).userId));
      }
    },
    async disconnectUser(userId) {
      io.in(userRoom(userId)).disconnectSockets(true);
    },
  };
  const ctx: ChatContext = {
    db,
    hub,
    limits,
    clock: opts.clock,
    onBackgroundError: (err) => app.log.warn({ err }, 'chat background work failed'),
  };

  io.use(async (socket, next) => {
    const auth = await authenticateSocket(app, db, socket.handshake);
    if (!auth) {
      const error = unauthenticated();
      return next(Object.assign(new Error(error.message), { data: { code: error.code, status: error.statusCode } }));
    }
    socket.data = { userId: auth.user.id, token: auth.token };
    next();
  });

  io.on('connection', (socket) => {
    void socket.join(userRoom((socket.data as { userId: string }).userId));
    handle(socket, 'channel:join', joinEvent, async (user, { channelId, afterSeq }) => {
      const { channel, access } = await loadReadableChannel(db, user, channelId);
      // Join first, then read: a message stored meanwhile arrives twice at worst, never not at all (clients drop seq they hold).
      await socket.join(access.overseer ? overseerRoom(channelId) : channelRoom(channelId));
      const rows = await repo.listMessages(db, channelId, { afterSeq, limit: JOIN_BATCH + 1 });
      const page = rows.slice(0, JOIN_BATCH);
      const revisions = access.overseer
        ? await repo.listRevisions(
            db,
            page.map((r) => r.id),
          )
        : [];
      const current = (await repo.findChannel(db, channelId)) ?? channel;
      return {
        channel: channelDto(current, { overseer: access.overseer }),
        messages: page.map((r) => messageDto(r, { overseer: access.overseer, revisions })),
        lastSeq: current.last_seq,
        hasMore: rows.length > JOIN_BATCH,
      };
    });
    handle(socket, 'channel:leave', joinEvent.pick({ channelId: true }), async (_user, { channelId }) => {
      await socket.leave(channelRoom(channelId));
      await socket.leave(overseerRoom(channelId));
      return {};
    });
    handle(socket, 'message:send', sendEvent, async (user, { channelId, clientId, text }) => {
      const { message, duplicate } = await service.sendMessage(ctx, user, channelId, { clientId, text });
      return { message, duplicate };
    });
    handle(socket, 'channel:read', readEvent, async (user, { channelId, seq }) => service.markRead(ctx, user, channelId, seq));
  });

  function handle<S extends z.ZodType, R extends object>(
    socket: Socket,
    event: string,
    schema: S,
    fn: (user: UserRow, input: z.infer<S>) => Promise<R>,
  ) {
    socket.on(event, async (payload: unknown, maybeAck?: unknown) => {
      const ack =
        typeof maybeAck === 'function'
          ? (maybeAck as (body: unknown) => void)
          : typeof payload === 'function'
            ? (payload as (body: unknown) => void)
            : null;
      try {
        const auth = await authenticateSocket(app, db, { auth: { token: (socket.data as { token: string }).token }, headers: {} });
        if (!auth) {
          const body = toErrorBody(unauthenticated(), app.log);
          if (ack) ack({ ok: false, error: body });
          else socket.emit('chat:error', { event, error: body });
          socket.disconnect(true);
          return;
        }
        const parsed = schema.safeParse(typeof payload === 'function' ? undefined : payload);
        if (!parsed.success) throw validationError(parsed.error);
        const result = await fn(auth.user, parsed.data);
        ack?.({ ok: true, ...result });
      } catch (error) {
        const body = toErrorBody(error, app.log);
        if (ack) ack({ ok: false, error: body });
        else socket.emit('chat:error', { event, error: body });
      }
    });
  }

  app.decorate('chat', { io, ctx, disconnectUser: hub.disconnectUser } satisfies ChatRealtime);
  // Logout, a password change or "sign out everywhere": drop the user's sockets (on every instance);
  // sockets of sessions still alive reconnect and authenticate again, revoked ones are refused.
  const stopListening = onSessionsRevoked(
    (event) => void hub.disconnectUser(event.userId).catch((err) => app.log.warn({ err }, 'disconnecting revoked sockets failed')),
  );
  app.addHook('onClose', async () => stopListening());

  app.addHook('preClose', async () => {
    // Close the transports (not a server-side disconnect, which clients take as final): the
    // HTTP server can close, and clients reconnect — to this instance once back, or another.
    io.engine.close();
    await new Promise<void>((resolve) => {
      const adapter = io.of('/').adapter as { close?: () => void | Promise<void> };
      Promise.resolve(adapter.close?.()).finally(resolve);
    });
    await pool?.end().catch(() => undefined);
  });
});
