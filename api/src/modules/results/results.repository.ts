import type { Executor } from '../../db/database.ts';
import type { ReviewStage } from '../../db/schema.ts';

/** SQL the results module shares: rounds of an edition by stage, project facts, settings. */

export async function roundOfStage(db: Executor, editionId: string, stage: ReviewStage) {
  return db.selectFrom('review_rounds').selectAll().where('edition_id', '=', editionId).where('stage', '=', stage).executeTakeFirst();
}

/** Team, track and targeted demand of projects (facts that do not change after submission). */
export async function projectFacts(db: Executor, projectIds: string[]) {
  if (!projectIds.length) return new Map<string, { teamId: string; trackId: string; demandId: string | null; editionId: string }>();
  const rows = await db
    .selectFrom('projects as p')
    .innerJoin('topics as tp', 'tp.id', 'p.topic_id')
    .select(['p.id', 'p.team_id', 'p.demand_id', 'p.edition_id', 'tp.track_id'])
    .where('p.id', 'in', projectIds)
    .execute();
  return new Map(rows.map((r) => [r.id, { teamId: r.team_id, trackId: r.track_id, demandId: r.demand_id, editionId: r.edition_id }]));
}

export async function findResultSettings(db: Executor, editionId: string) {
  return db.selectFrom('result_settings').selectAll().where('edition_id', '=', editionId).executeTakeFirst();
}

export async function upsertResultSettings(
  db: Executor,
  editionId: string,
  v: {
    advancement_mode: 'total' | 'ratio';
    advancement_total: number | null;
    advancement_ratio: number | null;
    reserved_ratio: number;
    tie_rule: 'include_ties' | 'tie_break';
    award_ratios: string;
    final_enterprise_weight: number;
    updated_by: string;
    updated_at: Date;
  },
) {
  await db
    .insertInto('result_settings')
    .values({ edition_id: editionId, ...v })
    .onConflict((oc) => oc.column('edition_id').doUpdateSet(v))
    .execute();
}

/** Is the user a member of the team (any role)? */
export async function isTeamMember(db: Executor, teamId: string, userId: string) {
  const row = await db
    .selectFrom('team_members')
    .select('user_id')
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return !!row;
}

/** Members of the teams (for notifications). */
export async function teamMemberIds(db: Executor, teamIds: string[]) {
  if (!teamIds.length) return new Map<string, string[]>();
  const rows = await db.selectFrom('team_members').select(['team_id', 'user_id']).where('team_id', 'in', teamIds).execute();
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.team_id, [...(out.get(r.team_id) ?? []), r.user_id]);
  return out;
}
