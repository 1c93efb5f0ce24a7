import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';

/** Meetings with what the dashboard groups by: the sub-topic, else the track of the team's project. */
export async function listMeetingsForDashboard(db: Executor, fairId: string) {
  return db
    .selectFrom('meetings as m')
    .innerJoin('fair_participants as tp', 'tp.id', 'm.team_participant_id')
    .innerJoin('fair_participants as ep', 'ep.id', 'm.enterprise_participant_id')
    .leftJoin('teams as t', 't.id', 'tp.team_id')
    .leftJoin('organizations as eo', 'eo.id', 'ep.org_id')
    .leftJoin('demands as d', 'd.id', 'm.demand_id')
    .leftJoin('projects as pr', 'pr.team_id', 'tp.team_id')
    .leftJoin('topics as tp_topic', (j) => j.on(sql<boolean>`tp_topic.id = coalesce(d.topic_id, pr.topic_id)`))
    .leftJoin('tracks as tr', 'tr.id', 'tp_topic.track_id')
    .select([
      'm.id',
      'm.status',
      'm.slot_id',
      'm.starts_at',
      'm.table_no',
      'm.enterprise_checked_in_at',
      'm.team_checked_in_at',
      'm.enterprise_no_show_at',
      'm.team_no_show_at',
      'm.demand_id',
      sql<string | null>`coalesce(d.published_content->>'title', d.content->>'title')`.as('demand_title'),
      'tr.id as track_id',
      'tr.name as track_name',
      't.name as team_name',
      'eo.name as enterprise_name',
    ])
    .where('m.fair_id', '=', fairId)
    .where('m.status', '=', 'active')
    .orderBy(sql`m.starts_at nulls last`)
    .orderBy('m.table_no')
    .execute();
}
