import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';

/** A row every funnel query returns: what it is grouped by and its amount. */
export interface FunnelRowDb {
  track_id: string | null;
  track_name: string | null;
  region: string | null;
  amount_wan: string | number | null;
}

export async function findEdition(db: Executor, editionId: string) {
  return db.selectFrom('editions').select(['id', 'name', 'year']).where('id', '=', editionId).executeTakeFirst();
}

/** Sub-topics ever published in the edition (not withdrawn), with their budget in 万元. */
export async function publishedDemands(db: Executor, editionId: string): Promise<FunnelRowDb[]> {
  return db
    .selectFrom('demands as d')
    .innerJoin('topics as tp', 'tp.id', 'd.topic_id')
    .innerJoin('tracks as tr', 'tr.id', 'tp.track_id')
    .innerJoin('organizations as o', 'o.id', 'd.org_id')
    .select([
      'tr.id as track_id',
      'tr.name as track_name',
      'o.region',
      sql<string | null>`round((d.published_content->>'budgetCny')::numeric / 10000, 2)`.as('amount_wan'),
    ])
    .where('d.edition_id', '=', editionId)
    .where('d.published_content', 'is not', null)
    .where('d.status', '<>', 'withdrawn')
    .execute();
}

/** Submitted bids (projects on a sub-topic), grouped by the sub-topic's track and enterprise region. */
export async function submittedBids(db: Executor, editionId: string): Promise<FunnelRowDb[]> {
  return db
    .selectFrom('projects as p')
    .innerJoin('demands as d', 'd.id', 'p.demand_id')
    .innerJoin('topics as tp', 'tp.id', 'd.topic_id')
    .innerJoin('tracks as tr', 'tr.id', 'tp.track_id')
    .innerJoin('organizations as o', 'o.id', 'd.org_id')
    .select(['tr.id as track_id', 'tr.name as track_name', 'o.region', sql<null>`null`.as('amount_wan')])
    .where('p.edition_id', '=', editionId)
    .where('p.status', '=', 'submitted')
    .execute();
}

/**
 * Meetings of the edition's docking fairs with their best outcome: 'signed' (amount = the larger
 * one the sides recorded) or 'intent'. Grouped by the sub-topic's track, else the team project's,
 * and by the enterprise's region.
 */
export async function fairOutcomes(db: Executor, editionId: string) {
  return db
    .selectFrom('meetings as m')
    .innerJoin('fairs as f', 'f.id', 'm.fair_id')
    .innerJoin('fair_participants as ep', 'ep.id', 'm.enterprise_participant_id')
    .innerJoin('fair_participants as tpp', 'tpp.id', 'm.team_participant_id')
    .leftJoin('organizations as o', 'o.id', 'ep.org_id')
    .leftJoin('demands as d', 'd.id', 'm.demand_id')
    .leftJoin('projects as pr', 'pr.team_id', 'tpp.team_id')
    .leftJoin('topics as tp', (j) => j.on(sql<boolean>`tp.id = coalesce(d.topic_id, pr.topic_id)`))
    .leftJoin('tracks as tr', 'tr.id', 'tp.track_id')
    .innerJoin(
      (eb) =>
        eb
          .selectFrom('meeting_outcomes')
          .select([
            'meeting_id',
            sql<boolean>`bool_or(result = 'signed')`.as('signed'),
            sql<boolean>`bool_or(result = 'intent')`.as('intent'),
            sql<string | null>`max(amount_wan) filter (where result = 'signed')`.as('amount_wan'),
          ])
          .groupBy('meeting_id')
          .as('oc'),
      (j) => j.onRef('oc.meeting_id', '=', 'm.id'),
    )
    .select(['tr.id as track_id', 'tr.name as track_name', 'o.region', 'oc.signed', 'oc.intent', 'oc.amount_wan'])
    .where('f.edition_id', '=', editionId)
    .where('m.status', '=', 'active')
    .where((eb) => eb.or([eb('oc.signed', '=', true), eb('oc.intent', '=', true)]))
    .execute();
}

/**
 * Implementations of the edition (every opened one), grouped by the sub-topic's track and the
 * enterprise's region, with their budget and the money released by accepted milestones
 * (each releases its share of the budget).
 */
export async function implementationFacts(db: Executor, editionId: string) {
  return db
    .selectFrom('implementations as i')
    .innerJoin('demands as d', 'd.id', 'i.demand_id')
    .innerJoin('topics as tp', 'tp.id', 'd.topic_id')
    .innerJoin('tracks as tr', 'tr.id', 'tp.track_id')
    .innerJoin('organizations as o', 'o.id', 'i.enterprise_org_id')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('milestones')
          .select(['implementation_id', sql<string>`sum(budget_share)`.as('share')])
          .where('status', '=', 'accepted')
          .groupBy('implementation_id')
          .as('ms'),
      (j) => j.onRef('ms.implementation_id', '=', 'i.id'),
    )
    .select([
      'i.id',
      'i.status',
      'tr.id as track_id',
      'tr.name as track_name',
      'o.region',
      'i.budget_wan as amount_wan',
      sql<string>`round(i.budget_wan * coalesce(ms.share, 0) / 100, 2)`.as('released_wan'),
    ])
    .where('i.edition_id', '=', editionId)
    .execute();
}

/**
 * Approved awards on the edition's sub-topics (the award's sub-topic, else its project's), grouped
 * by the award's track and the enterprise's region.
 */
export async function approvedAwards(db: Executor, editionId: string): Promise<FunnelRowDb[]> {
  return db
    .selectFrom('awards as a')
    .innerJoin('tracks as tr', 'tr.id', 'a.track_id')
    .innerJoin('projects as p', 'p.id', 'a.project_id')
    .innerJoin('demands as d', (j) => j.on(sql<boolean>`d.id = coalesce(a.demand_id, p.demand_id)`))
    .innerJoin('organizations as o', 'o.id', 'd.org_id')
    .select(['tr.id as track_id', 'tr.name as track_name', 'o.region', sql<null>`null`.as('amount_wan')])
    .where('a.edition_id', '=', editionId)
    .where('a.status', '=', 'approved')
    .execute();
}
