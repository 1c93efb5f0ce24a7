import { describe, expect, it } from 'vitest';
import { allButOne, atLeast, bigrams, indexTokens, queryWords, rankLexemes, termQuery, words } from './tokenize.ts';

describe('Chinese tokenisation', () => {
  it('segments words and merges single-character splits', () => {
    expect(words('算力资源优化配置')).toEqual(expect.arrayContaining(['资源', '配置']));
    expect(words('算力资源')).toContain('算力');
  });

  it('lowercases Latin words and splits them from Han text', () => {
    expect(words('UDI驱动的AI大模型')).toEqual(expect.arrayContaining(['udi', 'ai', '驱动']));
  });

  it('normalises full-width characters', () => {
    expect(words('ＵＤＩ追溯')).toContain('udi');
  });

  it('indexes bigrams of Han runs, and characters only for key fields', () => {
    const tokens = indexTokens('陶瓷缺陷检测 UDI');
    expect(tokens).toEqual(['ludi', 'b陶瓷', 'b瓷缺', 'b缺陷', 'b陷检', 'b检测']);
    expect(indexTokens('陶瓷', { withChars: true })).toEqual(['c陶', 'c瓷', 'b陶瓷']);
    expect(indexTokens('碳')).toEqual(['c碳']);
  });

  it('builds bigrams over code points', () => {
    expect(bigrams('数据要素')).toEqual(['数据', '据要', '要素']);
    expect(bigrams('碳')).toEqual([]);
  });

  it('turns terms into tsquery fragments', () => {
    expect(termQuery('算力')).toBe("'b算力'");
    expect(termQuery('数据要素')).toBe("('b数据' & 'b据要' & 'b要素')");
    expect(termQuery('碳')).toBe("'c碳'");
    expect(termQuery('udi')).toBe("'ludi':*");
    expect(termQuery("o'neil")).toBe("'lo''neil':*");
  });

  it('de-duplicates query words', () => {
    expect(queryWords('数据 数据 安全')).toEqual(['数据', '安全']);
  });

  it('builds at-least-k queries from AND groups', () => {
    expect(atLeast(['a', 'b', 'c'], 2)).toBe('(a & b) | (a & c) | (b & c)');
    expect(atLeast(['a', 'b'], 1)).toBe('a | b');
    expect(atLeast(['a', 'b'], 2)).toBe('a & b');
    expect(atLeast(['1', '2', '3', '4', '5', '6', '7', '8', '9'], 4).split('|')).toHaveLength(70);
  });

  it('builds all-but-one queries with one AND group per word left out', () => {
    expect(allButOne(['a', 'b', 'c'])).toBe('(b & c) | (a & c) | (a & b)');
    expect(allButOne(["'b整合'", "('b电力' & 'b力物')"])).toBe("(('b电力' & 'b力物')) | ('b整合')");
  });

  it('scores a query on its bigrams, single characters and Latin words', () => {
    expect(rankLexemes(['算力调度', '陶', 'udi'])).toEqual(['b算力', 'b力调', 'b调度', 'c陶', 'ludi']);
    expect(rankLexemes(['数据', '数据安全'])).toEqual(['b数据', 'b据安', 'b安全']);
  });
});

/** The regular-expression tokeniser forEachIndexToken replaced (kept as the reference it must agree with). */
function referenceIndexTokens(text: string, withChars: boolean): string[] {
  const normalized = text.normalize('NFKC').toLowerCase();
  const tokens: string[] = [];
  for (const m of normalized.matchAll(/[\p{Script=Latin}\p{N}]+/gu)) if (!/\p{Script=Han}/u.test(m[0])) tokens.push(`l${m[0]}`);
  for (const m of normalized.matchAll(/\p{Script=Han}+/gu)) {
    const chars = [...m[0]];
    if (chars.length === 1 || withChars) for (const c of chars) tokens.push(`c${c}`);
    for (let i = 0; i + 1 < chars.length; i++) tokens.push(`b${chars[i]}${chars[i + 1]}`);
  }
  return tokens;
}

describe('single-pass index tokeniser', () => {
  const samples = [
    '陶瓷缺陷检测 UDI',
    '基于ＡＩ大模型的MES/ERP数据（2024年）治理：Café résumé ①②③ 二〇二五年',
    'a〇b 〇〇 x〇 〇y 𠀀𠀁中文𪚥 ﬁne Ⅻ 㐀㐁 豈更',
    '',
    '  ,。、 ',
    '数据要素×行动计划 — 第3批 V2.0版 iPhone15Pro',
  ];
  it.each(samples)('agrees with the regular-expression tokeniser on %s', (text) => {
    for (const withChars of [false, true]) expect(indexTokens(text, { withChars })).toEqual(referenceIndexTokens(text, withChars));
  });

  it('agrees on random mixes of Han, Latin, digits, punctuation and rare characters', () => {
    const alphabet = [...'数据要素陶瓷〇二ａＢcdéZ09９①Ⅻ_-—·，。 \n𠀀𪚥㐀豈'];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 300; n++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 30) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      expect(indexTokens(text, { withChars: n % 2 === 0 })).toEqual(referenceIndexTokens(text, n % 2 === 0));
    }
  });
});
