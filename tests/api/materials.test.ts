import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedUp, type TestApp } from '../support/app.ts';
import { createCatalog, createOrg } from '../support/fixtures.ts';
import {
  addToOrg,
  createTeam,
  fakeElf,
  fakeExecutable,
  fullSections,
  multipart,
  tinyMp4,
  tinyPdf,
  tinyPng,
  upload,
} from '../support/teams.ts';

const KB = 1024;

describe('project materials (证明材料): types by content, size limits, authorised downloads', () => {
  let t: TestApp;
  let committee: SignedUp;
  let leader: SignedUp;
  let member: SignedUp; // a second representative of the team
  let stranger: SignedUp;
  let otherTeamLeader: SignedUp;
  let projectId: string;
  let editionId: string;
  let topicId: string;

  const materialsOf = async (id = projectId, reader = leader) =>
    (await reader.client.get(`/api/projects/${id}`)).json().materials as { id: string; fileName: string }[];
  /** A project of a team of its own, for a test that submits it. */
  const ownProject = async () => {
    const owner = await t.signUp();
    const team = await createTeam(owner, editionId, await createOrg(t, owner, 'university'));
    const created = await owner.client.post('/api/projects', { teamId: team.id, topicId, name: '提交测试项目', sections: fullSections() });
    expect(created.statusCode, created.body).toBe(201);
    return { owner, projectId: created.json().id as string };
  };

  beforeAll(async () => {
    // Small limits so the oversize cases stay small: 64 KB for documents and images, 128 KB for video.
    t = await createTestApp({
      uploadLimits: { documentBytes: 64 * KB, videoBytes: 128 * KB },
      loginLimits: { registrationsPerIpPer10Minutes: 1000 },
    });
    [committee, leader, member, stranger, otherTeamLeader] = await Promise.all([
      t.signUp({ roles: ['committee'] }),
      t.signUp(),
      t.signUp(),
      t.signUp(),
      t.signUp(),
    ]);
    ({ editionId, topicId } = await createCatalog(committee));
    const orgId = await createOrg(t, leader, 'university');
    await addToOrg(leader, orgId, member);
    const team = await createTeam(leader, editionId, orgId);
    await leader.client.post(`/api/teams/${team.id}/members`, { email: member.email });
    projectId = (
      await leader.client.post('/api/projects', { teamId: team.id, topicId, name: '材料测试项目', sections: fullSections() })
    ).json().id;
    const otherOrg = await createOrg(t, otherTeamLeader);
    const otherTeam = await createTeam(otherTeamLeader, editionId, otherOrg);
    await otherTeamLeader.client.post('/api/projects', { teamId: otherTeam.id, topicId, name: '别的团队的项目' });
  });
  afterAll(() => t.close());

  it('stores a PDF by content hash and serves it back to the team', async () => {
    const content = tinyPdf(100);
    const res = await upload(member.client, projectId, {
      category: 'qualification',
      fileName: '营业执照 副本.pdf',
      content,
      contentType: 'application/pdf',
    });
    expect(res.statusCode, res.body).toBe(201);
    const material = res.json();
    expect(material).toMatchObject({
      category: 'qualification',
      categoryLabel: '资质证明',
      fileName: '营业执照 副本.pdf',
      mimeType: 'application/pdf',
      size: content.length,
    });
    expect(material.sha256).toMatch(/^[0-9a-f]{64}$/);

    const download = await leader.client.get(`/api/projects/${projectId}/materials/${material.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(content)).toBe(true);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('营业执照 副本.pdf')}`);
  });

  it('accepts images and MP4 video, typed by their content', async () => {
    const png = await upload(leader.client, projectId, { category: 'other', fileName: '架构图.PNG', content: tinyPng() });
    expect(png.statusCode, png.body).toBe(201);
    expect(png.json().mimeType).toBe('image/png');
    const video = await upload(leader.client, projectId, { category: 'video', fileName: '演示.mp4', content: tinyMp4(80 * KB) });
    expect(video.statusCode, video.body).toBe(201);
    expect(video.json()).toMatchObject({ mimeType: 'video/mp4', size: 80 * KB });
  });

  it('rejects an executable renamed to .pdf, an ELF binary, and a PNG named .pdf — nothing is recorded', async () => {
    const before = (await materialsOf()).length;
    const exe = await upload(leader.client, projectId, {
      category: 'qualification',
      fileName: '资质证明.pdf',
      content: fakeExecutable(),
      contentType: 'application/pdf',
    });
    expect(exe.statusCode).toBe(415);
    expect(exe.json().error).toMatchObject({ code: 'UNSUPPORTED_FILE_TYPE', details: { detected: 'exe' } });
    const elf = await upload(leader.client, projectId, { category: 'other', fileName: 'tool.docx', content: fakeElf() });
    expect(elf.statusCode).toBe(415);
    const text = await upload(leader.client, projectId, {
      category: 'other',
      fileName: 'notes.pdf',
      content: Buffer.from('just some text, not a PDF at all'),
    });
    expect(text.statusCode).toBe(415);
    expect(text.json().error.details.detected).toBeNull();
    const mismatch = await upload(leader.client, projectId, { category: 'other', fileName: '截图.pdf', content: tinyPng() });
    expect(mismatch.statusCode).toBe(415);
    expect(mismatch.json().error.message).toContain('扩展名');
    expect((await materialsOf()).length).toBe(before);
  });

  it('rejects files over the limit: documents at 64 KB (checked after sniffing), anything past the video cap while streaming', async () => {
    const before = (await materialsOf()).length;
    const doc = await upload(leader.client, projectId, { category: 'audit', fileName: '审计报告.pdf', content: tinyPdf(70 * KB) });
    expect(doc.statusCode).toBe(413);
    expect(doc.json().error).toMatchObject({ code: 'FILE_TOO_LARGE', details: { limit: 64 * KB } });
    const huge = await upload(leader.client, projectId, { category: 'video', fileName: '超长视频.mp4', content: tinyMp4(200 * KB) });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('FILE_TOO_LARGE');
    expect((await materialsOf()).length).toBe(before);
  });

  it('publishes the rules the browser pre-checks with: categories, extensions and the configured limits', async () => {
    const rules = (await t.client().get('/api/projects/material-rules')).json();
    expect(rules).toMatchObject({ documentMaxBytes: 64 * KB, videoMaxBytes: 128 * KB, videoExtensions: ['mp4', 'm4v'] });
    expect(rules.extensions).toEqual(expect.arrayContaining(['pdf', 'docx', 'doc', 'xlsx', 'pptx', 'png', 'jpg', 'mp4']));
    expect(rules.extensions).not.toContain('exe');
    expect(rules.categories.filter((c: { required: boolean }) => c.required).map((c: { value: string }) => c.value)).toEqual([
      'qualification',
      'responsibility',
    ]);
  });

  it('needs a known category and a file', async () => {
    const noCategory = await upload(leader.client, projectId, { fileName: 'a.pdf', content: tinyPdf() });
    expect(noCategory.statusCode).toBe(400);
    expect(noCategory.json().error.details.issues[0].path).toBe('category');
    const badCategory = await upload(leader.client, projectId, { category: 'selfie', fileName: 'a.pdf', content: tinyPdf() });
    expect(badCategory.statusCode).toBe(400);
    const notMultipart = await leader.client.post(`/api/projects/${projectId}/materials`, { category: 'other' });
    expect(notMultipart.statusCode).toBe(400);
    expect(notMultipart.json().error.message).toContain('multipart/form-data');
  });

  it('only the team uploads; unauthorised users cannot download', async () => {
    const { payload, headers } = multipart({ category: 'other', fileName: 'x.pdf', content: tinyPdf() });
    expect((await otherTeamLeader.client.request('POST', `/api/projects/${projectId}/materials`, payload, headers)).statusCode).toBe(404);
    expect((await committee.client.request('POST', `/api/projects/${projectId}/materials`, payload, headers)).statusCode).toBe(403);
    expect((await t.client().request('POST', `/api/projects/${projectId}/materials`, payload, headers)).statusCode).toBe(401);

    const material = (
      await upload(member.client, projectId, { category: 'other', fileName: '团队内部资料.pdf', content: tinyPdf(3) })
    ).json();
    const url = `/api/projects/${projectId}/materials/${material!.id}`;
    expect((await stranger.client.get(url)).statusCode).toBe(404);
    expect((await otherTeamLeader.client.get(url)).statusCode).toBe(404);
    expect((await t.client().get(url)).statusCode).toBe(404);
    // The committee may read every material.
    expect((await committee.client.get(url)).statusCode).toBe(200);
    // A material id of another project does not leak through this project.
    expect((await leader.client.get(`/api/projects/${projectId}/materials/00000000-0000-4000-8000-000000000000`)).statusCode).toBe(404);
  });

  it('a removed material leaves the working copy but stays with the submitted version', async () => {
    const { owner: leader, projectId } = await ownProject();
    for (const [category, fileName] of [
      ['qualification', '营业执照.pdf'],
      ['responsibility', '责任声明.pdf'],
    ]) {
      expect((await upload(leader.client, projectId, { category, fileName, content: tinyPdf(7) })).statusCode).toBe(201);
    }
    const submitted = await leader.client.post(`/api/projects/${projectId}/submit`);
    expect(submitted.statusCode, submitted.body).toBe(200);
    const responsibility = (await materialsOf(projectId, leader)).find((m) => m.fileName === '责任声明.pdf')!;
    expect((await stranger.client.delete(`/api/projects/${projectId}/materials/${responsibility.id}`)).statusCode).toBe(404);
    const removed = await leader.client.delete(`/api/projects/${projectId}/materials/${responsibility.id}`);
    expect(removed.statusCode).toBe(204);
    const project = (await leader.client.get(`/api/projects/${projectId}`)).json();
    expect(project.materials.map((m: { id: string }) => m.id)).not.toContain(responsibility.id);
    expect(project).toMatchObject({ hasUnsubmittedChanges: true, checklist: { complete: false } });
    // The committee reads the submitted version, which still has the file.
    const seen = (await committee.client.get(`/api/projects/${projectId}`)).json();
    expect(seen.materials.map((m: { id: string }) => m.id)).toContain(responsibility.id);
    expect((await leader.client.get(`/api/projects/${projectId}/materials/${responsibility.id}`)).statusCode).toBe(200);
    expect((await leader.client.delete(`/api/projects/${projectId}/materials/${responsibility.id}`)).statusCode).toBe(404);
  });
});
