import type { AppDb } from './db.ts';
import { sql } from 'kysely';
import { loadDocuments } from './documents.ts';
import { pruneOutbox } from './outbox.ts';
import type { SearchEngine } from './types.ts';

export interface SyncWorkerOptions {
  batchSize?: number;
  /** How long to wait when the outbox is empty (a fallback when `listen` is given). */
  idleMs?: number;
  /** Loops claiming batches side by side (FOR UPDATE SKIP LOCKED); 2 by default, for two cores. */
  workers?: number;
  /**
   * Subscribes to outbox inserts (LISTEN search_outbox; see migration 0010) so a commit
   * wakes the loops at once; returns the unsubscribe function. Without it, they poll.
   */
  listen?: (wake: () => void) => Promise<() => Promise<void>>;
  log?: { info(obj: object, msg: string): void; error(obj: object, msg: string): void };
  /** Test hook: runs after the engine applied a batch and before the rows are marked done. */
  afterApply?: (rowIds: number[]) => Promise<void>;
}

const backoffSeconds = (attempts: number) => Math.min(300, 2 ** Math.min(attempts, 8));

/**
 * Applies outbox rows to the engine, in two loops by default, woken by NOTIFY on
 * commit when `listen` is given (polling every `idleMs` stays as the fallback).
 * A batch (up to 1,000 rows; the engine writes it in one statement) is claimed with FOR UPDATE SKIP LOCKED inside a
 * transaction; rows are marked done only after the engine confirmed, in that same
 * transaction. If the process dies before the commit, the rows are claimed again
 * later; applying one twice is harmless because the worker always indexes the
 * demand's current state. Failures are retried with exponential backoff, never dropped.
 */
export class SyncWorker {
  private stopped = false;
  private loops: Promise<void>[] = [];
  private sleepers = new Set<() => void>();
  private unlisten: (() => Promise<void>) | null = null;
  /** Set by a notification that arrived while every loop was busy: the next wait is skipped. */
  private pendingWake = false;
  private sinceSettle = 0;
  private lastSettle = Date.now();
  private settling = false;
  private readonly batchSize: number;
  private readonly idleMs: number;

  constructor(
    private db: AppDb,
    private engine: SearchEngine,
    private options: SyncWorkerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 1000;
    this.idleMs = options.idleMs ?? 500;
  }

  start(): void {
    if (this.loops.length) return;
    this.stopped = false;
    const count = Math.max(1, this.options.workers ?? 2);
    this.loops = Array.from({ length: count }, (_, i) => this.run(i === 0));
    if (this.options.listen) {
      this.options
        .listen(() => this.wakeAll())
        .then((unlisten) => {
          if (this.stopped) return void unlisten().catch(() => undefined);
          this.unlisten = unlisten;
        })
        .catch((error) => this.options.log?.error({ err: error }, 'search sync: LISTEN failed; polling only'));
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeAll();
    await this.unlisten?.().catch(() => undefined);
    this.unlisten = null;
    await Promise.all(this.loops);
    this.loops = [];
  }

  private wakeAll() {
    if (!this.sleepers.size) this.pendingWake = true;
    for (const wake of [...this.sleepers]) wake();
  }

  private async run(prunes: boolean): Promise<void> {
    let lastPrune = 0;
    while (!this.stopped) {
      let processed = 0;
      try {
        processed = await this.processBatch();
        this.sinceSettle += processed;
        if (processed < this.batchSize) await this.settle();
        if (prunes && Date.now() - lastPrune > 3600_000) {
          lastPrune = Date.now();
          await pruneOutbox(this.db);
        }
      } catch (error) {
        this.options.log?.error({ err: error }, 'search sync batch failed');
      }
      if (processed < this.batchSize && !this.stopped) {
        if (this.pendingWake) {
          this.pendingWake = false;
          continue;
        }
        await new Promise<void>((resolve) => {
          const wake = () => {
            clearTimeout(timer);
            this.sleepers.delete(wake);
            resolve();
          };
          const timer = setTimeout(wake, this.idleMs);
          this.sleepers.add(wake);
        });
      }
    }
  }

  /**
   * Once the outbox is drained after a bulk of writes (1,000 documents, or any for 5 s),
   * lets the engine finish deferred work (the PostgreSQL engine merges its GIN pending
   * lists, which every search reads through). One loop at a time: the other keeps applying
   * new writes meanwhile, so a trickle of writes is not held up.
   */
  private async settle() {
    if (!this.engine.settle || this.settling || !this.sinceSettle) return;
    if (this.sinceSettle < this.batchSize && Date.now() - this.lastSettle < 5000) return;
    this.settling = true;
    try {
      this.sinceSettle = 0;
      this.lastSettle = Date.now();
      await this.engine.settle();
    } finally {
      this.settling = false;
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
        await sql`update search_outbox set processed_at = clock_timestamp(), last_error = null where id = any(${rowIds}::bigint[])`.execute(
          trx,
        );
      } catch (error) {
        const message = (error as Error).message?.slice(0, 1000) ?? String(error);
        await sql`
          update search_outbox
          set attempts = attempts + 1, last_error = ${message},
              next_attempt_at = clock_timestamp() + make_interval(secs => power(2, least(attempts + 1, 8))::int)
          where id = any(${rowIds}::bigint[])`.execute(trx);
        this.options.log?.error(
          { err: error, rows: rowIds.length, retryInSeconds: backoffSeconds(rows[0].attempts + 1) },
          'search engine refused a batch; will retry',
        );
      }
      return rows.length;
    });
  }

  /** Processes until the outbox has nothing due, with every loop (for tests, benchmarks and the reindex command). */
  async drain(): Promise<void> {
    const drainOne = async () => {
      while ((await this.processBatch()) > 0) {
        // keep going
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, this.options.workers ?? 2) }, drainOne));
  }
}
