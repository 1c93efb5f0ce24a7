/**
 * Where to go after signing in: only a path on this site. The value is resolved
 * as a browser would (tabs and newlines dropped, backslashes as slashes,
 * "/%09/evil.example" → "//evil.example") and refused unless it stays on `origin`.
 */
export function safeNext(next: string | null | undefined, origin = 'http://localhost'): string {
  if (!next || !next.startsWith('/')) return '/';
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return '/';
  }
  if (url.origin !== new URL(origin).origin) return '/';
  const path = url.pathname + url.search + url.hash;
  // A path that starts with two slashes (or a slash and a backslash) is another host to a browser.
  return /^\/[/\\]/.test(path) ? '/' : path;
}
