import type { Insertable } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { EffectReportsTable } from '../../db/schema.ts';

/** An implementation with what access and due dates need. */
export async function findImplementation(db: Executor, id: string, forUpdate = false) {
  let q = db
    .selectFrom('implementations as i')
    .innerJoin('teams as t', 't.id', 'i.team_id')
    .select([
      'i.id',
      'i.edition_id',
      'i.demand_id',
      'i.team_id',
      'i.enterprise_org_id',
      'i.title',
      'i.status',
      'i.accepted_at',
      'i.publish_consent_enterprise',
      'i.publish_consent_team',
      't.lead_org_id',
    ])
    .where('i.id', '=', id);
  if (forUpdate) q = q.forUpdate('i');
  return q.executeTakeFirst();
}

export async function listReports(db: Executor, implementationIds: string[]) {
  if (!implementationIds.length) return [];
  return db
    .selectFrom('effect_reports')
    .selectAll()
    .where('implementation_id', 'in', implementationIds)
    .orderBy('implementation_id')
    .orderBy('period_months')
    .execute();
}

export async function insertReport(db: Executor, values: Insertable<EffectReportsTable>) {
  return db.insertInto('effect_reports').values(values).returningAll().executeTakeFirstOrThrow();
}
