import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation.ts';
import * as m0002 from './0002_demands.ts';
import * as m0003 from './0003_search.ts';
import * as m0004 from './0004_teams_projects.ts';
import * as m0010 from './0010_search_scale.ts';

/** All migrations in order. Forward-only: never edit one that has shipped, add a new file. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_demands': m0002,
  '0003_search': m0003,
  '0004_teams_projects': m0004,
  '0010_search_scale': m0010,
};
