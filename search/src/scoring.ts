import { forEachIndexToken } from './tokenize.ts';
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
 * Impact levels: a token is stored in a document's impact vector with the prefix of every
 * level its BM25 term weight reaches (`termWeight`: frequency and length together, against
 * a reference length), so the documents strongest in a query's tokens are found through
 * the index alone, strongest level first, without reading or sorting the matches.
 * A title hit (weighted frequency 3) in a document of average length reaches level 1.
 */
export const IMPACT_LEVELS = [1.4, 1.6, 1.75, 1.87, 1.96, 2.03, 2.09] as const;
/** The length the impact levels normalise against (about the average weighted length of a demand). */
export const REFERENCE_LENGTH = 1000;

/** BM25's saturated, length-normalised frequency of one token (0 … k1 + 1). */
export function termWeight(tf: number, length: number, avgLength = REFERENCE_LENGTH): number {
  return (tf * (BM25.k1 + 1)) / (tf + BM25.k1 * (1 - BM25.b + (BM25.b * length) / avgLength));
}

/** The impact vector's lexeme of `token` at level `level` (1-based). */
export const impactLexeme = (level: number, token: string) => `${level}${token}`;

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
  let weight = 0;
  let into: Set<string> | null = null;
  const visit = (t: string) => {
    tf.set(t, (tf.get(t) ?? 0) + weight);
    length += weight;
    into?.add(t);
  };
  const add = (texts: string[], w: number, withChars: boolean, set: Set<string> | null) => {
    weight = w;
    into = set;
    for (const text of texts) forEachIndexToken(text, withChars, visit);
  };
  const title = new Set<string>();
  const key = new Set<string>();
  add([d.title], FIELD_WEIGHTS.title, true, title);
  add([d.topicTitle, d.trackName, d.enterprise, ...d.dataNames], FIELD_WEIGHTS.key, true, key);
  add([d.businessNeed, d.techGoals, ...d.acceptanceCriteria, ...d.dataDescriptions, d.region], FIELD_WEIGHTS.body, false, null);
  return { tf, length, title: [...title], key: [...key] };
}

const quoteLexeme = (t: string) => `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/**
 * The tsvector literal of a document: each token with as many positions as its
 * weighted frequency (capped), so PostgreSQL can give back the frequency (see `tfFromRank`).
 */
const POSITIONS = Array.from({ length: MAX_TF + 1 }, (_, n) => Array.from({ length: n }, (_, i) => i + 1).join(','));
export function tsvectorLiteral(tf: Map<string, number>): string {
  // Tokens hold no quote or backslash (Han characters, Latin letters and numbers) but are
  // still checked; one growing string, not an array joined (this runs for every token written).
  let out = '';
  for (const [token, n] of tf) {
    const lexeme = token.indexOf("'") < 0 && token.indexOf('\\') < 0 ? token : quoteLexeme(token).slice(1, -1);
    out += (out ? " '" : "'") + lexeme + "':" + POSITIONS[n > MAX_TF ? MAX_TF : n];
  }
  return out;
}

/** The impact vector's lexemes of a document (see IMPACT_LEVELS). */
export function impactTokens(tf: Map<string, number>, length: number): string[] {
  const out: string[] = [];
  for (const [token, n] of tf) {
    const weight = termWeight(Math.min(MAX_TF, n), length);
    for (let level = 0; level < IMPACT_LEVELS.length && weight >= IMPACT_LEVELS[level]; level++) out.push(impactLexeme(level + 1, token));
  }
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
    if (tfs[i]) score += idf(dfs[i], stats.documents) * termWeight(tfs[i], length, stats.avgLength);
  }
  return score;
}

/** PostgreSQL's type id of `tsvector` (pg_type), which a binary `tsvector[]` names for its elements. */
const TSVECTOR_OID = 3614;

/**
 * The documents' token vectors as one binary `tsvector[]` parameter (the formats of
 * array_recv and tsvectorrecv): PostgreSQL then parses no literal, which was about a third of
 * its work per document written. Each token has one position per weighted occurrence, as
 * `tsvectorLiteral` writes them (positions 1…tf, weight D, capped at MAX_TF).
 */
export function tsvectorArray(tfs: Map<string, number>[]): Buffer {
  let buf = Buffer.allocUnsafe(1 << 20);
  let at = 0;
  const room = (bytes: number) => {
    if (at + bytes <= buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(buf.length * 2, at + bytes));
    buf.copy(grown, 0, 0, at);
    buf = grown;
  };
  room(20);
  at = buf.writeInt32BE(1, at); // dimensions
  at = buf.writeInt32BE(0, at); // no nulls
  at = buf.writeUInt32BE(TSVECTOR_OID, at);
  at = buf.writeInt32BE(tfs.length, at);
  at = buf.writeInt32BE(1, at); // lower bound
  for (const tf of tfs) {
    room(8);
    const start = at;
    at += 4; // element length, written below
    at = buf.writeInt32BE(tf.size, at);
    for (const [token, n] of tf) {
      const positions = n > MAX_TF ? MAX_TF : n;
      room(token.length * 3 + 3 + 2 * positions);
      at += buf.write(token, at, 'utf8');
      at = buf.writeUInt8(0, at);
      at = buf.writeUInt16BE(positions, at);
      for (let p = 1; p <= positions; p++) at = buf.writeUInt16BE(p, at);
    }
    buf.writeInt32BE(at - start - 4, start);
  }
  return buf.subarray(0, at);
}
