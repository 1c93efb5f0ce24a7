/**
 * Chinese-aware tokenisation for the PostgreSQL engine.
 *
 * PostgreSQL has no Chinese parser, so text is turned into tokens here and stored
 * with the 'simple' configuration. Each Han run yields:
 *   - words from Intl.Segmenter('zh') (single-character splits of one run are merged
 *     back, since ICU often cuts domain terms such as 算力 into 算/力),
 *   - overlapping character bigrams (so partial words and unusual splits still match),
 *   - single characters (so one-character queries such as 碳 match).
 * Latin and digit words are lowercased. Tokens carry a prefix so kinds never collide.
 */
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const HAN = /\p{Script=Han}/u;
const HAN_RUN = /\p{Script=Han}+/gu;
const LATIN_WORD = /[\p{L}\p{N}]+/gu;

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

/** Tokens stored for a piece of text (duplicates kept: PostgreSQL records positions). */
export function indexTokens(text: string): string[] {
  const normalized = text.normalize('NFKC').toLowerCase();
  const tokens: string[] = [];
  for (const w of words(normalized)) tokens.push(isHan(w) ? `w${w}` : `l${w}`);
  for (const m of normalized.matchAll(HAN_RUN)) {
    for (const b of bigrams(m[0])) tokens.push(`b${b}`);
    for (const c of m[0]) tokens.push(`c${c}`);
  }
  return tokens;
}

/** Latin/digit words of a text, for typo-tolerant matching with pg_trgm. */
export function latinWords(text: string): string[] {
  return [...text.normalize('NFKC').toLowerCase().matchAll(LATIN_WORD)].map((m) => m[0]).filter((w) => !HAN.test(w));
}

/**
 * One query term as a tsquery fragment: a Han word matches as the word itself or as
 * all of its bigrams (substring match); one Han character as that character; a
 * Latin word as a prefix.
 */
export function termQuery(word: string): string {
  const q = (token: string) => `'${token.replace(/'/g, "''")}'`;
  if (isHan(word)) {
    const chars = [...word];
    if (chars.length === 1) return q(`c${word}`);
    const grams = bigrams(word).map((b) => q(`b${b}`));
    return `(${q(`w${word}`)} | (${grams.join(' & ')}))`;
  }
  return `${q(`l${word}`)}:*`;
}

/** Query words, de-duplicated, in the order typed. */
export function queryWords(query: string): string[] {
  return [...new Set(words(query))].slice(0, 12);
}
