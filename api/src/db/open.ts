import path from 'node:path';
import pg from 'pg';
import type { Config } from '../config.ts';
import { createDb, type DB } from './database.ts';
import { startEmbeddedPostgres } from './embedded.ts';

export interface OpenedDatabase {
  db: DB;
  url: string;
  embedded: boolean;
  close(): Promise<void>;
}

const EMBEDDED_DATABASE = 'jiebang';

/**
 * DATABASE_URL when given; otherwise the embedded PostgreSQL under DATA_DIR/pg,
 * started on a free loopback port and reused across restarts.
 */
export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
  log: (line: string) => void = () => undefined,
): Promise<OpenedDatabase> {
  if (config.databaseUrl) {
    const db = createDb(config.databaseUrl);
    return { db, url: config.databaseUrl, embedded: false, close: () => db.destroy() };
  }
  const server = await startEmbeddedPostgres(path.join(config.dataDir, 'pg'), { log });
  await ensureDatabase(server.serverUrl, EMBEDDED_DATABASE);
  const url = server.url(EMBEDDED_DATABASE);
  const db = createDb(url);
  return {
    db,
    url,
    embedded: true,
    close: async () => {
      await db.destroy();
      await server.stop();
    },
  };
}

export async function ensureDatabase(serverUrl: string, name: string, template?: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) {
      const ident = client.escapeIdentifier(name);
      const from = template ? ` TEMPLATE ${client.escapeIdentifier(template)}` : '';
      await client.query(`CREATE DATABASE ${ident}${from} ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`);
    }
  } finally {
    await client.end();
  }
}
