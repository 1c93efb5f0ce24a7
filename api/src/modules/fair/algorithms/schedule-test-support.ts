/** Seeded instance generators and a validator shared by the scheduler's unit tests and the bench. */
import type { MeetingToPlace, ScheduleInput, ScheduleResult, SlotDef } from './schedule-types.ts';

/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function makeSlots(count: number, minutes = 20): SlotDef[] {
  const base = Date.UTC(2026, 11, 10, 1, 0);
  return Array.from({ length: count }, (_, i) => ({
    id: `s${String(i + 1).padStart(3, '0')}`,
    start: new Date(base + i * minutes * 60_000).toISOString(),
    end: new Date(base + (i + 1) * minutes * 60_000 - 5 * 60_000).toISOString(),
  }));
}

/** Random meetings between `enterprises` and `teams`; busy participants are skewed (popular enterprises). */
export function randomMeetings(rand: () => number, enterprises: number, teams: number, count: number): MeetingToPlace[] {
  const out: MeetingToPlace[] = [];
  for (let i = 0; i < count; i++) {
    const a = Math.floor(Math.pow(rand(), 1.6) * enterprises);
    const b = Math.floor(rand() * teams);
    out.push({ id: `m${i + 1}`, a: `E${a + 1}`, b: `T${b + 1}` });
  }
  return out;
}

/** Each participant available in a random contiguous window (or two) covering `share` of the slots on average. */
export function randomAvailability(
  rand: () => number,
  meetings: MeetingToPlace[],
  slots: SlotDef[],
  share: number,
): Record<string, string[]> {
  const ids = [...new Set(meetings.flatMap((m) => [m.a, m.b]))].sort();
  const out: Record<string, string[]> = {};
  for (const id of ids) {
    if (rand() < 0.2) continue; // absent: available throughout
    const len = Math.max(1, Math.round(slots.length * share * (0.5 + rand())));
    const start = Math.floor(rand() * Math.max(1, slots.length - len + 1));
    out[id] = slots.slice(start, start + len).map((s) => s.id);
  }
  return out;
}

/** Every rule a schedule must keep; returns the violations (empty = valid). */
export function violations(input: ScheduleInput, result: ScheduleResult): string[] {
  const errs: string[] = [];
  const meeting = new Map(input.meetings.map((m) => [m.id, m]));
  const slotIds = new Set(input.slots.map((s) => s.id));
  const seen = new Set<string>();
  const at = new Set<string>();
  for (const p of result.placed) {
    const m = meeting.get(p.meetingId);
    if (!m) errs.push(`unknown meeting ${p.meetingId}`);
    else {
      if (seen.has(m.id)) errs.push(`meeting ${m.id} twice`);
      seen.add(m.id);
      if (!slotIds.has(p.slotId)) errs.push(`unknown slot ${p.slotId}`);
      if (!Number.isInteger(p.table) || p.table < 1 || p.table > input.tables) errs.push(`table ${p.table} out of range`);
      for (const who of [m.a, m.b]) {
        const key = `${who}@${p.slotId}`;
        if (at.has(key)) errs.push(`${who} twice in ${p.slotId}`);
        at.add(key);
        const window = input.availability[who];
        if (window && !window.includes(p.slotId)) errs.push(`${who} outside window in ${p.slotId}`);
      }
      const tableKey = `table${p.table}@${p.slotId}`;
      if (at.has(tableKey)) errs.push(`table ${p.table} twice in ${p.slotId}`);
      at.add(tableKey);
      if (m.pinned && (m.pinned.slotId !== p.slotId || m.pinned.table !== p.table)) errs.push(`pinned ${m.id} moved`);
    }
  }
  for (const u of result.unplaced) {
    if (seen.has(u.meetingId)) errs.push(`meeting ${u.meetingId} both placed and unplaced`);
    seen.add(u.meetingId);
    if (!/[\u4e00-\u9fff]/.test(u.reason)) errs.push(`reason of ${u.meetingId} not Chinese: ${u.reason}`);
  }
  const allIds = new Set(input.meetings.map((m) => m.id));
  if (seen.size !== allIds.size) errs.push(`placed + unplaced = ${seen.size}, meetings = ${allIds.size}`);
  const used = new Set(result.placed.map((p) => p.slotId)).size;
  if (used !== result.slotsUsed) errs.push(`slotsUsed ${result.slotsUsed} but ${used} slots hold meetings`);
  return errs;
}
