import { sql, type Insertable, type Updateable } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { ImplementationPlansTable, ImplementationsTable, ImplementationStatus } from '../../db/schema.ts';

/** All SQL of implementations, their plan versions, sources and sides. Callers pass the pool or a transaction. */

export const DEFAULT_REVIEW_DAYS = 10;

export async function reviewDays(db: Executor, editionId: string): Promise<number> {
  const row = await db.selectFrom('tracking_settings').select('review_days').where('edition_id', '=', editionId).executeTakeFirst();
  return row?.review_days ?? DEFAULT_REVIEW_DAYS;
}

function withNames(db: Executor) {
  return db
    .selectFrom('implementations as i')
    .innerJoin('demands as d', 'd.id', 'i.demand_id')
    .innerJoin('teams as t', 't.id', 'i.team_id')
    .innerJoin('organizations as o', 'o.id', 'i.enterprise_org_id')
    .selectAll('i')
    .select([
      sql<string>`coalesce(d.published_content->>'title', d.content->>'title')`.as('demand_title'),
      'd.published_content as demand_content',
      't.name as team_name',
      'o.name as org_name',
    ]);
}

export async function findImplementation(db: Executor, id: string) {
  return withNames(db).where('i.id', '=', id).executeTakeFirst();
}
export type ImplementationWithNames = NonNullable<Awaited<ReturnType<typeof findImplementation>>>;

export async function lockImplementation(db: Executor, id: string) {
  return db.selectFrom('implementations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function insertImplementation(db: Executor, values: Insertable<ImplementationsTable>) {
  return db.insertInto('implementations').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateImplementation(db: Executor, id: string, values: Updateable<ImplementationsTable>) {
  await db
    .updateTable('implementations')
    .set({ ...values, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

export async function findBySource(db: Executor, source: 'award' | 'fair_signing', sourceId: string) {
  return db.selectFrom('implementations').select('id').where('source', '=', source).where('source_id', '=', sourceId).executeTakeFirst();
}

/** Implementations a user sees: every one for overseers, otherwise the ones of their organisations and teams. */
export async function listImplementations(
  db: Executor,
  userId: string,
  filter: { overseer: boolean; editionId?: string; status?: ImplementationStatus },
) {
  let q = withNames(db)
    .select((eb) => [
      eb
        .selectFrom('milestones as m')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('m.implementation_id', '=', 'i.id')
        .as('milestone_count'),
      eb
        .selectFrom('milestones as m')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('m.implementation_id', '=', 'i.id')
        .where('m.status', '=', 'accepted')
        .as('accepted_count'),
      eb
        .selectFrom('milestones as m')
        .select(sql<string>`coalesce(sum(m.budget_share), 0)::text`.as('s'))
        .whereRef('m.implementation_id', '=', 'i.id')
        .where('m.status', '=', 'accepted')
        .as('accepted_share'),
    ])
    .orderBy('i.created_at', 'desc');
  if (filter.editionId) q = q.where('i.edition_id', '=', filter.editionId);
  if (filter.status) q = q.where('i.status', '=', filter.status);
  if (!filter.overseer) {
    q = q.where((eb) =>
      eb.or([
        eb('i.enterprise_org_id', 'in', eb.selectFrom('org_members').select('org_id').where('user_id', '=', userId)),
        eb('i.team_id', 'in', eb.selectFrom('team_members').select('team_id').where('user_id', '=', userId)),
        eb('i.id', 'in', eb.selectFrom('expert_opinions').select('implementation_id').where('expert_id', '=', userId)),
      ]),
    );
  }
  return q.limit(500).execute();
}

export async function isOrgMember(db: Executor, orgId: string, userId: string) {
  return !!(await db
    .selectFrom('org_members')
    .select('user_id')
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .executeTakeFirst());
}
export async function isTeamMember(db: Executor, teamId: string, userId: string) {
  return !!(await db
    .selectFrom('team_members')
    .select('user_id')
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .executeTakeFirst());
}
export async function isAskedExpert(db: Executor, implementationId: string, userId: string) {
  return !!(await db
    .selectFrom('expert_opinions')
    .select('id')
    .where('implementation_id', '=', implementationId)
    .where('expert_id', '=', userId)
    .executeTakeFirst());
}

/** Members of each side, for notifications. */
export async function sideMemberIds(db: Executor, orgId: string, teamId: string) {
  const [enterprise, team] = await Promise.all([
    db.selectFrom('org_members').select('user_id').where('org_id', '=', orgId).execute(),
    db.selectFrom('team_members').select('user_id').where('team_id', '=', teamId).execute(),
  ]);
  return { enterprise: enterprise.map((r) => r.user_id), team: team.map((r) => r.user_id) };
}

export async function committeeIds(db: Executor) {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where(sql<boolean>`'committee' = any(roles)`)
    .execute();
  return rows.map((r) => r.id);
}

export async function findDemand(db: Executor, id: string) {
  return db
    .selectFrom('demands')
    .select(['id', 'org_id', 'edition_id', 'status', 'published_content'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function findTeamProject(db: Executor, teamId: string, demandId: string) {
  return db.selectFrom('projects').select('id').where('team_id', '=', teamId).where('demand_id', '=', demandId).executeTakeFirst();
}

/** 签约 meetings at docking fairs (either side recorded 签约), with their enterprise, team, sub-topic and amount. */
function signedMeetings(db: Executor) {
  return db
    .selectFrom('meetings as m')
    .innerJoin('fairs as f', 'f.id', 'm.fair_id')
    .innerJoin('fair_participants as ep', 'ep.id', 'm.enterprise_participant_id')
    .innerJoin('fair_participants as tp', 'tp.id', 'm.team_participant_id')
    .innerJoin('organizations as o', 'o.id', 'ep.org_id')
    .innerJoin('teams as t', 't.id', 'tp.team_id')
    .leftJoin('demands as d', 'd.id', 'm.demand_id')
    .leftJoin('implementations as i', (j) => j.on('i.source', '=', 'fair_signing').onRef('i.source_id', '=', 'm.id'))
    .select([
      'm.id',
      'm.status',
      'f.edition_id',
      'f.name as fair_name',
      'ep.org_id',
      'o.name as org_name',
      'tp.team_id',
      't.name as team_name',
      'm.demand_id',
      sql<string | null>`d.published_content->>'title'`.as('demand_title'),
      'i.id as implementation_id',
      (eb) =>
        eb
          .selectFrom('meeting_outcomes as mo')
          .select(sql<string | null>`max(mo.amount_wan)::text`.as('a'))
          .whereRef('mo.meeting_id', '=', 'm.id')
          .where('mo.result', '=', 'signed')
          .as('amount_wan'),
    ])
    .where((eb) =>
      eb.exists(
        eb.selectFrom('meeting_outcomes as mo').select('mo.side').whereRef('mo.meeting_id', '=', 'm.id').where('mo.result', '=', 'signed'),
      ),
    );
}

export async function findSignedMeeting(db: Executor, meetingId: string) {
  return signedMeetings(db).where('m.id', '=', meetingId).executeTakeFirst();
}

export async function listSignedMeetingsOfUser(db: Executor, userId: string) {
  return signedMeetings(db)
    .where('ep.org_id', 'in', db.selectFrom('org_members').select('org_id').where('user_id', '=', userId))
    .where('m.status', '=', 'active')
    .orderBy('m.created_at', 'desc')
    .execute();
}

// --- plan versions

export async function insertPlan(db: Executor, values: Insertable<ImplementationPlansTable>) {
  await db.insertInto('implementation_plans').values(values).execute();
}

export async function updatePlan(db: Executor, implementationId: string, version: number, values: Updateable<ImplementationPlansTable>) {
  await db
    .updateTable('implementation_plans')
    .set(values)
    .where('implementation_id', '=', implementationId)
    .where('version', '=', version)
    .execute();
}

export async function findPlan(db: Executor, implementationId: string, version: number) {
  return db
    .selectFrom('implementation_plans')
    .selectAll()
    .where('implementation_id', '=', implementationId)
    .where('version', '=', version)
    .executeTakeFirst();
}

export async function latestPlan(db: Executor, implementationId: string) {
  return db
    .selectFrom('implementation_plans')
    .selectAll()
    .where('implementation_id', '=', implementationId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
}

export async function listPlans(db: Executor, implementationId: string) {
  return db.selectFrom('implementation_plans').selectAll().where('implementation_id', '=', implementationId).orderBy('version').execute();
}

export async function userNames(db: Executor, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (!wanted.length) return new Map<string, string>();
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

export async function findPrivateChannel(db: Executor, demandId: string, teamId: string) {
  return db
    .selectFrom('chat_channels')
    .select('id')
    .where('kind', '=', 'private')
    .where('demand_id', '=', demandId)
    .where('team_id', '=', teamId)
    .executeTakeFirst();
}

export async function isExpert(db: Executor, userId: string) {
  return !!(await db
    .selectFrom('users')
    .select('id')
    .where('id', '=', userId)
    .where(sql<boolean>`'expert' = any(roles)`)
    .executeTakeFirst());
}

/** Awards on a sub-topic (the award's, else its project's), with the sub-topic's enterprise and the team. */
function subTopicAwards(db: Executor) {
  return db
    .selectFrom('awards as a')
    .innerJoin('projects as p', 'p.id', 'a.project_id')
    .innerJoin('demands as d', (j) => j.on(sql<boolean>`d.id = coalesce(a.demand_id, p.demand_id)`))
    .innerJoin('organizations as o', 'o.id', 'd.org_id')
    .innerJoin('teams as t', 't.id', 'a.team_id')
    .leftJoin('implementations as i', (j) => j.on('i.source', '=', 'award').onRef('i.source_id', '=', 'a.id'))
    .select([
      'a.id',
      'a.status',
      'a.level',
      'a.edition_id',
      'd.org_id',
      'o.name as org_name',
      'a.team_id',
      't.name as team_name',
      'd.id as demand_id',
      sql<string | null>`d.published_content->>'title'`.as('demand_title'),
      'i.id as implementation_id',
    ]);
}

export async function findSubTopicAward(db: Executor, awardId: string) {
  return subTopicAwards(db).where('a.id', '=', awardId).executeTakeFirst();
}

export async function listSubTopicAwardsOfUser(db: Executor, userId: string) {
  return subTopicAwards(db)
    .where('d.org_id', 'in', db.selectFrom('org_members').select('org_id').where('user_id', '=', userId))
    .where('a.status', '=', 'approved')
    .orderBy('a.approved_at', 'desc')
    .execute();
}

/** Platform experts with their fields (the expert pool), for an opinion request. */
export async function listExperts(db: Executor) {
  return db
    .selectFrom('users as u')
    .leftJoin('experts as e', 'e.user_id', 'u.id')
    .select(['u.id', 'u.display_name', 'e.fields'])
    .where(sql<boolean>`'expert' = any(u.roles)`)
    .orderBy('u.display_name')
    .limit(200)
    .execute();
}
