// Score normalisation and outlier detection for the joint review (issue 11).
//
// normaliseScores — so that one lenient (or harsh) reviewer does not decide a track:
//   1. For each reviewer r, over everything r scored: mean μ_r and population standard
//      deviation σ_r; z = (score − μ_r) / σ_r.
//   2. Map back to the 0–100 scale with the mean μ and population sd σ of ALL scores
//      given: normalised = clamp(μ + z × σ, 0, 100), rounded to 2 decimals.
//   A reviewer with a single score, or whose scores are all equal (σ_r = 0), expresses
//   no preference we can measure: z = 0, so each of their scores maps to μ. When every
//   score is equal (σ = 0) every normalised score is μ.
//   Adding a constant to all of a reviewer's scores (a lenient reviewer) changes neither
//   their z-scores nor, therefore, any normalised ranking built from them; multiplying
//   their spread neither. Duplicate (reviewer, project) entries: the last one in the
//   input counts. Sums run in a canonical order so the result does not depend on the
//   input order.
//
// findOutliers — a reviewer whose score for a project differs from the panel's mean (the
//   mean of all scores given to that project, the reviewer's own included) by more than
//   `margin` points. (A leave-one-out mean would also flag the two agreeing reviewers of
//   a three-person panel whenever the third is far off.) Projects with a single reviewer
//   have no panel and give no outlier. Pass scores on one scale (e.g.
//   the experts' scores only; the enterprise's demand-fit score is another criterion).
//   Sorted by |diff| descending, then reviewerId, projectId.

export interface RawScore {
  reviewerId: string;
  projectId: string;
  /** 0..100 */
  score: number;
}

export interface Outlier {
  reviewerId: string;
  projectId: string;
  score: number;
  panelMean: number;
  diff: number;
}

const key = (s: RawScore) => `${s.reviewerId}:${s.projectId}`;
const round2 = (x: number) => Math.round(x * 100) / 100;
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Last entry per (reviewer, project), in canonical order (reviewerId, projectId). */
function canonical(scores: RawScore[]): RawScore[] {
  const byKey = new Map<string, RawScore>();
  for (const s of scores) {
    if (!Number.isFinite(s.score)) throw new Error(`score of ${key(s)} is not a number`);
    byKey.set(key(s), s);
  }
  return [...byKey.values()].sort((a, b) => cmp(a.reviewerId, b.reviewerId) || cmp(a.projectId, b.projectId));
}

function meanSd(values: number[]): { mean: number; sd: number } {
  if (values.length === 0) return { mean: 0, sd: 0 };
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / values.length;
  let sq = 0;
  for (const v of values) sq += (v - mean) ** 2;
  const sd = Math.sqrt(sq / values.length);
  // Floating noise (e.g. all scores 70.1) must count as zero spread.
  return { mean, sd: sd < 1e-9 ? 0 : sd };
}

export function normaliseScores(scores: RawScore[]): Map<string, number> {
  const list = canonical(scores);
  const all = meanSd(list.map((s) => s.score));
  const byReviewer = new Map<string, RawScore[]>();
  for (const s of list) {
    const own = byReviewer.get(s.reviewerId);
    if (own) own.push(s);
    else byReviewer.set(s.reviewerId, [s]);
  }
  const out = new Map<string, number>();
  for (const own of byReviewer.values()) {
    const r = meanSd(own.map((s) => s.score));
    for (const s of own) {
      const z = r.sd === 0 ? 0 : (s.score - r.mean) / r.sd;
      out.set(key(s), round2(Math.min(100, Math.max(0, all.mean + z * all.sd))));
    }
  }
  return out;
}

export function findOutliers(scores: RawScore[], margin: number): Outlier[] {
  const list = canonical(scores);
  const byProject = new Map<string, RawScore[]>();
  for (const s of list) {
    const panel = byProject.get(s.projectId);
    if (panel) panel.push(s);
    else byProject.set(s.projectId, [s]);
  }
  const out: Outlier[] = [];
  for (const panel of byProject.values()) {
    if (panel.length < 2) continue;
    const sum = panel.reduce((acc, s) => acc + s.score, 0);
    for (const s of panel) {
      const panelMean = sum / panel.length;
      const diff = s.score - panelMean;
      if (Math.abs(diff) > margin + 1e-9) {
        out.push({ reviewerId: s.reviewerId, projectId: s.projectId, score: s.score, panelMean: round2(panelMean), diff: round2(diff) });
      }
    }
  }
  return out.sort((a, b) => Math.abs(b.diff) - Math.abs(a.diff) || cmp(a.reviewerId, b.reviewerId) || cmp(a.projectId, b.projectId));
}
