import { describe, expect, it } from 'vitest';
import { termsFromText } from './fit.ts';
import { prepare } from './prepare.ts';
import { solveMip } from './solve-mip.ts';
import {
  assignExperts,
  checkFeasibility,
  fitScore,
  type AssignmentExpert,
  type AssignmentInput,
  type AssignmentItem,
  type AssignmentResult,
} from './assign-experts.ts';

const item = (id: string, trackId: string, over: Partial<AssignmentItem> = {}): AssignmentItem => ({
  id,
  trackId,
  trackName: trackId === 'ind' ? '工业制造' : trackId === 'agr' ? '现代农业' : trackId,
  kind: 'project',
  load: 1,
  expertsNeeded: 1,
  terms: [],
  ...over,
});
const expert = (id: string, trackIds: string[], fields: string[] = []): AssignmentExpert => ({ id, name: `专家${id}`, trackIds, fields });
const input = (over: Partial<AssignmentInput>): AssignmentInput => ({
  items: [],
  experts: [],
  conflicts: [],
  fixed: [],
  maxPerExpert: 10,
  ...over,
});

/** Small seeded generator for property checks. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const VOCAB = ['设备数据', '产线质检', '能耗预测', '农业遥感', '土壤监测', '供应链金融', '工业模型', '质检模型'];
function tiny(seed: number): AssignmentInput {
  const r = rng(seed);
  const pick = () => VOCAB[Math.floor(r() * VOCAB.length)]!;
  const items = Array.from({ length: 4 }, (_, n) =>
    item(`i${n}`, r() < 0.7 ? 'ind' : 'agr', {
      kind: n === 0 ? 'panel' : 'project',
      load: n === 0 ? 2 + Math.floor(r() * 3) : 1,
      expertsNeeded: 1 + Math.floor(r() * 2),
      terms: [pick(), pick()],
    }),
  );
  const experts = Array.from({ length: 4 }, (_, n) => expert(`e${n}`, r() < 0.8 ? ['ind'] : ['ind', 'agr'], [pick(), pick()]));
  const conflicts = [];
  for (const it of items) for (const ex of experts) if (r() < 0.15) conflicts.push({ itemId: it.id, expertId: ex.id });
  return { items, experts, conflicts, fixed: [], maxPerExpert: 3 + Math.floor(r() * 3) };
}

/** The model's objective for a result (see assign-experts.ts): fit × load × 1000, minus
 *  100 per review above the target, minus 10,000 per review left empty. */
function objective(inp: AssignmentInput, res: AssignmentResult): number {
  const byId = new Map(inp.items.map((i) => [i.id, i]));
  let obj = 0;
  for (const a of res.assignments) obj += Math.round(a.fit * 1000) * byId.get(a.itemId)!.load;
  for (const l of res.loads) obj -= 100 * Math.max(0, l.load - res.target!);
  for (const u of res.unassigned) obj -= 10_000 * u.missing * byId.get(u.itemId)!.load;
  return obj;
}

/** Brute force over every choice of expert subsets (of size ≤ needed) per item. */
function bruteForce(inp: AssignmentInput, target: number): number {
  const conflict = new Set(inp.conflicts.map((c) => `${c.itemId}:${c.expertId}`));
  const options = inp.items.map((it) => {
    const cands = inp.experts.filter((ex) => !conflict.has(`${it.id}:${ex.id}`) && ex.trackIds.includes(it.trackId));
    const subsets: AssignmentExpert[][] = [];
    for (let mask = 0; mask < 1 << cands.length; mask++) {
      const s = cands.filter((_, k) => mask & (1 << k));
      if (s.length <= it.expertsNeeded) subsets.push(s);
    }
    return subsets;
  });
  let best = -Infinity;
  const load = new Map(inp.experts.map((e) => [e.id, 0]));
  const walk = (n: number, acc: number) => {
    if (n === inp.items.length) {
      let obj = acc;
      for (const l of load.values()) {
        if (l > inp.maxPerExpert) return;
        obj -= 100 * Math.max(0, l - target);
      }
      best = Math.max(best, obj);
      return;
    }
    const it = inp.items[n]!;
    for (const s of options[n]!) {
      let gain = -10_000 * (it.expertsNeeded - s.length) * it.load;
      for (const ex of s) {
        gain += Math.round(fitScore(it, ex) * 1000) * it.load;
        load.set(ex.id, load.get(ex.id)! + it.load);
      }
      walk(n + 1, acc + gain);
      for (const ex of s) load.set(ex.id, load.get(ex.id)! - it.load);
    }
  };
  walk(0, 0);
  return best;
}

function shuffle<T>(xs: T[], seed: number): T[] {
  const r = rng(seed);
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

describe('fitScore', () => {
  it('rewards the track and Chinese fields that share character bigrams with the terms', () => {
    const it = item('p', 'ind', { terms: ['设备预测性维护', '工业互联网'] });
    const onTrack = fitScore(it, expert('a', ['ind'], ['设备预测', '数据治理']));
    const offFields = fitScore(it, expert('b', ['ind'], ['农业遥感']));
    const offTrack = fitScore(it, expert('c', ['agr'], ['设备预测', '数据治理']));
    expect(offFields).toBe(0.4);
    expect(onTrack).toBeGreaterThan(offFields);
    expect(offTrack).toBeLessThan(onTrack);
    expect(fitScore(it, expert('d', ['ind'], ['工业互联网']))).toBeGreaterThan(onTrack - 0.2);
    expect(fitScore(item('q', 'ind', { terms: ['AI 质检'] }), expert('e', ['ind'], ['ai质检']))).toBe(1);
  });
});

describe('termsFromText', () => {
  it('cuts a Chinese text into short terms that fields can match', () => {
    const terms = termsFromText('基于工业互联网的设备预测性维护与能耗优化，面向钢铁行业。AI 质检');
    expect(terms).toEqual(['工业互联网', '设备预测', '性维护', '能耗优化', '钢铁行业', 'AI', '质检']);
    const it = item('p', 'ind', { terms });
    expect(fitScore(it, expert('a', ['ind'], ['工业互联网', '设备预测']))).toBeGreaterThan(
      fitScore(it, expert('b', ['ind'], ['农业遥感'])),
    );
    expect(termsFromText('数据'.repeat(40), 3)).toHaveLength(1);
  });
});

describe('checkFeasibility', () => {
  it('names a track short of review capacity, with the seats, the supply and the experts conflicts excluded', () => {
    const items = Array.from({ length: 6 }, (_, n) => item(`p${n}`, 'ind', { expertsNeeded: 2 }));
    const experts = [expert('a', ['ind']), expert('b', ['ind']), expert('c', ['ind']), expert('x', ['agr'])];
    const conflicts = [...items.map((it) => ({ itemId: it.id, expertId: 'c' })), { itemId: 'p0', expertId: 'b' }];
    const problems = checkFeasibility(input({ items, experts, conflicts, maxPerExpert: 4 }));
    const track = problems.find((p) => p.trackId === 'ind' && !p.itemId);
    expect(track?.message).toBe(
      '赛道「工业制造」：需要 12 份评审（12 个评审席位，专题评审组按揭榜项目数计），本赛道 3 位专家在每人上限 4 份内、避开利益冲突后最多只能提供 8 份；' +
        '冲突排除了 1 位专家，另有 1 位专家与其中部分评审对象冲突。请增加本赛道专家或提高每人上限',
    );
    expect(problems.some((p) => p.message.startsWith('总体：还需 12 份评审'))).toBe(false); // 4 experts × 4 = 16 ≥ 12
  });

  it('names an item with fewer eligible experts than it needs, and why', () => {
    const problems = checkFeasibility(
      input({
        items: [
          item('p1', 'ind', { expertsNeeded: 3, name: '智能质检' }),
          item('big', 'ind', { kind: 'panel', load: 12, name: '产线专题' }),
        ],
        experts: [expert('a', ['ind']), expert('b', ['ind']), expert('c', ['ind'])],
        conflicts: [{ itemId: 'p1', expertId: 'a' }],
      }),
    );
    expect(problems.find((p) => p.itemId === 'p1')?.message).toBe(
      '项目「智能质检」（赛道「工业制造」）还需 3 位专家，只有 2 位可以评审（可选专家 3 位，其中 1 位存在利益冲突）',
    );
    expect(problems.find((p) => p.itemId === 'big')?.message).toBe(
      '专题评审组「产线专题」（赛道「工业制造」）还需 1 位专家，只有 0 位可以评审（可选专家 3 位，3 位剩余额度不足 12 份）',
    );
  });

  it('reports fixed assignments that are conflicted or beyond the limit, and unknown ids', () => {
    const problems = checkFeasibility(
      input({
        items: [item('p1', 'ind'), item('p2', 'ind'), item('p3', 'ind')],
        experts: [expert('a', ['ind']), expert('b', ['ind'])],
        conflicts: [{ itemId: 'p1', expertId: 'a' }],
        fixed: [
          { itemId: 'p1', expertId: 'a' },
          { itemId: 'p2', expertId: 'b' },
          { itemId: 'p3', expertId: 'b' },
          { itemId: 'zz', expertId: 'a' },
        ],
        maxPerExpert: 1,
      }),
    );
    const messages = problems.map((p) => p.message);
    expect(messages).toContain('手工指派与利益冲突矛盾：专家 专家a 与项目「p1」存在利益冲突，该指派不会保留，请改派');
    expect(messages).toContain('手工指派超出上限：专家 专家b 已被手工指派 2 份评审，超过每人上限 1 份；不会再为其分配其他评审');
    expect(messages).toContain('手工指派无效：评审对象 zz 不存在');
  });

  it('finds a shortage across tracks that share experts although each track alone looks fine', () => {
    // A and B need 5 reviews each and share two experts (4 each): each track alone has 8,
    // all experts together have 12 (expert c reviews track C), but A and B together need 10.
    const items = [...Array.from({ length: 5 }, (_, n) => item(`a${n}`, 'A')), ...Array.from({ length: 5 }, (_, n) => item(`b${n}`, 'B'))];
    const experts = [expert('s1', ['A', 'B']), expert('s2', ['A', 'B']), expert('c', ['C'])];
    const problems = checkFeasibility(input({ items, experts, maxPerExpert: 4 }));
    expect(problems.map((p) => p.message)).toEqual([
      '赛道「A」「B」中 10 个评审对象合计需要 10 份评审，能评审它们的 2 位无冲突专家（多位同时属于多个赛道）合计最多只能提供 8 份',
    ]);
  });

  it('finds nothing wrong with a workable input', () => {
    expect(checkFeasibility(input({ items: [item('p', 'ind')], experts: [expert('a', ['ind'])] }))).toEqual([]);
  });
});

describe('assignExperts', () => {
  it('never assigns a conflicted pair, keeps fixed pairs, respects tracks and limits', async () => {
    const items = Array.from({ length: 6 }, (_, n) => item(`p${n}`, 'ind', { expertsNeeded: 2, terms: ['设备数据'] }));
    items.push(item('panel', 'ind', { kind: 'panel', load: 3, expertsNeeded: 2, terms: ['产线质检'] }));
    const experts = [
      expert('a', ['ind'], ['设备数据']),
      expert('b', ['ind'], ['设备数据']),
      expert('c', ['ind'], ['产线质检']),
      expert('d', ['ind']),
      expert('e', ['agr'], ['设备数据']),
    ];
    const conflicts = [
      { itemId: 'p0', expertId: 'a' },
      { itemId: 'p1', expertId: 'a' },
      { itemId: 'panel', expertId: 'c' },
    ];
    const fixed = [{ itemId: 'p2', expertId: 'd' }];
    const inp = input({ items, experts, conflicts, fixed, maxPerExpert: 6 });
    const res = await assignExperts(inp);
    expect(res.feasible).toBe(true);
    expect(res.optimal).toBe(true);
    expect(res.gap).toBe(0);
    const pairs = new Set(res.assignments.map((a) => `${a.itemId}:${a.expertId}`));
    for (const c of conflicts) expect(pairs.has(`${c.itemId}:${c.expertId}`)).toBe(false);
    expect(pairs.has('p2:d')).toBe(true);
    expect(res.assignments.some((a) => a.expertId === 'e')).toBe(false); // other track
    for (const it of items) expect(res.assignments.filter((a) => a.itemId === it.id)).toHaveLength(2);
    for (const l of res.loads) expect(l.load).toBeLessThanOrEqual(6);
    const load = (id: string) => res.loads.find((l) => l.expertId === id)!.load;
    const computed = new Map<string, number>();
    for (const a of res.assignments) computed.set(a.expertId, (computed.get(a.expertId) ?? 0) + (a.itemId === 'panel' ? 3 : 1));
    for (const ex of experts) expect(load(ex.id)).toBe(computed.get(ex.id) ?? 0);
  });

  it('drops a fixed pair that is in conflict and says so', async () => {
    const res = await assignExperts(
      input({
        items: [item('p', 'ind')],
        experts: [expert('a', ['ind']), expert('b', ['ind'])],
        conflicts: [{ itemId: 'p', expertId: 'a' }],
        fixed: [{ itemId: 'p', expertId: 'a' }],
      }),
    );
    expect(res.assignments.map((a) => a.expertId)).toEqual(['b']);
    expect(res.feasible).toBe(false);
    expect(res.problems[0]!.message).toContain('手工指派与利益冲突矛盾');
  });

  it('reports unassigned seats with a reason when experts run out', async () => {
    const res = await assignExperts(
      input({
        items: [item('p', 'ind', { expertsNeeded: 3 }), item('q', 'ind', { expertsNeeded: 1 })],
        experts: [expert('a', ['ind']), expert('b', ['ind'])],
        maxPerExpert: 1,
      }),
    );
    expect(res.feasible).toBe(false);
    expect(res.assignments).toHaveLength(2);
    expect(res.unassigned.reduce((s, u) => s + u.missing, 0)).toBe(2);
    expect(res.unassigned.find((u) => u.itemId === 'p')?.reason).toMatch(/只有 2 位无冲突、有余量的赛道专家|已被其他评审占满额度/);
    expect(res.problems.length).toBeGreaterThan(0);
  });

  it('refuses nonsense limits with a problem instead of throwing', async () => {
    const res = await assignExperts(input({ items: [item('p', 'ind')], experts: [expert('a', ['ind'])], maxPerExpert: Number.NaN }));
    expect(res.feasible).toBe(false);
    expect(res.assignments).toEqual([]);
    expect(res.problems[0]!.message).toBe('每位专家的评审上限必须至少为 1（现为 NaN）');
    expect(res.unassigned).toEqual([{ itemId: 'p', missing: 1, reason: expect.stringContaining('只有 0 位') }]);
  });

  it('is deterministic: the same input twice, and shuffled, give the same result', async () => {
    const inp = tiny(7);
    const many = { ...inp, items: [...inp.items, ...tiny(8).items.map((i) => ({ ...i, id: `x${i.id}` }))], maxPerExpert: 8 };
    const a = await assignExperts(many);
    const b = await assignExperts(many);
    const c = await assignExperts({
      ...many,
      items: shuffle(many.items, 1),
      experts: shuffle(many.experts, 2),
      conflicts: shuffle(many.conflicts, 3),
    });
    const strip = (r: AssignmentResult) => ({ ...r, millis: 0, solver: '' });
    expect(strip(b)).toEqual(strip(a));
    expect(strip(c)).toEqual(strip(a));
  }, 60_000);

  it('is optimal: matches brute force on 40 tiny random instances (panels, conflicts, limits)', async () => {
    const paths = new Set<string>();
    for (let seed = 1; seed <= 40; seed++) {
      const inp = tiny(seed);
      const res = await assignExperts(inp);
      paths.add(res.solver.includes('branch-and-cut') ? 'mip' : 'lp');
      expect(res.optimal).toBe(true);
      expect(objective(inp, res), `seed ${seed}`).toBe(bruteForce(inp, res.target!));
    }
    expect([...paths].sort()).toEqual(['lp', 'mip']); // both the LP-bound proof and branch-and-cut were exercised
  }, 120_000);

  it('balances: equal fits give equal loads; a better fit is worth a little imbalance only', async () => {
    const items = Array.from({ length: 10 }, (_, n) => item(`p${n}`, 'ind', { terms: ['设备数据'] }));
    const res = await assignExperts(input({ items, experts: [expert('a', ['ind']), expert('b', ['ind'])], maxPerExpert: 10 }));
    expect(res.target).toBe(5);
    expect(res.loads.map((l) => l.load)).toEqual([5, 5]);
    // expert a fits better (0.4 + 0.6 × 1 vs 0.4): a 0.6 gain beats the 0.1 penalty, so a takes all
    const skewed = await assignExperts(
      input({
        items,
        experts: [expert('a', ['ind'], ['设备数据']), expert('b', ['ind'])],
        maxPerExpert: 10,
      }),
    );
    expect(skewed.loads.map((l) => l.load)).toEqual([10, 0]);
    // …unless the penalty is raised above the gain
    const strict = await assignExperts(
      input({
        items,
        experts: [expert('a', ['ind'], ['设备数据']), expert('b', ['ind'])],
        maxPerExpert: 10,
        balanceWeight: 1,
      }),
    );
    expect(strict.loads.map((l) => l.load)).toEqual([5, 5]);
    expect(strict.totalFit).toBeLessThan(skewed.totalFit);
  });
});

describe('solveMip without branch-and-cut (what large instances get)', () => {
  it('returns the incumbent with a valid bound: never above the proven optimum, bound never below it', async () => {
    let skipped = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const inp = tiny(seed);
      const target = (await assignExperts(inp)).target!;
      const p = prepare(inp);
      const opts = { target, balanceWeight: 0.1, timeLimitSeconds: 60 };
      const exact = await solveMip(p, opts); // proven optimal (and equal to brute force, see above)
      const quick = await solveMip(p, { ...opts, maxFreePairs: 0, maxFreePanelPairs: 0 });
      expect(exact.optimal).toBe(true);
      if (quick.status.startsWith('MIP skipped')) skipped++;
      expect(quick.objective, `seed ${seed}`).toBeLessThanOrEqual(exact.objective);
      expect(quick.bound, `seed ${seed}`).toBeGreaterThanOrEqual(exact.objective - 1e-6);
      if (quick.optimal) expect(quick.objective).toBe(exact.objective);
    }
    expect(skipped).toBeGreaterThan(0);
  }, 120_000);
});
