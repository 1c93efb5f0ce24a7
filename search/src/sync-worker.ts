import { sql, type Kysely } from 'kysely';
import { loadDocuments } from './documents.ts';
import { pruneOutbox } from './outbox.ts';
import type { SearchEngine } from './types.ts';

export interface SyncWorkerOptions {
  batchSize?: number;
  /** How long to wait when the outbox is empty. */
  idleMs?: number;
  log?: { info(obj: object, msg: string): void; error(obj: object, msg: string): void };
  /** Test hook: runs after the engine applied a batch and before the rows are marked done. */
  afterApply?: (rowIds: number[]) => Promise<void>;
}

const backoffSeconds = (attempts: number) => Math.min(300, 2 ** Math.min(attempts, 8));

/**
 * Applies outbox rows to the engine. A batch (up to 1,000 rows, or whatever is
 * pending every `idleMs`) is claimed with FOR UPDATE SKIP LOCKED inside a
 * transaction; rows are marked done only after the engine confirmed, in that same
 * transaction. If the process dies before the commit, the rows are claimed again
 * later; applying one twice is harmless because the worker always indexes the
 * demand's current state. Failures are retried with exponential backoff, never dropped.
 */
export class SyncWorker {
  private stopped = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private readonly batchSize: number;
  private readonly idleMs: number;

  constructor(
    private db: Kysely<any>,
    private engine: SearchEngine,
    private options: SyncWorkerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 1000;
    this.idleMs = options.idleMs ?? 500;
  }

  start(): void {
    if (this.loop) return;
    this.stopped = false;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
    this.loop = null;
  }

  private async run(): Promise<void> {
    let lastPrune = 0;
    while (!this.stopped) {
      let processed = 0;
      try {
        processed = await this.processBatch();
        if (Date.now() - lastPrune > 3600_000) {
          lastPrune = Date.now();
          await pruneOutbox(this.db);
        }
      } catch (error) {
        this.options.log?.error({ err: error }, 'search sync batch failed');
      }
      if (processed < this.batchSize && !this.stopped) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.idleMs);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  }

  /** Processes one batch; returns how many outbox rows it handled. */
  async processBatch(): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ id: number; entity_id: string; attempts: number }>`
        select id, entity_id, attempts from search_outbox
        where processed_at is null and next_attempt_at <= clock_timestamp()
        order by id limit ${this.batchSize}
        for update skip locked`.execute(trx);
      if (!rows.length) return 0;
      const rowIds = rows.map((r) => Number(r.id));
      const demandIds = [...new Set(rows.map((r) => r.entity_id))];
      try {
        const docs = await loadDocuments(trx, demandIds);
        await this.engine.upsert([...docs.values()]);
        await this.engine.remove(demandIds.filter((id) => !docs.has(id)));
        await this.options.afterApply?.(rowIds);
        await sql`update search_outbox set processed_at = clock_timestamp(), last_error = null where id = any(${rowIds}::bigint[])`.execute(trx);
      } catch (error) {
        const message = (error as Error).message?.slice(0, 1000) ?? String(error);
        await sql`
          update search_outbox
          set attempts = attempts + 1, last_error = ${message},
              next_attempt_at = clock_timestamp() + make_interval(secs => power(2, least(attempts + 1, 8))::int)
          where id = any(${rowIds}::bigint[])`.execute(trx);
        this.options.log?.error({ err: error, rows: rowIds.length, retryInSeconds: backoffSeconds(rows[0].attempts + 1) }, 'search engine refused a batch; will retry');
      }
      return rows.length;
    });
  }

  /** Processes until the outbox has nothing due (for tests and the reindex command). */
  async drain(): Promise<void> {
    while ((await this.processBatch()) > 0) {
      // keep going
    }
  }
}
