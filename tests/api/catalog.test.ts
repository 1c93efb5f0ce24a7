import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, DEMO_EDITION_SLUG } from '@jb/api/seed/demo.ts';
import { createTestApp, type SignedUp, type TestApp } from '../support/app.ts';

const phases = {
  registration: { start: '2025-06-01T00:00:00+08:00', end: '2025-07-15T23:59:59+08:00' },
  submission: { start: '2025-06-01T00:00:00+08:00', end: '2025-07-20T23:59:59+08:00' },
  compliance: { start: '2025-07-21T00:00:00+08:00', end: '2025-07-31T23:59:59+08:00' },
  preliminaryReview: { start: '2025-08-01T00:00:00+08:00', end: '2025-08-15T23:59:59+08:00' },
  verification: { start: '2025-08-16T00:00:00+08:00', end: '2025-08-20T23:59:59+08:00' },
  final: { start: '2025-08-25T00:00:00+08:00', end: '2025-08-27T23:59:59+08:00' },
  dockingFair: { start: '2025-08-25T00:00:00+08:00', end: '2025-08-27T23:59:59+08:00' },
  publicity: { start: '2025-09-01T00:00:00+08:00', end: '2025-09-07T23:59:59+08:00' },
};

describe('demo catalog', () => {
  let t: TestApp;
  let editionId: string;
  beforeAll(async () => {
    t = await createTestApp();
    editionId = (await seedDemo(t.db)).editionId;
  });
  afterAll(() => t.close());

  it('serves the 2025 Hebei edition with its 15 tracks and their topics to the public', async () => {
    const res = await t.client().get(`/api/editions/${editionId}`);
    expect(res.statusCode).toBe(200);
    const edition = res.json();
    expect(edition.name).toBe('2025年“数据要素×”大赛河北分赛');
    expect(edition.tracks).toHaveLength(15);
    expect(edition.tracks.map((tr: { name: string }) => tr.name)).toEqual([
      '工业制造',
      '现代农业',
      '商贸流通',
      '交通运输',
      '金融服务',
      '科技创新',
      '文化旅游',
      '医疗健康',
      '医疗保障',
      '应急管理',
      '气象服务',
      '城市治理',
      '绿色低碳',
      '开放创新',
      '京津冀协同发展',
    ]);
    expect(edition.tracks.map((tr: { topics: unknown[] }) => tr.topics.length)).toEqual([6, 10, 7, 7, 6, 4, 8, 5, 5, 3, 3, 13, 4, 4, 9]);
    expect(edition.topicCount).toBe(94);
    expect(edition.tracks[0].topics[0].title).toBe('提升创新研发能力，推动制造高端化发展');
    const govTracks = edition.tracks
      .filter((tr: { governmentAllowed: boolean }) => tr.governmentAllowed)
      .map((tr: { name: string }) => tr.name);
    expect(govTracks.sort()).toEqual(['京津冀协同发展', '城市治理', '应急管理', '开放创新', '气象服务'].sort());
    expect(edition.rules).toEqual({ maxTeamSize: 5, reviewWeights: { enterprise: 80, expert: 20 }, publicityDays: 7 });
  });

  it('puts a freshly seeded demo in its registration phase', async () => {
    const edition = (await t.client().get(`/api/editions/${editionId}`)).json();
    expect(edition.currentPhases).toContain('registration');
    expect(Object.keys(edition.phases).sort()).toEqual(Object.keys(phases).sort());
  });

  it('is idempotent', async () => {
    const again = await seedDemo(t.db);
    expect(again.editionId).toBe(editionId);
    const editions = await t.db.selectFrom('editions').select('id').where('slug', '=', DEMO_EDITION_SLUG).execute();
    expect(editions).toHaveLength(1);
    const tracks = await t.db.selectFrom('tracks').select('id').where('edition_id', '=', editionId).execute();
    expect(tracks).toHaveLength(15);
    const users = await t.db.selectFrom('users').select('email').where('email', 'like', '%@demo.cn').execute();
    expect(users).toHaveLength(30); // 8 role accounts + 12 more demo enterprises + 6 of the 益阳 review demo (expert3, yyteam1…5) + 4 docking-fair teams
    const demands = await t.db.selectFrom('demands').select('id').where('edition_id', '=', editionId).execute();
    expect(demands).toHaveLength(20);
  });

  it('publishes the 20 Hebei enterprise sub-topics, one of them with overdue data', async () => {
    const list = (await t.client().get(`/api/demands?edition=${editionId}&pageSize=100`)).json();
    expect(list.total).toBe(20);
    const titles = list.items.map((d: { title: string }) => d.title);
    expect(titles).toEqual(
      expect.arrayContaining([
        '化工安全智教：多模型融合的安全生产决策体系',
        '医疗器械全链追溯：UDI驱动的产供销智能协同',
        '车网协同：数据驱动的交通能源减排与清洁化转型',
      ]),
    );
    expect(list.items.every((d: { status: string }) => d.status === 'published')).toBe(true);
    expect(list.items.filter((d: { dataOverdue: boolean }) => d.dataOverdue)).toHaveLength(1);
    const steel = list.items.filter((d: { org: { name: string } }) => d.org.name === '冀中钢铁集团有限公司（演示）');
    expect(steel).toHaveLength(2);
    // the demo enterprise account manages its demands
    const login = await t.client().post('/api/auth/login', { email: 'enterprise1@demo.cn', password: 'Demo@2025' });
    const mine = (await t.client(login.json().token).get(`/api/demands?mine=1&edition=${editionId}&pageSize=100`)).json();
    expect(mine.items.map((d: { id: string }) => d.id).sort()).toEqual(steel.map((d: { id: string }) => d.id).sort());
  });

  it('lets the demo committee account log in', async () => {
    const res = await t.client().post('/api/auth/login', { email: 'committee@demo.cn', password: 'Demo@2025' });
    expect(res.statusCode).toBe(200);
    expect(res.json().user.roles).toEqual(['committee']);
  });

  it('lists editions publicly with counts', async () => {
    const { items } = (await t.client().get('/api/editions')).json();
    // the Hebei edition, the 益阳 edition of the joint-review demo and the past edition of the results demo
    expect(items).toHaveLength(3);
    expect(items).toContainEqual(expect.objectContaining({ id: editionId, trackCount: 15, topicCount: 94 }));
  });
});

describe('catalog management', () => {
  let t: TestApp;
  let committee: SignedUp;
  let others: Record<string, SignedUp>;
  let editionId: string;
  let trackId: string;
  let topicId: string;

  /** A new edition with no tracks, made by the committee. */
  const newEdition = async () => {
    const res = await committee.client.post('/api/editions', {
      name: '2025年“数据要素×”大赛测试分赛',
      year: 2025,
      region: '测试省',
      phases,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  /** A new edition with one track (T01) holding one topic (position 1). */
  const newCatalog = async () => {
    const editionId = await newEdition();
    const track = await committee.client.post(`/api/editions/${editionId}/tracks`, { name: '城市治理', governmentAllowed: true });
    expect(track.statusCode, track.body).toBe(201);
    const trackId = track.json().id as string;
    const topic = await committee.client.post(`/api/tracks/${trackId}/topics`, {
      title: '优化城市管理方式',
      description: '推动城市数据整合共享。',
    });
    expect(topic.statusCode, topic.body).toBe(201);
    return { editionId, trackId, topicId: topic.json().id as string };
  };

  // editionId, trackId and topicId: a catalog only the refused writes below aim at (they change nothing).
  // Tests that change a catalog make their own.
  beforeAll(async () => {
    t = await createTestApp();
    committee = await t.signUp({ roles: ['committee'] });
    others = {
      supervisor: await t.signUp({ roles: ['supervisor'] }),
      expert: await t.signUp({ roles: ['expert'] }),
      member: await t.signUp(),
    };
    ({ editionId, trackId, topicId } = await newCatalog());
  });
  afterAll(() => t.close());

  it('creates an edition with default rules', async () => {
    const res = await committee.client.post('/api/editions', {
      name: '2025年“数据要素×”大赛测试分赛',
      year: 2025,
      region: '测试省',
      phases,
    });
    expect(res.statusCode).toBe(201);
    const edition = res.json();
    expect(edition.rules).toEqual({ maxTeamSize: 5, reviewWeights: { enterprise: 80, expert: 20 }, publicityDays: 7 });
    expect(edition.phases.registration).toEqual({ start: '2025-05-31T16:00:00.000Z', end: '2025-07-15T15:59:59.000Z' });
    expect(edition.tracks).toEqual([]);
  });

  it('adds tracks (with governmentAllowed) and topics', async () => {
    const editionId = await newEdition();
    const track = await committee.client.post(`/api/editions/${editionId}/tracks`, { name: '城市治理', governmentAllowed: true });
    expect(track.statusCode).toBe(201);
    const trackId = track.json().id;
    expect(track.json()).toMatchObject({ code: 'T01', position: 1, fullName: '数据要素×城市治理', governmentAllowed: true });

    const topic = await committee.client.post(`/api/tracks/${trackId}/topics`, {
      title: '优化城市管理方式',
      description: '推动城市数据整合共享。',
    });
    expect(topic.statusCode).toBe(201);
    const second = await committee.client.post(`/api/tracks/${trackId}/topics`, { title: '第二个赛题' });
    expect(second.json().position).toBe(2);

    const edition = (await t.client().get(`/api/editions/${editionId}`)).json();
    expect(edition.tracks[0].topics.map((x: { title: string }) => x.title)).toEqual(['优化城市管理方式', '第二个赛题']);
  });

  it('refuses a taken topic position and a duplicate track code with 409', async () => {
    const { editionId, trackId } = await newCatalog();
    const dup = await committee.client.post(`/api/tracks/${trackId}/topics`, { title: '重复序号', position: 1 });
    expect(dup.statusCode).toBe(409);
    const code = await committee.client.post(`/api/editions/${editionId}/tracks`, { name: '另一个', code: 'T01' });
    expect(code.statusCode).toBe(409);
  });

  it('edits rules and single phases, keeping the others', async () => {
    const editionId = await newEdition();
    const res = await committee.client.patch(`/api/editions/${editionId}`, {
      rules: { maxTeamSize: 4, reviewWeights: { enterprise: 70, expert: 30 }, publicityDays: 10 },
      phases: { publicity: { start: '2025-09-02T00:00:00+08:00', end: '2025-09-11T23:59:59+08:00' } },
    });
    expect(res.statusCode).toBe(200);
    const edition = res.json();
    expect(edition.rules).toEqual({ maxTeamSize: 4, reviewWeights: { enterprise: 70, expert: 30 }, publicityDays: 10 });
    expect(edition.phases.publicity.start).toBe('2025-09-01T16:00:00.000Z');
    expect(edition.phases.registration.start).toBe('2025-05-31T16:00:00.000Z');
  });

  it('refuses weights that do not sum to 100, a phase that ends before it starts, and a team size of 0', async () => {
    const editionId = await newEdition();
    const weights = await committee.client.patch(`/api/editions/${editionId}`, {
      rules: { maxTeamSize: 5, reviewWeights: { enterprise: 80, expert: 30 }, publicityDays: 7 },
    });
    expect(weights.statusCode).toBe(400);
    expect(weights.json().error.details.issues[0]).toMatchObject({
      path: 'body.rules.reviewWeights',
      message: '企业与专家评分权重之和必须为 100',
    });

    const backwards = await committee.client.patch(`/api/editions/${editionId}`, {
      phases: { final: { start: '2025-08-27T00:00:00+08:00', end: '2025-08-25T00:00:00+08:00' } },
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.details.issues[0].path).toBe('body.phases.final.end');

    const size = await committee.client.patch(`/api/editions/${editionId}`, {
      rules: { maxTeamSize: 0, reviewWeights: { enterprise: 80, expert: 20 }, publicityDays: 7 },
    });
    expect(size.statusCode).toBe(400);

    const noOffset = await committee.client.patch(`/api/editions/${editionId}`, {
      phases: { final: { start: '2025-08-25 00:00', end: '2025-08-27' } },
    });
    expect(noOffset.statusCode).toBe(400);

    const edition = (await t.client().get(`/api/editions/${editionId}`)).json();
    // Unchanged: still the default weights.
    expect(edition.rules.reviewWeights).toEqual({ enterprise: 80, expert: 20 });
  });

  it.each(['supervisor', 'expert', 'member'])('refuses every catalog write by a %s with 403', async (who) => {
    const c = others[who].client;
    const attempts = [
      await c.post('/api/editions', { name: '非法赛事', year: 2025, region: '某省', phases }),
      await c.patch(`/api/editions/${editionId}`, { name: '改名' }),
      await c.delete(`/api/editions/${editionId}`),
      await c.post(`/api/editions/${editionId}/tracks`, { name: '非法赛道' }),
      await c.patch(`/api/tracks/${trackId}`, { name: '改名' }),
      await c.delete(`/api/tracks/${trackId}`),
      await c.post(`/api/tracks/${trackId}/topics`, { title: '非法赛题' }),
      await c.patch(`/api/topics/${topicId}`, { title: '改名' }),
      await c.delete(`/api/topics/${topicId}`),
    ];
    expect(attempts.map((r) => r.statusCode)).toEqual(Array(9).fill(403));
    expect(attempts.every((r) => r.json().error.code === 'FORBIDDEN')).toBe(true);
  });

  it('refuses catalog writes by the public with 401', async () => {
    const res = await t.client().post('/api/editions', { name: '非法赛事', year: 2025, region: '某省', phases });
    expect(res.statusCode).toBe(401);
    expect((await t.client().delete(`/api/topics/${topicId}`)).statusCode).toBe(401);
  });

  it('updates and deletes topics and tracks', async () => {
    const { editionId, trackId, topicId } = await newCatalog();
    const renamed = await committee.client.patch(`/api/topics/${topicId}`, { title: '优化城市管理方式（修订）' });
    expect(renamed.json().title).toBe('优化城市管理方式（修订）');
    const track = await committee.client.patch(`/api/tracks/${trackId}`, { governmentAllowed: false });
    expect(track.json().governmentAllowed).toBe(false);
    expect((await committee.client.delete(`/api/topics/${topicId}`)).statusCode).toBe(204);
    expect((await t.client().get(`/api/topics/${topicId}`)).statusCode).toBe(404);
    expect((await committee.client.delete(`/api/tracks/${trackId}`)).statusCode).toBe(204);
    expect((await committee.client.delete(`/api/tracks/${trackId}`)).statusCode).toBe(404);
    expect((await committee.client.delete(`/api/editions/${editionId}`)).statusCode).toBe(204);
    expect((await t.client().get(`/api/editions/${editionId}`)).statusCode).toBe(404);
  });
});
