import { mkdir, readdir, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedUp, type TestApp } from '../support/app.ts';
import { completeDemand, createCatalog, createOrg } from '../support/fixtures.ts';
import { createTeam, fullSections, tinyPdf, upload } from '../support/teams.ts';

const KB = 1024;
const NUL = 'a\u0000b';
const LONE = 'a\ud800b';

const expectValidationFailed = (res: { statusCode: number; json(): { error: { code: string } } }, label: string) => {
  expect(res.statusCode, label).toBe(400);
  expect(res.json().error.code, label).toBe('VALIDATION_FAILED');
};

describe('hostile input: NUL bytes, lone surrogates, huge integers, malformed multipart, empty bodies', () => {
  let t: TestApp;
  let committee: SignedUp;
  let owner: SignedUp;
  let orgId: string;
  let demand: { id: string; version: number };
  let projectId: string;

  beforeAll(async () => {
    t = await createTestApp({
      uploadLimits: { documentBytes: 64 * KB, videoBytes: 128 * KB },
      loginLimits: { registrationsPerIpPer10Minutes: 1000 },
    });
    [committee, owner] = await Promise.all([t.signUp({ roles: ['committee'] }), t.signUp()]);
    const { editionId, topicId } = await createCatalog(committee);
    orgId = await createOrg(t, owner, 'enterprise');
    const created = await owner.client.post('/api/demands', completeDemand(topicId, orgId));
    expect(created.statusCode, created.body).toBe(201);
    demand = created.json();
    const team = await createTeam(owner, editionId, orgId);
    projectId = (
      await owner.client.post('/api/projects', { teamId: team.id, topicId, name: '输入测试项目', sections: fullSections() })
    ).json().id;
  });
  afterAll(() => t.close());

  it.each([
    ['NUL', NUL, '%00'],
    ['lone surrogate', LONE, '%ED%A0%80'],
  ])('refuses a %s in any string with 400 VALIDATION_FAILED, naming where', async (_label, bad, inUrl) => {
    const cases = [
      [
        'register displayName',
        t.client().post('/api/auth/register', { email: 'hostile@example.cn', password: 'hostile-pass-1', displayName: bad }),
      ],
      ['demand title', owner.client.patch(`/api/demands/${demand.id}`, { version: demand.version, title: bad })],
      [
        'org name',
        owner.client.post('/api/orgs', { name: `某${bad}公司`, creditCode: '91130100MA0000001X', kind: 'enterprise', region: '河北' }),
      ],
      ['search q', t.client().get(`/api/search/demands?q=a${inUrl}b`)],
      ['search region', t.client().get(`/api/search/demands?region=a${inUrl}b`)],
      ['org lookup', owner.client.get(`/api/orgs/lookup?creditCode=9113${inUrl}`)],
      ['users q', committee.client.get(`/api/users?q=a${inUrl}b`)],
      ['an object key', owner.client.patch(`/api/demands/${demand.id}`, { version: demand.version, [`k${bad}`]: 1 })],
    ] as const;
    for (const [label, pending] of cases) {
      const res = await pending;
      // In a URL a lone surrogate cannot be encoded: its bytes (%ED%A0%80) stay as they are, which is harmless text.
      if (
        _label === 'lone surrogate' &&
        !label.startsWith('register') &&
        ['search q', 'search region', 'users q', 'org lookup'].includes(label)
      ) {
        expect(res.statusCode, label).toBeLessThan(500);
        continue;
      }
      expectValidationFailed(res, label);
    }
    const title = await owner.client.patch(`/api/demands/${demand.id}`, { version: demand.version, title: bad });
    expect(title.json().error.details.issues[0].path).toBe('body.title');
  });

  it('keeps a well-formed surrogate pair (an emoji) and ordinary Chinese text', async () => {
    const res = await owner.client.patch(`/api/demands/${demand.id}`, { version: demand.version, title: '智能排产 🚀 优化' });
    expect(res.statusCode, res.body).toBe(200);
    demand = res.json();
  });

  it('refuses integers the database cannot store (version above 2^31) with 400, and a page beyond reach', async () => {
    const res = await owner.client.patch(`/api/demands/${demand.id}`, { version: 2 ** 31 + 5, title: '版本号过大' });
    expectValidationFailed(res, 'version');
    const huge = await owner.client.patch(`/api/demands/${demand.id}`, { version: 1e300, title: '版本号过大' });
    expectValidationFailed(huge, 'version 1e300');
    const project = await owner.client.patch(`/api/projects/${projectId}`, { version: 2 ** 40, name: '版本号过大' });
    expectValidationFailed(project, 'project version');
    const page = await owner.client.get('/api/demands?page=99999999999999');
    expect(page.statusCode).toBeLessThan(500);
    const versionParam = await owner.client.get(`/api/projects/${projectId}/versions/3000000000`);
    expect(versionParam.statusCode).toBe(400);
  });

  it('refuses malformed multipart (no boundary, cut-off body) with 400', async () => {
    const noBoundary = await owner.client.request('POST', `/api/projects/${projectId}/materials`, 'garbage', {
      'content-type': 'multipart/form-data',
    });
    expect(noBoundary.statusCode, noBoundary.body).toBe(400);
    expect(noBoundary.json().error.code).toBeDefined();
    const boundary = '----jbcut';
    const cut = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="category"\r\n\r\nqualification\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 cut here`,
    );
    const cutOff = await owner.client.request('POST', `/api/projects/${projectId}/materials`, cut, {
      'content-type': `multipart/form-data; boundary=${boundary}`,
    });
    expect(cutOff.statusCode, cutOff.body).toBe(400);
    expect(cutOff.json().error).toMatchObject({ code: 'BAD_REQUEST' });
    const nulName = await upload(owner.client, projectId, { category: 'qualification', fileName: 'a\u0000.pdf', content: tinyPdf() });
    expect(nulName.statusCode).toBe(400);
  });

  it('body-less POSTs work without {} (no content type, and an empty JSON body)', async () => {
    // make the demand public so it can be followed
    await owner.client.post(`/api/demands/${demand.id}/submit`, undefined as never);
    const queue = await committee.client.request('POST', `/api/demands/${demand.id}/review`, { decision: 'approve' });
    expect(queue.statusCode, queue.body).toBe(200);
    const follower = await t.signUp();
    const bare = await follower.client.request('POST', `/api/demands/${demand.id}/follow`);
    expect(bare.statusCode, bare.body).toBeLessThan(300);
    const emptyJson = await follower.client.request('POST', `/api/demands/${demand.id}/unfollow`, '', {
      'content-type': 'application/json',
    });
    expect(emptyJson.statusCode, emptyJson.body).toBeLessThan(300);
  });
});

describe('uploads: the category limit while streaming, staging cleaned, long names keep their extension', () => {
  let t: TestApp;
  let leader: SignedUp;
  let projectId: string;
  const limits: (number | undefined)[] = [];

  beforeAll(async () => {
    t = await createTestApp({ uploadLimits: { documentBytes: 64 * KB, videoBytes: 1024 * KB } });
    const committee = await t.signUp({ roles: ['committee'] });
    leader = await t.signUp();
    const { editionId, topicId } = await createCatalog(committee);
    const orgId = await createOrg(t, leader, 'university');
    const team = await createTeam(leader, editionId, orgId);
    projectId = (
      await leader.client.post('/api/projects', { teamId: team.id, topicId, name: '上传测试项目', sections: fullSections() })
    ).json().id;
    const stage = t.storage.stage.bind(t.storage);
    t.storage.stage = (input, options) => {
      limits.push(options?.maxBytes);
      return stage(input, options);
    };
  });
  afterAll(() => t.close());

  it('stops reading a document at the document limit (not the video limit) and answers 413', async () => {
    limits.length = 0;
    const res = await upload(leader.client, projectId, { category: 'qualification', fileName: 'big.pdf', content: tinyPdf(200 * KB) });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('FILE_TOO_LARGE');
    expect(limits).toEqual([64 * KB]);
    const staging = path.join((t.storage as unknown as { root: string }).root, 'staging');
    expect(await readdir(staging).catch(() => [])).toEqual([]);
  });

  it('keeps the extension when shortening a very long file name', async () => {
    const res = await upload(leader.client, projectId, {
      category: 'qualification',
      fileName: `${'很长的文件名'.repeat(900)}.pdf`,
      content: tinyPdf(),
    });
    expect(res.statusCode, res.body).toBe(201);
    const name: string = res.json().fileName;
    expect(name.endsWith('.pdf')).toBe(true);
    expect([...name].length).toBeLessThanOrEqual(200);
  });

  it('cleans staged files left by crashed uploads (all at start, old ones periodically)', async () => {
    const staging = path.join((t.storage as unknown as { root: string }).root, 'staging');
    await mkdir(staging, { recursive: true });
    await writeFile(path.join(staging, 'crashed-old'), 'x');
    const old = new Date(Date.now() - 2 * 3600_000);
    await utimes(path.join(staging, 'crashed-old'), old, old);
    await writeFile(path.join(staging, 'in-progress'), 'x');
    expect(await t.storage.cleanStaging(3600_000)).toBe(1);
    expect(await readdir(staging)).toEqual(['in-progress']);
    expect(await t.storage.cleanStaging(0)).toBe(1);
    expect(await readdir(staging)).toEqual([]);
  });
});

describe('API docs and passwords', () => {
  let t: TestApp;
  let off: TestApp;
  beforeAll(async () => {
    [t, off] = await Promise.all([createTestApp(), createTestApp({ security: { docs: false } })]);
  });
  afterAll(async () => {
    await t.close();
    await off.close();
  });

  it('/api/docs carries a Content-Security-Policy; it can be switched off (the default in production)', async () => {
    const res = await t.client().get('/api/docs/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect((await off.client().get('/api/docs')).statusCode).toBe(404);
    expect((await off.client().get('/api/openapi.json')).statusCode).toBe(200);
  });

  it('refuses common and trivial passwords at registration with a clear message; the demo password passes', async () => {
    for (const password of ['12345678', 'password', 'aaaaaaaa', 'qwertyuiop']) {
      const res = await t.client().post('/api/auth/register', { email: `weak-${password}@example.cn`, password, displayName: '弱密码' });
      expect(res.statusCode, password).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(res.json().error.details.issues[0].path).toBe('body.password');
      expect(res.json().error.message).toMatch(/密码/);
    }
    const demo = await t.client().post('/api/auth/register', { email: 'demo-like@example.cn', password: 'Demo@2025', displayName: '演示' });
    expect(demo.statusCode).toBe(202);
  });
});
