import { describe, expect, it } from 'vitest';
import {
  bm25,
  documentTerms,
  impactLexeme,
  impactTokens,
  MAX_TF,
  REFERENCE_LENGTH,
  termWeight,
  tfFromRank,
  tsvectorLiteral,
  ZETA2,
} from './scoring.ts';
import type { DemandDocument } from './types.ts';

const doc = (over: Partial<DemandDocument>): DemandDocument =>
  ({
    id: 'x',
    revision: 1,
    title: '',
    businessNeed: '',
    techGoals: '',
    dataNames: [],
    dataDescriptions: [],
    acceptanceCriteria: [],
    enterprise: '',
    editionId: 'e',
    editionName: '',
    trackId: 't',
    trackName: '',
    topicId: 'p',
    topicTitle: '',
    region: '',
    accessModes: [],
    budgetCny: 0,
    bidDeadline: '',
    bidDeadlineTs: 0,
    publishedAt: '',
    publishedAtTs: 0,
    status: 'published',
    ...over,
  }) as DemandDocument;

/** ts_rank('{1,1,1,1}', v, 'token') as PostgreSQL computes it (float4) for a token with tf positions. */
function pgRank(tf: number): number {
  let sum = Math.fround(0);
  for (let j = 0; j < tf; j++) sum = Math.fround(sum + Math.fround(1 / ((j + 1) * (j + 1))));
  return Math.fround(sum / 1.64493406685);
}

describe('BM25 scoring over stored tokens', () => {
  it('recovers every term frequency up to the cap from the rank PostgreSQL gives', () => {
    expect(tfFromRank(0)).toBe(0);
    for (let tf = 1; tf <= MAX_TF; tf++) expect(tfFromRank(pgRank(tf))).toBe(tf);
    // the values PostgreSQL printed for tf 1, 2, 3
    expect(tfFromRank(0.6079271)).toBe(1);
    expect(tfFromRank(0.75990885)).toBe(2);
    expect(tfFromRank(0.82745636)).toBe(3);
    expect(ZETA2).toBeCloseTo(1.6449, 4);
  });

  it('weights title 3, key fields 2 and body 1, and sums the length', () => {
    const terms = documentTerms(doc({ title: '算力', topicTitle: '算力', businessNeed: '算力调度' }));
    // 算力 bigram: title 3 + topic 2 + body 1; single characters only for title and key fields
    expect(terms.tf.get('b算力')).toBe(6);
    expect(terms.tf.get('c算')).toBe(5);
    expect(terms.tf.get('b调度')).toBe(1);
    expect(terms.length).toBe([...terms.tf.values()].reduce((a, b) => a + b, 0));
  });

  it('writes one position per occurrence, capped', () => {
    expect(
      tsvectorLiteral(
        new Map([
          ['b算力', 3],
          ['lai', 100],
        ]),
      ),
    ).toBe(`'b算力':1,2,3 'lai':${Array.from({ length: MAX_TF }, (_, i) => i + 1).join(',')}`);
    expect(tsvectorLiteral(new Map([["l'x", 1]]))).toBe(`'l''x':1`);
  });

  it('lists impact tokens by the levels their term weight reaches (frequency and length together)', () => {
    const tokens = impactTokens(
      new Map([
        ['a', 1],
        ['b', 3],
        ['c', 12],
      ]),
      REFERENCE_LENGTH,
    );
    // one body occurrence is below level 1; a title hit (3) reaches level 1; 12 occurrences reach higher
    expect(tokens.filter((t) => t.endsWith('a'))).toEqual([]);
    expect(tokens.filter((t) => t.endsWith('b'))).toEqual([impactLexeme(1, 'b')]);
    const c = tokens.filter((t) => t.endsWith('c'));
    expect(c.length).toBeGreaterThan(3);
    expect(c).toContain(impactLexeme(1, 'c'));
    // the same frequency in a shorter document weighs more
    const short = impactTokens(new Map([['b', 3]]), REFERENCE_LENGTH / 4);
    expect(short.length).toBeGreaterThan(1);
    expect(termWeight(3, 250)).toBeGreaterThan(termWeight(3, 1000));
  });

  it('scores more occurrences higher, saturating, and shorter documents higher', () => {
    const stats = { documents: 1000, avgLength: 100 };
    const s1 = bm25([1], [10], 100, stats);
    const s2 = bm25([2], [10], 100, stats);
    const s20 = bm25([20], [10], 100, stats);
    expect(s2).toBeGreaterThan(s1);
    expect(s20 - s2).toBeLessThan((s2 - s1) * 18);
    expect(bm25([1], [10], 50, stats)).toBeGreaterThan(s1);
    // a rare token counts more than a common one
    expect(bm25([1, 0], [5, 500], 100, stats)).toBeGreaterThan(bm25([0, 1], [5, 500], 100, stats));
    expect(bm25([0], [10], 100, stats)).toBe(0);
  });
});
