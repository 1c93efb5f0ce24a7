import { sql, type Kysely } from 'kysely';
import { atLeast, indexTokens, latinWords, queryWords, termQuery, termTokens } from './tokenize.ts';
import { MAX_TOTAL_HITS, type DemandDocument, type SearchEngine, type SearchQuery, type SearchResult } from './types.ts';

const ALIAS = 'demands';
const ACCESS_MODES = ['download', 'api', 'sandbox', 'onsite'];
/** How many of the best matches by the cheap rank are re-ranked with the full text. */
const RERANK = 100;

/**
 * The default engine: documents in a PostgreSQL table with a weighted tsvector
 * (GIN) built from Chinese-aware tokens, pg_trgm for typo-tolerant Latin words,
 * and plain columns for filters, facets and sorting. Matching follows
 * Meilisearch's "last" strategy: all words first, then dropping words from the end.
 */
export class PostgresSearchEngine implements SearchEngine {
  readonly name = 'postgres' as const;
  constructor(private db: Kysely<any>) {}

  private async liveIndex(): Promise<string> {
    const row = await sql<{ name: string }>`select name from search_indexes where alias = ${ALIAS} and state = 'live'`.execute(this.db);
    if (!row.rows[0]) throw new Error('search index not initialised');
    return row.rows[0].name;
  }

  /** Indexes that receive writes: the live one and one being rebuilt. */
  private async writableIndexes(): Promise<string[]> {
    const rows = await sql<{ name: string }>`select name from search_indexes where alias = ${ALIAS} and state in ('live','building')`.execute(this.db);
    return rows.rows.map((r) => r.name);
  }

  async init(): Promise<void> {
    await sql`insert into search_indexes (name, alias, state) values (${`${ALIAS}_1`}, ${ALIAS}, 'live') on conflict do nothing`.execute(this.db);
  }

  async upsert(docs: DemandDocument[]): Promise<void> {
    if (!docs.length) return;
    for (const index of await this.writableIndexes()) await this.write(index, docs);
  }

  private async write(index: string, docs: DemandDocument[]): Promise<void> {
    const rows = docs.map((d) => {
      const keyFields = { a: [d.title], b: [d.topicTitle, d.trackName, d.enterprise, ...d.dataNames] };
      const tokens = (parts: string[], withChars = false) => parts.flatMap((p) => indexTokens(p, { withChars }));
      const a = [...new Set(tokens(keyFields.a, true))];
      const b = [...new Set(tokens(keyFields.b, true))];
      const body = new Set([...a, ...b, ...tokens([d.businessNeed, d.techGoals, ...d.acceptanceCriteria, ...d.dataDescriptions, d.region])]);
      return {
        index_name: index,
        id: d.id,
        revision: d.revision,
        doc: d,
        a,
        b,
        body: [...body],
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
    await sql`
      with input as (
        select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(
          index_name text, id uuid, revision bigint, doc jsonb, a text[], b text[], body text[], latin text,
          edition_id uuid, track_id uuid, topic_id uuid, region text, access_modes text[], budget bigint,
          bid_deadline timestamptz, published_at timestamptz, status text)
      ), written as (
        insert into search_documents (index_name, id, revision, tsv, key_tsv, latin, edition_id, track_id, topic_id, region, access_modes, budget, bid_deadline, published_at, status)
        select r.index_name, r.id, r.revision, array_to_tsvector(r.body),
               setweight(array_to_tsvector(r.a), 'A') || setweight(array_to_tsvector(r.b), 'B'),
               r.latin, r.edition_id, r.track_id, r.topic_id, r.region, r.access_modes, r.budget, r.bid_deadline, r.published_at, r.status
        from input r
        on conflict (index_name, id) do update set
          revision = excluded.revision, tsv = excluded.tsv, key_tsv = excluded.key_tsv, latin = excluded.latin,
          edition_id = excluded.edition_id, track_id = excluded.track_id, topic_id = excluded.topic_id,
          region = excluded.region, access_modes = excluded.access_modes, budget = excluded.budget,
          bid_deadline = excluded.bid_deadline, published_at = excluded.published_at, status = excluded.status
        where search_documents.revision <= excluded.revision
        returning index_name, id
      )
      insert into search_payloads (index_name, id, doc)
      select r.index_name, r.id, r.doc from input r join written w using (index_name, id)
      on conflict (index_name, id) do update set doc = excluded.doc`.execute(this.db);
  }

  async remove(ids: string[]): Promise<void> {
    if (!ids.length) return;
    const indexes = await this.writableIndexes();
    await sql`delete from search_documents where index_name = any(${indexes}::text[]) and id = any(${ids}::uuid[])`.execute(this.db);
    await sql`delete from search_payloads where index_name = any(${indexes}::text[]) and id = any(${ids}::uuid[])`.execute(this.db);
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const started = performance.now();
    const index = await this.liveIndex();
    const words = queryWords(query.q);
    if (!words.length) return { ...(await this.run(index, query, {})), matchedWords: [], tookMs: ms(started) };
    // Every word first (a Han word matches as a substring); when that finds nothing,
    // documents with at least half of the query's bigrams, then with any, ranked by how many.
    const terms = words.map(termQuery);
    const tokens = [...new Set(words.flatMap(termTokens))];
    const rankBy = tokens.join(' | ');
    const strict = await this.run(index, query, { match: terms.join(' & '), rankBy });
    if (strict.total > 0) return { ...strict, matchedWords: words, tookMs: ms(started) };
    for (const k of [...new Set([Math.ceil(tokens.length / 2), 1])]) {
      const match = atLeast(tokens, k);
      if (match === terms.join(' & ')) continue; // same as the strict query
      const result = await this.run(index, query, { match, rankBy });
      if (result.total > 0) return { ...result, matchedWords: words, tookMs: ms(started) };
    }
    const typo = await this.typoFallback(index, query, words);
    if (typo) return { ...typo, tookMs: ms(started) };
    return { hits: [], total: 0, facets: { track: {}, region: {}, access: {} }, matchedWords: words, tookMs: ms(started) };
  }

  /** Latin words with a typo (e.g. "sandbx"): match by trigram word similarity. */
  private async typoFallback(index: string, query: SearchQuery, words: string[]) {
    const latin = words.filter((w) => /^[a-z][a-z0-9]{3,}$/.test(w));
    if (!latin.length) return null;
    const result = await this.run(index, query, { typoWords: latin });
    return result.total > 0 ? { ...result, matchedWords: latin } : null;
  }

  private async run(index: string, query: SearchQuery, match: { match?: string; rankBy?: string; typoWords?: string[] }) {
    const filters = [sql`d.index_name = ${index}`];
    const text = match.match ? [sql`d.tsv @@ ${match.match}::tsquery`] : [];
    if (match.typoWords) for (const w of match.typoWords) text.push(sql`${w} <% d.latin`);
    if (query.editionId) filters.push(sql`d.edition_id = ${query.editionId}`);
    if (query.trackIds?.length) filters.push(sql`d.track_id = any(${query.trackIds}::uuid[])`);
    if (query.topicId) filters.push(sql`d.topic_id = ${query.topicId}`);
    if (query.regions?.length) filters.push(sql`d.region = any(${query.regions}::text[])`);
    if (query.accessModes?.length) filters.push(sql`d.access_modes && ${query.accessModes}::text[]`);
    if (query.budgetMin !== undefined) filters.push(sql`d.budget >= ${query.budgetMin}`);
    if (query.budgetMax !== undefined) filters.push(sql`d.budget <= ${query.budgetMax}`);
    if (query.statuses?.length) filters.push(sql`d.status = any(${query.statuses}::text[])`);

    // Ranking never reads the token vectors of every match (that would decompress them all).
    const relevance = query.sort === 'relevance' && !!match.rankBy;
    const offset = (query.page - 1) * query.pageSize;
    const limit = Math.max(0, Math.min(query.pageSize, MAX_TOTAL_HITS - offset));
    // Relevance: candidates are the newest RERANK documents whose key fields match
    // (found through the key-field GIN index; a key match is always a full-text match)
    // plus the newest RERANK of all matches, re-ranked on their token vectors; they fill
    // the first pages. Deeper pages continue with the other matches, key matches first.
    const candidates = sql`select c.id, row_number() over (order by max(c.key)
                + ts_rank('{0.1, 0.2, 0.4, 1.0}', s.key_tsv, ${match.rankBy ?? ''}::tsquery)
                + 0.5 * ts_rank('{1,1,1,1}', s.tsv, ${match.rankBy ?? ''}::tsquery) desc, s.published_at desc, c.id) as ord
            from (
              (select d.id, 1 as key from search_documents d
                where ${sql.join([...filters, sql`d.key_tsv @@ ${match.match ?? ''}::tsquery`], sql` and `)}
                order by d.published_at desc limit ${RERANK})
              union all
              (select id, 0 from m order by published_at desc limit ${RERANK})
            ) c
            join search_documents s on s.index_name = ${index} and s.id = c.id
            group by c.id, s.key_tsv, s.tsv, s.published_at`;
    const firstPages = offset + limit <= RERANK;
    const keyMatch = sql`(m.id in (select k.id from search_documents k where k.index_name = ${index} and k.key_tsv @@ ${match.match ?? ''}::tsquery))::int`;
    const order =
      query.sort === 'budget_desc'
        ? sql`budget desc, published_at desc`
        : query.sort === 'deadline_asc'
          ? sql`bid_deadline asc, published_at desc`
          : sql`published_at desc`; // newest, and relevance without query text
    const page = !relevance
      ? sql`select id, row_number() over (order by ${order}, id) as ord from m order by ${order}, id limit ${limit} offset ${offset}`
      : firstPages
        ? sql`select id, ord from (${candidates}) c order by ord limit ${limit} offset ${offset}`
        : sql`select id, ord from (
                select id, ord from (${candidates}) c
                union all
                select m.id, (select count(*) from (${candidates}) c2) + row_number() over (order by ${keyMatch} desc, m.published_at desc, m.id)
                from m where m.id not in (select id from (${candidates}) c3)
              ) o order by ord limit ${limit} offset ${offset}`;
    const statement = sql<{ total: number; page: { id: string; doc: DemandDocument }[] | null; track: Record<string, number> | null; region: Record<string, number> | null; access: Record<string, number> | null }>`
      with m as materialized (
        select d.id, d.track_id, d.region, d.access_modes, d.budget, d.bid_deadline, d.published_at
        from search_documents d
        where ${sql.join([...filters, ...text], sql` and `)}
      ), p as (${page}),
      -- one pass over the matches for the total and the track and region facets
      f as materialized (
        select case when grouping(track_id) = 0 then 'track' when grouping(region) = 0 then 'region' else 'all' end as kind,
               track_id::text as track, region, count(*)::int as n
        from m group by grouping sets ((track_id), (region), ())
      )
      select
        (select n from f where kind = 'all') as total,
        (select json_agg(json_build_object('id', p.id, 'doc', s.doc) order by p.ord)
           from p join search_payloads s on s.index_name = ${index} and s.id = p.id) as page,
        (select json_object_agg(track, n) from f where kind = 'track') as track,
        (select json_object_agg(region, n) from f where kind = 'region') as region,
        -- the four access modes are known: filtered counts beat unnesting every row's array
        (select jsonb_strip_nulls(jsonb_build_object(${sql.join(
          ACCESS_MODES.map((mode) => sql`${mode}::text, nullif(count(*) filter (where access_modes @> array[${mode}::text]), 0)`),
          sql`, `,
        )})) from m) as access`;
    const { rows } = await this.db.transaction().execute(async (trx) => {
      // The planner does not know that a sequential scan must decompress every token
      // vector to test it, while the GIN bitmap never reads them: keep it on the index.
      if (match.match) await sql`set local enable_seqscan = off`.execute(trx);
      return statement.execute(trx);
    });
    const r = rows[0];
    return {
      hits: (r.page ?? []).map((h) => ({ id: h.id, document: h.doc })),
      total: Math.min(r.total, MAX_TOTAL_HITS),
      facets: { track: r.track ?? {}, region: r.region ?? {}, access: r.access ?? {} },
    };
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
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from search_documents where index_name = ${indexName}`.execute(this.db);
    return { documents: rows[0].n, indexName };
  }

  async snapshot(): Promise<Map<string, number>> {
    const index = await this.liveIndex();
    const { rows } = await sql<{ id: string; revision: string }>`select id, revision from search_documents where index_name = ${index}`.execute(this.db);
    return new Map(rows.map((r) => [r.id, Number(r.revision)]));
  }

  async rebuild(batches: AsyncIterable<DemandDocument[]>) {
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
    await this.dropIndex(old);
    return { indexName: name, documents };
  }

  private async dropIndex(name: string) {
    await sql`delete from search_documents where index_name = ${name}`.execute(this.db);
    await sql`delete from search_payloads where index_name = ${name}`.execute(this.db);
    await sql`delete from search_indexes where name = ${name}`.execute(this.db);
  }

  async close() {}
}

const ms = (started: number) => Math.round((performance.now() - started) * 10) / 10;
