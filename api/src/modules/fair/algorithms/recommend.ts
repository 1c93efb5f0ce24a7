/**
 * Recommendations both ways between sub-topics (demands) and teams, with reasons (issue 13).
 *
 * score = (0.05 + 0.95 · text) · (0.6 + 0.2 · same track + 0.1 · same topic + 0.05 · same region
 *         + 0.05 · (a shared data access mode or a data capability the demand mentions))
 * where text is the cosine of BM25-weighted character-bigram vectors (IDF over the texts passed
 * in, so terms every text uses count little). Metadata multiplies the text fit rather than adding
 * to it: on the labelled bench set an additive bonus let a same-track sub-topic with little
 * text in common outrank the right one (bench/README.md). Candidates sharing nothing are left out.
 * Reasons list the readable words both texts share (rarest first), the same track/topic/region
 * and the access mode or capability.
 * Deterministic: ties are broken by id.
 */
import { bigramCounts, displayWord, normalise, readableWords } from './text-terms.ts';

export interface DemandProfile {
  id: string;
  title: string;
  /** Need + goals + data scope. */
  text: string;
  trackId: string;
  topicId: string;
  region: string | null;
  /** 'download' | 'api' | 'sandbox' | 'onsite'. */
  accessModes: string[];
}

export interface TeamProfile {
  id: string;
  name: string;
  /** Capability profile + project application. */
  text: string;
  trackIds: string[];
  topicIds: string[];
  regions: string[];
  dataCapabilities: string[];
  preferredAccessModes?: string[];
}

export interface Recommendation {
  id: string;
  /** 0..1 */
  score: number;
  /** 匹配原因, a few Chinese words each. */
  reasons: string[];
}

/** The score's parts: a floor and the text weight, then the metadata factor (base + parts, at most 1). */
const TEXT_FLOOR = 0.05;
const WEIGHTS = { base: 0.6, track: 0.2, topic: 0.1, region: 0.05, access: 0.05 } as const;

const ACCESS_LABELS: Record<string, string> = { api: 'API', download: '下载', sandbox: '沙箱', onsite: '现场查阅' };
const K1 = 1.2;
const MAX_SHARED_TERMS = 3;

export function recommendDemandsForTeam(team: TeamProfile, demands: DemandProfile[], limit: number): Recommendation[] {
  const corpus = new Corpus([teamText(team), ...demands.map(demandText)]);
  const teamVec = corpus.vector(0);
  return rank(
    demands.map((d, i) => ({
      id: d.id,
      pair: { demand: d, team },
      text: cosine(teamVec, corpus.vector(i + 1)),
      docs: [i + 1, 0] as const,
    })),
    corpus,
    limit,
  );
}

export function recommendTeamsForDemand(demand: DemandProfile, teams: TeamProfile[], limit: number): Recommendation[] {
  const corpus = new Corpus([demandText(demand), ...teams.map(teamText)]);
  const demandVec = corpus.vector(0);
  return rank(
    teams.map((t, i) => ({
      id: t.id,
      pair: { demand, team: t },
      text: cosine(demandVec, corpus.vector(i + 1)),
      docs: [0, i + 1] as const,
    })),
    corpus,
    limit,
  );
}

interface Candidate {
  id: string;
  pair: { demand: DemandProfile; team: TeamProfile };
  text: number;
  /** Corpus indices of the demand's and the team's text. */
  docs: readonly [number, number];
}

function rank(candidates: Candidate[], corpus: Corpus, limit: number): Recommendation[] {
  if (limit <= 0) return [];
  const scored = candidates.map((c) => ({ c, parts: metadataParts(c.pair.demand, c.pair.team) }));
  const withScore = scored.map(({ c, parts }) => {
    const meta =
      WEIGHTS.track * Number(parts.track) +
      WEIGHTS.topic * Number(parts.topic) +
      WEIGHTS.region * Number(parts.region !== null) +
      WEIGHTS.access * Number(parts.access.length > 0 || parts.capabilities.length > 0);
    const text = Math.min(1, Math.max(0, c.text));
    const score = (TEXT_FLOOR + (1 - TEXT_FLOOR) * text) * (WEIGHTS.base + meta);
    return { c, parts, shares: text > 0 || meta > 0, score: Math.round(Math.min(1, score) * 10000) / 10000 };
  });
  withScore.sort((x, y) => y.score - x.score || (x.c.id < y.c.id ? -1 : x.c.id > y.c.id ? 1 : 0));
  return withScore
    .filter((x) => x.shares)
    .slice(0, limit)
    .map(({ c, parts, score }) => {
      const reasons: string[] = [];
      const shared = corpus.sharedTerms(c.docs[0], c.docs[1]);
      if (shared.length > 0) reasons.push(`共同关键词：${shared.join('、')}`);
      if (parts.track) reasons.push('同一赛道');
      if (parts.topic) reasons.push('同一赛题');
      if (parts.region !== null) reasons.push(`同一地区：${parts.region}`);
      if (parts.access.length > 0) reasons.push(`数据获取方式：${parts.access.map((a) => ACCESS_LABELS[a] ?? a).join('、')}`);
      if (parts.capabilities.length > 0) reasons.push(`数据能力：${parts.capabilities.join('、')}`);
      return { id: c.id, score, reasons };
    });
}

function metadataParts(demand: DemandProfile, team: TeamProfile) {
  const demandNorm = normalise(`${demand.title}\n${demand.text}`);
  const preferred = new Set(team.preferredAccessModes ?? []);
  return {
    track: team.trackIds.includes(demand.trackId),
    topic: team.topicIds.includes(demand.topicId),
    region: sameRegion(demand.region, team.regions),
    access: [...new Set(demand.accessModes)].filter((a) => preferred.has(a)).sort(),
    capabilities: team.dataCapabilities.filter((c) => c.trim().length >= 2 && demandNorm.includes(normalise(c.trim()))).slice(0, 2),
  };
}

/** The most specific place name ("河北省石家庄市" → "石家庄", "雄安新区" → "雄安"). */
export function regionCore(region: string): string {
  let r = normalise(region).replace(/\s+/g, '');
  const afterProvince = r.replace(/^.*?(省|自治区|特别行政区)/, '');
  if (afterProvince.length > 0) r = afterProvince;
  const city = r.match(/^(.+?(市|地区|州|盟))/);
  if (city && city[1].length < r.length) r = city[1]; // "石家庄市长安区" → the city
  return r.replace(/(新区|市|地区|区|县|省|州|盟)$/, '') || r;
}

function sameRegion(region: string | null, teamRegions: string[]): string | null {
  if (!region) return null;
  const core = regionCore(region);
  if (!core) return null;
  for (const r of teamRegions) {
    const other = regionCore(r);
    if (other && (other === core || other.includes(core) || core.includes(other))) return core.length <= other.length ? core : other;
  }
  return null;
}

const demandText = (d: DemandProfile): string => `${d.title}\n${d.title}\n${d.text}`;
const teamText = (t: TeamProfile): string => `${t.text}\n${t.dataCapabilities.join('、')}`;

function cosine(x: Map<string, number>, y: Map<string, number>): number {
  let dot = 0;
  let nx = 0;
  let ny = 0;
  const [small, big] = x.size <= y.size ? [x, y] : [y, x];
  for (const [t, w] of small) {
    const v = big.get(t);
    if (v !== undefined) dot += w * v;
  }
  for (const w of x.values()) nx += w * w;
  for (const w of y.values()) ny += w * w;
  return nx === 0 || ny === 0 ? 0 : dot / Math.sqrt(nx * ny);
}

/** The texts of one request: bigram IDF, weighted vectors, and the shared readable words of a pair. */
class Corpus {
  private readonly counts: Map<string, number>[];
  private readonly norms: string[];
  private readonly df = new Map<string, number>();
  private readonly vectors = new Map<number, Map<string, number>>();

  constructor(private readonly texts: string[]) {
    this.counts = texts.map(bigramCounts);
    this.norms = texts.map(normalise);
    for (const c of this.counts) for (const t of c.keys()) this.df.set(t, (this.df.get(t) ?? 0) + 1);
  }

  private idf(df: number): number {
    const n = this.texts.length;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  vector(i: number): Map<string, number> {
    let v = this.vectors.get(i);
    if (!v) {
      v = new Map();
      for (const [t, tf] of this.counts[i]) v.set(t, ((tf * (K1 + 1)) / (tf + K1)) * this.idf(this.df.get(t)!));
      this.vectors.set(i, v);
    }
    return v;
  }

  /** Up to three readable words or short phrases found in both texts, rarest in the corpus first. */
  sharedTerms(i: number, j: number): string[] {
    const [ti, tj] = [this.norms[i], this.norms[j]];
    const candidates = new Set<string>();
    const wordsI = readableWords(this.texts[i]);
    const wordsJ = readableWords(this.texts[j]);
    for (const w of wordsI) if (tj.includes(w)) candidates.add(w);
    for (const w of wordsJ) if (ti.includes(w)) candidates.add(w);
    for (let k = 0; k + 1 < wordsI.length; k++) {
      const phrase = wordsI[k] + wordsI[k + 1];
      if (phrase.length <= 6 && ti.includes(phrase) && tj.includes(phrase)) candidates.add(phrase);
    }
    const weight = new Map<string, number>();
    for (const w of candidates) {
      let df = 0;
      for (const text of this.norms) if (text.includes(w)) df++;
      weight.set(w, this.idf(df) * Math.min(w.length, 4));
    }
    const ordered = [...candidates].sort((x, y) => weight.get(y)! - weight.get(x)! || y.length - x.length || (x < y ? -1 : 1));
    const chosen: string[] = [];
    for (const w of ordered) {
      if (chosen.length >= MAX_SHARED_TERMS) break;
      if (weight.get(w)! <= 0.05) break;
      if (chosen.some((c) => c.includes(w) || w.includes(c))) continue;
      chosen.push(w);
    }
    return chosen.map(displayWord);
  }
}
