import { Migrator, type MigrationResultSet } from 'kysely';
import { migrations } from '../../../migrations/index.ts';
import type { DB } from './database.ts';

export async function migrateToLatest(db: DB): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    // Forward-only: a database that has a migration this code does not know is refused.
    allowUnorderedMigrations: false,
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${(result.error as Error).message}`, {
      cause: result.error,
    });
  }
  return result;
}

export const latestMigration = Object.keys(migrations).sort().at(-1)!;
