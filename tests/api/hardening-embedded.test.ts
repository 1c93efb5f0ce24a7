import { chmod, mkdtemp, readFile, rm, unlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '@jb/api/db/embedded.ts';

async function query(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('embedded PostgreSQL: a random password generated into DATA_DIR', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'jb-embedded-'));
    await chmod(dataDir, 0o755);
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('generates a password on first start, reuses it, and gives an older cluster (constant password) a new one', async () => {
    const first = await startEmbeddedPostgres(path.join(dataDir, 'pg'));
    const password = (await readFile(path.join(dataDir, 'pg-password'), 'utf8')).trim();
    expect(password).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(password).not.toBe('jiebang-embedded');
    expect(decodeURIComponent(new URL(first.serverUrl).password)).toBe(password);
    expect(await query(first.serverUrl, 'select 1 as ok')).toEqual([{ ok: 1 }]);
    const wrong = new URL(first.serverUrl);
    wrong.password = 'jiebang-embedded';
    await expect(query(wrong.toString(), 'select 1')).rejects.toThrow(/password/);
    // make it look like a cluster created before passwords were generated
    await query(first.serverUrl, `ALTER ROLE jiebang PASSWORD 'jiebang-embedded'`);
    await first.stop();
    await unlink(path.join(dataDir, 'pg-password'));

    const again = await startEmbeddedPostgres(path.join(dataDir, 'pg'));
    try {
      const rotated = (await readFile(path.join(dataDir, 'pg-password'), 'utf8')).trim();
      expect(rotated).not.toBe('jiebang-embedded');
      expect(await query(again.serverUrl, 'select 2 as ok')).toEqual([{ ok: 2 }]);
    } finally {
      await again.stop();
    }
    const third = await startEmbeddedPostgres(path.join(dataDir, 'pg'));
    await third.stop();
  });
});
