import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createDb } from '@jb/api/db/database.ts';
import { startEmbeddedPostgres } from '@jb/api/db/embedded.ts';
import { migrateToLatest } from '@jb/api/db/migrate.ts';
import { ensureDatabase } from '@jb/api/db/open.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Maintenance connection to the test PostgreSQL server. */
    pgServerUrl: string;
    /** A migrated, empty database each test file clones. */
    pgTemplate: string;
  }
}

/**
 * One PostgreSQL server for the run: DATABASE_URL's server if set, otherwise an
 * embedded one in a temporary folder. A migrated template database is built
 * once; every test file gets its own copy (CREATE DATABASE … TEMPLATE).
 */
export default async function setup(project: TestProject) {
  let serverUrl: string;
  let stop = async () => {};
  let tmp: string | undefined;
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = '/postgres';
    serverUrl = url.toString();
  } else {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'jb-test-pg-'));
    await chmod(tmp, 0o755); // under root, PostgreSQL runs as the `postgres` user and must reach its folder
    const server = await startEmbeddedPostgres(path.join(tmp, 'pg'));
    serverUrl = server.serverUrl;
    stop = server.stop;
  }

  const template = `jb_template_${process.pid}`;
  await dropDatabase(serverUrl, template);
  await ensureDatabase(serverUrl, template);
  const templateUrl = new URL(serverUrl);
  templateUrl.pathname = `/${template}`;
  const db = createDb(templateUrl.toString(), { max: 1 });
  await migrateToLatest(db);
  await db.destroy();

  project.provide('pgServerUrl', serverUrl);
  project.provide('pgTemplate', template);

  return async () => {
    if (process.env.DATABASE_URL) {
      await dropTestDatabases(serverUrl, template).catch(() => undefined);
    }
    await stop();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  };
}

async function dropDatabase(serverUrl: string, name: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

async function dropTestDatabases(serverUrl: string, template: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rows } = await client.query(`select datname from pg_database where datname like $1 or datname = $2`, [
      `${template}_%`,
      template,
    ]);
    for (const row of rows) await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(row.datname)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
