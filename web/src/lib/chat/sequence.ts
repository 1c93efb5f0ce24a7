/**
 * The client's half of "each message exactly once, in order": given the last seq it
 * holds and messages that arrived (live or from a join), keep only those that continue
 * the sequence. A seq already held is dropped; a gap stops there and asks for a resync
 * (join with the last seq held). Pure, so it is tested alone.
 */
export function continueSequence<T extends { seq: number }>(
  lastSeq: number,
  incoming: readonly T[],
): { accepted: T[]; lastSeq: number; gap: boolean } {
  const accepted: T[] = [];
  let last = lastSeq;
  for (const m of [...incoming].sort((a, b) => a.seq - b.seq)) {
    if (m.seq <= last) continue;
    if (m.seq > last + 1) return { accepted, lastSeq: last, gap: true };
    accepted.push(m);
    last = m.seq;
  }
  return { accepted, lastSeq: last, gap: false };
}
