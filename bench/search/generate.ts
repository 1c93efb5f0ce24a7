import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Realistic demand text from the seed documents: a first-order Markov chain over
 * the words of the official notices (when ../shared/seeds is present) and the
 * committed Hebei catalog and demo demands.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

function corpusTexts(): string[] {
  const texts: string[] = [];
  const catalog = JSON.parse(readFileSync(path.join(root, 'api/src/seed/data/hebei-2025-catalog.json'), 'utf8'));
  for (const track of catalog.tracks) {
    for (const topic of track.topics) {
      texts.push(topic.title, topic.description);
      for (const sub of topic.subTopics) texts.push(sub.title, sub.description);
    }
  }
  const demands = JSON.parse(readFileSync(path.join(root, 'api/src/seed/data/hebei-2025-demands.json'), 'utf8'));
  for (const d of demands.demands) {
    texts.push(d.businessNeed, d.techGoals, ...d.acceptanceCriteria);
    for (const item of d.dataScope) texts.push(item.name, item.description);
  }
  const seeds = path.resolve(root, '../shared/seeds');
  if (existsSync(seeds)) {
    for (const file of ['000_b88a568a29755fdf.txt', '001_9353c53a7b511560.txt', '002_be1a1a61c960b1cd.txt', '004_5f28b802ec386d1f.txt']) {
      const f = path.join(seeds, file);
      if (existsSync(f)) texts.push(...readFileSync(f, 'utf8').split(/\n+/));
    }
  }
  return texts.filter((t) => t && t.length > 4);
}

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
    const demands = JSON.parse(readFileSync(path.join(root, 'api/src/seed/data/hebei-2025-demands.json'), 'utf8'));
    for (const d of demands.demands) {
      this.titles.push(d.title);
      for (const item of d.dataScope) this.dataNames.push(item.name);
    }
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
    // A real sub-topic title's head with a generated tail, e.g. "陶瓷智造升级：……"
    const head = this.pick(this.titles).split('：')[0];
    return `${head}：${this.sentence(8, 18).replace(/。$/, '')}`;
  }
}
