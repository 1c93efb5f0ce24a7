/** What the engines index for one published or closed demand (企业需求子赛题). */
export interface DemandDocument {
  id: string;
  /** Monotonic revision of the source row (its update time in ms); equal revisions mean equal documents. */
  revision: number;
  title: string;
  businessNeed: string;
  techGoals: string;
  dataNames: string[];
  dataDescriptions: string[];
  acceptanceCriteria: string[];
  enterprise: string;
  editionId: string;
  editionName: string;
  trackId: string;
  trackName: string;
  topicId: string;
  topicTitle: string;
  region: string;
  accessModes: string[];
  budgetCny: number;
  bidDeadline: string;
  bidDeadlineTs: number;
  publishedAt: string;
  publishedAtTs: number;
  status: 'published' | 'closed';
}

export type SearchSort = 'relevance' | 'budget_desc' | 'deadline_asc' | 'newest';
export const searchSorts: SearchSort[] = ['relevance', 'budget_desc', 'deadline_asc', 'newest'];

export interface SearchQuery {
  q: string;
  editionId?: string;
  trackIds?: string[];
  topicId?: string;
  regions?: string[];
  accessModes?: string[];
  budgetMin?: number;
  budgetMax?: number;
  statuses?: ('published' | 'closed')[];
  sort: SearchSort;
  page: number;
  pageSize: number;
}

export type FacetName = 'track' | 'region' | 'access';

export interface SearchHit {
  id: string;
  document: DemandDocument;
}

export interface SearchResult {
  hits: SearchHit[];
  /** Number of matches (exact; paging still stops at MAX_TOTAL_HITS). */
  total: number;
  /** True when the facet counts (and, on Meilisearch, the total) are estimates: many matches. */
  estimated: boolean;
  facets: Record<FacetName, Record<string, number>>;
  /** Query words the engine matched on (for highlighting). */
  matchedWords: string[];
  tookMs: number;
}

export interface EngineStats {
  documents: number;
  indexName: string;
}

export interface SearchEngine {
  readonly name: 'postgres' | 'meilisearch';
  /** Creates the live index if needed and applies its settings (before any document). */
  init(): Promise<void>;
  upsert(docs: DemandDocument[]): Promise<void>;
  remove(ids: string[]): Promise<void>;
  search(query: SearchQuery): Promise<SearchResult>;
  health(): Promise<{ ok: boolean; error?: string }>;
  stats(): Promise<EngineStats>;
  /** Every (id, revision) in the live index, to compare with the database. */
  snapshot(): Promise<Map<string, number>>;
  /** Builds a new index from `docs`, then makes it live in one step; the old one is dropped. */
  rebuild(docs: AsyncIterable<DemandDocument[]>): Promise<{ indexName: string; documents: number }>;
  /** Called by the sync worker once the outbox is drained: work deferred while writing in bulk (optional). */
  settle?(): Promise<void>;
  close(): Promise<void>;
}

/** Above this many matches, facet counts are estimated (on a sample) and the result says so. */
export const ESTIMATE_ABOVE = 2000;

/** Largest page a client may ask for. */
export const MAX_PAGE_SIZE = 50;
/** Deepest result a client may page to (Meilisearch's maxTotalHits is set to the same). */
export const MAX_TOTAL_HITS = 1000;
