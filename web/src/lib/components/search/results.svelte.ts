/** The search page's results: fetched for the URL's query, with a cache and a delayed loading state. */
import { untrack } from 'svelte';
import { cachedView, loadTrackNames, runSearch, type SearchState, type SearchView } from '$lib/search';

/** Cached views are younger than this are shown without asking again. */
const FRESH_MS = 30_000;
/** Waits shorter than this show no loading state (no flash on fast answers). */
const SLOW_MS = 250;

/**
 * Follows the search of the page. Create it while a component initialises (it sets up effects).
 * `query` is the API query string of `search`.
 */
export class SearchResults {
  view = $state<SearchView | null>(null);
  loading = $state(false);
  slow = $state(false);
  failure = $state<unknown>(null);
  /** Bumped to retry after a failure. */
  attempt = $state(0);
  /** Track names seen so far (a ticked track may be missing from the current facets). */
  trackNames = $state<Record<string, string>>({});

  constructor(search: () => SearchState, query: () => string) {
    this.view = untrack(() => cachedView(query())) ?? null;

    $effect(() => {
      const q = query();
      void this.attempt;
      const current = untrack(search);
      const cached = cachedView(q);
      if (cached) {
        this.view = cached;
        this.failure = null;
        if (Date.now() - cached.at < FRESH_MS) {
          this.loading = false;
          this.slow = false;
          return;
        }
      }
      const controller = new AbortController();
      this.loading = true;
      // A cached view is on screen already: refresh it quietly.
      const timer = cached ? undefined : setTimeout(() => (this.slow = true), SLOW_MS);
      runSearch(current, controller.signal)
        .then(
          (v) => {
            if (controller.signal.aborted) return;
            this.view = v;
            this.failure = null;
          },
          (error: unknown) => {
            if (controller.signal.aborted) return;
            if (cached) return; // keep showing the cached answer
            this.failure = error;
          },
        )
        .finally(() => {
          if (controller.signal.aborted) return;
          clearTimeout(timer);
          this.loading = false;
          this.slow = false;
        });
      return () => {
        controller.abort();
        clearTimeout(timer);
      };
    });

    $effect(() => {
      const labels = this.view?.trackLabels;
      if (labels && Object.keys(labels).some((id) => untrack(() => this.trackNames[id]) !== labels[id])) {
        this.trackNames = { ...untrack(() => this.trackNames), ...labels };
      }
    });
    $effect(() => {
      const missing = search().track.filter((id) => !untrack(() => this.trackNames[id]));
      if (missing.length === 0) return;
      loadTrackNames().then((names) => {
        this.trackNames = { ...names, ...this.trackNames };
      });
    });
  }

  trackName = (id: string) => this.trackNames[id] ?? '未知赛道';
}
