/**
 * The API's OpenAPI document without a database: the routes are registered
 * against a pool that never connects. `tsx api/src/cli/openapi.ts [file]` prints
 * it (or writes it to the file); `gen-web-types.ts` turns it into the web's types.
 */
import { writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { buildApp } from '../app.ts';
import { createDb } from '../db/database.ts';
import type { SearchEngine } from '@jb/search';
import type { FileStorage } from '../lib/storage/file-storage.ts';

export async function openApiDocument(): Promise<unknown> {
  const unused = new Proxy({}, { get: () => () => Promise.reject(new Error('not available while reading the OpenAPI document')) });
  const db = createDb('postgres://openapi@127.0.0.1:1/none', { max: 1 });
  const app = await buildApp({
    config: { jwtSecret: 'openapi-document-'.padEnd(48, 'x'), nodeEnv: 'test', logLevel: 'silent' },
    db,
    search: unused as SearchEngine,
    storage: unused as FileStorage,
    webBuildDir: false,
    logger: false,
  });
  await app.ready();
  const document = app.swagger();
  await app.close();
  await db.destroy();
  return document;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const text = JSON.stringify(await openApiDocument(), null, 2) + '\n';
  const out = process.argv[2];
  if (out) await writeFile(out, text);
  else process.stdout.write(text);
}
