import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendDecision, listDecisions } from '@jb/api/modules/results/decision-log.repository.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';

describe('decision log (append-only)', () => {
  let database: TestDatabase;
  let editionId: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    const edition = await database.db
      .insertInto('editions')
      .values({ slug: 'log-test', name: '日志测试', year: 2030, region: '测试', phases: '{}', rules: '{}' })
      .returning('id')
      .executeTakeFirstOrThrow();
    editionId = edition.id;
  });
  afterAll(() => database.drop());

  it('appends entries and lists them in order', async () => {
    const first = await appendDecision(database.db, {
      editionId,
      actorId: null,
      action: 'test.first',
      subjectType: 'test',
      subjectId: 'a',
      data: { n: 1 },
      reason: '第一条',
    });
    const second = await appendDecision(database.db, {
      editionId,
      actorId: null,
      action: 'test.second',
      subjectType: 'test',
      subjectId: 'a',
    });
    expect(second).toBeGreaterThan(first);
    const rows = await listDecisions(database.db, editionId, { subjectType: 'test', subjectId: 'a' });
    expect(rows.map((r) => r.action)).toEqual(['test.first', 'test.second']);
    expect(rows[0].data).toEqual({ n: 1 });
    expect(rows[0].reason).toBe('第一条');
  });

  it('refuses UPDATE, DELETE and TRUNCATE at the database level', async () => {
    const id = await appendDecision(database.db, { editionId, actorId: null, action: 'test.locked', subjectType: 'test', subjectId: 'b' });
    await expect(sql`update decision_log set reason = 'changed' where id = ${id}`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from decision_log where id = ${id}`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate decision_log`.execute(database.db)).rejects.toThrow(/append-only/);
    const rows = await listDecisions(database.db, editionId, { subjectId: 'b' });
    expect(rows).toHaveLength(1);
    expect(rows[0].reason).toBeNull();
  });
});
