/** Seeded generator of an assignment instance shaped like a provincial 初赛: tracks of
 *  unequal size, sub-topic panels (2–10 bids each) and regular projects, experts on one
 *  or two tracks with fields drawn from their tracks' vocabulary, random conflicts. */
import type {
  AssignmentExpert,
  AssignmentInput,
  AssignmentItem,
  AssignmentPair,
} from '@jb/api/modules/reviews/algorithms/assign-experts.ts';

/** mulberry32: small, fast, seeded. */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TRACKS: [string, string[]][] = [
  ['工业制造', ['设备', '产线', '工艺', '质检', '能耗', '供应链', '工业', '制造']],
  ['现代农业', ['农业', '种植', '养殖', '农产品', '土壤', '农机', '灌溉', '种业']],
  ['商贸流通', ['商贸', '零售', '物流', '仓储', '电商', '消费', '批发', '流通']],
  ['交通运输', ['交通', '公路', '港口', '航运', '铁路', '出行', '车辆', '货运']],
  ['金融服务', ['金融', '信贷', '保险', '风控', '支付', '征信', '普惠', '票据']],
  ['科技创新', ['科研', '专利', '实验', '算力', '芯片', '创新', '成果', '转化']],
  ['文化旅游', ['文化', '旅游', '景区', '文物', '演艺', '酒店', '游客', '非遗']],
  ['医疗健康', ['医疗', '医院', '病历', '影像', '医保', '药品', '健康', '公卫']],
  ['应急管理', ['应急', '灾害', '消防', '救援', '安全生产', '预警', '防汛', '地震']],
  ['气象服务', ['气象', '降水', '台风', '气候', '观测', '预报', '雷达', '风能']],
  ['城市治理', ['城市', '社区', '政务', '网格', '停车', '市政', '住房', '治理']],
  ['绿色低碳', ['碳排放', '新能源', '光伏', '储能', '环保', '减排', '电网', '碳足迹']],
  ['智慧教育', ['教育', '课堂', '学情', '教材', '考试', '职教', '学生', '教研']],
  ['数据基础设施', ['数据空间', '可信', '隐私计算', '区块链', '标注', '数据集', '确权', '流通交易']],
  ['商业航天', ['卫星', '遥感', '导航', '航天', '测绘', '北斗', '星座', '地理']],
];
const COMMON = ['数据', '模型', '平台', '分析', '预测', '治理', '安全', '共享', '智能', '融合', '监测', '服务'];

export interface BenchOptions {
  projects: number;
  experts: number;
  expertsPerItem: number;
  maxPerExpert: number;
  panelShare: number;
  conflictRate: number;
  seed: number;
}

export function generate(o: BenchOptions): AssignmentInput & { projects: number; panels: number } {
  const r = rng(o.seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const term = (t: number) => pick(TRACKS[t]![1]) + pick(COMMON);
  // Track sizes: unequal (weights 1..3).
  const weights = TRACKS.map(() => 1 + 2 * r());
  const wsum = weights.reduce((a, b) => a + b, 0);
  const pickTrack = () => {
    let x = r() * wsum;
    for (let t = 0; t < weights.length; t++) if ((x -= weights[t]!) <= 0) return t;
    return weights.length - 1;
  };
  const items: AssignmentItem[] = [];
  let projects = 0;
  let panels = 0;
  const panelProjects = Math.round(o.projects * o.panelShare);
  while (projects < panelProjects) {
    const load = Math.min(panelProjects - projects, 2 + Math.floor(r() * 9));
    const t = pickTrack();
    items.push({
      id: `panel-${String(panels).padStart(5, '0')}`,
      trackId: `t${t}`,
      trackName: TRACKS[t]![0],
      kind: 'panel',
      load,
      expertsNeeded: o.expertsPerItem,
      terms: Array.from({ length: 4 + Math.floor(r() * 4) }, () => term(t)),
    });
    projects += load;
    panels += 1;
  }
  for (let n = 0; projects < o.projects; n++, projects++) {
    const t = pickTrack();
    items.push({
      id: `proj-${String(n).padStart(5, '0')}`,
      trackId: `t${t}`,
      trackName: TRACKS[t]![0],
      kind: 'project',
      load: 1,
      expertsNeeded: o.expertsPerItem,
      terms: Array.from({ length: 4 + Math.floor(r() * 4) }, () => term(t)),
    });
  }
  const experts: AssignmentExpert[] = [];
  for (let e = 0; e < o.experts; e++) {
    const tracks = new Set([pickTrack()]);
    if (r() < 0.3) tracks.add(pickTrack());
    const ts = [...tracks];
    experts.push({
      id: `exp-${String(e).padStart(4, '0')}`,
      name: `专家${e}`,
      trackIds: ts.map((t) => `t${t}`),
      fields: Array.from({ length: 3 + Math.floor(r() * 3) }, () => term(pick(ts))),
    });
  }
  // Conflicts: each same-track pair with probability conflictRate.
  const conflicts: AssignmentPair[] = [];
  const byTrack = new Map<string, AssignmentExpert[]>();
  for (const ex of experts) for (const t of ex.trackIds) byTrack.set(t, [...(byTrack.get(t) ?? []), ex]);
  for (const it of items) {
    for (const ex of byTrack.get(it.trackId) ?? []) if (r() < o.conflictRate) conflicts.push({ itemId: it.id, expertId: ex.id });
  }
  return { items, experts, conflicts, fixed: [], maxPerExpert: o.maxPerExpert, projects, panels };
}
