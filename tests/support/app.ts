import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp, type AppOptions } from '@jb/api/app.ts';
import { PostgresSearchEngine } from '@jb/search/postgres-engine.ts';
import { SyncWorker } from '@jb/search/sync-worker.ts';
import type { SearchEngine } from '@jb/search';
import type { PlatformRole } from '@jb/api/db/schema.ts';
import { computeCheckCharacter } from '@jb/api/lib/credit-code.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';
import { LocalFileStorage } from '@jb/api/lib/storage/file-storage.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  db: TestDatabase['db'];
  client(token?: string): Client;
  search: SearchEngine;
  /** Where uploaded materials go (a temporary folder per test app). */
  storage: LocalFileStorage;
  /** Applies every pending search outbox row (what the background worker does). */
  syncSearch(): Promise<void>;
  /** Registers a user through the API (optionally granting platform roles directly in the database). */
  signUp(input?: { email?: string; displayName?: string; password?: string; roles?: PlatformRole[] }): Promise<SignedUp>;
  close(): Promise<void>;
}

export interface SignedUp {
  id: string;
  email: string;
  password: string;
  token: string;
  client: Client;
}

let counter = 0;

export async function createTestApp(
  options: Partial<Pick<AppOptions, 'loginLimits' | 'uploadLimits' | 'clock' | 'security' | 'chat'>> = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const filesDir = await mkdtemp(path.join(tmpdir(), 'jb-files-'));
  const storage = new LocalFileStorage(filesDir);
  const search = new PostgresSearchEngine(database.db);
  await search.init();
  const worker = new SyncWorker(database.db, search);
  const app = await buildApp({
    search,
    config: { jwtSecret: 'test-secret-'.padEnd(48, 'x'), nodeEnv: 'test', logLevel: 'silent' },
    db: database.db,
    webBuildDir: false,
    logger: false,
    loginLimits: options.loginLimits,
    uploadLimits: options.uploadLimits,
    clock: options.clock,
    security: options.security,
    chat: options.chat,
    storage,
  });
  await app.ready();
  const client = (token?: string) => new Client(app, token);
  return {
    app,
    database,
    db: database.db,
    client,
    search,
    storage,
    syncSearch: () => worker.drain(),
    async signUp(input = {}) {
      counter += 1;
      const email = input.email ?? `user${counter}-${Math.random().toString(36).slice(2, 8)}@test.cn`;
      const password = input.password ?? 'correct horse battery';
      const res = await client().post('/api/auth/register', {
        email,
        password,
        displayName: input.displayName ?? `测试用户${counter}`,
      });
      if (res.statusCode !== 202) throw new Error(`sign-up failed: ${res.statusCode} ${res.body}`);
      // Registration answers the same for new and existing emails; the account is used by logging in.
      // From an address of its own, so set-up sign-ins never meet the per-IP login limit under test.
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email, password },
        remoteAddress: `10.254.${Math.floor(counter / 250) % 250}.${counter % 250}`,
      });
      if (login.statusCode !== 200) throw new Error(`login after sign-up failed: ${login.statusCode} ${login.body}`);
      const { user, token } = login.json();
      if (input.roles?.length) {
        await database.db.updateTable('users').set({ roles: input.roles }).where('id', '=', user.id).execute();
      }
      return { id: user.id, email, password, token, client: client(token) };
    },
    async close() {
      await app.close();
      await database.drop();
      await rm(filesDir, { recursive: true, force: true });
    },
  };
}

export class Client {
  constructor(
    private app: FastifyInstance,
    private token?: string,
  ) {}

  request(method: InjectOptions['method'], url: string, body?: unknown, headers: Record<string, string> = {}) {
    return this.app.inject({
      method,
      url,
      ...(body === undefined ? {} : { payload: body as InjectOptions['payload'] }),
      headers: { ...(this.token ? { authorization: `Bearer ${this.token}` } : {}), ...headers },
    });
  }
  get(url: string, headers?: Record<string, string>) {
    return this.request('GET', url, undefined, headers);
  }
  post(url: string, body: unknown = {}, headers?: Record<string, string>) {
    return this.request('POST', url, body, headers);
  }
  patch(url: string, body: unknown, headers?: Record<string, string>) {
    return this.request('PATCH', url, body, headers);
  }
  put(url: string, body: unknown, headers?: Record<string, string>) {
    return this.request('PUT', url, body, headers);
  }
  delete(url: string, headers?: Record<string, string>) {
    return this.request('DELETE', url, undefined, headers);
  }
}

/** A valid 统一社会信用代码 built from a 9-character organisation code (digits/allowed letters). */
export function validCreditCode(orgCode: string, region = '130100'): string {
  const first17 = `91${region}${orgCode}`;
  return first17 + computeCheckCharacter(first17);
}

let codeCounter = 0;
export function uniqueCreditCode(): string {
  codeCounter += 1;
  const n = ((process.pid * 7919 + codeCounter * 104729 + Date.now()) % 1e7).toString().padStart(7, '0');
  return validCreditCode(`MA${n}`);
}
