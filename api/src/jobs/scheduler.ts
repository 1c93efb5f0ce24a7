import type { FastifyBaseLogger } from 'fastify';
import type { DB } from '../db/database.ts';
import { closeExpiredDemands } from '../modules/demands/demand-transitions.ts';

/**
 * Periodic housekeeping: closes demands whose bid deadline has passed. Each run is
 * one transaction with SKIP LOCKED, so several app instances can run it safely.
 */
export function startScheduler(db: DB, log: FastifyBaseLogger, intervalMs = 60_000): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = closeExpiredDemands(db)
      .then((closed) => closed && log.info({ closed }, 'closed demands past their bid deadline'))
      .catch((error) => log.error({ err: error }, 'closing expired demands failed'));
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
