/**
 * Chinese text features for the recommender: character bigrams (for scoring, robust to the
 * lack of word boundaries) and readable words (for the 匹配原因), both without a dictionary
 * file — words come from ICU's segmenter (Intl.Segmenter), with runs of single characters that
 * it leaves apart ("图|谱", "标|注") glued back together.
 */

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** Function characters that never start or end a useful bigram or word. */
const STOP_CHARS = new Set('的了和与及等或并之其我们您请该每各从向把被在对将为是也就都而且但所以上下中内外个些');

/** Words too generic to explain a match. */
const GENERIC_WORDS = new Set(
  (
    '数据 企业 平台 系统 技术 提供 基于 实现 进行 相关 能力 团队 项目 我们 需求 公司 服务 支持 利用 通过 面向 开展 ' +
    '建设 构建 提升 包括 以及 一个 不少 少于 不低 低于 不超 超过 完成 形成 满足 主要 具备 具有 能够 可以 需要 用于 ' +
    '参赛 参赛团队 方案 要求 目标 工作 问题 情况 方面 领域 行业 应用 场景 开发 研究 经验 积累 成果 案例 过往 ' +
    '以上 以下 其中 同时 已经 现有 目前 当前 实际 有效 显著 各类 多种 一套 一体 全面 进一步 年度 每年 每月 ' +
    '分析 模型 算法 智能 数字 信息 管理 生成 处理 结果 使用 输出 输入 准确率 不少于'
  ).split(/\s+/),
);

export const isCjk = (ch: string): boolean => /[\u3400-\u9fff]/.test(ch);

export function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** A small bounded memo: profiles are re-scored on every request, their texts change rarely. */
function memo<T>(fn: (text: string) => T, max = 4000): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    let v = cache.get(text);
    if (v === undefined) {
      v = fn(text);
      if (cache.size >= max) cache.delete(cache.keys().next().value!);
      cache.set(text, v);
    }
    return v;
  };
}

/** Character bigrams of the CJK runs and whole ASCII words, with counts (do not mutate the result). */
export const bigramCounts = memo(computeBigramCounts);

/** Readable words (2–6 CJK characters, or ASCII words of 2+ letters) in text order, repeats kept (do not mutate). */
export const readableWords = memo(computeReadableWords);

function computeBigramCounts(text: string): Map<string, number> {
  const out = new Map<string, number>();
  const add = (t: string) => out.set(t, (out.get(t) ?? 0) + 1);
  const norm = normalise(text);
  for (const run of norm.match(/[\u3400-\u9fff]+/g) ?? []) {
    for (let i = 0; i + 1 < run.length; i++) {
      const a = run[i];
      const b = run[i + 1];
      if (STOP_CHARS.has(a) || STOP_CHARS.has(b)) continue;
      add(a + b);
    }
  }
  for (const w of norm.match(/[a-z][a-z0-9]+/g) ?? []) add(w);
  return out;
}

function computeReadableWords(text: string): string[] {
  const out: string[] = [];
  let singles = '';
  const flush = () => {
    if (singles.length >= 2 && singles.length <= 4) out.push(singles);
    singles = '';
  };
  for (const seg of segmenter.segment(normalise(text))) {
    const w = seg.segment;
    if (!seg.isWordLike) {
      flush();
      continue;
    }
    if (w.length === 1 && isCjk(w)) {
      if (STOP_CHARS.has(w)) flush();
      else singles += w;
      continue;
    }
    flush();
    if (isCjk(w[0])) {
      if (w.length <= 6) out.push(w);
    } else if (/^[a-z][a-z0-9]+$/.test(w)) out.push(w);
  }
  flush();
  return out.filter((w) => !GENERIC_WORDS.has(w));
}

/** Shows an ASCII word as written commonly (API, OCR, ERP...) and CJK words unchanged. */
export function displayWord(w: string): string {
  return /^[a-z0-9]+$/.test(w) && w.length <= 5 ? w.toUpperCase() : w;
}
