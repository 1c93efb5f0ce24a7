/** Table numbers and the reasons for meetings left unplaced. */
import type { Placement } from './schedule-state.ts';
import type { PlacedMeeting, UnplacedMeeting } from './schedule-types.ts';

/**
 * Numbers the tables 1..T within each slot. Pinned meetings keep their table. Every enterprise
 * (side a) gets a home table, busiest enterprises first (rank mod T, so the T busiest have one
 * each); in each slot meetings take their enterprise's home table when it is free, the others
 * the lowest free table. Teams move between tables, enterprises mostly stay put.
 */
export function assignTables(pl: Placement): PlacedMeeting[] {
  const { prep } = pl;
  const { S, T, ma, pinnedSlot, pinnedTable, slots, meetingIds } = prep;
  const degree = new Int32Array(prep.pids.length);
  for (let m = 0; m < prep.M; m++) if (pl.slotOf[m] !== -1) degree[ma[m]]++;
  const enterprises = [...new Set(Array.from(ma))].sort((x, y) => degree[y] - degree[x] || x - y);
  const home = new Int32Array(prep.pids.length);
  enterprises.forEach((e, rank) => (home[e] = T > 0 ? (rank % T) + 1 : 0));
  const out: PlacedMeeting[] = [];
  const taken = new Uint8Array(T + 1);
  for (let s = 0; s < S; s++) {
    const here = [...pl.members[s]].sort((x, y) => degree[ma[y]] - degree[ma[x]] || x - y);
    if (here.length === 0) continue;
    taken.fill(0);
    const tableOf = new Map<number, number>();
    for (const m of here) {
      if (pinnedSlot[m] === s) {
        taken[pinnedTable[m]] = 1;
        tableOf.set(m, pinnedTable[m]);
      }
    }
    for (const m of here) {
      if (tableOf.has(m) || taken[home[ma[m]]]) continue;
      taken[home[ma[m]]] = 1;
      tableOf.set(m, home[ma[m]]);
    }
    let lowest = 1;
    for (const m of here) {
      if (tableOf.has(m)) continue;
      while (taken[lowest]) lowest++;
      taken[lowest] = 1;
      tableOf.set(m, lowest);
    }
    for (const m of [...here].sort((x, y) => x - y)) out.push({ meetingId: meetingIds[m], slotId: slots[s].id, table: tableOf.get(m)! });
  }
  return out;
}

/** Why each meeting not placed in `pl` could not be placed, in Chinese, from the final state. */
export function unplacedReasons(pl: Placement): UnplacedMeeting[] {
  const { prep } = pl;
  const { S, T, M, ma, mb, feasible, availableIn, invalid, name, meetingIds, lowerBound } = prep;
  const out: UnplacedMeeting[] = [];
  const short = S > 0 && S < lowerBound && !prep.restricted ? `（对接会只有 ${S} 个时段，至少需要 ${lowerBound} 个）` : '';
  for (let m = 0; m < M; m++) {
    if (pl.slotOf[m] !== -1) continue;
    const invalidReason = invalid.get(m);
    if (invalidReason !== undefined) {
      out.push({ meetingId: meetingIds[m], reason: invalidReason });
      continue;
    }
    const A = name(ma[m]);
    const B = name(mb[m]);
    let reason: string;
    const F = feasible[m];
    const none = (p: number): boolean => availableIn[p] !== null && availableIn[p]!.every((f) => f === 0);
    if (S === 0) reason = '对接会没有设置时段';
    else if (T === 0) reason = '对接会没有设置桌位';
    else if (none(ma[m])) reason = `${A}没有登记任何空闲时段`;
    else if (none(mb[m])) reason = `${B}没有登记任何空闲时段`;
    else if (F.length === 0) reason = `${A}与${B}没有共同的空闲时段`;
    else {
      let aBusy = 0;
      let bBusy = 0;
      let full = 0;
      for (const s of F) {
        const byA = pl.busy[ma[m] * S + s] !== -1;
        const byB = pl.busy[mb[m] * S + s] !== -1;
        if (byA) aBusy++;
        if (byB) bBusy++;
        if (!byA && !byB && pl.load[s] >= T) full++;
      }
      const all = F.length === S ? `全部 ${S} 个时段` : `双方共同的 ${F.length} 个空闲时段`;
      if (aBusy === F.length) reason = `${A}在${all}均已排满其他会议`;
      else if (bBusy === F.length) reason = `${B}在${all}均已排满其他会议`;
      else if (full === F.length) reason = `${all}的桌位已满（每个时段 ${T} 张桌）`;
      else {
        const parts: string[] = [];
        if (aBusy) parts.push(`${A}已排满 ${aBusy} 个`);
        if (bBusy) parts.push(`${B}已排满 ${bBusy} 个`);
        if (full) parts.push(`桌位已满 ${full} 个`);
        reason = `${all}均无法安排：${parts.join('，')}`;
      }
    }
    out.push({ meetingId: meetingIds[m], reason: reason + short });
  }
  return out;
}
