/**
 * The labelled set for the recommendation bench: the 20 seeded Hebei sub-topics
 * (api/src/seed/data/hebei-2025-demands.json) as demands, and generated teams whose
 * project text targets one known sub-topic (the label).
 *
 * A team's text is a templated paraphrase that mixes
 *  - words and adjacent word pairs drawn from its target sub-topic (title, need, goals, data scope), some replaced by a
 *    synonym (检测→识别, 调度→排程 …),
 *  - distractor words drawn from one or two other sub-topics,
 *  - generic words of the field (大数据, 人工智能, 数字孪生 …).
 * Three difficulty levels change the mix: easy 8–12 target / 2–4 distractor words,
 * medium 4–6 / 5–7, hard 2–3 / 8–10 (hard: the distractors outnumber the target's words).
 * Metadata is noisy on purpose: the team names its target's track with probability 0.6 (another track otherwise), never a topic, the target's region with
 * probability 0.3 (a random Hebei city otherwise), random access modes and capabilities.
 * The labels therefore measure how well the scorer recovers the sub-topic a text was written
 * from under this noise — not relevance judged by people.
 */
import data from '../../api/src/seed/data/hebei-2025-demands.json' with { type: 'json' };
import type { DemandProfile, TeamProfile } from '../../api/src/modules/fair/algorithms/recommend.ts';
import { readableWords } from '../../api/src/modules/fair/algorithms/text-terms.ts';

interface SeedDemand {
  trackCode: string;
  topicNumber: number;
  subTopicNumber: number;
  title: string;
  businessNeed: string;
  techGoals: string;
  region: string;
  dataScope: { name: string; description: string; accessMode: string }[];
}

export function seededDemands(): DemandProfile[] {
  return (data.demands as SeedDemand[]).map((d) => ({
    id: `${d.trackCode}-${d.topicNumber}-${d.subTopicNumber}`,
    title: d.title,
    text: [d.businessNeed, d.techGoals, ...d.dataScope.map((s) => `${s.name}：${s.description}`)].join('\n'),
    trackId: d.trackCode,
    topicId: `${d.trackCode}-${d.topicNumber}`,
    region: d.region,
    accessModes: [...new Set(d.dataScope.map((s) => s.accessMode))].sort(),
  }));
}

const SYNONYMS: Record<string, string> = {
  检测: '识别',
  识别: '检测',
  优化: '改进',
  预测: '预估',
  调度: '排程',
  物流: '运输',
  融资: '贷款',
  风险: '风控',
  缺陷: '瑕疵',
  追溯: '溯源',
  能耗: '用能',
  供应链: '产业链',
  评估: '评价',
  决策: '研判',
  监测: '监控',
  分析: '挖掘',
  生产: '制造',
  销售: '营销',
  客户: '用户',
  安全: '安防',
  效率: '效能',
  质量: '品质',
  协同: '联动',
  平台: '系统',
};
const GENERIC = [
  '大数据',
  '人工智能',
  '云计算',
  '数据治理',
  '隐私计算',
  '知识图谱',
  '数字孪生',
  '区块链',
  '物联网',
  '大模型',
  '机器学习',
  '深度学习',
  '可视化',
  '数据中台',
  '边缘计算',
];
const CITIES = ['石家庄', '唐山', '秦皇岛', '邯郸', '邢台', '保定', '张家口', '承德', '沧州', '廊坊', '衡水', '雄安新区'];
const CAPABILITIES = ['数据治理', '隐私计算', '数据标注', '联邦学习', '数据清洗', '可信数据空间'];
const ACCESS = ['api', 'download', 'sandbox', 'onsite'];
const INDUSTRIES = ['制造', '金融', '物流', '医疗', '能源', '零售', '政务', '文旅'];
const TEMPLATES = [
  '团队长期深耕{}与{}领域，具备{}、{}等核心能力。',
  '曾为{ind}行业客户完成{}相关项目，积累了{}和{}方面的经验。',
  '本项目拟融合{}、{}等数据，构建{}模型，重点解决{}问题。',
  '我们的方案以{}为切入点，结合{}，实现{}。',
  '核心成员来自高校与企业，熟悉{}、{}及{}。',
  '项目成果可推广到{}、{}等场景。',
];
export type Level = 'easy' | 'medium' | 'hard';
const MIX: Record<Level, { target: [number, number]; other: [number, number]; generic: [number, number] }> = {
  easy: { target: [8, 12], other: [2, 4], generic: [1, 3] },
  medium: { target: [4, 6], other: [5, 7], generic: [2, 4] },
  hard: { target: [2, 3], other: [8, 10], generic: [3, 5] },
};

export interface LabelledTeam {
  team: TeamProfile;
  target: string;
  level: Level;
}

export function generateTeams(demands: DemandProfile[], perSubTopic: number, rand: () => number): LabelledTeam[] {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  const between = ([lo, hi]: [number, number]) => lo + Math.floor(rand() * (hi - lo + 1));
  const sample = <T>(xs: T[], k: number): T[] => {
    const copy = [...xs];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, k);
  };
  // A sub-topic's vocabulary: its readable words and pairs of adjacent words ("事故" + "处置").
  const vocab = new Map(
    demands.map((d) => {
      const words = readableWords(`${d.title}\n${d.text}`);
      const pairs = words
        .slice(1)
        .map((w, i) => words[i] + w)
        .filter((p) => p.length <= 6);
      return [d.id, [...new Set([...words, ...pairs])].sort()];
    }),
  );
  const tracks = [...new Set(demands.map((d) => d.trackId))].sort();
  const out: LabelledTeam[] = [];
  const levels: Level[] = ['easy', 'medium', 'hard'];
  for (const target of demands) {
    for (let k = 0; k < perSubTopic; k++) {
      const level = levels[k % 3];
      const mix = MIX[level];
      const targetWords = sample(vocab.get(target.id)!, between(mix.target)).map((w) => (SYNONYMS[w] && rand() < 0.5 ? SYNONYMS[w] : w));
      const others = sample(
        demands.filter((d) => d.id !== target.id),
        1 + Math.floor(rand() * 2),
      );
      const otherWords = sample(
        others.flatMap((d) => vocab.get(d.id)!),
        between(mix.other),
      );
      const words = sample([...targetWords, ...otherWords, ...sample(GENERIC, between(mix.generic))], 1000);
      const sentences: string[] = [];
      let w = 0;
      while (w < words.length) {
        const template = pick(TEMPLATES).replace('{ind}', pick(INDUSTRIES));
        sentences.push(template.replace(/\{\}/g, () => (w < words.length ? words[w++] : pick(GENERIC))));
      }
      const ownTrack = rand() < 0.6;
      out.push({
        target: target.id,
        level,
        team: {
          id: `team-${target.id}-${String(k + 1).padStart(3, '0')}`,
          name: `${target.id} 团队 ${k + 1}`,
          text: sentences.join(''),
          trackIds: [ownTrack ? target.trackId : pick(tracks.filter((t) => t !== target.trackId))],
          topicIds: [],
          regions: [rand() < 0.3 && target.region ? target.region : `河北省${pick(CITIES)}`],
          dataCapabilities: sample(CAPABILITIES, Math.floor(rand() * 3)),
          preferredAccessModes: sample(ACCESS, 1 + Math.floor(rand() * 2)),
        },
      });
    }
  }
  return out;
}
