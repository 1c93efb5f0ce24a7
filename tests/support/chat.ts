import { io, type Socket } from 'socket.io-client';
import { expect } from 'vitest';
import type { SignedUp, TestApp } from './app.ts';
import { completeDemand, createCatalog, createOrg } from './fixtures.ts';
import { createTeam } from './teams.ts';

export interface ChatWorld {
  committee: SignedUp;
  supervisor: SignedUp;
  expert: SignedUp;
  stranger: SignedUp;
  enterprise: SignedUp;
  editionId: string;
  topicId: string;
  enterpriseOrgId: string;
  demandId: string;
  /** Teams with a project on the demand. */
  teamA: { leader: SignedUp; teamId: string; projectId: string; name: string };
  teamB: { leader: SignedUp; teamId: string; projectId: string; name: string };
  /** A team of the edition that does not bid on the demand. */
  teamC: { leader: SignedUp; teamId: string };
  channelA: string;
  channelB: string;
}

export async function publishDemand(t: TestApp, w: Pick<ChatWorld, 'enterprise' | 'committee' | 'topicId' | 'enterpriseOrgId'>, overrides: Record<string, unknown> = {}) {
  const created = await w.enterprise.client.post('/api/demands', completeDemand(w.topicId, w.enterpriseOrgId, overrides));
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  expect((await w.enterprise.client.post(`/api/demands/${id}/submit`)).statusCode).toBe(200);
  expect((await w.committee.client.post(`/api/demands/${id}/review`, { decision: 'approve' })).statusCode).toBe(200);
  return id;
}

async function bidder(t: TestApp, editionId: string, demandId: string, name: string) {
  const leader = await t.signUp({ displayName: `${name}队长` });
  const orgId = await createOrg(t, leader);
  const team = await createTeam(leader, editionId, orgId, name);
  const created = await leader.client.post('/api/projects', { teamId: team.id, demandId, name: `${name}的方案` });
  expect(created.statusCode, created.body).toBe(201);
  return { leader, teamId: team.id, projectId: created.json().id as string, name };
}

/** An edition, an enterprise with a published sub-topic, two bidding teams and a non-bidding one, overseers, an expert, a stranger. */
export async function createChatWorld(t: TestApp): Promise<ChatWorld> {
  const [committee, supervisor, expert, stranger, enterprise] = await Promise.all([
    t.signUp({ roles: ['committee'], displayName: '组委会秘书处' }),
    t.signUp({ roles: ['supervisor'], displayName: '监督委员' }),
    t.signUp({ roles: ['expert'], displayName: '评审专家' }),
    t.signUp({ displayName: '路人' }),
    t.signUp({ displayName: '企业联系人' }),
  ]);
  const { editionId, topicId } = await createCatalog(committee);
  const enterpriseOrgId = await createOrg(t, enterprise, 'enterprise', '需求发布企业有限公司');
  const demandId = await publishDemand(t, { enterprise, committee, topicId, enterpriseOrgId });
  const teamA = await bidder(t, editionId, demandId, '甲队');
  const teamB = await bidder(t, editionId, demandId, '乙队');
  const leaderC = await t.signUp({ displayName: '丙队队长' });
  const teamC = { leader: leaderC, teamId: (await createTeam(leaderC, editionId, await createOrg(t, leaderC), '丙队')).id };
  const channels = await enterprise.client.get('/api/channels?mine=1');
  expect(channels.statusCode, channels.body).toBe(200);
  const privateOf = (teamId: string) => channels.json().items.find((c: { kind: string; teamId: string }) => c.kind === 'private' && c.teamId === teamId)?.id as string;
  return { committee, supervisor, expert, stranger, enterprise, editionId, topicId, enterpriseOrgId, demandId, teamA, teamB, teamC, channelA: privateOf(teamA.teamId), channelB: privateOf(teamB.teamId) };
}

export function connect(url: string, token: string | null, extra: Partial<Parameters<typeof io>[1]> = {}): Socket {
  return io(url, {
    auth: token ? { token } : {},
    transports: ['websocket'],
    reconnectionDelay: 20,
    reconnectionDelayMax: 100,
    randomizationFactor: 0,
    forceNew: true,
    ...extra,
  });
}

export function connected(socket: Socket): Promise<void> {
  if (socket.connected) return Promise.resolve();
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
}

export interface Ack {
  ok: boolean;
  error?: { code: string; message: string; status: number };
  [key: string]: unknown;
}

export function emitAck(socket: Socket, event: string, payload: unknown, timeoutMs = 5000): Promise<Ack> {
  return socket.timeout(timeoutMs).emitWithAck(event, payload) as Promise<Ack>;
}

export async function listen(t: TestApp): Promise<string> {
  const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
  return address;
}
