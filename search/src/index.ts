/**
 * Search engines behind one interface (Meilisearch in production, an embedded
 * PostgreSQL engine by default). Filled in by the discovery (search) work; the
 * workspace exists now so the fixed top-level layout is in place.
 */
export const SEARCH_ENGINES = ['postgres', 'meilisearch'] as const;
export type SearchEngineName = (typeof SEARCH_ENGINES)[number];

export function chooseEngine(env: { meiliUrl?: string }): SearchEngineName {
  return env.meiliUrl ? 'meilisearch' : 'postgres';
}
