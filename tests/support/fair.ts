import type { SignedUp, TestApp } from './app.ts';
import { completeDemand, createCatalog, createOrg, isoDate } from './fixtures.ts';
import { createTeam, fullSections } from './teams.ts';

/** The fair's day: ten days from now (Beijing date), 09:00–12:00, 20-minute meetings with 10-minute breaks → 6 slots. */
export const fairDate = () => isoDate(10);
export const fairBody = (overrides: Record<string, unknown> = {}) => ({
  name: '测试供需对接会',
  venue: '石家庄国际会展中心 B 馆',
  days: [{ date: fairDate(), start: '09:00', end: '12:00' }],
  slotMinutes: 20,
  breakMinutes: 10,
  tables: 2,
  requestTtlHours: 24,
  maxMeetingsPerParticipant: 2,
  ...overrides,
});
/** An instant on the fair day, Beijing time "HH:MM". */
export const onFairDay = (hhmm: string) => new Date(`${fairDate()}T${hhmm}:00+08:00`);

export interface FairWorld {
  committee: SignedUp;
  supervisor: SignedUp;
  entA: SignedUp;
  entB: SignedUp;
  lead1: SignedUp;
  lead2: SignedUp;
  lead3: SignedUp;
  outsider: SignedUp;
  editionId: string;
  topicId: string;
  orgA: string;
  orgB: string;
  demandA: string;
  team1: string;
  team2: string;
  team3: string;
}

/**
 * An edition with two enterprises (A publishes a sub-topic on production scheduling),
 * three teams (team1 bids on A's sub-topic) and an outsider, all made through the API.
 */
export async function fairWorld(t: TestApp): Promise<FairWorld> {
  const [committee, supervisor, entA, entB, lead1, lead2, lead3, outsider] = await Promise.all([
    t.signUp({ roles: ['committee'] }),
    t.signUp({ roles: ['supervisor'] }),
    t.signUp({ displayName: '企业甲' }),
    t.signUp({ displayName: '企业乙' }),
    t.signUp({ displayName: '队长一' }),
    t.signUp({ displayName: '队长二' }),
    t.signUp({ displayName: '队长三' }),
    t.signUp({ displayName: '局外人' }),
  ]);
  const { editionId, topicId } = await createCatalog(committee);
  const orgA = await createOrg(t, entA, 'enterprise', '甲药业股份有限公司');
  const orgB = await createOrg(t, entB, 'enterprise', '乙钢铁有限公司');
  const created = await entA.client.post('/api/demands', completeDemand(topicId, orgA));
  if (created.statusCode !== 201) throw new Error(created.body);
  const demandA = created.json().id as string;
  await entA.client.post(`/api/demands/${demandA}/submit`);
  const approved = await committee.client.post(`/api/demands/${demandA}/review`, { decision: 'approve' });
  if (approved.statusCode !== 200) throw new Error(approved.body);
  const u1 = await createOrg(t, lead1, 'university', '测试理工大学');
  const u2 = await createOrg(t, lead2, 'research', '测试数据研究院');
  const u3 = await createOrg(t, lead3, 'enterprise', '测试数智科技有限公司');
  const team1 = (await createTeam(lead1, editionId, u1, '排产先锋队')).id;
  const team2 = (await createTeam(lead2, editionId, u2, '数据研究队')).id;
  const team3 = (await createTeam(lead3, editionId, u3, '未报名队')).id;
  const project = await lead1.client.post('/api/projects', {
    teamId: team1,
    demandId: demandA,
    name: '流通数据驱动的智能排产',
    sections: fullSections(),
  });
  if (project.statusCode !== 201) throw new Error(project.body);
  return { committee, supervisor, entA, entB, lead1, lead2, lead3, outsider, editionId, topicId, orgA, orgB, demandA, team1, team2, team3 };
}
