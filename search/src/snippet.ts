/**
 * Highlighted snippets, computed the same way for both engines: escape the text,
 * find the query words (case-insensitive), and wrap them in <mark>.
 */
const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Terms to highlight: each query word, and for Han words also their bigrams (what the engine matched on). */
function highlightTerms(words: string[]): string[] {
  const terms = new Set<string>();
  for (const w of words) {
    terms.add(w);
    const chars = [...w];
    if (/\p{Script=Han}/u.test(w) && chars.length > 2) for (let i = 0; i + 1 < chars.length; i++) terms.add(chars[i] + chars[i + 1]);
  }
  return [...terms].filter(Boolean).sort((a, b) => b.length - a.length);
}

export function highlight(text: string, words: string[], options: { maxLength?: number } = {}): string {
  const maxLength = options.maxLength ?? 0;
  const terms = highlightTerms(words);
  let start = 0;
  let source = text;
  if (maxLength && text.length > maxLength) {
    const lower = text.toLowerCase();
    const first =
      terms
        .map((t) => lower.indexOf(t.toLowerCase()))
        .filter((i) => i >= 0)
        .sort((a, b) => a - b)[0] ?? 0;
    start = Math.max(0, first - Math.floor(maxLength / 4));
    source = text.slice(start, start + maxLength);
  }
  const prefix = start > 0 ? '…' : '';
  const suffix = maxLength && start + maxLength < text.length ? '…' : '';
  if (!terms.length) return prefix + escapeHtml(source) + suffix;
  // Mark every character covered by a term (terms may overlap), then merge runs into one <mark>.
  const lower = source.toLowerCase();
  const covered = new Array<boolean>(source.length).fill(false);
  for (const term of terms) {
    const t = term.toLowerCase();
    for (let i = lower.indexOf(t); i >= 0; i = lower.indexOf(t, i + 1)) covered.fill(true, i, i + t.length);
  }
  let out = '';
  for (let i = 0; i < source.length;) {
    let j = i;
    while (j < source.length && covered[j] === covered[i]) j++;
    const part = escapeHtml(source.slice(i, j));
    out += covered[i] ? `<mark>${part}</mark>` : part;
    i = j;
  }
  return prefix + out + suffix;
}
