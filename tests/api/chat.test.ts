import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { connect, connected, createChatWorld, emitAck, listen, type ChatWorld } from '../support/chat.ts';
import { fakeExecutable, multipart, tinyPdf } from '../support/teams.ts';

describe('chat: channels, Q&A and authorisation (HTTP and socket)', () => {
  let t: TestApp;
  let w: ChatWorld;
  let url: string;
  let now = new Date();
  const sockets: Socket[] = [];
  const open = async (token: string | null) => {
    const s = connect(url, token);
    sockets.push(s);
    return s;
  };

  beforeAll(async () => {
    t = await createTestApp({
      clock: () => now,
      loginLimits: { registrationsPerIpPer10Minutes: 10_000 },
      uploadLimits: { documentBytes: 64 * 1024 },
      chat: { limits: { messagesPerWindow: 10, windowSeconds: 60, questionsPerHour: 4 } },
    });
    w = await createChatWorld(t);
    url = await listen(t);
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t.close();
  });

  describe('private channel of a sub-topic and a bidding team', () => {
    it('is listed for the enterprise and the team with the supervision notice', async () => {
      expect(w.channelA).toBeTruthy();
      const team = (await w.teamA.leader.client.get('/api/channels?mine=1')).json();
      const channel = team.items.find((c: { id: string }) => c.id === w.channelA);
      expect(channel).toMatchObject({ kind: 'private', teamId: w.teamA.teamId, demandId: w.demandId, notice: '本对话受组委会监督' });
      // Team A does not see team B's channel.
      expect(team.items.some((c: { id: string }) => c.id === w.channelB)).toBe(false);
    });

    it('the enterprise and the team talk over HTTP; unread counts follow; a resend stores nothing twice', async () => {
      const sent = await w.enterprise.client.post(`/api/channels/${w.channelA}/messages`, { clientId: 'e-1', text: '您好，欢迎揭榜。' });
      expect(sent.statusCode, sent.body).toBe(201);
      expect(sent.json()).toMatchObject({ seq: 1, text: '您好，欢迎揭榜。', sender: { side: 'enterprise' } });
      const again = await w.enterprise.client.post(`/api/channels/${w.channelA}/messages`, { clientId: 'e-1', text: '您好，欢迎揭榜。' });
      expect(again.json()).toMatchObject({ id: sent.json().id, seq: 1 });
      const mine = (await w.teamA.leader.client.get('/api/channels?mine=1')).json();
      expect(mine.items.find((c: { id: string }) => c.id === w.channelA).unread).toBe(1);
      expect(mine.totalUnread).toBeGreaterThanOrEqual(1);
      const read = await w.teamA.leader.client.post(`/api/channels/${w.channelA}/read`, { seq: 1 });
      expect(read.json()).toMatchObject({ lastReadSeq: 1, unread: 0 });
      const history = (await w.teamA.leader.client.get(`/api/channels/${w.channelA}/messages?after=0`)).json();
      expect(history.items.map((m: { seq: number }) => m.seq)).toEqual([1]);
      const count = await t.db
        .selectFrom('chat_messages')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('channel_id', '=', w.channelA)
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(1);
    });

    it('refuses the public (401), a stranger, another team and an expert (404) over HTTP', async () => {
      expect((await t.client().get(`/api/channels/${w.channelA}/messages`)).statusCode).toBe(401);
      expect((await t.client().post(`/api/channels/${w.channelA}/messages`, { clientId: 'x', text: 'hi' })).statusCode).toBe(401);
      for (const who of [w.stranger, w.teamB.leader, w.expert, w.teamC.leader]) {
        const read = await who.client.get(`/api/channels/${w.channelA}/messages`);
        expect(read.statusCode).toBe(404);
        expect(read.json().error.code).toBe('NOT_FOUND');
        const post = await who.client.post(`/api/channels/${w.channelA}/messages`, { clientId: 'x-1', text: '插话' });
        expect(post.statusCode).toBe(404);
      }
    });

    it('overseers read every channel but do not speak in it; the committee hides with a reason', async () => {
      const read = await w.supervisor.client.get(`/api/channels/${w.channelA}/messages`);
      expect(read.statusCode).toBe(200);
      const post = await w.committee.client.post(`/api/channels/${w.channelA}/messages`, { clientId: 'c-1', text: '组委会插话' });
      expect(post.statusCode).toBe(403);
      const msg = (
        await w.teamA.leader.client.post(`/api/channels/${w.channelA}/messages`, { clientId: 'a-bad', text: '联系方式：加微信私聊' })
      ).json();
      expect(
        (await w.supervisor.client.post(`/api/channels/${w.channelA}/messages/${msg.id}/hide`, { reason: '场外联系' })).statusCode,
      ).toBe(403);
      expect((await w.committee.client.post(`/api/channels/${w.channelA}/messages/${msg.id}/hide`, {})).statusCode).toBe(400);
      const hidden = await w.committee.client.post(`/api/channels/${w.channelA}/messages/${msg.id}/hide`, { reason: '场外联系' });
      expect(hidden.statusCode, hidden.body).toBe(200);
      const forMember = (await w.enterprise.client.get(`/api/channels/${w.channelA}/messages`))
        .json()
        .items.find((m: { id: string }) => m.id === msg.id);
      expect(forMember).toMatchObject({ hidden: true, text: '' });
      expect(forMember.hiddenReason).toBeUndefined();
      const forOverseer = (await w.supervisor.client.get(`/api/channels/${w.channelA}/messages`))
        .json()
        .items.find((m: { id: string }) => m.id === msg.id);
      expect(forOverseer).toMatchObject({ hidden: true, text: '联系方式：加微信私聊', hiddenReason: '场外联系' });
      const all = await w.committee.client.get(`/api/channels?demandId=${w.demandId}`);
      expect(all.statusCode).toBe(200);
      expect(all.json().items.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining([w.channelA, w.channelB]));
      expect((await w.teamA.leader.client.get(`/api/channels?demandId=${w.demandId}`)).statusCode).toBe(403);
    });

    it('edits and deletions within 2 minutes keep the original for overseers; later they are refused', async () => {
      const msg = (
        await w.teamA.leader.client.post(`/api/channels/${w.channelA}/messages`, { clientId: 'a-edit', text: '预算是多少？' })
      ).json();
      expect((await w.enterprise.client.patch(`/api/channels/${w.channelA}/messages/${msg.id}`, { text: '改别人的' })).statusCode).toBe(
        403,
      );
      const edited = await w.teamA.leader.client.patch(`/api/channels/${w.channelA}/messages/${msg.id}`, { text: '预算上限是多少？' });
      expect(edited.statusCode, edited.body).toBe(200);
      expect(edited.json()).toMatchObject({ text: '预算上限是多少？', editedAt: expect.any(String) });
      const overseen = (await w.committee.client.get(`/api/channels/${w.channelA}/messages`))
        .json()
        .items.find((m: { id: string }) => m.id === msg.id);
      expect(overseen.revisions).toEqual([expect.objectContaining({ action: 'edit', previousText: '预算是多少？' })]);
      const late = (
        await w.teamA.leader.client.post(`/api/channels/${w.channelA}/messages`, { clientId: 'a-late', text: '稍后再改' })
      ).json();
      now = new Date(Date.now() + 3 * 60 * 1000);
      try {
        const refused = await w.teamA.leader.client.patch(`/api/channels/${w.channelA}/messages/${late.id}`, { text: '改不了' });
        expect(refused.statusCode).toBe(409);
        expect(refused.json().error.code).toBe('EDIT_WINDOW_CLOSED');
        expect((await w.teamA.leader.client.delete(`/api/channels/${w.channelA}/messages/${late.id}`)).json().error.code).toBe(
          'EDIT_WINDOW_CLOSED',
        );
      } finally {
        now = new Date();
      }
      expect((await w.teamA.leader.client.delete(`/api/channels/${w.channelA}/messages/${msg.id}`)).statusCode).toBe(204);
      const member = (await w.enterprise.client.get(`/api/channels/${w.channelA}/messages`))
        .json()
        .items.find((m: { id: string }) => m.id === msg.id);
      expect(member).toMatchObject({ deleted: true, text: '' });
      const exported = await w.committee.client.get(`/api/channels/${w.channelA}/export`);
      expect(exported.statusCode).toBe(200);
      const original = exported.json().messages.find((m: { id: string }) => m.id === msg.id);
      expect(original.revisions.map((r: { previousText: string }) => r.previousText)).toEqual(['预算是多少？', '预算上限是多少？']);
      expect((await w.enterprise.client.get(`/api/channels/${w.channelA}/export`)).statusCode).toBe(403);
    });

    it('refuses oversized messages, the wrong file type and oversized attachments', async () => {
      const long = await w.enterprise.client.post(`/api/channels/${w.channelA}/messages`, { clientId: 'e-long', text: '长'.repeat(2001) });
      expect(long.statusCode).toBe(400);
      expect(long.json().error.code).toBe('VALIDATION_FAILED');
      const attach = (clientId: string, fileName: string, content: Buffer) => {
        const body = multipart({ fileName, content });
        const prefix = Buffer.from(
          `--${body.headers['content-type']!.split('boundary=')[1]}\r\nContent-Disposition: form-data; name="clientId"\r\n\r\n${clientId}\r\n`,
        );
        return w.enterprise.client.request(
          'POST',
          `/api/channels/${w.channelA}/attachments`,
          Buffer.concat([prefix, body.payload]),
          body.headers,
        );
      };
      const exe = await attach('e-exe', 'setup.pdf', fakeExecutable());
      expect(exe.statusCode).toBe(415);
      const big = await attach('e-big', 'big.pdf', tinyPdf(100 * 1024));
      expect(big.statusCode).toBe(413);
      expect(big.json().error.code).toBe('FILE_TOO_LARGE');
      const ok = await attach('e-pdf', '需求说明.pdf', tinyPdf());
      expect(ok.statusCode, ok.body).toBe(201);
      expect(ok.json().attachment).toMatchObject({ fileName: '需求说明.pdf', mimeType: 'application/pdf' });
      const download = await w.teamA.leader.client.get(ok.json().attachment.url);
      expect(download.statusCode).toBe(200);
      expect((await w.teamB.leader.client.get(ok.json().attachment.url)).statusCode).toBe(404);
    });
  });

  describe('on the socket', () => {
    it('refuses a socket without a valid token', async () => {
      const anonymous = await open(null);
      await expect(connected(anonymous)).rejects.toMatchObject({ data: { code: 'UNAUTHENTICATED' } });
      anonymous.disconnect();
      const forged = await open('not-a-jwt');
      await expect(connected(forged)).rejects.toMatchObject({ data: { code: 'UNAUTHENTICATED' } });
      forged.disconnect();
    });

    it('the session cookie authenticates a socket from our own pages, not from another site', async () => {
      const host = new URL(url).host;
      const ours = connect(url, null, { extraHeaders: { cookie: `jb_session=${w.teamA.leader.token}`, origin: `http://${host}` } });
      sockets.push(ours);
      await connected(ours);
      expect((await emitAck(ours, 'channel:join', { channelId: w.channelA, afterSeq: 0 })).ok).toBe(true);
      const foreign = connect(url, null, {
        extraHeaders: { cookie: `jb_session=${w.teamA.leader.token}`, origin: 'https://evil.example' },
      });
      sockets.push(foreign);
      await expect(connected(foreign)).rejects.toMatchObject({ data: { code: 'UNAUTHENTICATED' } });
      foreign.disconnect();
    });

    it('another team, a stranger and an expert cannot join, and are never added to the room', async () => {
      const intruders = await Promise.all([w.teamB.leader, w.stranger, w.expert].map((u) => open(u.token)));
      await Promise.all(intruders.map(connected));
      let leaked = 0;
      for (const s of intruders) s.on('message:new', () => (leaked += 1));
      for (const s of intruders) {
        const ack = await emitAck(s, 'channel:join', { channelId: w.channelA, afterSeq: 0 });
        expect(ack).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', status: 404 } });
        const send = await emitAck(s, 'message:send', { channelId: w.channelA, clientId: 'intrude', text: '插话' });
        expect(send.error?.code).toBe('NOT_FOUND');
      }
      const sent = await w.enterprise.client.post(`/api/channels/${w.channelA}/messages`, { clientId: 'e-room', text: '只有甲队能看到' });
      expect(sent.statusCode).toBe(201);
      await new Promise((r) => setTimeout(r, 300));
      expect(leaked).toBe(0);
      const rooms = t.app.chat.io.of('/').adapter.rooms.get(`ch:${w.channelA}`) ?? new Set();
      for (const s of intruders) expect(rooms.has(s.id!)).toBe(false);
    });

    it('members join with afterSeq, receive what they missed and then live messages; validation uses the HTTP codes', async () => {
      const team = await open(w.teamA.leader.token);
      const enterprise = await open(w.enterprise.token);
      await Promise.all([connected(team), connected(enterprise)]);
      const join = await emitAck(team, 'channel:join', { channelId: w.channelA, afterSeq: 1 });
      expect(join.ok).toBe(true);
      const missed = join.messages as { seq: number }[];
      expect(missed[0]!.seq).toBe(2);
      expect(missed.map((m) => m.seq)).toEqual([...missed.map((m) => m.seq)].sort((a, b) => a - b));
      const live = new Promise<{ seq: number; text: string }>((resolve) => team.once('message:new', resolve));
      await emitAck(enterprise, 'channel:join', { channelId: w.channelA, afterSeq: join.lastSeq });
      const ack = await emitAck(enterprise, 'message:send', { channelId: w.channelA, clientId: 'sock-1', text: '实时消息' });
      expect(ack).toMatchObject({ ok: true, message: { text: '实时消息', seq: (join.lastSeq as number) + 1 } });
      expect(await live).toMatchObject({ text: '实时消息', seq: (join.lastSeq as number) + 1 });
      const tooLong = await emitAck(enterprise, 'message:send', { channelId: w.channelA, clientId: 'sock-2', text: '长'.repeat(2001) });
      expect(tooLong).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', status: 400 } });
      const read = await emitAck(team, 'channel:read', { channelId: w.channelA, seq: (ack.message as { seq: number }).seq });
      expect(read).toMatchObject({ ok: true, unread: 0 });
    });

    it('over the rate limit the sender gets RATE_LIMITED on the socket and over HTTP', async () => {
      const s = await open(w.teamB.leader.token);
      await connected(s);
      let last: Awaited<ReturnType<typeof emitAck>> | undefined;
      for (let i = 0; i < 12; i += 1) {
        last = await emitAck(s, 'message:send', { channelId: w.channelB, clientId: `burst-${i}`, text: `第 ${i} 条` });
        if (!last.ok) break;
      }
      expect(last).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', status: 429 } });
      const http = await w.teamB.leader.client.post(`/api/channels/${w.channelB}/messages`, { clientId: 'burst-http', text: '再来一条' });
      expect(http.statusCode).toBe(429);
      expect(http.json().error.code).toBe('RATE_LIMITED');
    });

    it('a member without a socket gets one in-app notification per channel, however many messages arrive', async () => {
      await t.app.chat.disconnectUser(w.teamB.leader.id);
      const chatNotices = async () =>
        (await w.teamB.leader.client.get('/api/notifications?unread=1'))
          .json()
          .items.filter(
            (n: { kind: string; data: { channelId?: string } }) => n.kind === 'chat.message' && n.data.channelId === w.channelB,
          );
      expect(await chatNotices()).toHaveLength(0);
      for (const clientId of ['offline-1', 'offline-2']) {
        expect(
          (await w.enterprise.client.post(`/api/channels/${w.channelB}/messages`, { clientId, text: '离线通知测试' })).statusCode,
        ).toBe(201);
      }
      await expect.poll(async () => (await chatNotices()).length).toBe(1);
      await new Promise((r) => setTimeout(r, 1500));
      expect(await chatNotices()).toHaveLength(1);
      // The enterprise member, connected by socket, is not notified of team B's messages: they see them live.
      const enterpriseNotices = (await w.enterprise.client.get('/api/notifications?unread=1'))
        .json()
        .items.filter((n: { kind: string; data: { channelId?: string } }) => n.kind === 'chat.message' && n.data.channelId === w.channelB);
      expect(enterpriseNotices).toHaveLength(0);
    });

    it('disconnectUser (for a revoked session) disconnects the user and the client does not reconnect by itself', async () => {
      const s = await open(w.teamC.leader.token);
      await connected(s);
      const gone = new Promise<string>((resolve) => s.once('disconnect', resolve));
      await t.app.chat.disconnectUser(w.teamC.leader.id);
      expect(await gone).toBe('io server disconnect');
    });
  });

  describe('Q&A (答疑)', () => {
    it('a team asks; the enterprise answers to all; every bidder receives it without the asker; the demand page shows it', async () => {
      const asked = await w.teamA.leader.client.post(`/api/demands/${w.demandId}/questions`, { text: '数据能否导出到本地？' });
      expect(asked.statusCode, asked.body).toBe(201);
      const questionId = asked.json().id as string;
      // Team B subscribes to the Q&A channel of the sub-topic.
      const qa = (await w.teamB.leader.client.get('/api/channels?mine=1'))
        .json()
        .items.find((c: { kind: string; demandId: string }) => c.kind === 'qa' && c.demandId === w.demandId);
      expect(qa).toBeTruthy();
      const sB = await open(w.teamB.leader.token);
      const sA = await open(w.teamA.leader.token);
      await Promise.all([connected(sB), connected(sA)]);
      expect((await emitAck(sB, 'channel:join', { channelId: qa.id, afterSeq: 0 })).ok).toBe(true);
      expect((await emitAck(sA, 'channel:join', { channelId: qa.id, afterSeq: 0 })).ok).toBe(true);
      const gotB = new Promise<Record<string, unknown>>((resolve) => sB.once('message:new', resolve));
      const gotA = new Promise<Record<string, unknown>>((resolve) => sA.once('message:new', resolve));
      expect((await w.teamB.leader.client.post(`/api/questions/${questionId}/answer`, { text: '不行', toAll: true })).statusCode).toBe(404);
      const answered = await w.enterprise.client.post(`/api/questions/${questionId}/answer`, {
        text: '数据只能在沙箱内使用，不能导出。',
        toAll: true,
      });
      expect(answered.statusCode, answered.body).toBe(200);
      const [msgB, msgA] = await Promise.all([gotB, gotA]);
      for (const msg of [msgB, msgA]) {
        expect(msg).toMatchObject({ text: '数据只能在沙箱内使用，不能导出。', question: { id: questionId, text: '数据能否导出到本地？' } });
        const json = JSON.stringify(msg);
        for (const secret of [w.teamA.teamId, w.teamA.name, w.teamA.leader.id, w.teamA.leader.email, '甲队队长'])
          expect(json).not.toContain(secret);
      }
      const answers = await t.client().get(`/api/demands/${w.demandId}/answers`);
      expect(answers.statusCode).toBe(200);
      expect(answers.json().items).toEqual([
        expect.objectContaining({ question: '数据能否导出到本地？', answer: '数据只能在沙箱内使用，不能导出。' }),
      ]);
      expect(JSON.stringify(answers.json())).not.toContain(w.teamA.name);
      // Offline bidders get an in-app notification.
      const notes = (await w.teamB.leader.client.get('/api/notifications')).json().items;
      expect(notes.some((n: { kind: string }) => n.kind === 'chat.answer.public')).toBe(true);
      expect(
        (await w.enterprise.client.post(`/api/questions/${questionId}/answer`, { text: '再答一次', toAll: false })).json().error.code,
      ).toBe('ALREADY_ANSWERED');
    });

    it('a private answer stays with the asking team until the committee publishes it', async () => {
      const q = (await w.teamB.leader.client.post(`/api/demands/${w.demandId}/questions`, { text: '验收标准可以调整吗？' })).json();
      await w.enterprise.client.post(`/api/questions/${q.id}/answer`, { text: '可以协商。', toAll: false });
      expect((await t.client().get(`/api/demands/${w.demandId}/answers`)).json().items).toHaveLength(1);
      const teamView = (await w.teamB.leader.client.get(`/api/demands/${w.demandId}/questions`)).json().items;
      expect(teamView.find((x: { id: string }) => x.id === q.id)).toMatchObject({ answer: '可以协商。', toAll: false });
      expect(
        (await w.teamA.leader.client.get(`/api/demands/${w.demandId}/questions`)).json().items.some((x: { id: string }) => x.id === q.id),
      ).toBe(false);
      expect((await w.enterprise.client.post(`/api/questions/${q.id}/publish`)).statusCode).toBe(403);
      const published = await w.committee.client.post(`/api/questions/${q.id}/publish`);
      expect(published.statusCode, published.body).toBe(200);
      expect((await t.client().get(`/api/demands/${w.demandId}/answers`)).json().items).toHaveLength(2);
    });

    it('refuses questions from the public, the enterprise, an expert, a stranger, and after the sub-topic closes', async () => {
      expect((await t.client().post(`/api/demands/${w.demandId}/questions`, { text: '你好' })).statusCode).toBe(401);
      for (const who of [w.enterprise, w.expert, w.stranger]) {
        const res = await who.client.post(`/api/demands/${w.demandId}/questions`, { text: '你好' });
        expect(res.statusCode).toBe(403);
      }
      expect((await w.teamC.leader.client.post(`/api/demands/${w.demandId}/questions`, { text: '长'.repeat(1001) })).statusCode).toBe(400);
      // Team C (not bidding) may ask while the sub-topic is open; then the enterprise closes it.
      expect((await w.teamC.leader.client.post(`/api/demands/${w.demandId}/questions`, { text: '还能报名吗？' })).statusCode).toBe(201);
      now = new Date(Date.now() + 31 * 24 * 3600 * 1000);
      try {
        const late = await w.teamC.leader.client.post(`/api/demands/${w.demandId}/questions`, { text: '截止后提问' });
        expect(late.statusCode).toBe(409);
        expect(late.json().error.code).toBe('DEMAND_NOT_OPEN');
        const post = await w.enterprise.client.post(`/api/channels/${w.channelA}/messages`, {
          clientId: 'after-close',
          text: '截止后发言',
        });
        expect(post.statusCode).toBe(409);
        expect(post.json().error.code).toBe('DEMAND_NOT_OPEN');
        const s = await open(w.teamA.leader.token);
        await connected(s);
        const ack = await emitAck(s, 'message:send', { channelId: w.channelA, clientId: 'after-close-sock', text: '截止后发言' });
        expect(ack).toMatchObject({ ok: false, error: { code: 'DEMAND_NOT_OPEN', status: 409 } });
      } finally {
        now = new Date();
      }
    });
  });

  describe('announcements (公告)', () => {
    it('the committee announces; participants read; the committee sees who read it', async () => {
      const channels = (await w.committee.client.get('/api/channels?mine=1')).json().items;
      const ann = channels.find((c: { kind: string; editionId: string }) => c.kind === 'announcement' && c.editionId === w.editionId);
      expect(ann).toBeTruthy();
      const posted = await w.committee.client.post(`/api/channels/${ann.id}/messages`, {
        clientId: 'ann-1',
        text: '请各团队按时提交材料。',
      });
      expect(posted.statusCode, posted.body).toBe(201);
      expect((await w.teamA.leader.client.post(`/api/channels/${ann.id}/messages`, { clientId: 'x', text: '我也发公告' })).statusCode).toBe(
        403,
      );
      expect((await w.stranger.client.get(`/api/channels/${ann.id}/messages`)).statusCode).toBe(404);
      expect((await w.teamA.leader.client.post(`/api/channels/${ann.id}/read`, { seq: 1 })).statusCode).toBe(200);
      const exported = (await w.committee.client.get(`/api/channels/${ann.id}/export`)).json();
      expect(exported.receipts[0].readers.map((r: { userId: string }) => r.userId)).toEqual(expect.arrayContaining([w.teamA.leader.id]));
      expect(exported.receipts[0].readers.map((r: { userId: string }) => r.userId)).not.toContain(w.teamB.leader.id);
      const demandExport = await w.supervisor.client.get(`/api/demands/${w.demandId}/chat-export`);
      expect(demandExport.statusCode).toBe(200);
      expect(demandExport.json().questions.length).toBeGreaterThanOrEqual(2);
    });
  });
});
