import { sql } from 'kysely';

/**
 * The names shown next to a finalist or an award, from the joins both lists make
 * (projects p, teams t, tracks tr, demands d, organizations o).
 */
export const entryLabelColumns = [
  'p.name as project_name',
  't.name as team_name',
  'tr.name as track_name',
  'tr.position as track_position',
  'o.name as enterprise_name',
] as const;

/** The sub-topic's title: the published version, or the draft before publication. */
export const demandTitle = () => sql<string | null>`coalesce(d.published_content->>'title', d.content->>'title')`.as('demand_title');
