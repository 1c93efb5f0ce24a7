/**
 * Chinese-aware tokenisation for the PostgreSQL engine.
 *
 * PostgreSQL has no Chinese parser, so text is turned into tokens here and stored
 * with the 'simple' configuration. Each Han run yields:
 *   - overlapping character bigrams (a query word matches when all its bigrams occur,
 *     so partial words and words ICU would split differently still match),
 *   - single characters for short key fields (so one-character queries such as 碳 match).
 * Queries are cut into words with Intl.Segmenter('zh') (single-character splits of one
 * run are merged back, since ICU often cuts domain terms such as 算力 into 算/力).
 * Latin and digit words are lowercased. Tokens carry a prefix so kinds never collide.
 */
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const HAN = /\p{Script=Han}/u;
const LATIN_WORD = /[\p{Script=Latin}\p{N}]+/gu;

/** Words as a person would type them: Han words (merged single-char splits) and Latin/digit words. */
export function words(text: string): string[] {
  const out: string[] = [];
  let pendingSingles = '';
  const flush = () => {
    if (pendingSingles) out.push(pendingSingles);
    pendingSingles = '';
  };
  for (const { segment, isWordLike } of segmenter.segment(text.normalize('NFKC'))) {
    if (!isWordLike) {
      flush();
      continue;
    }
    const lower = segment.toLowerCase();
    if (HAN.test(lower)) {
      if ([...lower].length === 1) {
        pendingSingles += lower;
        continue;
      }
      flush();
      out.push(lower);
    } else {
      flush();
      for (const m of lower.matchAll(LATIN_WORD)) out.push(m[0]);
    }
  }
  flush();
  return out;
}

export const isHan = (word: string) => HAN.test(word);

export function bigrams(run: string): string[] {
  const chars = [...run];
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
  return out;
}

/**
 * Tokens stored for a piece of text: character bigrams of every Han run and Latin
 * words; single Han characters only for short key fields (`withChars`), which keeps
 * the index small while one-character queries still find titles and names.
 */
export function indexTokens(text: string, options: { withChars?: boolean } = {}): string[] {
  const latin: string[] = [];
  const han: string[] = [];
  forEachIndexToken(text, !!options.withChars, (token) => (token.charCodeAt(0) === 108 /* l */ ? latin : han).push(token));
  return [...latin, ...han];
}

const HAN_CHAR = /^\p{Script=Han}$/u;
const LATIN_CHAR = /^[\p{Script=Latin}\p{N}]$/u;
const classes = new Map<number, number>();
/** Bit 1: Han; bit 2: Latin or number (a character can be both: 〇). Common ranges without a regex. */
function classOf(cp: number): number {
  if (cp >= 0x4e00 && cp <= 0x9fff) return 1;
  if (cp < 0x80) return (cp >= 97 && cp <= 122) || (cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90) ? 2 : 0;
  let c = classes.get(cp);
  if (c === undefined) {
    const ch = String.fromCodePoint(cp);
    c = (HAN_CHAR.test(ch) ? 1 : 0) | (LATIN_CHAR.test(ch) ? 2 : 0);
    if (classes.size < 100_000) classes.set(cp, c);
  }
  return c;
}

/**
 * The tokens of `indexTokens`, each handed to `visit` as found, in one pass over the text
 * without regular expressions or intermediate arrays (the sync worker tokenises every
 * document it writes: this is most of its JavaScript time). A Latin word is a run of Latin
 * letters and numbers holding no Han character; a Han run is a run of Han characters.
 */
export function forEachIndexToken(text: string, withChars: boolean, visit: (token: string) => void): void {
  const s = text.normalize('NFKC').toLowerCase();
  const n = s.length;
  let latinStart = -1;
  let latinHasHan = false;
  // UTF-16 offsets of the current Han run's characters
  const run: number[] = [];
  const flushHan = (end: number) => {
    const k = run.length;
    if (k === 1 || withChars) for (let j = 0; j < k; j++) visit('c' + s.slice(run[j], j + 1 < k ? run[j + 1] : end));
    for (let j = 0; j + 1 < k; j++) visit('b' + s.slice(run[j], j + 2 < k ? run[j + 2] : end));
    run.length = 0;
  };
  for (let i = 0; i < n;) {
    const cp = s.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const c = classOf(cp);
    if (c & 2) {
      if (latinStart < 0) {
        latinStart = i;
        latinHasHan = false;
      }
      if (c & 1) latinHasHan = true;
    } else if (latinStart >= 0) {
      if (!latinHasHan) visit('l' + s.slice(latinStart, i));
      latinStart = -1;
    }
    if (c & 1) run.push(i);
    else if (run.length) flushHan(i);
    i += width;
  }
  if (latinStart >= 0 && !latinHasHan) visit('l' + s.slice(latinStart));
  if (run.length) flushHan(n);
}

/** Latin/digit words of a text, for typo-tolerant matching with pg_trgm. */
export function latinWords(text: string): string[] {
  return [...text.normalize('NFKC').toLowerCase().matchAll(LATIN_WORD)].map((m) => m[0]).filter((w) => !HAN.test(w));
}

/**
 * One query term as a tsquery fragment: a Han word matches when all its bigrams
 * occur (substring match); one Han character as that character; a Latin word as a prefix.
 */
export function termQuery(word: string): string {
  const q = (token: string) => `'${token.replace(/'/g, "''")}'`;
  if (isHan(word)) {
    const chars = [...word];
    if (chars.length === 1) return q(`c${word}`);
    const grams = bigrams(word).map((b) => q(`b${b}`));
    return grams.length === 1 ? grams[0] : `(${grams.join(' & ')})`;
  }
  return `${q(`l${word}`)}:*`;
}

// Function words that carry no meaning in a query ("基于……的……模型").
const STOP_WORDS = new Set([
  '的',
  '了',
  '和',
  '与',
  '及',
  '或',
  '在',
  '对',
  '为',
  '把',
  '被',
  '等',
  '并',
  '而',
  '之',
  '其',
  '用',
  '以',
  '于',
  '基于',
  '通过',
  '利用',
  '实现',
  '进行',
  '以及',
  '如何',
  '怎么',
  '相关',
  '我们',
  '需要',
]);

/**
 * Query words, in the order typed, without function words. A short Han run (up to
 * four characters, e.g. 智能体, 景区客流) is one word, matched as a substring. A longer
 * run is cut by ICU, and single characters it leaves are joined to their neighbour,
 * so every word has at least two characters (single characters are only indexed for
 * titles and names).
 */
export function queryWords(query: string): string[] {
  const out: string[] = [];
  const normalized = query.normalize('NFKC').toLowerCase();
  for (const m of normalized.matchAll(/\p{Script=Han}+|[\p{Script=Latin}\p{N}]+/gu)) {
    const chunk = m[0];
    if (!isHan(chunk)) {
      out.push(chunk);
      continue;
    }
    if (STOP_WORDS.has(chunk)) continue;
    if ([...chunk].length <= 4) {
      out.push(chunk);
      continue;
    }
    const parts = [...segmenter.segment(chunk)].map((s) => s.segment).filter((w) => !STOP_WORDS.has(w));
    const merged: string[] = [];
    for (const part of parts) {
      if ([...part].length === 1 && merged.length) merged[merged.length - 1] += part;
      else if (merged.length && [...merged[merged.length - 1]].length === 1) merged[merged.length - 1] += part;
      else merged.push(part);
    }
    out.push(...merged);
  }
  return [...new Set(out)].slice(0, 16);
}

/** The single tokens of a query word, each a tsquery fragment (used when not every word must match). */
export function termTokens(word: string): string[] {
  if (!isHan(word) || [...word].length < 3) return [termQuery(word)];
  return [...new Set(bigrams(word))].map((b) => termQuery(b));
}

/** Queries of this many words or more may match documents that hold all their words but one. */
export const LONG_QUERY = 5;
/** …when fewer than this many documents hold every word (not enough for a first page). */
export const LONG_QUERY_FILL = 10;

/**
 * Every word but one, from the words' fragments (`termQuery`): for a long query (a sentence
 * typed as a question), as Meilisearch's "last" matching strategy and Elasticsearch's
 * `minimum_should_match: -1` — one word a relevant document does not write (整合 in
 * 整合电力物流信贷数据分析…) should not hide it. BM25 ranks the matches. An OR of one AND
 * group per word left out, which the token index answers without reading the documents.
 */
export function allButOne(terms: string[]): string {
  return terms.map((_, skip) => `(${terms.filter((__, i) => i !== skip).join(' & ')})`).join(' | ');
}

/**
 * A tsquery matching documents that contain at least `k` of `tokens`: the OR of every
 * k-sized AND group (the GIN index answers it without reading the documents).
 * Tokens beyond the first 8 are dropped to bound the query's size (C(8,4) = 70 groups).
 */
export function atLeast(tokens: string[], k: number): string {
  const list = tokens.slice(0, 8);
  const need = Math.min(k, list.length);
  if (need <= 1) return list.join(' | ');
  if (need === list.length) return list.join(' & ');
  const groups: string[] = [];
  const pick = (start: number, chosen: string[]) => {
    if (chosen.length === need) return void groups.push(`(${chosen.join(' & ')})`);
    for (let i = start; i <= list.length - (need - chosen.length); i++) pick(i + 1, [...chosen, list[i]]);
  };
  pick(0, []);
  return groups.join(' | ');
}

/** The lexemes a query is scored on (BM25): bigrams of Han words, single characters, Latin words. */
export function rankLexemes(queryWordList: string[], limit = 16): string[] {
  const out = new Set<string>();
  for (const word of queryWordList) {
    if (!isHan(word)) out.add(`l${word}`);
    else if ([...word].length === 1) out.add(`c${word}`);
    else for (const b of bigrams(word)) out.add(`b${b}`);
  }
  return [...out].slice(0, limit);
}
