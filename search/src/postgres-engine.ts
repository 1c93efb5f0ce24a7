import { sql, type Kysely } from 'kysely';
import { indexTokens, latinWords, queryWords, termQuery } from './tokenize.ts';
import { MAX_TOTAL_HITS, type DemandDocument, type SearchEngine, type SearchQuery, type SearchResult } from './types.ts';

const ALIAS = 'demands';

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
      const uniq = (parts: string[]) => [...new Set(parts.flatMap((p) => indexTokens(p)))];
      return {
        index_name: index,
        id: d.id,
        revision: d.revision,
        doc: d,
        a: uniq([d.title]),
        b: uniq([d.topicTitle, d.trackName, d.enterprise, ...d.dataNames]),
        c: uniq([d.businessNeed, d.techGoals]),
        d: uniq([...d.acceptanceCriteria, ...d.dataDescriptions, d.region]),
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
      insert into search_documents (index_name, id, revision, doc, tsv, latin, edition_id, track_id, topic_id, region, access_modes, budget, bid_deadline, published_at, status)
      select r.index_name, r.id, r.revision, r.doc,
             setweight(array_to_tsvector(r.a), 'A') || setweight(array_to_tsvector(r.b), 'B') ||
             setweight(array_to_tsvector(r.c), 'C') || setweight(array_to_tsvector(r.d), 'D'),
             r.latin, r.edition_id, r.track_id, r.topic_id, r.region, r.access_modes, r.budget, r.bid_deadline, r.published_at, r.status
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(
        index_name text, id uuid, revision bigint, doc jsonb, a text[], b text[], c text[], d text[], latin text,
        edition_id uuid, track_id uuid, topic_id uuid, region text, access_modes text[], budget bigint,
        bid_deadline timestamptz, published_at timestamptz, status text)
      on conflict (index_name, id) do update set
        revision = excluded.revision, doc = excluded.doc, tsv = excluded.tsv, latin = excluded.latin,
        edition_id = excluded.edition_id, track_id = excluded.track_id, topic_id = excluded.topic_id,
        region = excluded.region, access_modes = excluded.access_modes, budget = excluded.budget,
        bid_deadline = excluded.bid_deadline, published_at = excluded.published_at, status = excluded.status
      where search_documents.revision <= excluded.revision`.execute(this.db);
  }

  async remove(ids: string[]): Promise<void> {
    if (!ids.length) return;
    const indexes = await this.writableIndexes();
    await sql`delete from search_documents where index_name = any(${indexes}::text[]) and id = any(${ids}::uuid[])`.execute(this.db);
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const started = performance.now();
    const index = await this.liveIndex();
    const words = queryWords(query.q);
    if (!words.length) return { ...(await this.run(index, query, {})), matchedWords: [], tookMs: ms(started) };
    const terms = words.map(termQuery);
    // Every word first; when that finds nothing, documents matching most of the words
    // (at least half, then any one), ranked by how many they match.
    const thresholds = [...new Set([terms.length, Math.ceil(terms.length / 2), 1])];
    for (const minMatch of thresholds) {
      const result = await this.run(index, query, { terms, minMatch });
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

  private async run(index: string, query: SearchQuery, match: { terms?: string[]; minMatch?: number; typoWords?: string[] }) {
    const where = [sql`d.index_name = ${index}`];
    const terms = match.terms ?? [];
    const all = terms.join(' & ');
    const any = terms.join(' | ');
    const partial = terms.length > 0 && (match.minMatch ?? terms.length) < terms.length;
    // Number of query words a document matches (only needed when not all are required).
    const matched = partial ? sql.join(terms.map((t) => sql`(d.tsv @@ ${t}::tsquery)::int`), sql` + `) : sql`${terms.length}`;
    if (terms.length && !partial) where.push(sql`d.tsv @@ ${all}::tsquery`);
    if (partial) where.push(sql`d.tsv @@ ${any}::tsquery`, sql`(${matched}) >= ${match.minMatch}`);
    if (match.typoWords) for (const w of match.typoWords) where.push(sql`${w} <% d.latin`);
    if (query.editionId) where.push(sql`d.edition_id = ${query.editionId}`);
    if (query.trackIds?.length) where.push(sql`d.track_id = any(${query.trackIds}::uuid[])`);
    if (query.topicId) where.push(sql`d.topic_id = ${query.topicId}`);
    if (query.regions?.length) where.push(sql`d.region = any(${query.regions}::text[])`);
    if (query.accessModes?.length) where.push(sql`d.access_modes && ${query.accessModes}::text[]`);
    if (query.budgetMin !== undefined) where.push(sql`d.budget >= ${query.budgetMin}`);
    if (query.budgetMax !== undefined) where.push(sql`d.budget <= ${query.budgetMax}`);
    if (query.statuses?.length) where.push(sql`d.status = any(${query.statuses}::text[])`);
    const rank = terms.length ? sql`(${matched}) + ts_rank('{0.1, 0.25, 0.5, 1.0}', d.tsv, ${any}::tsquery)` : sql`0`;
    const order =
      query.sort === 'budget_desc'
        ? sql`budget desc, published_at desc`
        : query.sort === 'deadline_asc'
          ? sql`bid_deadline asc, published_at desc`
          : query.sort === 'newest'
            ? sql`published_at desc`
            : sql`rank desc, published_at desc`;
    const offset = (query.page - 1) * query.pageSize;
    const limit = Math.max(0, Math.min(query.pageSize, MAX_TOTAL_HITS - offset));
    const { rows } = await sql<{ total: number; page: { id: string; doc: DemandDocument }[] | null; track: Record<string, number> | null; region: Record<string, number> | null; access: Record<string, number> | null }>`
      with m as materialized (
        select d.id, d.track_id, d.region, d.access_modes, d.budget, d.bid_deadline, d.published_at,
               ${query.sort === 'relevance' ? rank : sql`0`} as rank
        from search_documents d
        where ${sql.join(where, sql` and `)}
      ), p as (
        select id from m order by ${order}, id limit ${limit} offset ${offset}
      )
      select
        (select count(*)::int from m) as total,
        (select json_agg(json_build_object('id', s.id, 'doc', s.doc) order by p.ord)
           from (select id, row_number() over () as ord from p) p
           join search_documents s on s.index_name = ${index} and s.id = p.id) as page,
        (select json_object_agg(track_id, n) from (select track_id, count(*) n from m group by 1) f) as track,
        (select json_object_agg(region, n) from (select region, count(*) n from m group by 1) f) as region,
        (select json_object_agg(mode, n) from (select unnest(access_modes) as mode, count(*) n from m group by 1) f) as access`.execute(this.db);
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
      await sql`delete from search_documents where index_name = ${name}`.execute(this.db);
      await sql`delete from search_indexes where name = ${name}`.execute(this.db);
      throw error;
    }
    await this.db.transaction().execute(async (trx) => {
      await sql`update search_indexes set state = 'retired' where name = ${old}`.execute(trx);
      await sql`update search_indexes set state = 'live' where name = ${name}`.execute(trx);
    });
    await sql`delete from search_documents where index_name = ${old}`.execute(this.db);
    await sql`delete from search_indexes where name = ${old}`.execute(this.db);
    return { indexName: name, documents };
  }

  async close() {}
}

const ms = (started: number) => Math.round((performance.now() - started) * 10) / 10;
