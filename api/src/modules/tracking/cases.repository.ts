import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';

export async function findSummary(db: Executor, implementationId: string) {
  return db.selectFrom('case_summaries').selectAll().where('implementation_id', '=', implementationId).executeTakeFirst();
}

export async function upsertSummary(db: Executor, implementationId: string, summary: string, userId: string, now: Date) {
  await db
    .insertInto('case_summaries')
    .values({ implementation_id: implementationId, summary, updated_by: userId, updated_at: now })
    .onConflict((oc) => oc.column('implementation_id').doUpdateSet({ summary, updated_by: userId, updated_at: now }))
    .execute();
}

/**
 * Published cases (典型案例): accepted implementations both sides agreed to publish, with a
 * summary. The only query the public bulletin reads, so nothing else can leak through it.
 */
export async function listPublishedCases(db: Executor, filter: { editionId?: string; id?: string }) {
  let q = db
    .selectFrom('implementations as i')
    .innerJoin('case_summaries as cs', 'cs.implementation_id', 'i.id')
    .innerJoin('editions as e', 'e.id', 'i.edition_id')
    .innerJoin('demands as d', 'd.id', 'i.demand_id')
    .innerJoin('topics as tp', 'tp.id', 'd.topic_id')
    .innerJoin('tracks as tr', 'tr.id', 'tp.track_id')
    .innerJoin('organizations as o', 'o.id', 'i.enterprise_org_id')
    .innerJoin('teams as t', 't.id', 'i.team_id')
    .select([
      'i.id',
      'i.title',
      'i.budget_wan',
      'i.accepted_at',
      'e.id as edition_id',
      'e.name as edition_name',
      'tr.name as track_name',
      'd.id as demand_id',
      sql<string>`coalesce(d.published_content->>'title', d.content->>'title')`.as('demand_title'),
      sql<string>`coalesce(d.published_content->>'businessNeed', '')`.as('business_need'),
      'o.name as enterprise_name',
      'o.region',
      't.name as team_name',
      'cs.summary',
    ])
    .where('i.status', 'in', ['accepted', 'closed'])
    .where('i.accepted_at', 'is not', null)
    .where('i.publish_consent_enterprise', '=', true)
    .where('i.publish_consent_team', '=', true)
    .where('d.published_content', 'is not', null);
  if (filter.editionId) q = q.where('i.edition_id', '=', filter.editionId);
  if (filter.id) q = q.where('i.id', '=', filter.id);
  return q.orderBy('i.accepted_at', 'desc').orderBy('i.id').execute();
}
