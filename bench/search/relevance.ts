/**
 * Relevance at scale for the search benchmark: the relevance suite's 48 judgements
 * through the API (recall@5, MRR), and the top-10 overlap of the engine with a BM25
 * reference computed here in JS over every indexed document.
 *
 * The reference is plain BM25 (k1 1.2, b 0.75) over the same tokens, fields weighted
 * BM25F-style (title ×3, key fields ×2, body ×1: search/src/scoring.ts), idf over the
 * whole index, ranking the documents that contain every query word (the engine's match
 * rule; a Han word = all its bigrams; a query of LONG_QUERY words or more with fewer than
 * LONG_QUERY_FILL such documents: all but one of its words that at most half of the
 * documents hold; when no document holds every word, those holding at least half of the
 * query's tokens, then any, as the engine relaxes a match). It shares the token and weight definitions with
 * the engine but none of its SQL: the engine finds its candidates through indexes and
 * scores them in PostgreSQL; the reference scores every document.
 */
import { sql, type RawBuilder } from 'kysely';
import type { AppDb } from '@jb/search/db.ts';
import { allDocuments } from '@jb/search';
import { documentTerms, bm25, MAX_TF } from '@jb/search/scoring.ts';
import { queryWords, rankLexemes, bigrams, isHan, LONG_QUERY, LONG_QUERY_FILL } from '@jb/search/tokenize.ts';
import { judgements } from '../../tests/search/judgements.ts';
import { round } from '../support.ts';

/**
 * recall@5 and MRR of the judgements through the API. A hit counts only when it is the
 * judged demand itself (`targets`: title prefix → the seeded demands' ids), never another
 * document whose title happens to begin the same way.
 */
export async function judgeThroughApi(baseUrl: string, targets: Map<string, Set<string>>) {
  let found = 0;
  let reciprocal = 0;
  const misses: string[] = [];
  const totals: number[] = [];
  for (const [q, expected] of judgements) {
    const res = (await (await fetch(`${baseUrl}/api/search/demands?q=${encodeURIComponent(q)}&pageSize=10`)).json()) as {
      hits: { id: string; title: string }[];
      total: number;
    };
    totals.push(res.total);
    const wanted = targets.get(expected) ?? new Set<string>();
    const rank = res.hits.findIndex((h) => wanted.has(h.id)) + 1;
    if (rank >= 1 && rank <= 5) found += 1;
    else misses.push(`${q} → ${expected} (rank ${rank || '>10'})`);
    if (rank >= 1) reciprocal += 1 / rank;
  }
  return {
    queries: judgements.length,
    recall5: round(found / judgements.length, 3),
    mrr: round(reciprocal / judgements.length, 3),
    misses,
    /** How many documents each judged query matches (the competition the target faces) */
    matches: { median: [...totals].sort((a, b) => a - b)[Math.floor(totals.length / 2)], over100: totals.filter((t) => t > 100).length },
  };
}

/** The seeded (judged) demands' ids by the title prefixes the judgements name. */
export async function judgedTargets(db: AppDb, isGenerated: RawBuilder<boolean>) {
  const { rows } = await sql<{ id: string; title: string }>`
    select id, published_content->>'title' as title from demands where published_content is not null and not ${isGenerated}`.execute(db);
  const targets = new Map<string, Set<string>>();
  for (const [, expected] of judgements) {
    targets.set(expected, new Set(rows.filter((r) => r.title.startsWith(expected)).map((r) => r.id)));
  }
  return targets;
}

/** The lexemes a query word needs (all of them) to match, as the engine's strict rule. */
const wordLexemes = (word: string) =>
  !isHan(word) ? [`l${word}`] : [...word].length === 1 ? [`c${word}`] : bigrams(word).map((b) => `b${b}`);

export class Bm25Reference {
  private postings = new Map<string, Map<number, number>>();
  private ids: string[] = [];
  private lengths: number[] = [];
  private totalLength = 0;

  /** Reads every document of the database once, keeping the frequencies of the queries' lexemes. */
  static async build(db: AppDb, queries: string[]) {
    const ref = new Bm25Reference();
    const wanted = new Set(queries.flatMap((q) => [...rankLexemes(queryWords(q)), ...queryWords(q).flatMap(wordLexemes)]));
    for (const lexeme of wanted) ref.postings.set(lexeme, new Map());
    for await (const batch of allDocuments(db)) {
      for (const doc of batch) {
        const terms = documentTerms(doc);
        const i = ref.ids.length;
        ref.ids.push(doc.id);
        ref.lengths.push(terms.length);
        ref.totalLength += terms.length;
        for (const lexeme of wanted) {
          const tf = terms.tf.get(lexeme);
          if (tf) ref.postings.get(lexeme)!.set(i, Math.min(MAX_TF, tf));
        }
      }
    }
    return ref;
  }

  get documents() {
    return this.ids.length;
  }

  /** The ids of the 10 best documents for `q` by BM25 among those matching it (see the header). */
  top(q: string, k = 10): string[] {
    const words = queryWords(q);
    const lexemes = rankLexemes(words);
    const holding = words.map((word) => {
      const lists = wordLexemes(word).map((l) => this.postings.get(l)!);
      return new Set([...lists[0].keys()].filter((i) => lists.every((p) => p.has(i))));
    });
    let candidates = holding.length ? [...holding[0]].filter((i) => holding.every((set) => set.has(i))) : [];
    if (words.length >= LONG_QUERY && candidates.length < LONG_QUERY_FILL) {
      // a word's count of documents is at most its rarest lexeme's, as the engine estimates it
      const informative = words
        .map((word, w) => ({ w, df: Math.min(...wordLexemes(word).map((l) => this.postings.get(l)!.size)) }))
        .filter((x) => x.df <= this.documents / 2)
        .map((x) => holding[x.w]);
      if (informative.length >= 2) {
        const counts = new Map<number, number>();
        for (const set of informative) for (const i of set) counts.set(i, (counts.get(i) ?? 0) + 1);
        candidates = [...counts].filter(([, n]) => n >= informative.length - 1).map(([i]) => i);
      }
    }
    if (!candidates.length && words.length) {
      // the engine's relaxed match: at least half of the tokens (a Han word of 3+ characters
      // gives its bigrams, any other word itself), then any; the first 8 tokens
      const tokens = [
        ...new Map(
          words
            .flatMap((w) => (isHan(w) && [...w].length >= 3 ? wordLexemes(w).map((l) => [l]) : [wordLexemes(w)]))
            .map((t) => [t.join(' '), t]),
        ).values(),
      ].slice(0, 8);
      const holds = tokens.map(
        (t) => new Set([...this.postings.get(t[0])!.keys()].filter((i) => t.every((l) => this.postings.get(l)!.has(i)))),
      );
      for (const need of [Math.ceil(tokens.length / 2), 1]) {
        const counts = new Map<number, number>();
        for (const set of holds) for (const i of set) counts.set(i, (counts.get(i) ?? 0) + 1);
        candidates = [...counts].filter(([, n]) => n >= need).map(([i]) => i);
        if (candidates.length) break;
      }
    }
    const stats = { documents: this.documents, avgLength: this.totalLength / this.documents };
    const dfs = lexemes.map((l) => this.postings.get(l)!.size);
    const scored = candidates.map((i) => ({
      i,
      score: bm25(
        lexemes.map((l) => this.postings.get(l)!.get(i) ?? 0),
        dfs,
        this.lengths[i],
        stats,
      ),
    }));
    scored.sort((a, b) => b.score - a.score || this.lengths[a.i] - this.lengths[b.i] || (this.ids[a.i] < this.ids[b.i] ? -1 : 1));
    return scored.slice(0, k).map((s) => this.ids[s.i]);
  }
}

/** Mean share of the reference's top 10 that the engine's top 10 (through the API) also has. */
export async function overlapWithReference(baseUrl: string, reference: Bm25Reference, queries: string[]) {
  const perQuery: { q: string; overlap: number }[] = [];
  for (const q of queries) {
    const expected = reference.top(q);
    const res = (await (await fetch(`${baseUrl}/api/search/demands?q=${encodeURIComponent(q)}&pageSize=10`)).json()) as {
      hits: { id: string; title: string }[];
    };
    const got = new Set<string>(res.hits.map((h: { id: string }) => h.id));
    perQuery.push({ q, overlap: expected.length ? expected.filter((id) => got.has(id)).length / expected.length : 1 });
  }
  const mean = perQuery.reduce((s, p) => s + p.overlap, 0) / perQuery.length;
  return { mean: round(mean, 3), zero: perQuery.filter((p) => p.overlap === 0).length, perQuery };
}
