import { loadConfig } from '../config.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { openDatabase } from '../db/open.ts';
import { seedDemo } from '../seed/demo.ts';
import { LocalFileStorage } from '../lib/storage/file-storage.ts';
import path from 'node:path';

const config = loadConfig();
const database = await openDatabase(config);
try {
  await migrateToLatest(database.db);
  const { editionId } = await seedDemo(database.db, new Date(), { storage: new LocalFileStorage(path.join(config.dataDir, 'files')) });
  console.log(`demo data ready (edition ${editionId})`);
} finally {
  await database.close();
}
