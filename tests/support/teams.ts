import { randomBytes } from 'node:crypto';
import type { Client, SignedUp, TestApp } from './app.ts';
import { createOrg } from './fixtures.ts';

/** A small valid PDF (header, one object, trailer); `padding` bytes make it bigger. */
export function tinyPdf(padding = 0): Buffer {
  const body = `%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${'x'.repeat(padding)}\ntrailer << /Root 1 0 R >>\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** The first bytes of a Windows executable (MZ … PE). */
export function fakeExecutable(): Buffer {
  const b = Buffer.alloc(512);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  return b;
}

/** An ELF binary header. */
export function fakeElf(): Buffer {
  const b = Buffer.alloc(256);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]).copy(b);
  return b;
}

export function tinyPng(): Buffer {
  return Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
}

/** An MP4 file's start: an ftyp box (isom). */
export function tinyMp4(size = 1024): Buffer {
  const b = Buffer.alloc(size);
  b.writeUInt32BE(32, 0);
  b.write('ftypisom', 4, 'latin1');
  b.writeUInt32BE(0x200, 12);
  b.write('isomiso2avc1mp41', 16, 'latin1');
  b.writeUInt32BE(size - 32, 32);
  b.write('mdat', 36, 'latin1');
  return b;
}

export interface UploadInput {
  category?: string;
  fileName: string;
  content: Buffer;
  contentType?: string;
}

/** A multipart/form-data body with the `category` field before the `file` part. */
export function multipart(input: UploadInput): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----jb${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  if (input.category !== undefined) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="category"\r\n\r\n${input.category}\r\n`));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${input.fileName}"\r\nContent-Type: ${input.contentType ?? 'application/octet-stream'}\r\n\r\n`,
    ),
    input.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export function upload(client: Client, projectId: string, input: UploadInput) {
  const { payload, headers } = multipart(input);
  return client.request('POST', `/api/projects/${projectId}/materials`, payload, headers);
}

/** Every section filled in, as a team would before submitting. */
export function fullSections() {
  const text = (what: string) => `${what}：基于企业开放的流通数据构建需求预测与智能排产模型，已在两家药企试点应用。`;
  return {
    overview: { background: text('项目背景'), industry: '医药制造', advantages: text('核心优势') },
    solution: { architecture: text('架构'), features: text('功能'), keyTechnologies: text('关键技术'), dataUsage: text('数据要素利用') },
    value: { cases: text('案例'), economicBenefit: text('经济效益'), socialBenefit: text('社会效益') },
    businessModel: { promotion: text('推广模式'), market: text('市场空间') },
    team: { experience: text('履历'), qualifications: text('资质') },
  };
}

/** Makes `member` a member of `orgId`: the organisation's admin invites, the member accepts. */
export async function addToOrg(admin: SignedUp, orgId: string, member: SignedUp, role: 'admin' | 'member' = 'member') {
  const res = await admin.client.post(`/api/orgs/${orgId}/members`, { email: member.email, role });
  if (res.statusCode !== 201) throw new Error(`invite to org: ${res.statusCode} ${res.body}`);
  const accepted = await member.client.post(`/api/org-invitations/${res.json().id}/accept`);
  if (accepted.statusCode !== 200) throw new Error(`accept org invitation: ${accepted.statusCode} ${accepted.body}`);
}

export async function createTeam(
  leader: SignedUp,
  editionId: string,
  leadOrgId: string,
  name = `测试团队${randomBytes(3).toString('hex')}`,
) {
  const res = await leader.client.post('/api/teams', { editionId, name, leadOrgId });
  if (res.statusCode !== 201) throw new Error(`create team: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; name: string; members: { userId: string }[] };
}

/** Signs up `count` new people and makes them members of `orgId` (through its admin). */
export async function signUpMembers(t: TestApp, admin: SignedUp, orgId: string, count: number): Promise<SignedUp[]> {
  const people = await Promise.all(Array.from({ length: count }, () => t.signUp()));
  for (const person of people) await addToOrg(admin, orgId, person);
  return people;
}

/** A new organisation with its admin and `count` more members, none of them in a team yet. */
export async function orgWithMembers(t: TestApp, count = 0, kind = 'enterprise', name?: string) {
  const admin = await t.signUp();
  const orgId = await createOrg(t, admin, kind, name);
  const people = await signUpMembers(t, admin, orgId, count);
  return { admin, orgId, people };
}

export type { TestApp };
