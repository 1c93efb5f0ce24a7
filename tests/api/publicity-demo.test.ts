import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '@jb/api/seed/demo.ts';
import { RESULTS_EDITION_SLUG } from '@jb/api/seed/demo-publicity.ts';
import { verifyDossier } from '@jb/api/modules/dossier/manifest.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

/** On a fresh demo, a past edition shows final results, a closed publicity, one rejected report, feedback and a dossier. */
describe('demo data for publicity and results', () => {
  let t: TestApp;
  let editionId: string;
  const login = async (email: string) => {
    const res = await t.client().post('/api/auth/login', { email, password: DEMO_PASSWORD });
    expect(res.statusCode, res.body).toBe(200);
    return t.client(res.json().token);
  };

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t.db, new Date(), { storage: t.storage });
    editionId = (await t.db.selectFrom('editions').select('id').where('slug', '=', RESULTS_EDITION_SLUG).executeTakeFirstOrThrow()).id;
  });
  afterAll(() => t?.close());

  it('the public page shows the winners of a publicity that ended: results are final', async () => {
    const view = (await t.client().get(`/api/editions/${editionId}/publicity`)).json();
    expect(view.notice).toMatchObject({ state: 'final', days: 7, reports: { pending: 0, undecided: 0, upheld: 0 } });
    const winners = view.tracks.flatMap((tr: { winners: unknown[] }) => tr.winners);
    expect(winners.map((w: { level: string }) => w.level)).toEqual(['first', 'second', 'third']);
    expect(winners.some((w: { priorityRecommendation: boolean }) => w.priorityRecommendation)).toBe(true);
    const list = (await t.client().get('/api/publicity')).json();
    expect(list.items.map((n: { editionId: string }) => n.editionId)).toContain(editionId);
  });

  it('one report, rejected with a written ruling; the supervisor sees the reporter, the committee does not', async () => {
    const supervisor = (await (await login('supervisor@demo.cn')).get(`/api/publicity-reports?editionId=${editionId}`)).json();
    expect(supervisor.items).toHaveLength(1);
    expect(supervisor.items[0]).toMatchObject({ status: 'rejected', realName: '郑文', identityHidden: false });
    expect(supervisor.items[0].ruling).toContain('举报不成立');
    const committee = (await (await login('committee@demo.cn')).get(`/api/publicity-reports?editionId=${editionId}`)).json();
    expect(committee.items[0]).toMatchObject({ realName: null, phone: null, identityHidden: true });
    const mine = (await (await login('e06@demo.cn')).get('/api/publicity-reports/mine')).json();
    expect(mine.items[0]).toMatchObject({ status: 'rejected' });
    const evidence = supervisor.items[0].evidence[0];
    const file = await (await login('supervisor@demo.cn')).get(`/api/publicity-reports/${supervisor.items[0].id}/evidence/${evidence.id}`);
    expect(file.statusCode).toBe(200);
  });

  it('a team reads its feedback; the committee downloads a dossier that verifies; seeding again changes nothing', async () => {
    const yyteam1 = await login('yyteam1@demo.cn');
    const teams = (await yyteam1.get('/api/teams?mine=1')).json().items as { id: string; edition: { id: string } }[];
    const team = teams.find((x) => x.edition.id === editionId)!;
    const fb = await yyteam1.get(`/api/teams/${team.id}/feedback`);
    expect(fb.statusCode, fb.body).toBe(200);
    expect(fb.json().rounds[0].comments.length).toBeGreaterThan(0);
    const zip = await (await login('committee@demo.cn')).get(`/api/editions/${editionId}/dossier.zip`);
    expect(zip.statusCode).toBe(200);
    expect(verifyDossier(new Uint8Array(zip.rawPayload)).ok).toBe(true);

    const count = async () =>
      Number(
        (
          await t.db
            .selectFrom('publicity_reports')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    await seedDemo(t.db, new Date(), { storage: t.storage });
    expect(await count()).toBe(before);
  });
});
