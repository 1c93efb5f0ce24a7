import { highlight, type SearchEngine, type SearchQuery, type SearchSort } from '@jb/search';
import type { FastifyBaseLogger } from 'fastify';
import type { z } from 'zod';
import type { DB } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { listTrackNames } from '../catalog/catalog.repository.ts';
import type { searchQuerySchema } from './search.schemas.ts';

/** Public search over published and closed demands: the engine's hits, highlighted, with track names for the facets. */
export async function searchDemands(db: DB, engine: SearchEngine, q: z.infer<typeof searchQuerySchema>, log: FastifyBaseLogger) {
  const query: SearchQuery = {
    q: q.q,
    editionId: q.edition,
    trackIds: q.track,
    topicId: q.topic,
    regions: q.region,
    accessModes: q.access,
    statuses: q.status as SearchQuery['statuses'],
    budgetMin: q.budgetMin,
    budgetMax: q.budgetMax,
    sort: q.sort as SearchSort,
    page: q.page,
    pageSize: q.pageSize,
  };
  let result;
  try {
    result = await engine.search(query);
  } catch (error) {
    log.error({ err: error }, 'search engine failed');
    throw new AppError('SERVICE_UNAVAILABLE', '搜索服务暂时不可用，请稍后重试');
  }
  // Name every track in the facets and every track asked for (a ticked one may count 0).
  const trackIds = [...new Set([...Object.keys(result.facets.track), ...(q.track ?? [])])];
  const tracks = await listTrackNames(db, trackIds);
  return {
    hits: result.hits.map(({ document: d }) => ({
      id: d.id,
      title: d.title,
      titleHtml: highlight(d.title, result.matchedWords),
      snippet: highlight(bestExcerpt(d, result.matchedWords), result.matchedWords, { maxLength: 120 }),
      enterprise: d.enterprise,
      track: { id: d.trackId, name: d.trackName },
      topic: { id: d.topicId, title: d.topicTitle },
      budgetCny: d.budgetCny,
      bidDeadline: d.bidDeadline,
      region: d.region,
      accessModes: d.accessModes,
      status: d.status,
      publishedAt: d.publishedAt,
    })),
    total: result.total,
    estimated: result.estimated,
    page: q.page,
    pageSize: q.pageSize,
    facets: result.facets,
    facetLabels: { track: Object.fromEntries(tracks.map((t) => [t.id, t.full_name])) },
    matchedWords: result.matchedWords,
    engine: engine.name,
    tookMs: result.tookMs,
  };
}
/** The text a snippet comes from: the first field that contains a query word, else the need. */
function bestExcerpt(d: { businessNeed: string; techGoals: string; dataNames: string[]; acceptanceCriteria: string[] }, words: string[]) {
  const candidates = [d.businessNeed, d.techGoals, d.dataNames.join('、'), d.acceptanceCriteria.join('；')];
  const lowered = words.map((w) => w.toLowerCase());
  return candidates.find((text) => lowered.some((w) => text.toLowerCase().includes(w))) ?? d.businessNeed;
}
