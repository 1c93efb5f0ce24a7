/** Shared by the benchmarks: a throw-away database, latency sampling over HTTP, percentiles. */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '@jb/api/app.ts';
import { createDb, type DB, type Trx } from '@jb/api/db/database.ts';
import { startEmbeddedPostgres } from '@jb/api/db/embedded.ts';
import { ensureDatabase } from '@jb/api/db/open.ts';
import { LocalFileStorage } from '@jb/api/lib/storage/file-storage.ts';
import { DEMO_PASSWORD } from '@jb/api/seed/demo.ts';
import { createSearchEngine } from '@jb/search';

const log = (...args: unknown[]) => console.log(...args);
export const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
export const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
export const stats = (samples: number[]) => {
  const s = [...samples].sort((a, b) => a - b);
  return { n: s.length, p50: round(pct(s, 50)), p95: round(pct(s, 95)), p99: round(pct(s, 99)), max: round(s[s.length - 1]) };
};

export async function openBenchDatabase(): Promise<{ db: DB; url: string; close: () => Promise<void> }> {
  if (process.env.BENCH_DATA_DIR) {
    // A kept cluster: generated data is reused by later runs (the folder is not removed).
    const server = await startEmbeddedPostgres(path.resolve(process.env.BENCH_DATA_DIR));
    await ensureDatabase(server.serverUrl, 'bench');
    log(`  database: ${server.url('bench')} (kept in ${process.env.BENCH_DATA_DIR})`);
    const db = createDb(server.url('bench'), { max: 20 });
    return {
      db,
      url: server.url('bench'),
      close: async () => {
        await db.destroy();
        await server.stop();
      },
    };
  }
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    if (!process.env.BENCH_REUSE) {
      const name = `jb_bench_${Date.now()}`;
      url.pathname = '/postgres';
      await ensureDatabase(url.toString(), name);
      url.pathname = `/${name}`;
    }
    const db = createDb(url.toString(), { max: 20 });
    return { db, url: url.toString(), close: () => db.destroy() };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'jb-bench-'));
  await chmod(dir, 0o755);
  const server = await startEmbeddedPostgres(path.join(dir, 'pg'));
  await ensureDatabase(server.serverUrl, 'bench');
  if (process.env.BENCH_KEEP) log(`  database: ${server.url('bench')}`);
  const db = createDb(server.url('bench'), { max: 20 });
  return {
    db,
    url: server.url('bench'),
    close: async () => {
      await db.destroy();
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Samples `count` GETs at `concurrency`; `headers` e.g. a session. */
export async function measure(
  baseUrl: string,
  paths: () => string,
  count: number,
  concurrency: number,
  headers: Record<string, string> = {},
) {
  const samples: number[] = [];
  let issued = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (issued < count) {
        issued += 1;
        const t0 = performance.now();
        const res = await fetch(baseUrl + paths(), { headers });
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`${res.status} for ${paths()}`);
        samples.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { ...stats(samples), throughput: round(samples.length / seconds) };
}

/** One generated team: a representative who administers the lead organisation. */
export interface BenchTeamRow {
  i: number;
  user: string;
  org: string;
  team: string;
}

/**
 * Inserts, for each row, a user, an enterprise, its admin membership, a team led by it and
 * the user as the team's leader. `creditPrefix` keeps credit codes of different benches apart.
 */
export async function seedBenchTeams(
  trx: Trx,
  editionId: string,
  rows: BenchTeamRow[],
  opts: { passwordHash: string; email: (i: number) => string; creditPrefix: string; blacklisted?: (i: number) => boolean },
) {
  await trx
    .insertInto('users')
    .values(rows.map((r) => ({ id: r.user, email: opts.email(r.i), password_hash: opts.passwordHash, display_name: `基准用户${r.i}` })))
    .execute();
  await trx
    .insertInto('organizations')
    .values(
      rows.map((r) => {
        const blacklisted = opts.blacklisted?.(r.i) ?? false;
        return {
          id: r.org,
          name: `基准单位${r.i}`,
          credit_code: `${opts.creditPrefix}${String(r.i).padStart(18 - opts.creditPrefix.length, '0')}`,
          kind: 'enterprise' as const,
          region: '河北省',
          created_by: r.user,
          blacklisted,
          blacklist_reason: blacklisted ? '基准测试' : null,
        };
      }),
    )
    .execute();
  await trx
    .insertInto('org_members')
    .values(rows.map((r) => ({ org_id: r.org, user_id: r.user, role: 'admin' as const })))
    .execute();
  await trx
    .insertInto('teams')
    .values(rows.map((r) => ({ id: r.team, edition_id: editionId, name: `基准团队${r.i}`, lead_org_id: r.org, created_by: r.user })))
    .execute();
  await trx
    .insertInto('team_orgs')
    .values(rows.map((r) => ({ team_id: r.team, org_id: r.org, role: 'lead' as const })))
    .execute();
  await trx
    .insertInto('team_members')
    .values(rows.map((r) => ({ team_id: r.team, edition_id: editionId, user_id: r.user, org_id: r.org, role: 'leader' as const })))
    .execute();
}

/** The whole API (PostgreSQL search engine, no web build) on a free port, and the demo committee's auth header. */
export async function startBenchApp(db: DB) {
  const search = createSearchEngine(db, {});
  await search.init();
  const app = await buildApp({
    config: { jwtSecret: 'bench'.padEnd(40, '-'), nodeEnv: 'production', logLevel: 'silent' },
    db,
    search,
    logger: false,
    webBuildDir: false,
    storage: new LocalFileStorage(path.join(os.tmpdir(), 'jb-bench-files')),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const baseUrl = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'committee@demo.cn', password: DEMO_PASSWORD }),
  });
  const headers = { authorization: `Bearer ${((await login.json()) as { token: string }).token}` };
  return { app, search, baseUrl, headers };
}
