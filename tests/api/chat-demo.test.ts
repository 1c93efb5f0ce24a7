import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '@jb/api/seed/demo.ts';
import type { TestApp } from '../support/app.ts';
import { createDemoApp } from '../support/demo.ts';

describe('demo data for chat', () => {
  let t: TestApp;
  let login: Awaited<ReturnType<typeof createDemoApp>>['login'];

  beforeAll(async () => {
    ({ t, login } = await createDemoApp());
  });
  afterAll(() => t.close());

  it('enterprise2 and team2 share a private channel with history; the UDI sub-topic has public answers; a question waits', async () => {
    const team2 = await login('team2@demo.cn');
    const enterprise2 = await login('enterprise2@demo.cn');
    const mine = (await team2.get('/api/channels?mine=1')).json().items;
    const privateChannel = mine.find((c: { kind: string }) => c.kind === 'private');
    // five demo messages, then the 落地实施 system message of the demo implementation (enterprise2 × team2)
    expect(privateChannel).toMatchObject({ notice: '本对话受组委会监督', lastSeq: 6 });
    const history = (await enterprise2.get(`/api/channels/${privateChannel.id}/messages`)).json().items;
    expect(history.map((m: { sender: { side: string } }) => m.sender.side)).toEqual([
      'team',
      'enterprise',
      'team',
      'enterprise',
      'team',
      'system',
    ]);
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
