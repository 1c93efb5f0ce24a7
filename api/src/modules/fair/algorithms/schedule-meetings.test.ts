import { describe, expect, it } from 'vitest';
import { colourBipartiteEdges } from './edge-colouring.ts';
import { scheduleMeetings, type ScheduleInput, type ScheduleResult } from './schedule-meetings.ts';
import { makeSlots, randomAvailability, randomMeetings, seededRandom, violations } from './schedule-test-support.ts';

const lowerBoundOf = (input: ScheduleInput): number => {
  const deg = new Map<string, number>();
  for (const m of input.meetings) for (const p of [m.a, m.b]) deg.set(p, (deg.get(p) ?? 0) + 1);
  return Math.max(0, ...deg.values(), Math.ceil(input.meetings.length / input.tables));
};
const withoutMillis = (r: ScheduleResult) => ({ ...r, millis: 0 });

/** Exhaustive maximum number of placeable meetings (each meeting: a slot or nothing). */
function bruteForceMax(input: ScheduleInput): number {
  const S = input.slots.length;
  const ok = (p: string, s: number) => !input.availability[p] || input.availability[p].includes(input.slots[s].id);
  let best = 0;
  const busy = new Set<string>();
  const load = new Array<number>(S).fill(0);
  const go = (i: number, placed: number) => {
    if (placed + (input.meetings.length - i) <= best) return;
    if (i === input.meetings.length) {
      best = placed;
      return;
    }
    const m = input.meetings[i];
    for (let s = 0; s < S; s++) {
      if (!ok(m.a, s) || !ok(m.b, s) || load[s] >= input.tables || busy.has(`${m.a}@${s}`) || busy.has(`${m.b}@${s}`)) continue;
      busy.add(`${m.a}@${s}`).add(`${m.b}@${s}`);
      load[s]++;
      go(i + 1, placed + 1);
      busy.delete(`${m.a}@${s}`);
      busy.delete(`${m.b}@${s}`);
      load[s]--;
    }
    go(i + 1, placed);
  };
  go(0, 0);
  return best;
}

describe('colourBipartiteEdges', () => {
  it('colours a multigraph properly with exactly Δ colours, classes balanced', () => {
    const rand = seededRandom(7);
    for (let round = 0; round < 50; round++) {
      const nA = 1 + Math.floor(rand() * 8);
      const nB = 1 + Math.floor(rand() * 8);
      const m = 1 + Math.floor(rand() * 40);
      const u: number[] = [];
      const v: number[] = [];
      for (let i = 0; i < m; i++) {
        u.push(Math.floor(rand() * nA));
        v.push(nA + Math.floor(rand() * nB));
      }
      const deg = new Array<number>(nA + nB).fill(0);
      for (let i = 0; i < m; i++) {
        deg[u[i]]++;
        deg[v[i]]++;
      }
      const delta = Math.max(...deg);
      const colours = delta + Math.floor(rand() * 3);
      const c = colourBipartiteEdges({ nodes: nA + nB, u, v }, colours);
      const seen = new Set<string>();
      for (let i = 0; i < m; i++) {
        expect(c[i]).toBeGreaterThanOrEqual(0);
        expect(c[i]).toBeLessThan(colours);
        for (const x of [u[i], v[i]]) {
          expect(seen.has(`${x}:${c[i]}`)).toBe(false);
          seen.add(`${x}:${c[i]}`);
        }
      }
      const sizes = new Array<number>(colours).fill(0);
      for (const x of c) sizes[x]++;
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });

  it('refuses fewer colours than the maximum degree', () => {
    expect(() => colourBipartiteEdges({ nodes: 3, u: [0, 0], v: [1, 2] }, 1)).toThrow();
  });
});

describe('scheduleMeetings without availability limits', () => {
  it('uses exactly max(Δ, ⌈M/T⌉) slots with no clash on random instances of many sizes', async () => {
    const rand = seededRandom(2026);
    for (let round = 0; round < 120; round++) {
      const enterprises = 1 + Math.floor(rand() * 40);
      const teams = 1 + Math.floor(rand() * 80);
      const count = Math.floor(rand() * 400);
      const tables = 1 + Math.floor(rand() * 25);
      const meetings = randomMeetings(rand, enterprises, teams, count);
      const probe: ScheduleInput = { slots: [], tables, meetings, availability: {} };
      const bound = lowerBoundOf(probe);
      const input = { ...probe, slots: makeSlots(bound + Math.floor(rand() * 4)) };
      const result = await scheduleMeetings(input);
      expect(violations(input, result)).toEqual([]);
      expect(result.lowerBound).toBe(bound);
      expect(result.slotsUsed).toBe(bound);
      expect(result.placed).toHaveLength(count);
      expect(result.unplaced).toEqual([]);
      expect(result).toMatchObject({ method: 'edge-colouring', optimal: true, gap: 0 });
      // With no more enterprises than tables, every enterprise stays at one table.
      const enterpriseOf = new Map(meetings.map((m) => [m.id, m.a]));
      const tablesOf = new Map<string, Set<number>>();
      for (const p of result.placed)
        tablesOf.set(enterpriseOf.get(p.meetingId)!, (tablesOf.get(enterpriseOf.get(p.meetingId)!) ?? new Set()).add(p.table));
      if (tablesOf.size <= tables) for (const set of tablesOf.values()) expect(set.size).toBe(1);
      if (count > 0) {
        // The slots used are the earliest ones.
        const used = new Set(result.placed.map((p) => p.slotId));
        expect([...used].sort()).toEqual(input.slots.slice(0, bound).map((s) => s.id));
      }
    }
  });

  it('with fewer slots than the bound places the most meetings that fit and says why the rest do not', async () => {
    const rand = seededRandom(99);
    for (let round = 0; round < 60; round++) {
      const meetings = randomMeetings(rand, 2 + Math.floor(rand() * 3), 2 + Math.floor(rand() * 3), 3 + Math.floor(rand() * 5));
      const tables = 1 + Math.floor(rand() * 3);
      const bound = lowerBoundOf({ slots: [], tables, meetings, availability: {} });
      if (bound < 2) continue;
      const input: ScheduleInput = { slots: makeSlots(1 + Math.floor(rand() * (bound - 1))), tables, meetings, availability: {} };
      const result = await scheduleMeetings(input);
      expect(violations(input, result)).toEqual([]);
      expect(result.placed.length).toBe(bruteForceMax(input));
      expect(result.optimal).toBe(true);
      for (const u of result.unplaced) expect(u.reason).toMatch(/已排满|桌位已满/);
      for (const u of result.unplaced) expect(u.reason).toContain(`至少需要 ${bound} 个`);
    }
  });

  it('keeps an enterprise at the same table across its slots when it can', async () => {
    const meetings = [1, 2, 3, 4].flatMap((t) => [
      { id: `x${t}`, a: 'E1', b: `T${t}` },
      { id: `y${t}`, a: 'E2', b: `T${t + 4}` },
    ]);
    const result = await scheduleMeetings({ slots: makeSlots(4), tables: 2, meetings, availability: {} });
    const tablesOf = (prefix: string) => new Set(result.placed.filter((p) => p.meetingId.startsWith(prefix)).map((p) => p.table));
    expect(tablesOf('x').size).toBe(1);
    expect(tablesOf('y').size).toBe(1);
  });
});

describe('scheduleMeetings with availability windows', () => {
  it('never breaks a window or double-books, and accounts for every meeting', { timeout: 120_000 }, async () => {
    const rand = seededRandom(4242);
    for (let round = 0; round < 40; round++) {
      const slots = makeSlots(2 + Math.floor(rand() * 14));
      const meetings = randomMeetings(rand, 1 + Math.floor(rand() * 25), 1 + Math.floor(rand() * 50), Math.floor(rand() * 250));
      const tables = 1 + Math.floor(rand() * 15);
      const input: ScheduleInput = {
        slots,
        tables,
        meetings,
        availability: randomAvailability(rand, meetings, slots, 0.2 + rand() * 0.6),
        timeLimitMs: 200,
      };
      const result = await scheduleMeetings(input);
      expect(violations(input, result)).toEqual([]);
      expect(result.placed.length + result.unplaced.length).toBe(meetings.length);
      expect(result.upperBound).toBeGreaterThanOrEqual(result.placed.length);
      if (result.optimal) expect(result.gap).toBe(0);
      else expect(result.gap).toBeGreaterThan(0);
    }
  });

  it('is exactly optimal on tiny instances (compared with brute force)', async () => {
    const rand = seededRandom(17);
    let milpUsed = 0;
    for (let round = 0; round < 80; round++) {
      const slots = makeSlots(1 + Math.floor(rand() * 3));
      const meetings = randomMeetings(rand, 1 + Math.floor(rand() * 3), 1 + Math.floor(rand() * 4), 1 + Math.floor(rand() * 7));
      const input: ScheduleInput = {
        slots,
        tables: 1 + Math.floor(rand() * 2),
        meetings,
        availability: randomAvailability(rand, meetings, slots, 0.6),
      };
      const result = await scheduleMeetings(input);
      expect(violations(input, result)).toEqual([]);
      expect(result.placed.length).toBe(bruteForceMax(input));
      expect(result.optimal).toBe(true);
      if (result.method === 'milp') milpUsed++;
    }
    expect(milpUsed).toBeGreaterThan(0); // the exact solver is really exercised
  });

  it('names the specific reason a meeting is left out', async () => {
    const slots = makeSlots(3);
    const [s1, s2, s3] = slots.map((s) => s.id);
    const labels = { E1: '企业甲', E2: '企业乙', E3: '企业丙', T1: '团队一', T2: '团队二', T3: '团队三', T4: '团队四', T5: '团队五' };
    const result = await scheduleMeetings({
      slots,
      tables: 1,
      labels,
      meetings: [
        { id: 'apart', a: 'E1', b: 'T1' },
        { id: 'e-full-1', a: 'E2', b: 'T2' },
        { id: 'e-full-2', a: 'E2', b: 'T3' },
        { id: 'tables', a: 'E3', b: 'T4' },
        { id: 'nothing', a: 'E3', b: 'T5' },
      ],
      availability: { E1: [s1, s3], T1: [s2], E2: [s2], T4: [s2], T5: [] },
    });
    expect(result.placed.map((p) => p.meetingId)).toEqual(['e-full-1']);
    const reason = Object.fromEntries(result.unplaced.map((u) => [u.meetingId, u.reason]));
    expect(reason).toEqual({
      apart: '企业甲与团队一没有共同的空闲时段',
      'e-full-2': '企业乙在双方共同的 1 个空闲时段均已排满其他会议',
      tables: '双方共同的 1 个空闲时段的桌位已满（每个时段 1 张桌）',
      nothing: '团队五没有登记任何空闲时段',
    });
    expect(result).toMatchObject({ method: 'heuristic', optimal: true, gap: 0, upperBound: 1 });
  });
});

describe('scheduleMeetings with pins', () => {
  it('keeps pinned meetings where they are pinned and schedules the others around them', async () => {
    const rand = seededRandom(5);
    for (let round = 0; round < 30; round++) {
      const meetings = randomMeetings(rand, 3 + Math.floor(rand() * 10), 3 + Math.floor(rand() * 20), 10 + Math.floor(rand() * 80));
      const tables = 2 + Math.floor(rand() * 6);
      const slots = makeSlots(lowerBoundOf({ slots: [], tables, meetings, availability: {} }) + 1);
      const first = await scheduleMeetings({ slots, tables, meetings, availability: {} });
      // Pin a random third of a valid schedule at the bound.
      const pins = new Map(first.placed.filter(() => rand() < 0.33).map((p) => [p.meetingId, { slotId: p.slotId, table: p.table }]));
      const pinned = meetings.map((m) => (pins.has(m.id) ? { ...m, pinned: pins.get(m.id)! } : m));
      const input: ScheduleInput = {
        slots,
        tables,
        meetings: pinned,
        availability: rand() < 0.5 ? {} : randomAvailability(rand, meetings, slots, 0.9),
      };
      // Availability must not contradict the pins in this test: widen windows to include pinned slots.
      for (const m of pinned) {
        if (!m.pinned) continue;
        for (const p of [m.a, m.b])
          if (input.availability[p] && !input.availability[p].includes(m.pinned.slotId)) input.availability[p].push(m.pinned.slotId);
      }
      const result = await scheduleMeetings(input);
      expect(violations(input, result)).toEqual([]); // includes "pinned meeting moved"
      for (const [id, pin] of pins) expect(result.placed.find((p) => p.meetingId === id)).toEqual({ meetingId: id, ...pin });
      if (Object.keys(input.availability).length === 0) {
        expect(result.placed).toHaveLength(meetings.length);
        // Pins taken from a schedule at the bound leave room for one at the bound, and it is found here.
        expect(result.slotsUsed).toBe(result.lowerBound);
      }
    }
  });

  it('reports conflicting pins instead of double-booking', async () => {
    const slots = makeSlots(2);
    const result = await scheduleMeetings({
      slots,
      tables: 2,
      labels: { E1: '企业甲' },
      meetings: [
        { id: 'p1', a: 'E1', b: 'T1', pinned: { slotId: slots[0].id, table: 1 } },
        { id: 'p2', a: 'E1', b: 'T2', pinned: { slotId: slots[0].id, table: 2 } },
        { id: 'p3', a: 'E2', b: 'T3', pinned: { slotId: slots[0].id, table: 1 } },
        { id: 'p4', a: 'E3', b: 'T4', pinned: { slotId: 'nope', table: 1 } },
        { id: 'p5', a: 'E4', b: 'T5', pinned: { slotId: slots[1].id, table: 3 } },
        { id: 'p6', a: 'E5', b: 'T6', pinned: { slotId: slots[1].id, table: 1 } },
      ],
      availability: { E5: [slots[0].id] },
    });
    expect(result.placed).toEqual([{ meetingId: 'p1', slotId: slots[0].id, table: 1 }]);
    const reason = Object.fromEntries(result.unplaced.map((u) => [u.meetingId, u.reason]));
    expect(reason.p2).toBe('固定安排冲突：企业甲在该时段已固定了会议 p1');
    expect(reason.p3).toBe('固定安排冲突：该时段 1 号桌已固定给会议 p1');
    expect(reason.p4).toBe('固定的时段 nope 不存在');
    expect(reason.p5).toBe('固定的桌号 3 不在 1–2 之内');
    expect(reason.p6).toBe('固定的时段不在企业方 E5的空闲时段内');
  });
});

describe('scheduleMeetings determinism', () => {
  // Small enough for HiGHS to finish well inside its time limit: a MILP cut short by the limit
  // depends on the machine's speed (documented).
  it('gives the same output for the same input', async () => {
    const rand = seededRandom(31);
    for (let round = 0; round < 10; round++) {
      const slots = makeSlots(4 + Math.floor(rand() * 6));
      const meetings = randomMeetings(rand, 2 + Math.floor(rand() * 10), 2 + Math.floor(rand() * 20), Math.floor(rand() * 60));
      const tables = 1 + Math.floor(rand() * 8);
      for (const availability of [{}, randomAvailability(rand, meetings, slots, 0.5)]) {
        const input: ScheduleInput = { slots, tables, meetings, availability };
        const a = await scheduleMeetings(input);
        const b = await scheduleMeetings(structuredClone(input));
        expect(withoutMillis(b)).toEqual(withoutMillis(a));
      }
    }
  });
});

describe('scheduleMeetings edge cases', () => {
  it('handles no meetings, no slots, no tables and malformed meetings with reasons', async () => {
    expect(await scheduleMeetings({ slots: makeSlots(3), tables: 2, meetings: [], availability: {} })).toMatchObject({
      placed: [],
      unplaced: [],
      lowerBound: 0,
      slotsUsed: 0,
      optimal: true,
    });
    const one = [{ id: 'm1', a: 'E1', b: 'T1' }];
    const noSlots = await scheduleMeetings({ slots: [], tables: 2, meetings: one, availability: {} });
    expect(noSlots.unplaced).toEqual([{ meetingId: 'm1', reason: '对接会没有设置时段' }]);
    const noTables = await scheduleMeetings({ slots: makeSlots(2), tables: 0, meetings: one, availability: {} });
    expect(noTables.unplaced).toEqual([{ meetingId: 'm1', reason: '对接会没有设置桌位' }]);
    const odd = await scheduleMeetings({
      slots: makeSlots(2),
      tables: 2,
      meetings: [
        { id: 'm1', a: 'E1', b: 'T1' },
        { id: 'm1', a: 'E2', b: 'T2' },
        { id: 'm3', a: 'X', b: 'X' },
      ],
      availability: { E1: ['no-such-slot', makeSlots(2)[1].id] },
    });
    expect(odd.placed).toEqual([{ meetingId: 'm1', slotId: makeSlots(2)[1].id, table: 1 }]);
    expect(odd.unplaced.map((u) => u.reason)).toEqual(['会议编号重复，只安排第一条', '会议双方是同一参与方']);
  });
});
