/**
 * The search page's state, kept entirely in the URL query (shareable, restored by
 * the back button), and the calls to GET /api/search/demands.
 */

import type { AccessMode, SearchResponse } from './api/types';

import { accessModes } from './labels';
import { client, ok } from './api/client';

export const searchSorts = ['relevance', 'budget_desc', 'deadline_asc', 'newest'] as const;
export type SearchSort = (typeof searchSorts)[number];

export const searchStatuses = ['published', 'closed'] as const;
export type SearchStatus = (typeof searchStatuses)[number];

export const facetNames = ['track', 'region', 'access'] as const;
export type FacetName = (typeof facetNames)[number];

/** Results per page. */
export const SEARCH_PAGE_SIZE = 10;
/** The API stops counting here (`total` is capped). */
export const MAX_TOTAL_HITS = 1000;

export interface SearchState {
  q: string;
  track: string[];
  region: string[];
  access: AccessMode[];
  /** '' = both. */
  status: SearchStatus | '';
  /** Yuan. */
  budgetMin: number | null;
  budgetMax: number | null;
  sort: SearchSort;
  page: number;
  /** Not offered as controls, but honoured when a link carries them (e.g. from the demand board). */
  topic: string;
  edition: string;
}

export type { SearchHit, SearchResponse } from './api/types';

/** One checkbox of a facet. */
export interface FacetOption {
  value: string;
  label: string;
  count: number;
  selected: boolean;
  hint?: string;
}

export type FacetCounts = SearchResponse['facets'];

/** `?track=a&track=b` and `?track=a,b` both work (as in the API). */
function listParam(params: URLSearchParams, key: string): string[] {
  const out: string[] = [];
  for (const raw of params.getAll(key)) {
    for (const part of raw.split(',')) {
      const v = part.trim();
      if (v && !out.includes(v)) out.push(v);
    }
  }
  return out;
}

function yuanParam(params: URLSearchParams, key: string): number | null {
  const raw = params.get(key)?.trim();
  if (!raw || !/^\d{1,15}$/.test(raw)) return null;
  return Number(raw);
}

export function parseSearchState(params: URLSearchParams): SearchState {
  const statuses = listParam(params, 'status').filter((s): s is SearchStatus => (searchStatuses as readonly string[]).includes(s));
  const sort = params.get('sort') ?? '';
  return {
    q: (params.get('q') ?? '').slice(0, 200),
    track: listParam(params, 'track'),
    region: listParam(params, 'region'),
    access: listParam(params, 'access').filter((a): a is AccessMode => (accessModes as readonly string[]).includes(a)),
    status: statuses.length === 1 ? statuses[0] : '',
    budgetMin: yuanParam(params, 'budgetMin'),
    budgetMax: yuanParam(params, 'budgetMax'),
    sort: (searchSorts as readonly string[]).includes(sort) ? (sort as SearchSort) : 'relevance',
    page: Math.max(1, Math.floor(Number(params.get('page'))) || 1),
    topic: params.get('topic') ?? '',
    edition: params.get('edition') ?? '',
  };
}

/** The URL query for a state; defaults are left out so links stay short. */
export function searchParams(state: SearchState): URLSearchParams {
  const p = new URLSearchParams();
  const q = state.q.trim();
  if (q) p.set('q', q);
  if (state.edition) p.set('edition', state.edition);
  if (state.topic) p.set('topic', state.topic);
  for (const v of state.track) p.append('track', v);
  for (const v of state.region) p.append('region', v);
  for (const v of state.access) p.append('access', v);
  if (state.status) p.set('status', state.status);
  if (state.budgetMin !== null) p.set('budgetMin', String(state.budgetMin));
  if (state.budgetMax !== null) p.set('budgetMax', String(state.budgetMax));
  if (state.sort !== 'relevance') p.set('sort', state.sort);
  if (state.page > 1) p.set('page', String(state.page));
  return p;
}

export function searchHref(state: Partial<SearchState> = {}): string {
  const qs = searchParams({ ...emptySearchState(), ...state }).toString();
  return qs ? `/search?${qs}` : '/search';
}

export function emptySearchState(): SearchState {
  return {
    q: '',
    track: [],
    region: [],
    access: [],
    status: '',
    budgetMin: null,
    budgetMax: null,
    sort: 'relevance',
    page: 1,
    topic: '',
    edition: '',
  };
}

/** Whether any filter (not the words, sort or page) narrows the search. */
export function hasFilters(state: SearchState): boolean {
  return !!(
    state.track.length ||
    state.region.length ||
    state.access.length ||
    state.status ||
    state.budgetMin !== null ||
    state.budgetMax !== null ||
    state.topic ||
    state.edition
  );
}

/** The API query string for a state; `without` drops one facet's filter (for its own counts). */
export function apiQueryString(state: SearchState, options: { without?: FacetName; pageSize?: number } = {}): string {
  const p = searchParams(state);
  if (options.without) {
    // Facet counts only: the facet's own filter, the order and the page do not matter.
    p.delete(options.without);
    p.delete('sort');
    p.delete('page');
  }
  p.set('pageSize', String(options.pageSize ?? SEARCH_PAGE_SIZE));
  return p.toString();
}

// ---- Fetching, with a small cache so back/forward shows results at once ----

/** One search as the page shows it: the results and the counts next to the checkboxes. */
export interface SearchView {
  /** The API query string the view answers. */
  query: string;
  result: SearchResponse;
  facets: FacetCounts;
  trackLabels: Record<string, string>;
  /** How many results there would be without a (ticked) facet's filter. */
  totalWithout: Partial<Record<FacetName, number>>;
  /** When it was fetched (ms). */
  at: number;
}

const CACHE_SIZE = 30;
const views = new Map<string, SearchView>();

export function cachedView(query: string): SearchView | undefined {
  return views.get(query);
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** GET /api/search/demands with a query string built by `apiQueryString` (repeated keys for lists). */
function searchDemands(query: string, signal?: AbortSignal): Promise<SearchResponse> {
  return ok(client.GET('/api/search/demands', { params: { query: {} }, querySerializer: () => query, signal }));
}

/**
 * Runs a search and, alongside, the facet counts to show next to the checkboxes.
 *
 * The API counts facets over the results with every filter applied, so once a
 * track is ticked every other track counts 0 and could never be added. For a
 * facet with ticked values we therefore also ask without that facet's own filter
 * (pageSize 1): its counts then say how many results each value would give.
 */
export async function runSearch(state: SearchState, signal?: AbortSignal): Promise<SearchView> {
  const query = apiQueryString(state);
  const open = facetNames.filter((f) => state[f].length > 0);
  const [result, ...others] = await Promise.all([
    searchDemands(query, signal),
    ...open.map((f) =>
      searchDemands(apiQueryString(state, { without: f, pageSize: 1 }), signal).catch((error: unknown) => {
        if (isAbort(error)) throw error;
        return null; // the counts of the main answer will do
      }),
    ),
  ]);
  const facets: FacetCounts = { ...result.facets };
  const trackLabels = { ...result.facetLabels.track };
  const totalWithout: SearchView['totalWithout'] = {};
  open.forEach((f, i) => {
    const other = others[i];
    if (!other) return;
    facets[f] = other.facets[f];
    totalWithout[f] = other.total;
    Object.assign(trackLabels, other.facetLabels.track);
  });
  const view: SearchView = { query, result, facets, trackLabels, totalWithout, at: Date.now() };
  views.delete(query);
  views.set(query, view);
  if (views.size > CACHE_SIZE) views.delete(views.keys().next().value as string);
  return view;
}

let trackNames: Promise<Record<string, string>> | null = null;

/** Every track's full name (for a ticked track no facet mentions, e.g. in a shared link). */
export function loadTrackNames(): Promise<Record<string, string>> {
  trackNames ??= (async () => {
    const { items } = await ok(client.GET('/api/editions'));
    const details = await Promise.all(items.map((e) => ok(client.GET('/api/editions/{id}', { params: { path: { id: e.id } } }))));
    return Object.fromEntries(details.flatMap((d) => d.tracks.map((t) => [t.id, t.fullName])));
  })().catch(() => {
    trackNames = null;
    return {};
  });
  return trackNames;
}

/**
 * Splits plain text into parts, marking where the searched words occur (case-insensitive).
 * For fields the API sends without highlighting (the enterprise); rendered as text, never as HTML.
 */
export function markParts(text: string, q: string): { text: string; mark: boolean }[] {
  const terms = [
    ...new Set(
      q
        .toLowerCase()
        .split(/\s+/)
        .filter((t) => t.length > 0),
    ),
  ].sort((a, b) => b.length - a.length);
  if (terms.length === 0 || !text) return [{ text, mark: false }];
  const lower = text.toLowerCase();
  const parts: { text: string; mark: boolean }[] = [];
  let plain = 0;
  let i = 0;
  while (i < text.length) {
    const term = terms.find((t) => lower.startsWith(t, i));
    if (term) {
      if (i > plain) parts.push({ text: text.slice(plain, i), mark: false });
      parts.push({ text: text.slice(i, i + term.length), mark: true });
      i += term.length;
      plain = i;
    } else i++;
  }
  if (plain < text.length) parts.push({ text: text.slice(plain), mark: false });
  return parts;
}
