/**
 * Docking-fair benchmark: npm run bench:fair   (pure algorithms, no database)
 *
 * 1. Scheduling: BENCH_FAIR_MEETINGS (default 10,000) accepted meetings between 300
 *    enterprises and 800 teams (popular enterprises skewed, caps of 40 / 20 meetings),
 *    a two-day fair of 48 slots; scheduled without availability limits at several table
 *    counts (slots used vs the bound max(Δ, ⌈M/T⌉)), with availability windows (placed,
 *    unplaced, proven upper bound, gap), and a small windowed fair solved exactly by HiGHS.
 *    Baseline in the same run: first-fit greedy (each meeting in the earliest slot where
 *    both sides and a table are free), the way simple schedulers place meetings.
 * 2. Recommendations: the 20 seeded Hebei sub-topics and generated teams whose text targets
 *    a known sub-topic (see labelled-teams.ts for how the labels are made): hit rate of the
 *    target in the top 5 and MRR, against random and same-track-only rankings and the text
 *    part alone; precision@5 of teams recommended for each sub-topic.
 */
import {
  recommendDemandsForTeam,
  recommendTeamsForDemand,
  regionCore,
  type TeamProfile,
} from '../../api/src/modules/fair/algorithms/recommend.ts';
import {
  scheduleMeetings,
  type MeetingToPlace,
  type ScheduleInput,
  type ScheduleResult,
} from '../../api/src/modules/fair/algorithms/schedule-meetings.ts';
import { makeSlots, randomAvailability, seededRandom, violations } from '../../api/src/modules/fair/algorithms/schedule-test-support.ts';
import { generateTeams, seededDemands, type Level } from './labelled-teams.ts';

const MEETINGS = Number(process.env.BENCH_FAIR_MEETINGS ?? 10_000);
const TEAMS_PER_SUBTOPIC = Number(process.env.BENCH_FAIR_TEAMS_PER_SUBTOPIC ?? 30);
const log = (...args: unknown[]) => console.log(...args);
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

function fairMeetings(rand: () => number, enterprises: number, teams: number, count: number): MeetingToPlace[] {
  const capE = 40;
  const capT = 20;
  const degE = new Int32Array(enterprises);
  const degT = new Int32Array(teams);
  const seen = new Set<string>();
  const out: MeetingToPlace[] = [];
  let attempts = 0;
  while (out.length < count && attempts++ < count * 100) {
    const a = Math.floor(Math.pow(rand(), 1.3) * enterprises);
    const b = Math.floor(rand() * teams);
    if (degE[a] >= capE || degT[b] >= capT || seen.has(`${a}:${b}`)) continue;
    seen.add(`${a}:${b}`);
    degE[a]++;
    degT[b]++;
    out.push({ id: `m${out.length + 1}`, a: `E${a + 1}`, b: `T${b + 1}` });
  }
  return out;
}

/** First-fit greedy baseline: meetings in input order, earliest slot where both sides and a table are free. */
function firstFit(input: ScheduleInput): { placed: number; slotsUsed: number; millis: number } {
  const started = performance.now();
  const busy = new Set<string>();
  const load = new Map<string, number>();
  const used = new Set<string>();
  let placed = 0;
  for (const m of input.meetings) {
    for (const s of input.slots) {
      const ok = (p: string) => !busy.has(`${p}@${s.id}`) && (!input.availability[p] || input.availability[p].includes(s.id));
      if ((load.get(s.id) ?? 0) >= input.tables || !ok(m.a) || !ok(m.b)) continue;
      busy.add(`${m.a}@${s.id}`).add(`${m.b}@${s.id}`);
      load.set(s.id, (load.get(s.id) ?? 0) + 1);
      used.add(s.id);
      placed++;
      break;
    }
  }
  return { placed, slotsUsed: used.size, millis: Math.round(performance.now() - started) };
}

async function timed(input: ScheduleInput, runs = 3): Promise<{ result: ScheduleResult; median: number }> {
  const times: number[] = [];
  let result!: ScheduleResult;
  for (let i = 0; i < runs; i++) {
    result = await scheduleMeetings(input);
    times.push(result.millis);
  }
  const errs = violations(input, result);
  if (errs.length > 0) throw new Error(`invalid schedule: ${errs.slice(0, 5).join('; ')}`);
  return { result, median: times.sort((x, y) => x - y)[Math.floor(runs / 2)] };
}

async function benchSchedule() {
  const rand = seededRandom(20261210);
  const meetings = fairMeetings(rand, 300, 800, MEETINGS);
  const slots = makeSlots(48);
  const deg = new Map<string, number>();
  for (const m of meetings) for (const p of [m.a, m.b]) deg.set(p, (deg.get(p) ?? 0) + 1);
  const delta = Math.max(...deg.values());
  log(`\n## Scheduling: ${meetings.length} meetings, ${deg.size} participants, Δ = ${delta}, ${slots.length} slots`);
  log(
    '\n| case | tables | bound max(Δ,⌈M/T⌉) | slots used | placed | time (median of 3) | enterprises at one table | first-fit baseline: slots used / placed / time |',
  );
  log('|---|---|---|---|---|---|---|---|');
  for (const tables of [250, 220, 200]) {
    const input: ScheduleInput = { slots, tables, meetings, availability: {} };
    const { result, median } = await timed(input);
    const base = firstFit(input);
    const byId = new Map(meetings.map((m) => [m.id, m]));
    const tablesOf = new Map<string, Set<number>>();
    for (const p of result.placed) {
      const a = byId.get(p.meetingId)!.a;
      tablesOf.set(a, (tablesOf.get(a) ?? new Set()).add(p.table));
    }
    const stable = [...tablesOf.values()].filter((t) => t.size === 1).length / tablesOf.size;
    log(
      `| no windows | ${tables} | ${result.lowerBound} | ${result.slotsUsed} | ${result.placed.length} / ${meetings.length}${result.unplaced.length ? ` (optimal: ${result.optimal})` : ''} | ${median} ms (${result.method}) | ${pct(stable)} | ${base.slotsUsed} / ${base.placed} / ${base.millis} ms |`,
    );
  }

  log(
    '\n| case | tables | placed | unplaced | upper bound | gap | method, proven optimal | time (median of 3) | first-fit baseline placed / time |',
  );
  log('|---|---|---|---|---|---|---|---|---|');
  for (const share of [0.8, 0.6]) {
    const availability = randomAvailability(seededRandom(7 + share * 10), meetings, slots, share);
    const input: ScheduleInput = { slots, tables: 250, meetings, availability };
    const { result, median } = await timed(input);
    const base = firstFit(input);
    log(
      `| windows ≈${share * 100} % of the fair | 250 | ${result.placed.length} | ${result.unplaced.length} | ${result.upperBound} | ${result.gap === null ? '—' : pct(result.gap)} | ${result.method}, ${result.optimal} | ${median} ms | ${base.placed} / ${base.millis} ms |`,
    );
    if (share === 0.6) {
      const reasons = new Map<string, number>();
      for (const u of result.unplaced) {
        const kind = u.reason.replace(/企业方 E\d+|团队方 T\d+/g, 'X').replace(/\d+/g, 'n');
        reasons.set(kind, (reasons.get(kind) ?? 0) + 1);
      }
      log('\nUnplaced by reason (windows ≈60 %):');
      for (const [k, n] of [...reasons].sort((x, y) => y[1] - x[1]).slice(0, 6)) log(`- ${n} × ${k}`);
    }
  }

  const small = fairMeetings(seededRandom(5), 12, 40, 150);
  const smallSlots = makeSlots(12);
  const smallInput: ScheduleInput = {
    slots: smallSlots,
    tables: 8,
    meetings: small,
    availability: randomAvailability(seededRandom(6), small, smallSlots, 0.5),
  };
  const { result: exact, median: exactMs } = await timed(smallInput, 1);
  const smallBase = firstFit(smallInput);
  log(
    `\nSmall windowed fair (${small.length} meetings, 12 slots, 8 tables): placed ${exact.placed.length}, upper bound ${exact.upperBound}, ${exact.method}, optimal ${exact.optimal}, ${exactMs} ms; first-fit placed ${smallBase.placed}.`,
  );
}

function benchRecommend() {
  const demands = seededDemands();
  const labelled = generateTeams(demands, TEAMS_PER_SUBTOPIC, seededRandom(13));
  const rand = seededRandom(99);
  const shuffle = <T>(xs: T[]): T[] => {
    const c = [...xs];
    for (let i = c.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [c[i], c[j]] = [c[j], c[i]];
    }
    return c;
  };
  type Ranker = (team: TeamProfile) => string[];
  const textOnly = (t: TeamProfile) =>
    recommendDemandsForTeam({ ...t, trackIds: [], regions: [], dataCapabilities: [], preferredAccessModes: [] }, demands, demands.length);
  // Ablation: the additive form 0.6·text + 0.2·track + 0.1·topic + 0.05·region + 0.05·access,
  // with the text cosine recovered from the text-only score (0.05 + 0.95·cos)·0.6.
  const additive: Ranker = (t) => {
    const cos = new Map(textOnly(t).map((r) => [r.id, (r.score / 0.6 - 0.05) / 0.95]));
    const score = (d: (typeof demands)[number]) =>
      0.6 * (cos.get(d.id) ?? 0) +
      0.2 * Number(t.trackIds.includes(d.trackId)) +
      0.1 * Number(t.topicIds.includes(d.topicId)) +
      0.05 * Number(d.region !== null && t.regions.some((r) => regionCore(r) === regionCore(d.region!))) +
      0.05 *
        Number(d.accessModes.some((a) => (t.preferredAccessModes ?? []).includes(a)) || t.dataCapabilities.some((c) => d.text.includes(c)));
    return [...demands].sort((x, y) => score(y) - score(x) || (x.id < y.id ? -1 : 1)).map((d) => d.id);
  };
  const rankers: [string, Ranker][] = [
    ['scorer (text + track + region + access)', (t) => recommendDemandsForTeam(t, demands, demands.length).map((r) => r.id)],
    ['text part alone', (t) => textOnly(t).map((r) => r.id)],
    ['ablation: additive metadata bonus', additive],
    [
      'baseline: same track first, else random',
      (t) => {
        const order = shuffle(demands);
        return [...order.filter((d) => t.trackIds.includes(d.trackId)), ...order.filter((d) => !t.trackIds.includes(d.trackId))].map(
          (d) => d.id,
        );
      },
    ],
    ['baseline: random', () => shuffle(demands).map((d) => d.id)],
  ];
  log(`\n## Recommendations: ${labelled.length} generated teams (${TEAMS_PER_SUBTOPIC} per sub-topic), ${demands.length} sub-topics`);
  log('\n| ranking | hit@5 | MRR | hit@5 easy / medium / hard | ms per team |');
  log('|---|---|---|---|---|');
  for (const [name, ranker] of rankers) {
    let hits = 0;
    let rr = 0;
    const byLevel = new Map<Level, { hits: number; n: number }>();
    const started = performance.now();
    for (const { team, target, level } of labelled) {
      const ranked = ranker(team);
      const pos = ranked.indexOf(target);
      const hit = pos >= 0 && pos < 5;
      if (hit) hits++;
      if (pos >= 0) rr += 1 / (pos + 1);
      const l = byLevel.get(level) ?? { hits: 0, n: 0 };
      l.hits += Number(hit);
      l.n++;
      byLevel.set(level, l);
    }
    const ms = (performance.now() - started) / labelled.length;
    const lv = (['easy', 'medium', 'hard'] as Level[]).map((k) => pct(byLevel.get(k)!.hits / byLevel.get(k)!.n)).join(' / ');
    log(`| ${name} | ${pct(hits / labelled.length)} | ${(rr / labelled.length).toFixed(3)} | ${lv} | ${ms.toFixed(2)} |`);
  }

  const teams = labelled.map((l) => l.team);
  const targetOf = new Map(labelled.map((l) => [l.team.id, l.target]));
  let precise = 0;
  const started = performance.now();
  for (const d of demands) {
    const top = recommendTeamsForDemand(d, teams, 5);
    precise += top.filter((r) => targetOf.get(r.id) === d.id).length / 5;
  }
  const ms = (performance.now() - started) / demands.length;
  log(
    `\nTeams for a sub-topic (among ${teams.length}): precision@5 ${pct(precise / demands.length)} (random: ${pct(TEAMS_PER_SUBTOPIC / teams.length)}), ${ms.toFixed(0)} ms per sub-topic.`,
  );
  const example = recommendDemandsForTeam(labelled[0].team, demands, 1)[0];
  log(`Example reasons (${labelled[0].team.id} → ${example?.id}): ${example?.reasons.join('；')}`);
}

log(`# bench:fair — ${new Date().toISOString()}, Node ${process.version}`);
await benchSchedule();
benchRecommend();
