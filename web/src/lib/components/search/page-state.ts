/** Pure helpers of the search page: facet options, active-filter chips, page numbers. */
import { formatWan } from '$lib/format';
import { accessModeLabels, searchStatusLabels } from '$lib/labels';
import type { FacetName, FacetOption, SearchHit, SearchState } from '$lib/search';

/** An active filter, removable on its own. */
export interface Chip {
  key: string;
  label: string;
  remove: Partial<SearchState>;
  /** Results once this filter is removed, when known. */
  gain?: number;
}

/** A facet's options: the counted values plus the ticked ones (listed even at 0). */
export function facetOptions(counts: Record<string, number>, selected: string[], label: (value: string) => string): FacetOption[] {
  const values = new Set([...Object.keys(counts), ...selected]);
  return [...values]
    .map((value) => ({ value, label: label(value), count: counts[value] ?? 0, selected: selected.includes(value) }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'zh-CN'));
}

/** The active filters of a search, one chip each. */
export function filterChips(
  s: SearchState,
  context: {
    hits: SearchHit[];
    trackName: (id: string) => string;
    /** Results without a facet's filters, when known. */
    totalWithout: (facet: FacetName) => number | undefined;
  },
): Chip[] {
  const out: Chip[] = [];
  if (s.edition) out.push({ key: 'edition', label: '指定赛事', remove: { edition: '' } });
  if (s.topic) {
    const title = context.hits.find((h) => h.topic.id === s.topic)?.topic.title;
    out.push({ key: 'topic', label: `赛题：${title ?? '指定赛题'}`, remove: { topic: '' } });
  }
  // With a single ticked value, the facet's own count request tells what removing it gives.
  const gain = (f: FacetName) => (s[f].length === 1 ? context.totalWithout(f) : undefined);
  for (const id of s.track)
    out.push({ key: `track-${id}`, label: context.trackName(id), remove: { track: s.track.filter((v) => v !== id) }, gain: gain('track') });
  for (const r of s.region)
    out.push({ key: `region-${r}`, label: r, remove: { region: s.region.filter((v) => v !== r) }, gain: gain('region') });
  for (const a of s.access)
    out.push({ key: `access-${a}`, label: accessModeLabels[a], remove: { access: s.access.filter((v) => v !== a) }, gain: gain('access') });
  if (s.status) out.push({ key: 'status', label: searchStatusLabels[s.status], remove: { status: '' } });
  if (s.budgetMin !== null || s.budgetMax !== null) {
    const label =
      s.budgetMin !== null && s.budgetMax !== null
        ? `预算 ${formatWan(s.budgetMin).replace(' 万元', '')}–${formatWan(s.budgetMax)}`
        : s.budgetMin !== null
          ? `预算 ≥ ${formatWan(s.budgetMin)}`
          : `预算 ≤ ${formatWan(s.budgetMax)}`;
    out.push({ key: 'budget', label, remove: { budgetMin: null, budgetMax: null } });
  }
  return out;
}

/** Page numbers around the current one: 1 … 4 5 [6] 7 8 … 20 (null for a gap). */
export function pageNumbers(current: number, pages: number): (number | null)[] {
  const out: (number | null)[] = [];
  for (let n = 1; n <= pages; n++) {
    if (n === 1 || n === pages || Math.abs(n - current) <= 2) out.push(n);
    else if (out[out.length - 1] !== null) out.push(null);
  }
  return out;
}

/** For the empty state: the first of several words, as a shorter search to try. */
export function shorterQuery(q: string): string {
  const words = q.split(/\s+/).filter(Boolean);
  return words.length > 1 ? words[0] : '';
}
