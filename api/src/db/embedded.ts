import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chown, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { postgresUser, reachableBinaries, reachableDataDir, runsAsRoot, type PgIds } from './pg-runtime.ts';

export interface EmbeddedDatabase {
  /** Connection string to the `postgres` maintenance database of the cluster. */
  serverUrl: string;
  url(database: string): string;
  stop(): Promise<void>;
}

const USER = 'jiebang';
/** The password of clusters created before passwords were generated; replaced on their next start. */
const LEGACY_PASSWORD = 'jiebang-embedded';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a PostgreSQL cluster whose files live in `dir`, creating it on first use.
 * UTF8 with the C.UTF-8 locale: other locales break Chinese text handling. The
 * password is random, generated on first start into `pg-password` next to `dir`
 * (in DATA_DIR). PostgreSQL refuses to run as root, so under root a `postgres`
 * system user runs it (see pg-runtime.ts for private folders).
 */
export async function startEmbeddedPostgres(dir: string, options: { log?: (line: string) => void } = {}): Promise<EmbeddedDatabase> {
  const requested = path.resolve(dir);
  const log = options.log ?? (() => undefined);
  const ids = runsAsRoot() ? postgresUser() : null;
  const bins = await reachableBinaries(ids);
  const databaseDir = await reachableDataDir(requested, ids);
  stopOrphan(databaseDir);

  const passwordFile = path.join(path.dirname(requested), 'pg-password');
  const fresh = !existsSync(path.join(databaseDir, 'PG_VERSION'));
  const saved = existsSync(passwordFile) ? (await readFile(passwordFile, 'utf8')).trim() : undefined;
  const password = saved || (fresh ? randomBytes(24).toString('base64url') : LEGACY_PASSWORD);
  if (fresh) {
    await writeFile(passwordFile, password + '\n', { mode: 0o600 });
    await initdb(bins.initdb, databaseDir, password, ids, log);
  }

  const port = await freePort();
  const child = await startServer(bins.postgres, databaseDir, port, ids, log);
  const url = (database: string, pw = password) => `postgres://${USER}:${encodeURIComponent(pw)}@127.0.0.1:${port}/${database}`;
  const stop = () => stopServer(child);

  if (!saved && !fresh) {
    // A cluster from before generated passwords: give it one now.
    try {
      const next = randomBytes(24).toString('base64url');
      const client = new pg.Client({ connectionString: url('postgres') });
      await client.connect();
      try {
        await client.query(`ALTER ROLE ${USER} PASSWORD '${next}'`);
      } finally {
        await client.end();
      }
      await writeFile(passwordFile, next + '\n', { mode: 0o600 });
      return { serverUrl: url('postgres', next), url: (database) => url(database, next), stop };
    } catch (error) {
      await stop();
      throw new Error(`embedded PostgreSQL in ${databaseDir}: could not set a generated password (is ${passwordFile} missing?)`, {
        cause: error,
      });
    }
  }
  return { serverUrl: url('postgres'), url, stop };
}

const spawnOptions = (ids: PgIds | null) => ({
  ...(ids ? { uid: ids.uid, gid: ids.gid } : {}),
  env: { ...process.env, LC_MESSAGES: 'C', LANG: 'C.UTF-8' },
  stdio: ['ignore', 'pipe', 'pipe'] as ['ignore', 'pipe', 'pipe'],
});

async function initdb(program: string, databaseDir: string, password: string, ids: PgIds | null, log: (line: string) => void) {
  await mkdir(databaseDir, { recursive: true, mode: 0o700 });
  if (ids) await chown(databaseDir, ids.uid, ids.gid);
  const pwfile = path.join(os.tmpdir(), `jb-pg-pw-${randomBytes(6).toString('hex')}`);
  await writeFile(pwfile, password + '\n', { mode: 0o600 });
  if (ids) await chown(pwfile, ids.uid, ids.gid);
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(
        program,
        [
          `--pgdata=${databaseDir}`,
          '--auth=scram-sha-256',
          `--username=${USER}`,
          `--pwfile=${pwfile}`,
          '--encoding=UTF8',
          '--locale=C.UTF-8',
        ],
        spawnOptions(ids),
      );
      let output = '';
      child.stdout.on('data', (d) => log(String(d).trim()));
      child.stderr.on('data', (d) => {
        output += d;
        log(String(d).trim());
      });
      child.on('error', reject);
      child.on('close', (code) =>
        code === 0 ? resolve() : reject(new Error(`initdb failed in ${databaseDir} (exit ${code}): ${output.trim()}`)),
      );
    });
  } finally {
    await rm(pwfile, { force: true });
  }
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGINT');
});

async function startServer(program: string, databaseDir: string, port: number, ids: PgIds | null, log: (line: string) => void) {
  const child = spawn(
    program,
    // Only TCP on loopback: no unix socket to collide with a system PostgreSQL.
    ['-D', databaseDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    spawnOptions(ids),
  );
  running.add(child);
  child.on('exit', () => running.delete(child));
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (d: Buffer) => {
      const text = String(d);
      log(text.trim());
      if (output.length < 20_000) output += text;
      if (text.includes('database system is ready to accept connections')) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (error) => reject(new Error(`embedded PostgreSQL failed to start in ${databaseDir}`, { cause: error })));
    child.on('close', (code) =>
      reject(new Error(`embedded PostgreSQL failed to start in ${databaseDir} (exit ${code}): ${output.trim()}`)),
    );
  });
  return child;
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGINT'); // fast shutdown
  });
}

/**
 * A process that crashed may leave its PostgreSQL running with our data folder;
 * the new one cannot start until it is gone. Ask it to shut down (fast mode).
 */
function stopOrphan(databaseDir: string): void {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return; // not running: PostgreSQL cleans the stale pid file itself
  }
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
  }
  throw new Error(`an earlier PostgreSQL (pid ${pid}) still holds ${databaseDir}; stop it and retry`);
}
