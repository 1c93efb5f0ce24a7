import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxListener } from '@jb/api/modules/search/outbox-listener.ts';
import { enqueueDemand, SyncWorker } from '@jb/search';
import { PostgresSearchEngine } from '@jb/search/postgres-engine.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';

/** The sync worker is woken by NOTIFY on commit, not by its poll (set to a minute here). */
describe('search sync worker wake-up', () => {
  let database: TestDatabase;
  let worker: SyncWorker;
  beforeAll(async () => {
    database = await createTestDatabase();
    const engine = new PostgresSearchEngine(database.db);
    await engine.init();
    worker = new SyncWorker(database.db, engine, { idleMs: 60_000, listen: outboxListener(database.url) });
    worker.start();
    // let both loops find the outbox empty and go to sleep
    await new Promise((r) => setTimeout(r, 1000));
  });
  afterAll(async () => {
    await worker.stop();
    await database.drop();
  });

  const processed = async (entityId: string) =>
    (
      await sql<{ done: boolean }>`select processed_at is not null as done from search_outbox where entity_id = ${entityId}`.execute(
        database.db,
      )
    ).rows[0]?.done;

  it('applies a committed outbox row long before the next poll', async () => {
    for (let round = 0; round < 3; round++) {
      const id = randomUUID(); // no such demand: the worker removes it from the index and marks the row done
      await database.db.transaction().execute((trx) => enqueueDemand(trx, id));
      const started = Date.now();
      while (!(await processed(id)) && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 20));
      expect(await processed(id)).toBe(true);
      expect(Date.now() - started).toBeLessThan(10_000);
    }
  });

  it('does not apply a row before its transaction commits', async () => {
    const id = randomUUID();
    await database.db.transaction().execute(async (trx) => {
      await enqueueDemand(trx, id);
      await new Promise((r) => setTimeout(r, 300));
      // not visible to the worker yet
      expect(await processed(id)).toBeUndefined();
    });
    const started = Date.now();
    while (!(await processed(id)) && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 20));
    expect(await processed(id)).toBe(true);
  });
});
