import { loadConfig } from '../config.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { openDatabase } from '../db/open.ts';

const database = await openDatabase(loadConfig());
try {
  const result = await migrateToLatest(database.db);
  for (const r of result.results ?? []) console.log(`${r.status}: ${r.migrationName}`);
  if (!result.results?.length) console.log('already at the latest migration');
} finally {
  await database.close();
}
