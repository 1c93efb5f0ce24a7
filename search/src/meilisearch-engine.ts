import { Meilisearch, type Index, type Settings } from 'meilisearch';
import { queryWords } from './tokenize.ts';
import { facetAttributes, filterableAttributes, searchableAttributes, sortableAttributes } from './settings.ts';
import { ESTIMATE_ABOVE, MAX_TOTAL_HITS, type DemandDocument, type SearchEngine, type SearchQuery, type SearchResult } from './types.ts';

const settings: Settings = {
  searchableAttributes,
  filterableAttributes,
  sortableAttributes,
  displayedAttributes: ['*'],
  // Chinese segmentation (jieba in Meilisearch's tokenizer) for every text attribute.
  localizedAttributes: [{ attributePatterns: ['*'], locales: ['cmn'] }],
  pagination: { maxTotalHits: MAX_TOTAL_HITS },
  faceting: { maxValuesPerFacet: 100 },
  rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'],
  // As the PostgreSQL engine: no typo tolerance below 5 letters (Meilisearch ranks exact
  // matches first through the 'typo' rule; it has no switch to skip typos when they exist).
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
};

const quote = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/**
 * Production engine. Settings are applied (and awaited) before any document; every
 * task is awaited and a failed task throws, so the sync worker retries it.
 * `prefix` lets several platforms share one Meilisearch server.
 */
export class MeilisearchEngine implements SearchEngine {
  readonly name = 'meilisearch' as const;
  private client: Meilisearch;
  private readonly alias: string;

  private readonly estimateAbove: number;

  constructor(options: { url: string; key?: string; prefix?: string; estimateAbove?: number }) {
    this.client = new Meilisearch({ host: options.url, apiKey: options.key });
    this.alias = `${options.prefix ?? 'jiebang_'}demands`;
    this.estimateAbove = options.estimateAbove ?? ESTIMATE_ABOVE;
  }

  private index(uid = this.alias): Index<DemandDocument> {
    return this.client.index<DemandDocument>(uid);
  }

  private async ensureIndex(uid: string): Promise<void> {
    try {
      await this.client.getIndex(uid);
    } catch {
      await this.client.createIndex(uid, { primaryKey: 'id' }).waitTask({ timeout: 60_000 }).then(assertSucceeded);
    }
    await this.index(uid).updateSettings(settings).waitTask({ timeout: 120_000 }).then(assertSucceeded);
  }

  async init(): Promise<void> {
    await this.ensureIndex(this.alias);
  }

  async upsert(docs: DemandDocument[]): Promise<void> {
    if (!docs.length) return;
    await this.index().updateDocuments(docs, { primaryKey: 'id' }).waitTask({ timeout: 120_000 }).then(assertSucceeded);
  }

  async remove(ids: string[]): Promise<void> {
    if (!ids.length) return;
    await this.index().deleteDocuments(ids).waitTask({ timeout: 120_000 }).then(assertSucceeded);
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const started = performance.now();
    const filter: string[] = [];
    if (query.editionId) filter.push(`editionId = ${quote(query.editionId)}`);
    if (query.trackIds?.length) filter.push(`trackId IN [${query.trackIds.map(quote).join(', ')}]`);
    if (query.topicId) filter.push(`topicId = ${quote(query.topicId)}`);
    if (query.regions?.length) filter.push(`region IN [${query.regions.map(quote).join(', ')}]`);
    if (query.accessModes?.length) filter.push(`accessModes IN [${query.accessModes.map(quote).join(', ')}]`);
    if (query.budgetMin !== undefined) filter.push(`budgetCny >= ${query.budgetMin}`);
    if (query.budgetMax !== undefined) filter.push(`budgetCny <= ${query.budgetMax}`);
    if (query.statuses?.length) filter.push(`status IN [${query.statuses.map(quote).join(', ')}]`);
    const sort =
      query.sort === 'budget_desc'
        ? ['budgetCny:desc']
        : query.sort === 'deadline_asc'
          ? ['bidDeadlineTs:asc']
          : query.sort === 'newest'
            ? ['publishedAtTs:desc']
            : query.q.trim()
              ? undefined
              : ['publishedAtTs:desc'];
    const response = await this.index().search(query.q, {
      filter,
      sort,
      facets: Object.values(facetAttributes),
      hitsPerPage: query.pageSize,
      page: query.page,
      matchingStrategy: 'last',
      locales: ['cmn'],
    });
    const distribution = response.facetDistribution ?? {};
    const total = response.totalHits ?? 0;
    return {
      hits: response.hits.map((document) => ({ id: document.id, document })),
      total,
      // Meilisearch counts exactly up to maxTotalHits and stops there: beyond it, or above
      // the same threshold as the PostgreSQL engine, the counts are reported as estimates.
      estimated: total > this.estimateAbove || total >= MAX_TOTAL_HITS,
      facets: {
        track: distribution[facetAttributes.track] ?? {},
        region: distribution[facetAttributes.region] ?? {},
        access: distribution[facetAttributes.access] ?? {},
      },
      matchedWords: queryWords(query.q),
      tookMs: Math.round((performance.now() - started) * 10) / 10,
    };
  }

  async health() {
    try {
      await this.client.health();
      return { ok: true };
    } catch (error) {
      return { ok: false, error: (error as Error).message };
    }
  }

  async stats() {
    const stats = await this.index().getStats();
    return { documents: stats.numberOfDocuments, indexName: this.alias };
  }

  async snapshot(): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (let offset = 0; ; offset += 1000) {
      const page = await this.index().getDocuments({ fields: ['id', 'revision'], limit: 1000, offset });
      for (const d of page.results) out.set(d.id, d.revision);
      if (page.results.length < 1000) return out;
    }
  }

  /** Builds `<alias>_next`, swaps it with the live index (atomic in Meilisearch), then drops the old one. */
  async rebuild(batches: AsyncIterable<DemandDocument[]>) {
    const next = `${this.alias}_next`;
    await this.client.deleteIndexIfExists(next);
    await this.ensureIndex(next);
    let documents = 0;
    for await (const docs of batches) {
      if (!docs.length) continue;
      await this.index(next).addDocuments(docs, { primaryKey: 'id' }).waitTask({ timeout: 300_000 }).then(assertSucceeded);
      documents += docs.length;
    }
    await this.client
      .swapIndexes([{ indexes: [this.alias, next], rename: false }])
      .waitTask({ timeout: 60_000 })
      .then(assertSucceeded);
    await this.client.deleteIndex(next).waitTask({ timeout: 60_000 }).then(assertSucceeded);
    return { indexName: this.alias, documents };
  }

  async close() {}
}

function assertSucceeded(task: { status: string; error?: { message?: string; code?: string } | null; type?: string }) {
  if (task.status !== 'succeeded') {
    throw new Error(`Meilisearch task ${task.type ?? ''} ${task.status}: ${task.error?.code ?? ''} ${task.error?.message ?? ''}`.trim());
  }
  return task;
}
