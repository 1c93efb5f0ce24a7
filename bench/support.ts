/** Shared by the benchmarks: a throw-away database, latency sampling over HTTP, percentiles. */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createDb, type DB } from '@jb/api/db/database.ts';
import { startEmbeddedPostgres } from '@jb/api/db/embedded.ts';
import { ensureDatabase } from '@jb/api/db/open.ts';

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
