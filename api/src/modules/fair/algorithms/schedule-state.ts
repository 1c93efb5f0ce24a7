/** The scheduler's indexed view of its input and the mutable placement it builds. */
import type { ScheduleInput, SlotDef } from './schedule-types.ts';

export interface Prepared {
  /** Slots in chronological order (start, then end, then id). */
  slots: SlotDef[];
  S: number;
  T: number;
  M: number;
  meetingIds: string[];
  /** Participant ids by index; meetings refer to them by index. */
  pids: string[];
  /** Participant index of each meeting's enterprise side (a) and team side (b). */
  ma: Int32Array;
  mb: Int32Array;
  /** Meetings that cannot be scheduled at all, with the reason (duplicate id, same participant twice, bad pin). */
  invalid: Map<number, string>;
  /** Valid pins: slot index and table (1..T), or −1. */
  pinnedSlot: Int32Array;
  pinnedTable: Int32Array;
  /** availableIn[p] = per-slot flags, or null when the participant is available in every slot. */
  availableIn: (Uint8Array | null)[];
  /** Slot indices where both sides of each meeting are available (chronological). */
  feasible: Int32Array[];
  /** Some participant of some meeting is unavailable in some slot. */
  restricted: boolean;
  /** No participant id appears on both sides. */
  bipartite: boolean;
  hasPins: boolean;
  /** max(Δ, ⌈M/T⌉) over the well-formed meetings. */
  lowerBound: number;
  name: (p: number) => string;
}

export function prepare(input: ScheduleInput): Prepared {
  const T = Math.max(0, Math.floor(input.tables));
  const slots = dedupeSlots(input.slots).sort((x, y) => cmpTime(x.start, y.start) || cmpTime(x.end, y.end) || cmp(x.id, y.id));
  const S = slots.length;
  const slotIndex = new Map(slots.map((s, i) => [s.id, i]));
  const M = input.meetings.length;
  const pidIndex = new Map<string, number>();
  const pids: string[] = [];
  const sideA = new Set<string>();
  const sideB = new Set<string>();
  const idx = (p: string): number => {
    let i = pidIndex.get(p);
    if (i === undefined) {
      i = pids.length;
      pidIndex.set(p, i);
      pids.push(p);
    }
    return i;
  };
  const ma = new Int32Array(M);
  const mb = new Int32Array(M);
  const invalid = new Map<number, string>();
  const seenIds = new Set<string>();
  input.meetings.forEach((m, i) => {
    ma[i] = idx(m.a);
    mb[i] = idx(m.b);
    sideA.add(m.a);
    sideB.add(m.b);
    if (seenIds.has(m.id)) invalid.set(i, '会议编号重复，只安排第一条');
    else if (m.a === m.b) invalid.set(i, '会议双方是同一参与方');
    seenIds.add(m.id);
  });
  const labels = input.labels ?? {};
  const name = (p: number): string => {
    const id = pids[p];
    return labels[id] ?? (sideA.has(id) ? `企业方 ${id}` : `团队方 ${id}`);
  };
  const availableIn: (Uint8Array | null)[] = pids.map((p) => {
    const list = Object.prototype.hasOwnProperty.call(input.availability, p) ? input.availability[p] : undefined;
    if (!list) return null;
    const flags = new Uint8Array(S);
    for (const sid of list) {
      const s = slotIndex.get(sid);
      if (s !== undefined) flags[s] = 1;
    }
    return flags.every((f) => f === 1) ? null : flags;
  });
  const ok = (p: number, s: number): boolean => availableIn[p] === null || availableIn[p]![s] === 1;
  const feasible: Int32Array[] = [];
  let restricted = false;
  for (let i = 0; i < M; i++) {
    const list: number[] = [];
    for (let s = 0; s < S; s++) if (ok(ma[i], s) && ok(mb[i], s)) list.push(s);
    feasible.push(Int32Array.from(list));
    if (!invalid.has(i) && (availableIn[ma[i]] !== null || availableIn[mb[i]] !== null)) restricted = true;
  }

  // Pins, in input order; a pin that cannot hold makes its meeting unplaced with the reason.
  const pinnedSlot = new Int32Array(M).fill(-1);
  const pinnedTable = new Int32Array(M).fill(-1);
  const pinAt = new Map<string, number>(); // `${participant}:${slot}` or `t${table}:${slot}` → meeting
  let hasPins = false;
  input.meetings.forEach((m, i) => {
    if (!m.pinned || invalid.has(i)) return;
    hasPins = true;
    const s = slotIndex.get(m.pinned.slotId);
    const table = m.pinned.table;
    const clash = (key: string): number | undefined => pinAt.get(key);
    let reason: string | null = null;
    if (s === undefined) reason = `固定的时段 ${m.pinned.slotId} 不存在`;
    else if (!Number.isInteger(table) || table < 1 || table > T) reason = `固定的桌号 ${table} 不在 1–${T} 之内`;
    else if (!ok(ma[i], s)) reason = `固定的时段不在${name(ma[i])}的空闲时段内`;
    else if (!ok(mb[i], s)) reason = `固定的时段不在${name(mb[i])}的空闲时段内`;
    else {
      const byA = clash(`${ma[i]}:${s}`);
      const byB = clash(`${mb[i]}:${s}`);
      const byT = clash(`t${table}:${s}`);
      if (byA !== undefined) reason = `固定安排冲突：${name(ma[i])}在该时段已固定了会议 ${input.meetings[byA].id}`;
      else if (byB !== undefined) reason = `固定安排冲突：${name(mb[i])}在该时段已固定了会议 ${input.meetings[byB].id}`;
      else if (byT !== undefined) reason = `固定安排冲突：该时段 ${table} 号桌已固定给会议 ${input.meetings[byT].id}`;
    }
    if (reason !== null) {
      invalid.set(i, reason);
      return;
    }
    pinnedSlot[i] = s!;
    pinnedTable[i] = table;
    pinAt.set(`${ma[i]}:${s}`, i);
    pinAt.set(`${mb[i]}:${s}`, i);
    pinAt.set(`t${table}:${s}`, i);
  });

  const degree = new Int32Array(pids.length);
  let valid = 0;
  for (let i = 0; i < M; i++) {
    if (invalid.has(i)) continue;
    valid++;
    degree[ma[i]]++;
    degree[mb[i]]++;
  }
  let delta = 0;
  for (const d of degree) delta = Math.max(delta, d);
  const lowerBound = valid === 0 ? 0 : Math.max(delta, T > 0 ? Math.ceil(valid / T) : 0);
  const bipartite = ![...sideA].some((p) => sideB.has(p));
  return {
    slots,
    S,
    T,
    M,
    meetingIds: input.meetings.map((m) => m.id),
    pids,
    ma,
    mb,
    invalid,
    pinnedSlot,
    pinnedTable,
    availableIn,
    feasible,
    restricted,
    bipartite,
    hasPins,
    lowerBound,
    name,
  };
}

/** Mutable assignment of meetings to slots with the participant and table-count bookkeeping. */
export class Placement {
  readonly slotOf: Int32Array;
  /** busy[p * S + s] = meeting of participant p in slot s, or −1. */
  readonly busy: Int32Array;
  readonly load: Int32Array;
  /** Meetings placed in each slot. */
  readonly members: Set<number>[];
  placedCount = 0;
  /** Only slots 0..slotLimit−1 may receive meetings (used to keep schedules compact). */
  slotLimit: number;

  constructor(readonly prep: Prepared) {
    this.slotLimit = prep.S;
    this.slotOf = new Int32Array(prep.M).fill(-1);
    this.busy = new Int32Array(prep.pids.length * prep.S).fill(-1);
    this.load = new Int32Array(prep.S);
    this.members = Array.from({ length: prep.S }, () => new Set<number>());
  }

  canPlace(m: number, s: number): boolean {
    const { S, T, ma, mb } = this.prep;
    return s < this.slotLimit && this.load[s] < T && this.busy[ma[m] * S + s] === -1 && this.busy[mb[m] * S + s] === -1;
  }

  place(m: number, s: number): void {
    const { S, ma, mb } = this.prep;
    this.slotOf[m] = s;
    this.busy[ma[m] * S + s] = m;
    this.busy[mb[m] * S + s] = m;
    this.load[s]++;
    this.members[s].add(m);
    this.placedCount++;
  }

  remove(m: number): void {
    const { S, ma, mb } = this.prep;
    const s = this.slotOf[m];
    this.slotOf[m] = -1;
    this.busy[ma[m] * S + s] = -1;
    this.busy[mb[m] * S + s] = -1;
    this.load[s]--;
    this.members[s].delete(m);
    this.placedCount--;
  }
}

function dedupeSlots(slots: SlotDef[]): SlotDef[] {
  const seen = new Set<string>();
  return slots.filter((s) => (seen.has(s.id) ? false : (seen.add(s.id), true)));
}

function cmpTime(x: string, y: string): number {
  const dx = Date.parse(x);
  const dy = Date.parse(y);
  return Number.isFinite(dx) && Number.isFinite(dy) ? dx - dy : cmp(x, y);
}

function cmp(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}
