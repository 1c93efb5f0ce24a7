/** The app's database as the search package sees it: typed by the API's schema (types only, no runtime import). */
import type { Kysely } from 'kysely';
import type { Database } from '@jb/api/db/schema.ts';

export type AppDb = Kysely<Database>;
