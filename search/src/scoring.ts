import { indexTokens } from './tokenize.ts';
import type { DemandDocument } from './types.ts';

/**
 * BM25 over the stored tokens, shared by the PostgreSQL engine (which computes it in
 * SQL for a shortlist of candidates) and the benchmark's reference (which computes it
 * in JS over every document). Fields are weighted the BM25F way: an occurrence in the
 * title counts 3 times, in a key field (topic, track, enterprise, data names) twice,
 * in the body once; a document's length is the sum of these weighted counts.
 */
export const FIELD_WEIGHTS = { title: 3, key: 2, body: 1 } as const;
export const BM25 = { k1: 1.2, b: 0.75 } as const;
/** Weighted term frequencies are stored up to this count (BM25 saturates long before). */
export const MAX_TF = 64;
/**
 * Impact levels: a token is stored in a document's impact vector once its weighted
 * frequency reaches 3 (any title hit), again with "+" from 6 and with "*" from 12, so
 * the documents strongest in a query's tokens can be found through an index.
 */
export const IMPACT_LEVELS = [
  { prefix: '', tf: 3 },
  { prefix: '+', tf: 6 },
  { prefix: '*', tf: 12 },
] as const;

export interface DocumentTerms {
  /** Weighted frequency of every token. */
  tf: Map<string, number>;
  /** Sum of the weighted frequencies. */
  length: number;
  /** Title tokens (with single characters) and key-field tokens, for the key-field index. */
  title: string[];
  key: string[];
}

export function documentTerms(d: DemandDocument): DocumentTerms {
  const tf = new Map<string, number>();
  let length = 0;
  const add = (tokens: string[], weight: number) => {
    for (const t of tokens) {
      tf.set(t, (tf.get(t) ?? 0) + weight);
      length += weight;
    }
  };
  const title = indexTokens(d.title, { withChars: true });
  const key = [d.topicTitle, d.trackName, d.enterprise, ...d.dataNames].flatMap((p) => indexTokens(p, { withChars: true }));
  add(title, FIELD_WEIGHTS.title);
  add(key, FIELD_WEIGHTS.key);
  add(
    [d.businessNeed, d.techGoals, ...d.acceptanceCriteria, ...d.dataDescriptions, d.region].flatMap((p) => indexTokens(p)),
    FIELD_WEIGHTS.body,
  );
  return { tf, length, title: [...new Set(title)], key: [...new Set(key)] };
}

const quoteLexeme = (t: string) => `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/**
 * The tsvector literal of a document: each token with as many positions as its
 * weighted frequency (capped), so PostgreSQL can give back the frequency (see `tfFromRank`).
 */
const POSITIONS = Array.from({ length: MAX_TF + 1 }, (_, n) => Array.from({ length: n }, (_, i) => i + 1).join(','));
export function tsvectorLiteral(tf: Map<string, number>): string {
  const parts: string[] = [];
  for (const [token, n] of tf) parts.push(`${quoteLexeme(token)}:${POSITIONS[Math.min(MAX_TF, n)]}`);
  return parts.join(' ');
}

/** The impact vector's lexemes of a document (see IMPACT_LEVELS). */
export function impactTokens(tf: Map<string, number>): string[] {
  const out: string[] = [];
  for (const [token, n] of tf) for (const level of IMPACT_LEVELS) if (n >= level.tf) out.push(level.prefix + token);
  return out;
}

/**
 * `ts_rank('{1,1,1,1}', v, 'token')` on a vector whose token has `tf` unweighted positions is
 * (1 + 1/4 + … + 1/tf²) / (π²/6); since that sum is close to π²/6 − 1/(tf + ½), the frequency
 * is round(1 / (π²/6 · (1 − rank)) − ½) (exact for every tf up to MAX_TF; 0 when absent).
 * The same expression is written in SQL by the engine.
 */
export const ZETA2 = Math.PI ** 2 / 6;
export function tfFromRank(rank: number): number {
  return Math.max(0, Math.round(1 / (ZETA2 * (1 - rank)) - 0.5));
}

export function idf(df: number, documents: number): number {
  return Math.log(1 + (documents - df + 0.5) / (df + 0.5));
}

/** BM25 of one document for query tokens with their document frequencies. */
export function bm25(tfs: number[], dfs: number[], length: number, stats: { documents: number; avgLength: number }): number {
  let score = 0;
  for (let i = 0; i < tfs.length; i++) {
    const tf = tfs[i];
    if (!tf) continue;
    const norm = BM25.k1 * (1 - BM25.b + (BM25.b * length) / stats.avgLength);
    score += idf(dfs[i], stats.documents) * ((tf * (BM25.k1 + 1)) / (tf + norm));
  }
  return score;
}
