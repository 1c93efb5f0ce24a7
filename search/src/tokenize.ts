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

// Function words that carry no meaning in a query ("基于……的……模型").
const STOP_WORDS = new Set(['的', '了', '和', '与', '及', '或', '在', '对', '为', '把', '被', '等', '并', '而', '之', '其', '用', '以', '于', '基于', '通过', '利用', '实现', '进行', '以及', '如何', '怎么', '相关', '我们', '需要']);

/**
 * Query words, in the order typed, without function words. ICU leaves terms it does
 * not know as single characters that `words` merges into one run; a run of three or
 * more characters is split into its bigrams so that each can match on its own.
 */
export function queryWords(query: string): string[] {
  const out: string[] = [];
  for (const w of words(query)) {
    if (STOP_WORDS.has(w)) continue;
    if (isHan(w) && [...w].length >= 3 && !segmentsAsOneWord(w)) out.push(...bigrams(w).filter((b) => !STOP_WORDS.has(b)));
    else out.push(w);
  }
  const unique = [...new Set(out)];
  return unique.length ? unique.slice(0, 16) : [...new Set(words(query))].slice(0, 16);
}

/** True when ICU itself sees the text as one word (e.g. 供应链 may be one), false for a merged run of single characters. */
function segmentsAsOneWord(text: string): boolean {
  const parts = [...segmenter.segment(text)].filter((s) => s.isWordLike);
  return parts.length === 1;
}
