import { loadConfig } from '../config.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { openDatabase } from '../db/open.ts';
import { seedDemo } from '../seed/demo.ts';

const database = await openDatabase(loadConfig());
try {
  await migrateToLatest(database.db);
  const { editionId } = await seedDemo(database.db);
  console.log(`demo data ready (edition ${editionId})`);
} finally {
  await database.close();
}
