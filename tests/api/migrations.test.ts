import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestMigration, migrateToLatest } from '@jb/api/db/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';

describe('migrations', () => {
  it('migrate an empty database to the latest version', async () => {
    const database = await createTestDatabase({ empty: true });
    try {
      const result = await migrateToLatest(database.db);
      expect(result.results?.every((r) => r.status === 'Success')).toBe(true);
      expect(result.results?.at(-1)?.migrationName).toBe(latestMigration);

      const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(database.db);
      expect(applied.rows.map((r) => r.name).at(-1)).toBe(latestMigration);
    } finally {
      await database.drop();
    }
  });

  // The schema as the migrations leave it: a database of its own, migrated once before these tests.
  describe('migrated schema', () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await createTestDatabase({ empty: true });
      await migrateToLatest(database.db);
    });
    afterAll(() => database.drop());

    it('creates the expected tables, keys and constraints', async () => {
      const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = 'public' order by table_name`.execute(database.db);
      expect(tables.rows.map((r) => r.table_name)).toEqual(
        expect.arrayContaining(['users', 'organizations', 'org_members', 'editions', 'tracks', 'topics', 'audit_events', 'login_failures']),
      );
      const indexes = await sql<{ indexname: string }>`select indexname from pg_indexes where schemaname = 'public'`.execute(database.db);
      expect(indexes.rows.map((r) => r.indexname)).toEqual(
        expect.arrayContaining(['users_email_key', 'organizations_credit_code_key', 'org_members_pkey']),
      );
      const checks = await sql<{ conname: string }>`select conname from pg_constraint where contype = 'c'`.execute(database.db);
      expect(checks.rows.map((r) => r.conname)).toEqual(
        expect.arrayContaining(['users_roles_known', 'organizations_kind', 'organizations_blacklist_reason', 'org_members_role']),
      );
    });

    it('uses UTF8 so Chinese text round-trips', async () => {
      const encoding = await sql<{
        enc: string;
      }>`select pg_encoding_to_char(encoding) as enc from pg_database where datname = current_database()`.execute(database.db);
      expect(encoding.rows[0].enc).toBe('UTF8');
      const echo = await sql<{ v: string }>`select lower(${'数据要素×工业制造 UDI'}) as v`.execute(database.db);
      expect(echo.rows[0].v).toBe('数据要素×工业制造 udi');
    });

    it('is a no-op when run again', async () => {
      const again = await migrateToLatest(database.db);
      expect(again.results).toEqual([]);
    });

    it('refuses a credit code that is not 18 characters at the database level too', async () => {
      const user = await database.db
        .insertInto('users')
        .values({ email: 'x@test.cn', password_hash: 'x', display_name: 'x' })
        .returning('id')
        .executeTakeFirstOrThrow();
      await expect(
        database.db
          .insertInto('organizations')
          .values({ name: 'x', credit_code: 'X'.repeat(19), kind: 'enterprise', region: 'x', created_by: user.id })
          .execute(),
      ).rejects.toThrow();
      await expect(
        database.db
          .insertInto('organizations')
          .values({ name: 'x', credit_code: 'X'.repeat(18), kind: 'club' as never, region: 'x', created_by: user.id })
          .execute(),
      ).rejects.toThrow(/organizations_kind/);
    });
  });
});
