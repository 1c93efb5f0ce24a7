import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { PostgresSearchEngine } from '@jb/search/postgres-engine.ts';
import { createTestDatabase } from '../support/db.ts';
import { doc } from '../support/search-docs.ts';
import { engineContract } from './contract.ts';

engineContract('postgres', async () => {
  const database = await createTestDatabase();
  return { engine: new PostgresSearchEngine(database.db), teardown: () => database.drop() };
});

describe('postgres engine specifics', () => {
  it('never lets an older revision overwrite a newer one', async () => {
    const database = await createTestDatabase();
    try {
      const engine = new PostgresSearchEngine(database.db);
      await engine.init();
      const d = doc({ title: '新版本标题', revision: 5 });
      await engine.upsert([d]);
      await engine.upsert([{ ...d, title: '旧版本标题', revision: 4 }]);
      expect((await engine.search({ q: '', sort: 'newest', page: 1, pageSize: 5 })).hits[0].document.title).toBe('新版本标题');
    } finally {
      await database.drop();
    }
  });

  it('keeps writing to the live index while a rebuild is in progress', async () => {
    const database = await createTestDatabase();
    try {
      const engine = new PostgresSearchEngine(database.db);
      await engine.init();
      const early = doc({ title: '重建前的需求' });
      const during = doc({ title: '重建期间发布的需求' });
      await engine.upsert([early]);
      async function* batches() {
        yield [early];
        // a write arriving mid-rebuild goes to both the live and the new index
        await engine.upsert([during]);
        const states = await sql<{ state: string }>`select state from search_indexes order by state`.execute(database.db);
        expect(states.rows.map((r) => r.state)).toEqual(['building', 'live']);
      }
      await engine.rebuild(batches());
      expect([...(await engine.snapshot()).keys()].sort()).toEqual([early.id, during.id].sort());
    } finally {
      await database.drop();
    }
  });
});
