import { availableParallelism } from 'node:os';
import type { AppDb } from './db.ts';
import { Admission } from './admission.ts';
import { sql } from 'kysely';
import { SAMPLE, SCORED_DEPTH, searchStatement, strongestStatement, type TextMatch } from './postgres-query.ts';
import { documentTerms, idf, IMPACT_LEVELS, impactTokens, tsvectorArray } from './scoring.ts';
import { allButOne, atLeast, latinWords, LONG_QUERY, LONG_QUERY_FILL, queryWords, rankLexemes, termQuery, termTokens } from './tokenize.ts';
import { ESTIMATE_ABOVE, type DemandDocument, type SearchEngine, type SearchQuery, type SearchResult } from './types.ts';

const ALIAS = 'demands';
/** Typo tolerance only for Latin words of 5+ letters (shorter ones have too many neighbours). */
const TYPO_WORD = /^[a-z]{5,}$/;
const STATS_TTL_MS = 60_000;
const LIVE_TTL_MS = 1000;
const WRITE_WORK_MEM = '128MB';
/** A lexeme in under about a tenth of the documents (its own strongest documents are probed too). */
const RARE_IDF = 2;
/** Lexemes weighing at least this share of the heaviest one's idf are required of the strongest documents. */
const WEIGHTY = 0.25;

/**
 * The default engine: documents in a PostgreSQL table with a weighted tsvector
 * (GIN) built from Chinese-aware tokens, pg_trgm for typo-tolerant Latin words,
 * and plain columns for filters, facets and sorting. Matching follows
 * Meilisearch's "last" strategy: all words first, then dropping words from the end.
 * Relevance is BM25 (title and key fields weighted) over a shortlist chosen by score
 * (see postgres-query.ts); facets are estimated from a sample above `estimateAbove` matches.
 */
export class PostgresSearchEngine implements SearchEngine {
  readonly name = 'postgres' as const;
  private live: { name: string; at: number } | null = null;
  private written = 0;
  private df = new Map<string, { df: number; at: number }>();
  private stats_ = new Map<string, { documents: number; sampled: number; avgLength: number; at: number }>();
  private loading = new Map<string, Promise<void>>();
  private readonly estimateAbove: number;
  /** Documents a query is expected to match (by its words' frequencies) before its first page is read from the sample. */
  private readonly sampleAbove: number;
  private readonly admission: Admission;

  constructor(
    private db: AppDb,
    options: { estimateAbove?: number; sampleAbove?: number; concurrentSearches?: number } = {},
  ) {
    this.admission = new Admission(options.concurrentSearches ?? availableParallelism() + 1);
    this.estimateAbove = options.estimateAbove ?? ESTIMATE_ABOVE;
    this.sampleAbove = options.sampleAbove ?? 4 * this.estimateAbove;
  }

  /**
   * The live index's name, read at most once a second (a swap by another process is
   * seen within a second; this process's own rebuilds forget it at once).
   */
  private async liveIndex(): Promise<string> {
    if (this.live && Date.now() - this.live.at < LIVE_TTL_MS) return this.live.name;
    const row = await sql<{ name: string }>`select name from search_indexes where alias = ${ALIAS} and state = 'live'`.execute(this.db);
    if (!row.rows[0]) throw new Error('search index not initialised');
    this.live = { name: row.rows[0].name, at: Date.now() };
    return row.rows[0].name;
  }

  /** Indexes that receive writes: the live one and one being rebuilt. */
  private async writableIndexes(): Promise<string[]> {
    const rows = await sql<{
      name: string;
    }>`select name from search_indexes where alias = ${ALIAS} and state in ('live','building')`.execute(this.db);
    return rows.rows.map((r) => r.name);
  }

  async init(): Promise<void> {
    await sql`insert into search_indexes (name, alias, state) values (${`${ALIAS}_1`}, ${ALIAS}, 'live') on conflict do nothing`.execute(
      this.db,
    );
  }

  async upsert(docs: DemandDocument[]): Promise<void> {
    if (!docs.length) return;
    for (const index of await this.writableIndexes()) await this.write(index, docs);
    this.noteWrites(docs.length);
  }

  /** Frequencies and lengths drift as documents are written: forget them once 5 % of the index changed here. */
  private noteWrites(count: number) {
    this.written += count;
    const documents = Math.max(0, ...[...this.stats_.values()].map((s) => s.documents));
    if (this.written > Math.max(20, documents * 0.05)) {
      this.written = 0;
      this.df.clear();
      this.stats_.clear();
    }
  }

  private async write(index: string, docs: DemandDocument[]): Promise<void> {
    const vectors: Map<string, number>[] = [];
    const rows = docs.map((d, i) => {
      const terms = documentTerms(d);
      vectors.push(terms.tf);
      return {
        i: i + 1,
        index_name: index,
        id: d.id,
        revision: d.revision,
        doc: d,
        hi: impactTokens(terms.tf, terms.length),
        len: terms.length,
        latin: [...new Set([d.title, d.businessNeed, d.techGoals, ...d.dataNames, ...d.dataDescriptions].flatMap(latinWords))].join(' '),
        edition_id: d.editionId,
        track_id: d.trackId,
        topic_id: d.topicId,
        region: d.region,
        access_modes: d.accessModes,
        budget: d.budgetCny,
        bid_deadline: d.bidDeadline,
        published_at: d.publishedAt,
        status: d.status,
      };
    });
    // One statement per batch; a newer revision never loses to an older one arriving late.
    const statement = sql`
      with input as (
        select r.*, t.tsv from json_to_recordset(${JSON.stringify(rows)}::json) as r(
          i int, index_name text, id uuid, revision bigint, doc jsonb, hi text[], len int, latin text,
          edition_id uuid, track_id uuid, topic_id uuid, region text, access_modes text[], budget bigint,
          bid_deadline timestamptz, published_at timestamptz, status text)
        -- the token vectors travel as one binary tsvector[] (no literal to parse), in the rows' order
        join unnest(${tsvectorArray(vectors)}::tsvector[]) with ordinality as t(tsv, n) on t.n = r.i
      ), written as (
        insert into search_documents (index_name, id, revision, tsv, hi_tsv, len, latin, edition_id, track_id, topic_id, region, access_modes, budget, bid_deadline, published_at, status)
        select r.index_name, r.id, r.revision, r.tsv, array_to_tsvector(r.hi), r.len,
               r.latin, r.edition_id, r.track_id, r.topic_id, r.region, r.access_modes, r.budget, r.bid_deadline, r.published_at, r.status
        from input r
        on conflict (index_name, id) do update set
          revision = excluded.revision, tsv = excluded.tsv, hi_tsv = excluded.hi_tsv, len = excluded.len,
          latin = excluded.latin, edition_id = excluded.edition_id, track_id = excluded.track_id, topic_id = excluded.topic_id,
          region = excluded.region, access_modes = excluded.access_modes, budget = excluded.budget,
          bid_deadline = excluded.bid_deadline, published_at = excluded.published_at, status = excluded.status
        where search_documents.revision <= excluded.revision
        returning index_name, id
      )
      insert into search_payloads (index_name, id, doc)
      select r.index_name, r.id, r.doc from input r join written w using (index_name, id)
      on conflict (index_name, id) do update set doc = excluded.doc`;
    if (this.db.isTransaction) return void (await statement.execute(this.db));
    await this.db.transaction().execute(async (trx) => {
      // The token indexes' pending lists are merged into the index in chunks of work_mem:
      // larger chunks touch each index page once for many documents.
      await sql`set local work_mem = ${sql.lit(WRITE_WORK_MEM)}`.execute(trx);
      await statement.execute(trx);
    });
  }

  /**
   * Merges the token indexes' pending lists (GIN fastupdate) into the indexes. Writes only
   * append to those lists, but every search reads them through, so once the writes stop
   * (the sync worker's outbox drained) they are merged at once rather than by vacuum later.
   */
  async settle(): Promise<void> {
    const clean = sql`
      select gin_clean_pending_list('search_documents_tsv'::regclass), gin_clean_pending_list('search_documents_hi_tsv'::regclass),
             gin_clean_pending_list('search_documents_tsv_sample'::regclass)`;
    if (this.db.isTransaction) return void (await clean.execute(this.db));
    await this.db.transaction().execute(async (trx) => {
      // gin_clean_pending_list merges in chunks of maintenance_work_mem (64 MB by default)
      await sql`set local maintenance_work_mem = ${sql.lit(WRITE_WORK_MEM)}`.execute(trx);
      await clean.execute(trx);
    });
  }

  async remove(ids: string[]): Promise<void> {
    if (!ids.length) return;
    const indexes = await this.writableIndexes();
    this.noteWrites(ids.length);
    await sql`delete from search_documents where index_name = any(${indexes}::text[]) and id = any(${ids}::uuid[])`.execute(this.db);
    await sql`delete from search_payloads where index_name = any(${indexes}::text[]) and id = any(${ids}::uuid[])`.execute(this.db);
  }

  /**
   * At most one search per core plus one run at a time (see Admission), the others wait
   * their turn: the extra one keeps a core busy while a search waits for the event loop
   * between its statements (at concurrency 8 on two cores: 118 searches/s with three at a
   * time, 98 with two, 114 with all eight; p95 91, 105 and 110 ms).
   */
  search(query: SearchQuery): Promise<SearchResult> {
    const started = performance.now();
    return this.admission.run(() => this.searchNow(query, started));
  }

  private async searchNow(query: SearchQuery, started: number): Promise<SearchResult> {
    const index = await this.liveIndex();
    const words = queryWords(query.q);
    const done = (result: Omit<SearchResult, 'matchedWords' | 'tookMs'>, matchedWords: string[]) => ({
      ...result,
      matchedWords,
      tookMs: ms(started),
    });
    if (!words.length) return done(await this.run(index, query, {}), []);
    // Every word first (a Han word matches as a substring); for a long query with fewer
    // matches than a first page, every word but one; when that finds nothing, documents with
    // at least half of the query's bigrams, then with any, ranked by BM25.
    const terms = words.map(termQuery);
    const tokens = [...new Set(words.flatMap(termTokens))];
    const rank = query.sort === 'relevance' ? await this.rankingOf(index, words) : undefined;
    const shortlist = {};
    const all = terms.join(' & ');
    // Matches expected, for the sample (see run()): at most the rarest lexeme's documents for
    // every word, at least the commonest one's for any.
    const df = rank?.df.length ? rank.df : [0];
    // A Han bigram or character no document holds cannot match: the strict run is known empty.
    const none = { hits: [], total: 0, estimated: false, facets: { track: {}, region: {}, access: {} } };
    const strict = rank?.absent.some((l) => !l.startsWith('l'))
      ? none
      : await this.run(index, query, { match: all, rank }, shortlist, Math.min(...df));
    if (strict.total >= LONG_QUERY_FILL || (strict.total > 0 && words.length < LONG_QUERY)) return done(strict, words);
    const informative = words.length >= LONG_QUERY ? await this.informativeWords(index, words) : [];
    if (informative.length >= 2) {
      const most = await this.run(index, query, { match: allButOne(informative.map(termQuery)), rank }, shortlist);
      if (most.total > 0) return done(most, words);
    }
    if (strict.total > 0) return done(strict, words);
    for (const k of [...new Set([Math.ceil(tokens.length / 2), 1])]) {
      const match = atLeast(tokens, k);
      if (match === all) continue; // same as the strict query
      const result = await this.run(index, query, { match, rank }, shortlist, Math.max(...df));
      if (result.total > 0) return done(result, words);
    }
    // Only when nothing matches exactly: Latin words of 5+ letters with a typo (e.g. "blockchian").
    const latin = words.filter((w) => TYPO_WORD.test(w));
    if (latin.length) {
      const typo = await this.run(index, query, { typoWords: latin });
      if (typo.total > 0) return done(typo, latin);
    }
    return done({ hits: [], total: 0, estimated: false, facets: { track: {}, region: {}, access: {} } }, words);
  }

  /**
   * The words of a long query that at most half of the documents hold (a word's count is
   * at most its rarest lexeme's): the ones a match must have all but one of. Words in most
   * documents filter almost nothing, cost the token index most, and are only scored, as
   * in Lucene's CommonTermsQuery.
   */
  private async informativeWords(index: string, words: string[]) {
    const { documents } = await this.rankingOf(index, words);
    const df = (lexeme: string) => this.df.get(`${index} ${lexeme}`)?.df ?? 0;
    return words.filter((w) => Math.min(...rankLexemes([w]).map(df)) <= documents / 2);
  }

  /**
   * Inverse document frequencies of the lexemes and the average length, cached for a
   * minute (see noteWrites). A stale value is still used while one refresh runs in the
   * background, and concurrent searches wait for one load rather than each counting
   * (under load, every request refreshing at once held c8 searches for seconds).
   */
  private async rankingOf(index: string, words: string[]) {
    const lexemes = rankLexemes(words);
    const now = Date.now();
    const stale = (at: number) => now - at >= STATS_TTL_MS;
    const cached = this.stats_.get(index);
    if (!cached) await this.once(`stats ${index}`, () => this.loadStats(index));
    else if (stale(cached.at)) void this.once(`stats ${index}`, () => this.loadStats(index)).catch(() => undefined);
    const missing = lexemes.filter((l) => !this.df.has(`${index} ${l}`));
    if (missing.length) await this.once(`df ${index} ${missing.join(' ')}`, () => this.loadDf(index, missing));
    const old = lexemes.filter((l) => stale(this.df.get(`${index} ${l}`)?.at ?? now));
    if (old.length) void this.once(`df ${index} ${old.join(' ')}`, () => this.loadDf(index, old)).catch(() => undefined);
    const stats = this.stats_.get(index) ?? { documents: 0, avgLength: 1 };
    // A lexeme no document holds scores nothing and would make every probe for documents
    // strong in all the lexemes come back empty (算力调度: no document writes 力调).
    const present = lexemes.filter((l) => (this.df.get(`${index} ${l}`)?.df ?? 0) > 0);
    const df = present.map((l) => this.df.get(`${index} ${l}`)?.df ?? 0);
    return {
      lexemes: present,
      df,
      complete: present.length === lexemes.length,
      absent: lexemes.filter((l) => !present.includes(l)),
      holdsMatch: rankLexemes(words, Infinity).length === lexemes.length,
      idf: df.map((n) => idf(n, stats.documents)),
      avgLength: stats.avgLength,
      documents: stats.documents,
    };
  }

  /** Runs `task` once for every caller asking while it runs. */
  private once(key: string, task: () => Promise<void>): Promise<void> {
    const running = this.loading.get(key);
    if (running) return running;
    const promise = task().finally(() => this.loading.delete(key));
    this.loading.set(key, promise);
    return promise;
  }

  private async loadStats(index: string) {
    const { rows } = await sql<{ n: number; sampled: number; avg: number | null }>`
      select count(*)::int as n, (count(*) filter (where ${SAMPLE.condition}))::int as sampled, avg(len)::float8 as avg
      from search_documents d where index_name = ${index}`.execute(this.db);
    this.stats_.set(index, { documents: rows[0].n, sampled: rows[0].sampled, avgLength: Math.max(1, rows[0].avg ?? 1), at: Date.now() });
  }

  private async loadDf(index: string, lexemes: string[]) {
    const counts = sql.join(
      lexemes.map(
        (l) =>
          sql`(select count(*)::int from search_documents d where d.index_name = ${index} and d.tsv @@ ${`'${l.replace(/'/g, "''")}'`}::tsquery)`,
      ),
      sql`, `,
    );
    const { rows } = await sql<{ df: number[] }>`select array[${counts}] as df`.execute(this.db);
    if (this.df.size > 50_000) this.df.clear();
    const at = Date.now();
    lexemes.forEach((l, i) => this.df.set(`${index} ${l}`, { df: rows[0].df[i], at }));
  }

  /**
   * One search statement in its own transaction. `shortlist` carries the strongest documents
   * from a search's first run to its relaxed ones (the probes do not depend on the match);
   * `expected` is how many documents the match may hold (see the sample below).
   */
  private async run(index: string, query: SearchQuery, text: TextMatch, shortlist: { strong?: Strong } = {}, expected = 0) {
    const relevance = query.sort === 'relevance' && !!text.rank && !!text.match;
    const capped = relevance && query.page * query.pageSize <= SCORED_DEPTH;
    // A first page of a query expected to match many documents reads its estimates from the
    // sample (SAMPLE; the statement reads the full index instead when the sample shows few).
    const stats = this.stats_.get(index);
    const sampleRatio = capped && stats?.sampled && expected >= this.sampleAbove ? stats.documents / stats.sampled : undefined;
    const { rows } = await this.db.transaction().execute(async (trx) => {
      // The planner does not know that a sequential scan must decompress every token
      // vector to test it, while the GIN bitmap never reads them: keep it on the index.
      // Plain index scans are off too: walking the publication-date index and testing every
      // row's vector looks cheap to the planner when most documents match, and is not.
      // A capped read takes the first matches in heap order, on one process; the strongest
      // documents' probe relies on its branches running in order (no parallel append).
      if (text.match) {
        const parallel = relevance ? '; set local max_parallel_workers_per_gather = 0' : '';
        await sql.raw(`set local enable_seqscan = off; set local enable_indexscan = off${parallel}`).execute(trx);
      }
      if (relevance) shortlist.strong ??= await this.strongest(trx, index, query, text.rank!);
      const strong = relevance ? shortlist.strong : {};
      return searchStatement(index, query, { ...text, ...strong }, this.estimateAbove, sampleRatio).execute(trx);
    });
    const r = rows[0];
    return {
      hits: (r.page ?? []).map((h) => ({ id: h.id, document: h.doc })),
      total: r.total,
      estimated: r.total > this.estimateAbove,
      facets: { track: r.track ?? {}, region: r.region ?? {}, access: r.access ?? {} },
    };
  }

  /**
   * The documents strongest in every lexeme, highest impact level first, until
   * SHORTLIST.strong are found (one statement: see strongestStatement). When too few
   * documents are strong in every lexeme (a word written rarely next to a common one, or a
   * relaxed match), then also the documents strongest in each rare lexeme (unverified:
   * the scoring keeps only those that match).
   */
  private async strongest(trx: AppDb, index: string, query: SearchQuery, rank: NonNullable<TextMatch['rank']>): Promise<Strong> {
    // Strong in every lexeme that weighs: one in most documents (数字 in 数字化) adds almost
    // nothing to a score, and requiring strength in it would fill the shortlist with
    // documents that repeat it rather than those strong in the words that matter.
    const top = Math.max(0, ...rank.idf);
    const weighty = rank.lexemes.filter((_, i) => rank.idf[i] >= top * WEIGHTY);
    if (!weighty.length) return { strong: [], unverified: [] };
    const verified = rank.complete !== false && weighty.length === rank.lexemes.length;
    const rare =
      rank.lexemes.length > 1
        ? rank.lexemes
            .map((lexeme, i) => ({ lexeme, idf: rank.idf[i] }))
            .filter((l) => l.idf >= RARE_IDF)
            .sort((a, b) => b.idf - a.idf)
            .slice(0, 3)
            .map((l) => l.lexeme)
        : [];
    const { rows } = await strongestStatement(index, query, weighty, rare, IMPACT_LEVELS.length).execute(trx);
    const strong = [...new Set(rows.map((r) => r.id))];
    const unverified = [...new Set(rows.filter((r) => !verified || r.source > 0).map((r) => r.id))];
    return { strong, unverified };
  }

  async health() {
    try {
      await this.liveIndex();
      return { ok: true };
    } catch (error) {
      return { ok: false, error: (error as Error).message };
    }
  }

  async stats() {
    const indexName = await this.liveIndex();
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from search_documents where index_name = ${indexName}`.execute(
      this.db,
    );
    return { documents: rows[0].n, indexName };
  }

  async snapshot(): Promise<Map<string, number>> {
    const index = await this.liveIndex();
    const { rows } = await sql<{
      id: string;
      revision: string;
    }>`select id, revision from search_documents where index_name = ${index}`.execute(this.db);
    return new Map(rows.map((r) => [r.id, Number(r.revision)]));
  }

  async rebuild(batches: AsyncIterable<DemandDocument[]>) {
    this.live = null;
    const old = await this.liveIndex();
    const name = `${ALIAS}_${Date.now()}`;
    // While building, the sync worker writes to both indexes, so nothing changed meanwhile is lost.
    await sql`insert into search_indexes (name, alias, state) values (${name}, ${ALIAS}, 'building')`.execute(this.db);
    let documents = 0;
    try {
      for await (const docs of batches) {
        await this.write(name, docs);
        documents += docs.length;
      }
    } catch (error) {
      await this.dropIndex(name);
      throw error;
    }
    await this.db.transaction().execute(async (trx) => {
      await sql`update search_indexes set state = 'retired' where name = ${old}`.execute(trx);
      await sql`update search_indexes set state = 'live' where name = ${name}`.execute(trx);
    });
    this.live = null;
    await this.dropIndex(old);
    return { indexName: name, documents };
  }

  private async dropIndex(name: string) {
    this.live = null;
    await sql`delete from search_documents where index_name = ${name}`.execute(this.db);
    await sql`delete from search_payloads where index_name = ${name}`.execute(this.db);
    await sql`delete from search_indexes where name = ${name}`.execute(this.db);
  }

  async close() {}
}

/** The strongest documents of a search; those found through some of its lexemes only may not match. */
type Strong = { strong: string[]; unverified: string[] };

const ms = (started: number) => Math.round((performance.now() - started) * 10) / 10;
