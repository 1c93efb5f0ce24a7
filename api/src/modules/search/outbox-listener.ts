import pg from 'pg';

/**
 * LISTEN on the search outbox's channel (a statement trigger NOTIFYs on every insert,
 * delivered at commit) with one dedicated connection; reconnects after a drop, and the
 * sync worker keeps polling meanwhile. Pass as `listen` to the SyncWorker.
 */
export function outboxListener(connectionString: string, log?: { error(obj: object, msg: string): void }) {
  return async (wake: () => void): Promise<() => Promise<void>> => {
    let client: pg.Client | null = null;
    let stopped = false;
    let retry: NodeJS.Timeout | null = null;
    const connect = async () => {
      const c = new pg.Client({ connectionString });
      c.on('notification', () => wake());
      c.on('error', (error) => {
        log?.error({ err: error }, 'search outbox listener lost its connection; reconnecting');
        void c.end().catch(() => undefined);
        if (!stopped) retry = setTimeout(() => void connect().catch(() => undefined), 1000);
      });
      await c.connect();
      await c.query('LISTEN search_outbox');
      client = c;
      wake(); // anything committed while not listening
    };
    await connect();
    return async () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => undefined);
    };
  };
}
