import { io, type Socket } from 'socket.io-client';
import { expect } from 'vitest';
import type { SignedUp, TestApp } from './app.ts';
import { completeDemand, createCatalog, createOrg } from './fixtures.ts';
import { createTeam } from './teams.ts';
import { buildApp } from '@jb/api/app.ts';
import { createDb } from '@jb/api/db/database.ts';
import type { ChatLimits } from '@jb/api/modules/chat/chat-hub.ts';
// The web client's own sequence rule, so the tests exercise what the browser runs.
import { continueSequence } from '../../web/src/lib/chat/sequence.ts';

export interface ChatWorld {
  committee: SignedUp;
  supervisor: SignedUp;
  expert: SignedUp;
  stranger: SignedUp;
  enterprise: SignedUp;
  editionId: string;
  topicId: string;
  enterpriseOrgId: string;
  demandId: string;
  /** Teams with a project on the demand. */
  teamA: { leader: SignedUp; teamId: string; projectId: string; name: string };
  teamB: { leader: SignedUp; teamId: string; projectId: string; name: string };
  /** A team of the edition that does not bid on the demand. */
  teamC: { leader: SignedUp; teamId: string };
  channelA: string;
  channelB: string;
}

export async function publishDemand(
  t: TestApp,
  w: Pick<ChatWorld, 'enterprise' | 'committee' | 'topicId' | 'enterpriseOrgId'>,
  overrides: Record<string, unknown> = {},
) {
  const created = await w.enterprise.client.post('/api/demands', completeDemand(w.topicId, w.enterpriseOrgId, overrides));
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  expect((await w.enterprise.client.post(`/api/demands/${id}/submit`)).statusCode).toBe(200);
  expect((await w.committee.client.post(`/api/demands/${id}/review`, { decision: 'approve' })).statusCode).toBe(200);
  return id;
}

async function bidder(t: TestApp, editionId: string, demandId: string, name: string) {
  const leader = await t.signUp({ displayName: `${name}队长` });
  const orgId = await createOrg(t, leader);
  const team = await createTeam(leader, editionId, orgId, name);
  const created = await leader.client.post('/api/projects', { teamId: team.id, demandId, name: `${name}的方案` });
  expect(created.statusCode, created.body).toBe(201);
  return { leader, teamId: team.id, projectId: created.json().id as string, name };
}

/** An edition, an enterprise with a published sub-topic, two bidding teams and a non-bidding one, overseers, an expert, a stranger. */
export async function createChatWorld(t: TestApp): Promise<ChatWorld> {
  const [committee, supervisor, expert, stranger, enterprise] = await Promise.all([
    t.signUp({ roles: ['committee'], displayName: '组委会秘书处' }),
    t.signUp({ roles: ['supervisor'], displayName: '监督委员' }),
    t.signUp({ roles: ['expert'], displayName: '评审专家' }),
    t.signUp({ displayName: '路人' }),
    t.signUp({ displayName: '企业联系人' }),
  ]);
  const { editionId, topicId } = await createCatalog(committee);
  const enterpriseOrgId = await createOrg(t, enterprise, 'enterprise', '需求发布企业有限公司');
  const demandId = await publishDemand(t, { enterprise, committee, topicId, enterpriseOrgId });
  const teamA = await bidder(t, editionId, demandId, '甲队');
  const teamB = await bidder(t, editionId, demandId, '乙队');
  const leaderC = await t.signUp({ displayName: '丙队队长' });
  const teamC = { leader: leaderC, teamId: (await createTeam(leaderC, editionId, await createOrg(t, leaderC), '丙队')).id };
  const channels = await enterprise.client.get('/api/channels?mine=1');
  expect(channels.statusCode, channels.body).toBe(200);
  const privateOf = (teamId: string) =>
    channels.json().items.find((c: { kind: string; teamId: string }) => c.kind === 'private' && c.teamId === teamId)?.id as string;
  return {
    committee,
    supervisor,
    expert,
    stranger,
    enterprise,
    editionId,
    topicId,
    enterpriseOrgId,
    demandId,
    teamA,
    teamB,
    teamC,
    channelA: privateOf(teamA.teamId),
    channelB: privateOf(teamB.teamId),
  };
}

export function connect(url: string, token: string | null, extra: Partial<Parameters<typeof io>[1]> = {}): Socket {
  return io(url, {
    auth: token ? { token } : {},
    transports: ['websocket'],
    reconnectionDelay: 20,
    reconnectionDelayMax: 100,
    randomizationFactor: 0,
    forceNew: true,
    ...extra,
  });
}

export function connected(socket: Socket): Promise<void> {
  if (socket.connected) return Promise.resolve();
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
}

export interface Ack {
  ok: boolean;
  error?: { code: string; message: string; status: number };
  [key: string]: unknown;
}

export function emitAck(socket: Socket, event: string, payload: unknown, timeoutMs = 5000): Promise<Ack> {
  return socket.timeout(timeoutMs).emitWithAck(event, payload) as Promise<Ack>;
}

export async function listen(t: TestApp): Promise<string> {
  const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
  return address;
}

export interface Instance {
  app: Awaited<ReturnType<typeof buildApp>>;
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * One more app instance on the test app's database, as a second `npm start` would be:
 * its own pool, its own socket.io server, the PostgreSQL adapter on the same database.
 */
export async function startInstance(t: TestApp, opts: { port?: number; limits?: Partial<ChatLimits> } = {}): Promise<Instance> {
  const db = createDb(t.database.url, { max: 4 });
  const app = await buildApp({
    search: t.search,
    config: { jwtSecret: 'test-secret-'.padEnd(48, 'x'), nodeEnv: 'test', logLevel: 'silent' },
    db,
    webBuildDir: false,
    logger: false,
    storage: t.storage,
    chat: { databaseUrl: t.database.url, limits: { messagesPerWindow: 100_000, ...opts.limits } },
  });
  const url = await app.listen({ port: opts.port ?? 0, host: '127.0.0.1' });
  return {
    app,
    url,
    port: Number(new URL(url).port),
    close: async () => {
      await app.close();
      await db.destroy();
    },
  };
}

export interface Received {
  seq: number;
  clientId: string;
  text: string;
}

/**
 * What a chat client does (the web client does the same): it keeps the last seq it holds,
 * joins with it on every (re)connect, appends only the next seq, and on a gap joins again.
 */
export class ChannelFollower {
  lastSeq = 0;
  readonly messages: Received[] = [];
  rawDeliveries = 0;
  private syncing: Promise<void> | null = null;
  private again = false;

  constructor(
    readonly socket: Socket,
    readonly channelId: string,
  ) {
    socket.on('connect', () => void this.resync());
    socket.on('message:new', (m: Received & { channelId: string }) => {
      if (m.channelId !== this.channelId) return;
      this.rawDeliveries += 1;
      this.accept([m]);
    });
  }

  accept(list: Received[]) {
    const { accepted, lastSeq, gap } = continueSequence(this.lastSeq, list);
    this.messages.push(...accepted.map((m) => ({ seq: m.seq, clientId: m.clientId, text: m.text })));
    this.lastSeq = lastSeq;
    if (gap) void this.resync(); // fetch from the last held seq
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
            const ack = await emitAck(this.socket, 'channel:join', { channelId: this.channelId, afterSeq: this.lastSeq }, 2000);
            if (!ack.ok) throw new Error(ack.error?.code);
            this.accept(ack.messages as Received[]);
            if (!ack.hasMore) break;
          }
        } catch {
          // disconnected meanwhile: the next connect resyncs
        }
      } while (this.again && this.socket.connected);
    })().finally(() => {
      this.syncing = null;
    });
    return this.syncing;
  }
}

/** Sends with a clientId and resends the same clientId until an acknowledgement carries the stored message. */
export async function sendUntilStored(socket: Socket, channelId: string, clientId: string, text: string, onEmit?: () => void) {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if (!socket.connected) await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    let onDisconnect = () => undefined as void;
    const lost = new Promise<never>((_, reject) => {
      onDisconnect = () => reject(new Error('disconnected before the acknowledgement'));
      socket.once('disconnect', onDisconnect);
    });
    const pending = emitAck(socket, 'message:send', { channelId, clientId, text }, 3000);
    if (attempt === 0) onEmit?.();
    try {
      // A lost connection loses the acknowledgement too: resend (same clientId) once reconnected.
      const ack = await Promise.race([pending, lost]);
      if (ack.ok) return ack.message as Received & { id: string };
      if (ack.error?.code !== 'INTERNAL') throw new Error(`refused: ${ack.error?.code}`);
    } catch (error) {
      if ((error as Error).message.startsWith('refused')) throw error;
    } finally {
      socket.off('disconnect', onDisconnect);
      pending.catch(() => undefined);
      lost.catch(() => undefined);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`message ${clientId} never stored`);
}
