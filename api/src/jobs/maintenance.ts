import type { FastifyBaseLogger } from 'fastify';
import type { DB } from '../db/database.ts';
import type { LocalFileStorage } from '../lib/storage/file-storage.ts';
import { pruneLoginFailures } from '../modules/auth/users.repository.ts';
import { pruneSessions } from '../modules/auth/sessions.repository.ts';

/** Login failures older than this no longer count for any throttle. */
export const LOGIN_FAILURE_RETENTION_SECONDS = 24 * 3600;
/** Staged upload files untouched this long belong to uploads that died. */
export const STAGING_MAX_AGE_MS = 60 * 60 * 1000;

/** One round of housekeeping: old login failures, dead sessions, staged files of crashed uploads. */
export async function runMaintenance(db: DB, storage: Pick<LocalFileStorage, 'cleanStaging'>, stagingMaxAgeMs = STAGING_MAX_AGE_MS) {
  const [loginFailures, sessions, stagedFiles] = await Promise.all([
    pruneLoginFailures(db, LOGIN_FAILURE_RETENTION_SECONDS),
    pruneSessions(db),
    storage.cleanStaging(stagingMaxAgeMs),
  ]);
  return { loginFailures, sessions, stagedFiles };
}

/**
 * Runs housekeeping now and every `intervalMs`. The first round also removes every
 * staged file (nothing can be uploading before the server listens).
 */
export function startMaintenance(
  db: DB,
  storage: Pick<LocalFileStorage, 'cleanStaging'>,
  log: FastifyBaseLogger,
  intervalMs = 10 * 60_000,
): () => void {
  let first = true;
  const tick = () => {
    const age = first ? 0 : STAGING_MAX_AGE_MS;
    first = false;
    runMaintenance(db, storage, age)
      .then((removed) => {
        if (removed.loginFailures || removed.sessions || removed.stagedFiles) log.info(removed, 'housekeeping');
      })
      .catch((error) => log.error({ err: error }, 'housekeeping failed'));
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
