/**
 * The public board's total, remembered for a second: counting every public demand is
 * most of the board's cost at 100k demands (bench/search/profile.ts board: 11 of 13 ms),
 * and it is the same for every visitor. A demand written through this process forgets it
 * and keeps it from being remembered for two seconds (the write's transaction may commit
 * after the statement); writes by another process show within the second.
 */
const TTL_MS = 1000;
const QUIET_MS = 2000;
let lastWrite = 0;
const cache = new Map<string, { at: number; total: number }>();

/** Called by the repository's demand writes. */
export function noteDemandWrite() {
  lastWrite = Date.now();
  cache.clear();
}

export async function cachedBoardTotal(key: string, count: () => Promise<number>): Promise<number> {
  const now = Date.now();
  if (now - lastWrite < QUIET_MS) return count();
  const hit = cache.get(key);
  if (hit && now - hit.at < TTL_MS) return hit.total;
  const total = await count();
  if (lastWrite < now) {
    if (cache.size > 500) cache.clear();
    cache.set(key, { at: now, total });
  }
  return total;
}
