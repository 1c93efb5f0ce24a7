/**
 * The public board's page rows and total, remembered for a second. At 100k demands the
 * total (an index-only count of every public demand) and the page's rows (two content
 * documents each) are most of the route's cost, and they are the same for every visitor.
 * What depends on the moment is not kept: bid counts and overdue flags are computed per
 * request from the rows. A demand written through this process (the repository's writes
 * call `noteDemandWrite`) forgets everything and keeps it from being remembered for two
 * seconds (the write's transaction may commit after the statement), so this process's own
 * writes are never shown late; another process's writes show within the second.
 */
const TTL_MS = 1000;
const QUIET_MS = 2000;
let lastWrite = 0;
const cache = new Map<string, { at: number; value: unknown }>();

/** Called by the repository's demand writes. */
export function noteDemandWrite() {
  lastWrite = Date.now();
  cache.clear();
}

export async function cachedBoard<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const now = Date.now();
  if (now - lastWrite < QUIET_MS) return compute();
  const hit = cache.get(key);
  if (hit && now - hit.at < TTL_MS) return hit.value as T;
  const value = await compute();
  if (lastWrite < now) {
    if (cache.size > 200) cache.clear();
    cache.set(key, { at: now, value });
  }
  return value;
}
