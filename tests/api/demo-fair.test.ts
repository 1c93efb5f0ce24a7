import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FAIR_NAME, demoFairTeams } from '@jb/api/seed/demo-fair.ts';
import { seedDemo } from '@jb/api/seed/demo.ts';
import type { TestApp } from '../support/app.ts';
import { createDemoApp } from '../support/demo.ts';

describe('demo data for the docking fair', () => {
  let t: TestApp;
  let fairId: string;
  let login: Awaited<ReturnType<typeof createDemoApp>>['login'];

  beforeAll(async () => {
    ({ t, login } = await createDemoApp());
    const edition = await t.db.selectFrom('editions').select('id').where('slug', '=', 'hebei-2025').executeTakeFirstOrThrow();
    const fairs = (await t.client().get(`/api/editions/${edition.id}/fairs`)).json().items;
    expect(fairs.map((f: { name: string }) => f.name)).toEqual([DEMO_FAIR_NAME]);
    fairId = fairs[0].id;
    expect(fairs[0].programme).toHaveLength(3);
  });
  afterAll(() => t.close());

  it('the committee sees a computed schedule with every accepted meeting placed, and the dashboard', async () => {
    const committee = await login('committee@demo.cn');
    const s = (await committee.get(`/api/fairs/${fairId}/schedule`)).json();
    expect(s.meetings.length).toBeGreaterThanOrEqual(6);
    expect(s.lastRun).toMatchObject({ placed: s.meetings.length, unplaced: [] });
    expect(s.meetings.every((m: { table: number | null }) => m.table !== null)).toBe(true);
    expect((await committee.get(`/api/fairs/${fairId}/dashboard`)).json().totals.meetings).toBe(s.meetings.length);
  });

  it('an enterprise has a request waiting and a team sees its agenda with tables', async () => {
    const enterprise2 = await login('enterprise2@demo.cn');
    const fair = (await enterprise2.get(`/api/fairs/${fairId}`)).json();
    const [me] = fair.myParticipants;
    const pending = (await enterprise2.get(`/api/fairs/${fairId}/requests?participantId=${me.id}&status=pending`)).json().items;
    expect(pending).toEqual([expect.objectContaining({ canRespond: true, from: expect.objectContaining({ name: '钢铁智算队' }) })]);
    const team3 = await login('team3@demo.cn');
    const mine = (await team3.get(`/api/fairs/${fairId}`)).json().myParticipants[0];
    const agenda = (await team3.get(`/api/fairs/${fairId}/agenda?participantId=${mine.id}`)).json();
    expect(agenda.meetings.length).toBe(2);
    expect(agenda.meetings.every((m: { table: number }) => m.table >= 1)).toBe(true);
  });

  it('each demo team’s own target sub-topic is recommended to it with reasons (the labelled pairs)', async () => {
    for (const spec of demoFairTeams) {
      const client = await login(spec.email);
      const [team] = (await client.get('/api/teams?mine=1')).json().items;
      const recs = (await client.get(`/api/recommendations?for=team&teamId=${team.id}&limit=5`)).json().items;
      const hit = recs.find((r: { title: string }) => r.title === spec.targetTitle);
      expect(hit, spec.team).toBeDefined();
      expect(hit.reasons.length).toBeGreaterThan(0);
    }
  });

  it('seeding again changes nothing', async () => {
    const count = async () =>
      Number(
        (
          await t.db
            .selectFrom('meetings')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    await seedDemo(t.db, new Date(), { storage: t.storage });
    expect(await count()).toBe(before);
    expect(
      Number(
        (
          await t.db
            .selectFrom('fairs')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(1);
  });
});
