import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allDocuments, outboxLag } from '@jb/search';
import { PostgresSearchEngine } from '@jb/search/postgres-engine.ts';
import { updateDemand } from '@jb/api/modules/demands/demands.repository.ts';
import { seedDemo } from '@jb/api/seed/demo.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function startWorker(databaseUrl: string, dataDir: string, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/src/cli/search-worker.ts'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: dataDir, LOG_LEVEL: 'info', SEED_DEMO: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const waitFor = async (text: string, timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!output.includes(text)) {
      if (child.exitCode !== null) throw new Error(`worker exited early:\n${output}`);
      if (Date.now() > deadline) throw new Error(`worker never printed "${text}":\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { child, waitFor, output: () => output };
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));

describe('search sync worker crash', () => {
  let database: TestDatabase;
  let dataDir: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'jb-worker-'));
    await seedDemo(database.db); // 20 Hebei demands + 2 of the 益阳 review demo + 1 of the past-results demo, 23 outbox rows
  });
  afterAll(() => database.drop());

  it('killed after applying a batch but before marking it done, then restarted: the index equals the database', async () => {
    const engine = new PostgresSearchEngine(database.db);
    const first = startWorker(database.url, dataDir, { SEARCH_WORKER_PAUSE_AFTER_APPLY_MS: '60000' });
    await first.waitFor('pausing before commit');
    first.child.kill('SIGKILL');
    await exited(first.child);

    // The engine got the batch, but the outbox still holds every row: nothing is lost.
    expect((await engine.stats()).documents).toBe(23);
    expect((await outboxLag(database.db)).pending).toBe(23);

    // The world moves on while no worker runs: one demand withdrawn, one re-titled by a committee correction.
    const [a, b] = await database.db.selectFrom('demands').select(['id', 'published_content']).orderBy('id').limit(2).execute();
    await database.db.transaction().execute(async (trx) => {
      await updateDemand(trx, a.id, { status: 'withdrawn' });
      await updateDemand(trx, b.id, { published_content: { ...b.published_content!, title: `${b.published_content!.title}（更正）` } });
    });

    const second = startWorker(database.url, dataDir);
    try {
      const deadline = Date.now() + 30_000;
      while ((await outboxLag(database.db)).pending > 0) {
        if (Date.now() > deadline) throw new Error(`outbox never drained:\n${second.output()}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      second.child.kill('SIGTERM');
      await exited(second.child);
    }

    const expected = new Map<string, number>();
    for await (const batch of allDocuments(database.db)) for (const d of batch) expected.set(d.id, d.revision);
    const actual = await engine.snapshot();
    expect(actual.size).toBe(22);
    expect(actual).toEqual(expected);
    expect(actual.has(a.id)).toBe(false);
    const corrected = await sql<{ title: string }>`select doc->>'title' as title from search_payloads where id = ${b.id}`.execute(
      database.db,
    );
    expect(corrected.rows[0].title).toMatch(/（更正）$/);
  });
});
