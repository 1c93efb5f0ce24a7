import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '@jb/api/seed/demo.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

describe('demo data for chat', () => {
  let t: TestApp;
  const login = async (email: string) => {
    const res = await t.client().post('/api/auth/login', { email, password: DEMO_PASSWORD });
    expect(res.statusCode, res.body).toBe(200);
    return t.client(res.json().token);
  };

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t.db, new Date(), { storage: t.storage });
  });
  afterAll(() => t.close());

  it('enterprise2 and team2 share a private channel with history; the UDI sub-topic has public answers; a question waits', async () => {
    const team2 = await login('team2@demo.cn');
    const enterprise2 = await login('enterprise2@demo.cn');
    const mine = (await team2.get('/api/channels?mine=1')).json().items;
    const privateChannel = mine.find((c: { kind: string }) => c.kind === 'private');
    expect(privateChannel).toMatchObject({ notice: '本对话受组委会监督', lastSeq: 5 });
    const history = (await enterprise2.get(`/api/channels/${privateChannel.id}/messages`)).json().items;
    expect(history.map((m: { sender: { side: string } }) => m.sender.side)).toEqual(['team', 'enterprise', 'team', 'enterprise', 'team']);
    const answers = (await t.client().get(`/api/demands/${privateChannel.demandId}/answers`)).json().items;
    expect(answers).toHaveLength(2);
    const questions = (await enterprise2.get(`/api/demands/${privateChannel.demandId}/questions`)).json();
    expect(questions.canAnswer).toBe(true);
    expect(questions.items.filter((q: { answer: string | null }) => q.answer === null)).toHaveLength(1);
    const committee = await login('committee@demo.cn');
    const announcement = (await committee.get('/api/channels?mine=1'))
      .json()
      .items.find((c: { kind: string }) => c.kind === 'announcement');
    expect(announcement.lastSeq).toBe(1);
  });

  it('seeding again changes nothing', async () => {
    const count = async () =>
      Number(
        (
          await t.db
            .selectFrom('chat_messages')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    await seedDemo(t.db, new Date(), { storage: t.storage });
    expect(await count()).toBe(before);
  });
});
