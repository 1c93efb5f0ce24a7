import { sql } from 'kysely';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import {
  ChannelFollower,
  connect,
  connected,
  createChatWorld,
  emitAck,
  sendUntilStored,
  startInstance,
  type ChatWorld,
  type Instance,
} from '../support/chat.ts';

/** A small deterministic generator, so a failure can be replayed (the seed is printed). */
function rng(seed: number) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

describe('chat delivery: nothing lost, nothing doubled, across drops, restarts and instances', () => {
  let t: TestApp;
  let w: ChatWorld;
  const instances: Instance[] = [];
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await createTestApp({ loginLimits: { registrationsPerIpPer10Minutes: 10_000 } });
    w = await createChatWorld(t);
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    for (const i of instances) await i.close().catch(() => undefined);
    await t.close();
  });

  it('500 messages with 50 random connection drops and one server restart: each exactly once, in order, stored once', async () => {
    const seed = Number(process.env.CHAT_SEED ?? Date.now() % 100_000);
    const random = rng(seed);
    let server = await startInstance(t);
    instances.push(server);
    const port = server.port;
    const sender = connect(server.url, w.teamA.leader.token);
    const receiver = connect(server.url, w.enterprise.token);
    sockets.push(sender, receiver);
    const follower = new ChannelFollower(receiver, w.channelA);
    await Promise.all([connected(sender), connected(receiver)]);
    await follower.resync();
    const startSeq = follower.lastSeq;

    const total = 500;
    const drops = new Set<number>();
    while (drops.size < 50) drops.add(1 + Math.floor(random() * (total - 2)));
    const restartAt = 100 + Math.floor(random() * 300);
    let dropped = 0;
    const sentClientIds: string[] = [];

    for (let i = 0; i < total; i += 1) {
      const clientId = `m-${seed}-${i}`;
      sentClientIds.push(clientId);
      // Half of the drops cut the sender right after it emitted (the ack may be lost: the resend must not store twice),
      // the other half cut the receiver (it must catch up from its last seq).
      const drop = drops.has(i);
      const victim = random() < 0.5 ? sender : receiver;
      // A victim still reconnecting from an earlier drop is waited for, so each planned drop cuts a live connection.
      if (drop && !victim.connected) await connected(victim).catch(() => undefined);
      await sendUntilStored(sender, w.channelA, clientId, `第 ${i} 条消息`, () => {
        if (drop && victim.connected) {
          victim.io.engine.close();
          dropped += 1;
        }
      });
      if (i % 100 === 0 && process.env.CHAT_DEBUG)
        console.log(`${new Date().toISOString().slice(14, 23)} sent ${i}, receiver at ${follower.lastSeq - startSeq}, dropped ${dropped}`);
      if (i === restartAt) {
        if (process.env.CHAT_DEBUG) console.log(`${new Date().toISOString().slice(14, 23)} restart at ${i}`);
        await server.close();
        server = await startInstance(t, { port });
        instances.push(server);
      }
    }
    expect(dropped).toBeGreaterThanOrEqual(45); // a victim may already be down when its turn comes

    // The receiver catches up (it may be reconnecting at this point).
    await expect.poll(() => follower.lastSeq, { timeout: 20_000 }).toBe(startSeq + total);
    const got = follower.messages.filter((m) => m.seq > startSeq);
    expect(got.map((m) => m.clientId)).toEqual(sentClientIds);
    expect(got.map((m) => m.seq)).toEqual(Array.from({ length: total }, (_, k) => startSeq + k + 1));

    const stored = await sql<{ n: number; distinct_ids: number; min_seq: number; max_seq: number }>`
      select count(*)::int as n, count(distinct client_id)::int as distinct_ids, min(seq) as min_seq, max(seq) as max_seq
        from chat_messages where channel_id = ${w.channelA} and client_id like ${`m-${seed}-%`}`.execute(t.db);
    expect(stored.rows[0], `seed ${seed}`).toEqual({ n: total, distinct_ids: total, min_seq: startSeq + 1, max_seq: startSeq + total });
  }, 180_000);

  it('two instances share a channel through the PostgreSQL adapter; disconnectUser reaches the other instance', async () => {
    const a = await startInstance(t);
    const b = await startInstance(t);
    instances.push(a, b);
    const onA = connect(a.url, w.enterprise.token);
    const onB = connect(b.url, w.teamB.leader.token);
    const overseerOnB = connect(b.url, w.supervisor.token);
    sockets.push(onA, onB, overseerOnB);
    await Promise.all([onA, onB, overseerOnB].map(connected));
    for (const s of [onA, onB, overseerOnB]) {
      const joined = await emitAck(s, 'channel:join', { channelId: w.channelB, afterSeq: 0 });
      expect(joined.ok, JSON.stringify(joined)).toBe(true);
    }
    const arrivedB = new Promise<{ text: string; seq: number }>((resolve) => onB.once('message:new', resolve));
    const arrivedOverseer = new Promise<{ text: string }>((resolve) => overseerOnB.once('message:new', resolve));
    const ack = await emitAck(onA, 'message:send', { channelId: w.channelB, clientId: 'two-instances-1', text: '从实例 A 发出' });
    expect(ack.ok).toBe(true);
    expect(await arrivedB).toMatchObject({ text: '从实例 A 发出', seq: (ack.message as { seq: number }).seq });
    expect(await arrivedOverseer).toMatchObject({ text: '从实例 A 发出' });

    // The reply goes the other way.
    const arrivedA = new Promise<{ text: string }>((resolve) =>
      onA.on('message:new', (m: { text: string }) => m.text === '实例 B 回复' && resolve(m)),
    );
    expect((await emitAck(onB, 'message:send', { channelId: w.channelB, clientId: 'two-instances-2', text: '实例 B 回复' })).ok).toBe(true);
    expect(await arrivedA).toMatchObject({ text: '实例 B 回复' });

    // An edit made on B reaches A as message:updated.
    const updated = new Promise<{ text: string; editedAt: string }>((resolve) => onA.once('message:updated', resolve));
    const replyId = (
      await t.db.selectFrom('chat_messages').select('id').where('client_id', '=', 'two-instances-2').executeTakeFirstOrThrow()
    ).id;
    const edit = await b.app.inject({
      method: 'PATCH',
      url: `/api/channels/${w.channelB}/messages/${replyId}`,
      payload: { text: '实例 B 回复（已修改）' },
      headers: { authorization: `Bearer ${w.teamB.leader.token}` },
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(await updated).toMatchObject({ text: '实例 B 回复（已修改）' });

    // Presence and revocation across instances.
    expect([...(await a.app.chat.ctx.hub.onlineUsers([w.teamB.leader.id, w.stranger.id]))]).toEqual([w.teamB.leader.id]);
    const gone = new Promise<string>((resolve) => onB.once('disconnect', resolve));
    onB.io.opts.reconnection = false;
    await a.app.chat.disconnectUser(w.teamB.leader.id);
    expect(await gone).toBe('io server disconnect');
  }, 60_000);
});
