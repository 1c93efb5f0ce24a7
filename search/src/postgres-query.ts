import { sql, type RawBuilder } from 'kysely';
import { BM25, impactLexeme, ZETA2 } from './scoring.ts';
import { MAX_TOTAL_HITS, type DemandDocument, type SearchQuery } from './types.ts';

const ACCESS_MODES = ['download', 'api', 'sandbox', 'onsite'];

/**
 * The shortlist a relevance search scores exactly: the documents strongest in every query
 * token, found level by level through the impact index (scoring.ts: a level is a BM25 term
 * weight, frequency and length together), highest first, until `strong` are found; plus
 * the shortest of the first matches read. Only the shortlist's token vectors are read.
 */
export const SHORTLIST = { strong: 120, shortest: 100 } as const;
/** Page positions a relevance search serves from the scored shortlist (it always holds this many when there are). */
export const SCORED_DEPTH = SHORTLIST.shortest;

const quote = (lexeme: string) => `'${lexeme.replace(/'/g, "''")}'`;
/** A tsquery: every lexeme at impact level `level`. */
export const impactQuery = (lexemes: string[], level: number) => lexemes.map((l) => quote(impactLexeme(level, l))).join(' & ');

/** A tsquery: every lexeme at impact level `level`, but not every lexeme at the level above (so each document is found at one level only). */
function exactLevelQuery(lexemes: string[], level: number, top: number, exclude?: string) {
  const parts = [`(${impactQuery(lexemes, level)})`];
  if (level < top) parts.push(`!(${impactQuery(lexemes, level + 1)})`);
  if (exclude) parts.push(`!(${exclude})`);
  return parts.join(' & ');
}

/**
 * One statement for the strongest documents (see SHORTLIST): the documents strong in every
 * lexeme, level by level from the top, then those strongest in each rare lexeme (which may
 * not match; `source` > 0). PostgreSQL runs the branches of a UNION ALL in order and stops
 * at the limit, so a common word reads only its top levels and a rare one reads them all,
 * in one round trip (it used to be one statement per level: up to 28 per search).
 */
export function strongestStatement(index: string, query: SearchQuery, lexemes: string[], rare: string[], levels: number) {
  const filters = filtersOf(index, query, true);
  const branch = (tsquery: string, source: number) =>
    sql`(select d.id, ${sql.lit(source)}::int as source from search_documents d
         where ${sql.join([...filters, sql`d.hi_tsv @@ ${tsquery}::tsquery`], sql` and `)} limit ${SHORTLIST.strong})`;
  const branches = [];
  for (let level = levels; level >= 1; level--) branches.push(branch(exactLevelQuery(lexemes, level, levels), 0));
  // documents the branches above already cover (strong in every lexeme) are not found again
  const everyLexeme = lexemes.length ? impactQuery(lexemes, 1) : undefined;
  rare.forEach((lexeme, i) => {
    for (let level = levels; level >= 1; level--) branches.push(branch(exactLevelQuery([lexeme], level, levels, everyLexeme), i + 1));
  });
  return sql<{ id: string; source: number }>`select id, source from (${sql.join(branches, sql` union all `)}) s limit ${SHORTLIST.strong}`;
}

export interface TextMatch {
  /** tsquery every document must match */
  match?: string;
  /** lexemes scored with BM25, with their inverse document frequencies */
  rank?: {
    lexemes: string[];
    idf: number[];
    /** document frequencies of the lexemes (how many documents a query may match) */
    df: number[];
    avgLength: number;
    documents: number;
    /** false when lexemes of the query that no document holds were left out (a relaxed match) */
    complete?: boolean;
    /** false when the query has more lexemes than are scored (the match names some that are not) */
    holdsMatch?: boolean;
  };
  /** Latin words matched by trigram similarity (typo fallback) */
  typoWords?: string[];
  /** The strongest documents (see SHORTLIST), found beforehand through the impact index */
  strong?: string[];
  /** Those of them found through one rare lexeme only, which may not match */
  unverified?: string[];
}

/**
 * The sample: documents whose id ends in 0 (a sixteenth, uniformly, since ids are random),
 * with their own token index (migration 0016). A first page of a common query reads its
 * estimates from the sample's first matches, without the full index's bitmap of every match
 * (14 ms for 数据要素 at 100k documents, against 1–2 ms).
 */
export const SAMPLE = {
  condition: sql`right(d.id::text, 1) = '0'`,
  /** Matches read from the sample (the estimates' error is then about 1/√500 ≈ 5 %). */
  read: 500,
} as const;

export interface Row {
  total: number;
  /** With a capped read: the matches read, and the last heap page read (of `pages`) */
  read: number | null;
  last_page: number | null;
  pages: number | null;
  page: { id: string; doc: DemandDocument }[] | null;
  track: Record<string, number> | null;
  region: Record<string, number> | null;
  access: Record<string, number> | null;
}

/**
 * The filters as SQL conditions. With `opaque`, each is wrapped in `(…) is true`, which no
 * B-tree index can answer: the text condition's GIN index is then the only way in. Without
 * it, when most documents match, the planner walks a B-tree and tests every row's token
 * vector (it costs that test like the GIN recheck, which in fact never reads the vector).
 */
function filtersOf(index: string, query: SearchQuery, opaque = false): RawBuilder<unknown>[] {
  const filters = plainFilters(index, query);
  return opaque ? filters.map((f) => sql`(${f}) is true`) : filters;
}

function plainFilters(index: string, query: SearchQuery): RawBuilder<unknown>[] {
  const filters = [sql`d.index_name = ${index}`];
  if (query.editionId) filters.push(sql`d.edition_id = ${query.editionId}`);
  if (query.trackIds?.length) filters.push(sql`d.track_id = any(${query.trackIds}::uuid[])`);
  if (query.topicId) filters.push(sql`d.topic_id = ${query.topicId}`);
  if (query.regions?.length) filters.push(sql`d.region = any(${query.regions}::text[])`);
  if (query.accessModes?.length) filters.push(sql`d.access_modes && ${query.accessModes}::text[]`);
  if (query.budgetMin !== undefined) filters.push(sql`d.budget >= ${query.budgetMin}`);
  if (query.budgetMax !== undefined) filters.push(sql`d.budget <= ${query.budgetMax}`);
  if (query.statuses?.length) filters.push(sql`d.status = any(${query.statuses}::text[])`);
  return filters;
}

/** BM25 of `v` (a token vector read once) for the query's lexemes, in SQL (see scoring.ts). */
function bm25Sql(rank: NonNullable<TextMatch['rank']>) {
  const norm = sql`${BM25.k1}::float8 * (1 - ${BM25.b}::float8 + ${BM25.b}::float8 * s.len / ${rank.avgLength}::float8)`;
  const terms = rank.lexemes.map((lexeme, i) => {
    const tf = sql`greatest(0, round(1 / (${ZETA2}::float8 * (1 - ts_rank('{1,1,1,1}', s.v, ${`'${lexeme.replace(/'/g, "''")}'`}::tsquery, 0)::float8)) - 0.5))`;
    return sql`${rank.idf[i]}::float8 * (${tf} * ${BM25.k1 + 1}::float8 / (${tf} + ${norm}))`;
  });
  return terms.length ? sql.join(terms, sql` + `) : sql`0`;
}

/**
 * One statement: the matches (narrow rows), the page in the requested order, the total,
 * and the facets — counted over every match up to `estimateAbove` matches, above that
 * over the first `estimateAbove` matches and scaled to the total (marked as estimated).
 * A relevance page within the scored shortlist reads only the first `estimateAbove + 1`
 * matches (in heap order, no parallel workers): the total is then scaled from how far
 * into the table the last one was found.
 */
export function searchStatement(
  index: string,
  query: SearchQuery,
  text: TextMatch,
  estimateAbove: number,
  /** Read the first page's estimates from the sample: all documents ÷ sampled ones. */
  sampleRatio?: number,
) {
  const filters = filtersOf(index, query, !!text.match || !!text.typoWords);
  const textFilters = text.match ? [sql`d.tsv @@ ${text.match}::tsquery`] : [];
  if (text.typoWords) for (const w of text.typoWords) textFilters.push(sql`${w} <% d.latin`);
  const relevance = query.sort === 'relevance' && !!text.rank && !!text.match;
  const offset = (query.page - 1) * query.pageSize;
  const limit = Math.max(0, Math.min(query.pageSize, MAX_TOTAL_HITS - offset));
  const capped = relevance && offset + limit <= SCORED_DEPTH;
  const order =
    query.sort === 'budget_desc'
      ? sql`budget desc, published_at desc`
      : query.sort === 'deadline_asc'
        ? sql`bid_deadline asc, published_at desc`
        : sql`published_at desc`; // newest, and relevance without query text

  if (!relevance) {
    return build(
      sql``,
      sql`select id, row_number() over (order by ${order}, id) as ord from m order by ${order}, id limit ${limit} offset ${offset}`,
    );
  }
  const rank = text.rank!;
  const shortlist = sql`
    select id from unnest(${text.strong ?? []}::uuid[]) as s(id)
    union
    (select id from m order by len, id limit ${SHORTLIST.shortest})`;
  // Each candidate's vector is read (and decompressed) once and cut down to the query's
  // lexemes (marked with weight A, then kept), which are then scored one by one.
  // Candidates found through some of the lexemes only may not match: those are checked, on
  // the cut-down vector when it holds every lexeme the match names (a Latin word's prefix
  // match is then checked as the exact word, which only ever drops a candidate, never admits
  // one), else on the whole vector (a second decompression).
  const unverified = text.unverified?.length ? text.unverified : null;
  const onVector = !!unverified && rank.holdsMatch !== false;
  const scored = sql`
    select s.id, ${bm25Sql(rank)} as score, s.len
    from (select d.id, d.len, ts_filter(setweight(d.tsv, 'A', ${rank.lexemes}::text[]), '{a}') as v
          from (${shortlist}) c
          -- one key lookup per candidate (a join the planner may hash over every document of the index)
          cross join lateral (select k.id, k.len, k.tsv from search_documents k where k.index_name = ${index} and k.id = c.id offset 0) d
          ${unverified && !onVector ? sql`where (d.id <> all(${unverified}::uuid[]) or d.tsv @@ ${text.match}::tsquery)` : sql``}
          offset 0) s
    ${onVector ? sql`where (s.id <> all(${unverified}::uuid[]) or s.v @@ ${text.match}::tsquery)` : sql``}`;
  const ranked = sql`select id, row_number() over (order by score desc, len, id) as ord from (${scored}) r`;
  if (capped) return build(sql`, c as materialized (${ranked})`, sql`select id, ord from c order by ord limit ${limit} offset ${offset}`);
  // Deeper pages continue with the other matches: those strong in every query token first, then shortest.
  const rest = sql`
    select m.id, (select count(*) from c) + row_number() over (
             order by (m.id in (select k.id from search_documents k where (k.index_name = ${index}) is true and k.hi_tsv @@ ${impactQuery(rank.lexemes, 1)}::tsquery)) desc, m.len, m.id) as ord
    from m where m.id not in (select id from c)`;
  return build(
    sql`, c as materialized (${ranked})`,
    sql`select id, ord from (select id, ord from c union all ${rest}) o order by ord limit ${limit} offset ${offset}`,
  );

  function build(extra: RawBuilder<unknown>, pageSql: RawBuilder<unknown>) {
    const columns = sql`d.id, d.len, d.track_id, d.region, d.access_modes, d.budget, d.bid_deadline, d.published_at`;
    const where = sql.join([...filters, ...textFilters], sql` and `);
    const page = sql`(d.ctid::text::point)[0]::int as page`;
    const pages = sql`(pg_relation_size('search_documents') / current_setting('block_size')::int)::int`;
    const documents = sql`${text.rank?.documents ?? 0}::int`;
    if (!capped) {
      return statement(
        sql`select ${columns} from search_documents d where ${where}`,
        sql`select count(*)::int as total, null::int as read, null::int as last_page, null::int as pages from m`,
      );
    }
    // The first `estimateAbove + 1` matches in heap order; past that, the total is scaled by
    // how far into the table the last one was found.
    const full = (gate: RawBuilder<unknown>) =>
      sql`select ${columns}, ${page} from search_documents d where ${gate} and ${where} limit ${estimateAbove + 1}`;
    const fullCounts = sql`
      case when k.read > ${estimateAbove}
           then least(${documents}, greatest(k.read, round(k.read::float8 * k.pages / (k.last_page + 1))::int))
           else k.read end`;
    if (sampleRatio === undefined) {
      return statement(
        full(sql`true`),
        sql`select ${fullCounts} as total, k.read, k.last_page, k.pages
            from (select count(*)::int as read, max(page) as last_page, ${pages} as pages from m) k`,
      );
    }
    // From the sample: its first SAMPLE.read matches, scaled by the sample's share (and by how
    // far into the table the last one was found). When the sample shows that the query matches
    // no more than `estimateAbove` documents, the full index is read instead, in the same
    // statement (a one-time filter: the other branch is never run).
    const ratio = sql`${sampleRatio}::float8`;
    const enough = sql`((select count(*) from ms) * ${ratio} > ${estimateAbove})`;
    return statement(
      sql`select ${columns}, d.page, true as sampled from ms d where ${enough}
          union all
          select *, false from (${full(sql`not ${enough}`)}) f`,
      sql`select case when not k.sampled then ${fullCounts}
                      when k.read > ${SAMPLE.read}
                      then least(${documents}, greatest(k.read, round(k.read::float8 * k.pages / (k.last_page + 1) * ${ratio})::int))
                      else least(${documents}, round(k.read * ${ratio})::int) end as total, k.read, k.last_page, k.pages
          from (select count(*)::int as read, max(page) as last_page, ${pages} as pages, bool_or(sampled) as sampled from m) k`,
      sql`ms as materialized (
            select ${columns}, ${page} from search_documents d where ${where} and ${SAMPLE.condition} limit ${SAMPLE.read + 1}
          ), `,
    );

    function statement(matches: RawBuilder<unknown>, counts: RawBuilder<unknown>, before: RawBuilder<unknown> = sql``) {
      return sql<Row>`
      with ${before}m as materialized (${matches}
      )${extra}, p as (${pageSql}),
      n as (${counts}),
      sample as materialized (select track_id, region, access_modes from m limit ${estimateAbove}),
      -- one pass over the (sampled) matches for the track and region facets
      f as materialized (
        select case when grouping(track_id) = 0 then 'track' else 'region' end as kind,
               track_id::text as track, region, count(*)::int as k
        from sample group by grouping sets ((track_id), (region))
      ),
      scale as (select greatest(1, n.total)::float8 / greatest(1, (select count(*) from sample))::float8 as x from n)
      select
        n.total, n.read, n.last_page, n.pages,
        (select json_agg(json_build_object('id', p.id, 'doc', s.doc) order by p.ord)
           from p join search_payloads s on s.index_name = ${index} and s.id = p.id) as page,
        (select json_object_agg(track, round(k * x)::int) from f, scale where kind = 'track') as track,
        (select json_object_agg(region, round(k * x)::int) from f, scale where kind = 'region') as region,
        -- the four access modes are known: filtered counts beat unnesting every row's array
        (select jsonb_strip_nulls(jsonb_build_object(${sql.join(
          ACCESS_MODES.map(
            (mode) =>
              sql`${mode}::text, nullif(round(count(*) filter (where access_modes @> array[${mode}::text]) * (select x from scale))::int, 0)`,
          ),
          sql`, `,
        )})) from sample) as access
      from n`;
    }
  }
}
