import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation.ts';
import * as m0002 from './0002_demands.ts';
import * as m0003 from './0003_search.ts';
import * as m0004 from './0004_teams_projects.ts';
import * as m0005 from './0005_reviews.ts';
import * as m0006 from './0006_chat.ts';
import * as m0007 from './0007_fair.ts';
import * as m0008 from './0008_hardening.ts';
import * as m0010 from './0010_search_scale.ts';
import * as m0011 from './0011_results.ts';
import * as m0012 from './0012_publicity.ts';
import * as m0013 from './0013_implementations.ts';
import * as m0014 from './0014_tracking.ts';
import * as m0015 from './0015_search_speed.ts';
import * as m0016 from './0016_search_sample.ts';

/** All migrations in order. Forward-only: never edit one that has shipped, add a new file. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_demands': m0002,
  '0003_search': m0003,
  '0004_teams_projects': m0004,
  '0005_reviews': m0005,
  '0006_chat': m0006,
  '0007_fair': m0007,
  '0008_hardening': m0008,
  '0010_search_scale': m0010,
  '0011_results': m0011,
  '0012_publicity': m0012,
  '0013_implementations': m0013,
  '0014_tracking': m0014,
  '0015_search_speed': m0015,
  '0016_search_sample': m0016,
};
