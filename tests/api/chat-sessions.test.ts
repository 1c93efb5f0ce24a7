import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { connect, connected, emitAck, listen } from '../support/chat.ts';

// The socket is authenticated like HTTP: a session ended by logout no longer opens or keeps a socket.
describe('chat sockets follow the server-side session', () => {
  let t: TestApp;
  let url: string;

  beforeAll(async () => {
    t = await createTestApp({ loginLimits: { registrationsPerIpPer10Minutes: 10_000 } });
    url = await listen(t);
  });
  afterAll(() => t.close());

  it('logout disconnects the live socket and refuses the token afterwards; another session stays usable', async () => {
    const user = await t.signUp();
    const other = (await t.client().post('/api/auth/login', { email: user.email, password: user.password })).json().token as string;
    const socket = connect(url, user.token, { reconnection: false });
    await connected(socket);
    const dropped = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));

    expect((await user.client.post('/api/auth/logout', {})).statusCode).toBeLessThan(300);
    await dropped;

    const again = connect(url, user.token, { reconnection: false });
    await expect(connected(again)).rejects.toMatchObject({ data: { code: 'UNAUTHENTICATED' } });
    again.disconnect();

    const stillIn = connect(url, other, { reconnection: false });
    await connected(stillIn);
    const ack = await emitAck(stillIn, 'channel:join', { channelId: '00000000-0000-4000-8000-000000000000', afterSeq: 0 });
    expect(ack.ok).toBe(false);
    expect(ack.error?.code).not.toBe('UNAUTHENTICATED');
    stillIn.disconnect();
  });
});
