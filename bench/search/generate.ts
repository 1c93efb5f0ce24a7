import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Realistic demand text from the seed documents: a first-order Markov chain over the
 * words of the official notices (when ../shared/seeds is present) and the catalog's
 * topic titles and descriptions (the 13 tracks' ~90 national topics).
 *
 * Nothing of the relevance suite's targets is used: the 20 seeded Hebei demands and the
 * catalog's sub-topics they were written for (same titles, the same sentences) stay out
 * of the chain, the titles and the data names, so a distractor is another enterprise's
 * demand on the same themes, never a near-copy of a judged document. (Until 2026-11-30 the
 * chain ran over the seeded demands' own sentences and every distractor's title began
 * with a seeded demand's title, which the judge, matching by title prefix, counted as
 * the target.)
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

/** The judged documents' own text: the 20 seeded demands and the catalog sub-topics they were written for. */
function targetTexts(): string[] {
  const texts: string[] = [];
  const catalog = JSON.parse(readFileSync(path.join(root, 'api/src/seed/data/hebei-2025-catalog.json'), 'utf8'));
  for (const track of catalog.tracks)
    for (const topic of track.topics) for (const sub of topic.subTopics) texts.push(sub.title, sub.description);
  const demands = JSON.parse(readFileSync(path.join(root, 'api/src/seed/data/hebei-2025-demands.json'), 'utf8'));
  for (const d of demands.demands) {
    texts.push(d.title, d.businessNeed, d.techGoals, ...d.acceptanceCriteria);
    for (const item of d.dataScope) texts.push(item.name, item.description);
  }
  return texts;
}

/** Text sharing any run of this many characters with a judged document is left out (the Hebei notice quotes the sub-topics). */
const SHARED_RUN = 10;

function corpusTexts(): string[] {
  const texts: string[] = [];
  const catalog = JSON.parse(readFileSync(path.join(root, 'api/src/seed/data/hebei-2025-catalog.json'), 'utf8'));
  for (const track of catalog.tracks) for (const topic of track.topics) texts.push(topic.title, topic.description);
  const seeds = path.resolve(root, '../shared/seeds');
  if (existsSync(seeds)) {
    for (const file of ['000_b88a568a29755fdf.txt', '001_9353c53a7b511560.txt', '002_be1a1a61c960b1cd.txt', '004_5f28b802ec386d1f.txt']) {
      const f = path.join(seeds, file);
      if (existsSync(f)) texts.push(...readFileSync(f, 'utf8').split(/\n+/));
    }
  }
  const runs = new Set<string>();
  for (const t of targetTexts()) for (let i = 0; i + SHARED_RUN <= t.length; i++) runs.add(t.slice(i, i + SHARED_RUN));
  const quotesTarget = (t: string) => {
    for (let i = 0; i + SHARED_RUN <= t.length; i++) if (runs.has(t.slice(i, i + SHARED_RUN))) return true;
    return false;
  };
  return texts.filter((t) => t && t.length > 4 && !quotesTarget(t));
}

/** Data resource names an enterprise would list (generic; none is a seeded demand's). */
const DATA_NAMES = [
  '企业生产运行数据',
  '设备传感器监测数据',
  '产品质量检验记录',
  '物流运单数据',
  '仓储出入库记录',
  '气象观测数据',
  '交通流量监测数据',
  '公共信用信息',
  '工商登记信息',
  '电商平台交易数据',
  '医疗机构诊疗数据',
  '医保结算数据',
  '农业遥感影像',
  '土壤墒情监测数据',
  '环境质量监测数据',
  '企业能耗数据',
  '金融机构信贷数据',
  '税务发票数据',
  '城市地理空间数据',
  '人口统计数据',
  '文物数字化档案',
  '旅游预订数据',
  '科研项目数据',
  '科技文献数据',
  '政策文件库',
  '应急事件记录',
  '港口作业数据',
  '船舶航行轨迹数据',
  '建筑工程项目数据',
  '住房租赁数据',
  '碳排放核算数据',
  '固体废物转移联单',
  '市场价格监测数据',
  '消费者评价数据',
  '供应商名录',
  '设备维修工单',
];

export class TextGenerator {
  private next = new Map<string, string[]>();
  private starts: string[] = [];
  readonly dataNames: string[] = [];
  readonly titles: string[] = [];
  private seed: number;

  constructor(seed = 42) {
    this.seed = seed;
    const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
    for (const text of corpusTexts()) {
      const tokens = [...segmenter.segment(text)].map((s) => s.segment).filter((s) => s.trim());
      if (tokens.length < 3) continue;
      this.starts.push(tokens[0]);
      for (let i = 0; i + 1 < tokens.length; i++) {
        const list = this.next.get(tokens[i]) ?? [];
        list.push(tokens[i + 1]);
        this.next.set(tokens[i], list);
      }
    }
    const catalog = JSON.parse(readFileSync(path.join(root, 'api/src/seed/data/hebei-2025-catalog.json'), 'utf8'));
    for (const track of catalog.tracks) for (const topic of track.topics) this.titles.push(topic.title.split('，')[0]);
    this.dataNames.push(...DATA_NAMES);
  }

  random(): number {
    // mulberry32: reproducible runs
    let t = (this.seed += 0x6d2b79f5);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  pick<T>(list: T[]): T {
    return list[Math.floor(this.random() * list.length)];
  }

  sentence(minChars: number, maxChars: number): string {
    let word = this.pick(this.starts);
    let out = word;
    const target = minChars + Math.floor(this.random() * (maxChars - minChars));
    while (out.length < target) {
      const options = this.next.get(word);
      word = options ? this.pick(options) : this.pick(this.starts);
      out += word;
    }
    return out.replace(/[，、；：\s]+$/u, '') + '。';
  }

  title(): string {
    // A catalog topic's theme with a generated tail, e.g. "提升安全生产监管能力：……"
    const head = this.pick(this.titles);
    return `${head}：${this.sentence(8, 18).replace(/。$/, '')}`;
  }
}
