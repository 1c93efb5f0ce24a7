/**
 * Assignment benchmark: npm run bench:reviews
 *
 * A seeded instance (BENCH_PROJECTS=5000 projects, 40 % of them in sub-topic panels of
 * 2–10 bids, over 15 tracks; BENCH_EXPERTS=300 experts on one or two tracks; 3 experts
 * per project; BENCH_CONFLICT_RATE=0.03 of the same-track pairs in conflict;
 * BENCH_MAX_PER_EXPERT=70) solved by assignExperts (HiGHS MIP), against a greedy
 * baseline computed in the same run. Prints feasibility-check time, solve time,
 * optimality and gap, total fit (and its ratio to greedy), unfilled seats, load spread,
 * the same without the balance term (fit only) against greedy, and whether a second run
 * on the shuffled input gives the same assignment.
 */
import os from 'node:os';
import { assignExperts, checkFeasibility } from '@jb/api/modules/reviews/algorithms/assign-experts.ts';
import { generate, rng } from './generate.ts';
import { greedyAssign } from './greedy.ts';

const env = (k: string, d: number) => Number(process.env[k] ?? d);
const opts = {
  projects: env('BENCH_PROJECTS', 5000),
  experts: env('BENCH_EXPERTS', 300),
  expertsPerItem: env('BENCH_EXPERTS_PER_PROJECT', 3),
  maxPerExpert: env('BENCH_MAX_PER_EXPERT', 70),
  panelShare: env('BENCH_PANEL_SHARE', 0.4),
  conflictRate: env('BENCH_CONFLICT_RATE', 0.03),
  seed: env('BENCH_SEED', 11),
};
const log = (...args: unknown[]) => console.log(...args);
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
function spread(loads: number[]) {
  const s = [...loads].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  const sd = Math.sqrt(s.reduce((a, b) => a + (b - mean) ** 2, 0) / s.length);
  return `min ${s[0]} · p50 ${s[Math.floor(s.length / 2)]} · max ${s[s.length - 1]} · mean ${round(mean)} · sd ${round(sd)}`;
}

const input = generate(opts);
log(
  `instance: ${input.projects} projects (${input.panels} panels + ${input.items.length - input.panels} regular = ${input.items.length} items), ` +
    `${input.experts.length} experts, ${opts.expertsPerItem} experts each, ${input.conflicts.length} conflicts, max ${opts.maxPerExpert} per expert, seed ${opts.seed}`,
);

let t0 = performance.now();
const problems = checkFeasibility(input);
const feasMs = performance.now() - t0;
log(`feasibility check: ${round(feasMs)} ms, ${problems.length} problem(s)`);
for (const p of problems.slice(0, 5)) log(`  - ${p.message}`);

t0 = performance.now();
const greedy = greedyAssign(input);
const greedyMs = performance.now() - t0;

t0 = performance.now();
const cpu0 = process.cpuUsage();
const result = await assignExperts(input);
const solveMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const cpuMs = (cpu.user + cpu.system) / 1000;
const loads = result.loads.map((l) => l.load);
log(`solver: ${result.solver}`);
log(
  `  ${round(solveMs)} ms wall, ${round(cpuMs)} ms CPU (machine load average ${os
    .loadavg()
    .map((l) => round(l))
    .join(' / ')} on ${os.cpus().length} cores); optimal ${result.optimal}, gap ${result.gap}`,
);
log(
  `  total fit ${round(result.totalFit, 2)} · unfilled seats ${result.unassigned.reduce((a, u) => a + u.missing, 0)} · balance target ${result.target}`,
);
log(`  loads: ${spread(loads)} · above target: ${loads.filter((l) => l > (result.target ?? Infinity)).length} experts`);
log(`greedy: ${round(greedyMs)} ms, total fit ${round(greedy.totalFit, 2)} · unfilled seats ${greedy.missingSeats}`);
log(`  loads: ${spread(greedy.loads)}`);
log(
  `solver / greedy total fit: ${round(result.totalFit / greedy.totalFit, 4)} (+${round((100 * (result.totalFit - greedy.totalFit)) / greedy.totalFit, 2)} %)`,
);

// The solver trades a little fit for balance (balanceWeight 0.1 per review above the
// average); for a like-for-like comparison of fit alone, solve once more without it.
if (!process.env.BENCH_SKIP_FIT_ONLY) {
  t0 = performance.now();
  const fitOnly = await assignExperts({ ...input, balanceWeight: 0 });
  const fl = fitOnly.loads.map((l) => l.load);
  log(
    `fit only (balanceWeight 0): ${round(performance.now() - t0)} ms, optimal ${fitOnly.optimal}, gap ${fitOnly.gap}, total fit ${round(fitOnly.totalFit, 2)} ` +
      `· unfilled seats ${fitOnly.unassigned.reduce((a, u) => a + u.missing, 0)} · vs greedy ${round(fitOnly.totalFit / greedy.totalFit, 4)} (+${round((100 * (fitOnly.totalFit - greedy.totalFit)) / greedy.totalFit, 2)} %)`,
  );
  log(`  loads: ${spread(fl)}`);
}

if (!process.env.BENCH_SKIP_DETERMINISM) {
  const r = rng(99);
  const shuffle = <T>(xs: T[]) => {
    const a = [...xs];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    return a;
  };
  t0 = performance.now();
  const again = await assignExperts({
    ...input,
    items: shuffle(input.items),
    experts: shuffle(input.experts),
    conflicts: shuffle(input.conflicts),
  });
  const same = JSON.stringify(again.assignments) === JSON.stringify(result.assignments);
  log(`determinism: shuffled input solved again in ${round(performance.now() - t0)} ms, same assignment: ${same}`);
}
