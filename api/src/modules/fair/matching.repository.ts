import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { DemandContent, ProjectSections } from '../../db/schema.ts';

/** Teams with what a capability profile and a recommendation read: project, its track, organisations' regions, the saved profile. */
export async function listTeamsForMatching(db: Executor, filter: { editionId?: string; teamIds?: string[] }) {
  let q = db
    .selectFrom('teams as t')
    .innerJoin('organizations as lo', 'lo.id', 't.lead_org_id')
    .leftJoin('projects as p', (j) => j.onRef('p.team_id', '=', 't.id').on('p.status', '<>', 'withdrawn'))
    .leftJoin('topics as pt', 'pt.id', 'p.topic_id')
    .leftJoin('capability_profiles as cp', 'cp.team_id', 't.id')
    .select([
      't.id',
      't.name',
      't.edition_id',
      't.lead_org_id',
      'lo.name as lead_org_name',
      'p.name as project_name',
      sql<ProjectSections | null>`p.sections`.as('sections'),
      'p.topic_id as project_topic_id',
      'p.demand_id as project_demand_id',
      'pt.track_id as project_track_id',
      sql<
        string[]
      >`(select coalesce(array_agg(o.region order by o.region), '{}') from team_orgs tor join organizations o on o.id = tor.org_id where tor.team_id = t.id)`.as(
        'org_regions',
      ),
      'cp.team_id as profile_team_id',
      'cp.summary',
      'cp.industries',
      'cp.technologies',
      'cp.data_capabilities',
      'cp.cases',
      'cp.regions',
      'cp.track_ids',
      'cp.access_modes',
      'cp.updated_at as profile_updated_at',
    ]);
  if (filter.editionId) q = q.where('t.edition_id', '=', filter.editionId);
  if (filter.teamIds) q = q.where('t.id', 'in', filter.teamIds.length ? filter.teamIds : ['00000000-0000-0000-0000-000000000000']);
  return q.orderBy('t.created_at').execute();
}
export type TeamForMatching = Awaited<ReturnType<typeof listTeamsForMatching>>[number];

/** Published sub-topics (their public version) with organisation, topic and track. */
export async function listDemandsForMatching(db: Executor, filter: { editionId?: string; demandIds?: string[]; publishedOnly?: boolean }) {
  let q = db
    .selectFrom('demands as d')
    .innerJoin('organizations as o', 'o.id', 'd.org_id')
    .innerJoin('topics as tp', 'tp.id', 'd.topic_id')
    .innerJoin('tracks as tr', 'tr.id', 'tp.track_id')
    .select([
      'd.id',
      'd.org_id',
      'd.edition_id',
      'd.status',
      'd.topic_id',
      'tp.track_id',
      'tp.title as topic_title',
      'tr.name as track_name',
      'o.name as org_name',
      'o.region as org_region',
      sql<DemandContent>`coalesce(d.published_content, d.content)`.as('content'),
    ]);
  if (filter.editionId) q = q.where('d.edition_id', '=', filter.editionId);
  if (filter.demandIds) q = q.where('d.id', 'in', filter.demandIds.length ? filter.demandIds : ['00000000-0000-0000-0000-000000000000']);
  if (filter.publishedOnly) q = q.where('d.status', '=', 'published');
  return q.orderBy('d.published_at').execute();
}
export type DemandForMatching = Awaited<ReturnType<typeof listDemandsForMatching>>[number];

export async function upsertProfile(
  db: Executor,
  teamId: string,
  userId: string,
  p: {
    summary: string;
    industries: string[];
    technologies: string[];
    dataCapabilities: string[];
    cases: string;
    regions: string[];
    trackIds: string[];
    accessModes: string[];
  },
) {
  const values = {
    summary: p.summary,
    industries: p.industries,
    technologies: p.technologies,
    data_capabilities: p.dataCapabilities,
    cases: p.cases,
    regions: p.regions,
    track_ids: p.trackIds,
    access_modes: p.accessModes,
    updated_by: userId,
    updated_at: new Date(),
  };
  await db
    .insertInto('capability_profiles')
    .values({ team_id: teamId, ...values })
    .onConflict((oc) => oc.column('team_id').doUpdateSet(values))
    .execute();
}

/** Whether the user belongs to an organisation with a sub-topic in the edition (an enterprise that may look at teams' profiles). */
export async function isDemandOrgMemberInEdition(db: Executor, userId: string, editionId: string) {
  const row = await db
    .selectFrom('demands')
    .innerJoin('org_members', 'org_members.org_id', 'demands.org_id')
    .select('demands.id')
    .where('org_members.user_id', '=', userId)
    .where('demands.edition_id', '=', editionId)
    .limit(1)
    .executeTakeFirst();
  return !!row;
}

export async function trackIdsOfEdition(db: Executor, editionId: string) {
  return (await db.selectFrom('tracks').select('id').where('edition_id', '=', editionId).execute()).map((r) => r.id);
}
