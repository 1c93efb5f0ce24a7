import { goto } from '$app/navigation';
import { page } from '$app/state';

/** Replaces some query parameters of the current page (empty values are removed) without scrolling. */
export function setQuery(changes: Record<string, string | number | null | undefined>): Promise<void> {
  const url = new URL(page.url);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === undefined || value === '') url.searchParams.delete(key);
    else url.searchParams.set(key, String(value));
  }
  return goto(url, { keepFocus: true, noScroll: true, replaceState: true });
}
