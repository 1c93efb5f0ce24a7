/**
 * 评价指标 (附件 3 of the Henan and Yiyang 2025 notices): three first-level indicators,
 * their second- and third-level indicators. The keys are what the score API takes
 * (`scores: {"A1.1": 85, ...}`); the third level is scored 0–100.
 *
 * Weights: the committee sets, per edition, a weight for every node within its level
 * (siblings sum to 100). Default: equal within each level. A third-level indicator
 * counts for the product of its own, its parent's and its grandparent's share.
 */
export interface IndicatorNode {
  key: string;
  label: string;
  children?: IndicatorNode[];
}

export const indicatorTree: IndicatorNode[] = [
  {
    key: 'A',
    label: '先进性',
    children: [
      {
        key: 'A1',
        label: '数据治理',
        children: [
          { key: 'A1.1', label: '数据治理标准规范' },
          { key: 'A1.2', label: '数据全生命周期管理' },
          { key: 'A1.3', label: '数据合规情况' },
          { key: 'A1.4', label: '数据安全情况' },
        ],
      },
      {
        key: 'A2',
        label: '数据应用场景培育',
        children: [
          { key: 'A2.1', label: '数据来源多元性' },
          { key: 'A2.2', label: '数据和业务融合度' },
          { key: 'A2.3', label: '数据服务及产品丰富度' },
        ],
      },
      {
        key: 'A3',
        label: '技术创新及模式创新水平',
        children: [
          { key: 'A3.1', label: '数据技术创新情况' },
          { key: 'A3.2', label: '数据开发模式创新' },
          { key: 'A3.3', label: '数据流通模式创新' },
        ],
      },
    ],
  },
  {
    key: 'B',
    label: '实效性',
    children: [
      {
        key: 'B1',
        label: '解决问题重要程度',
        children: [
          { key: 'B1.1', label: '问题重要性' },
          { key: 'B1.2', label: '问题解决程度' },
        ],
      },
      {
        key: 'B2',
        label: '经济社会效益',
        children: [
          { key: 'B2.1', label: '经济效益' },
          { key: 'B2.2', label: '社会效益' },
        ],
      },
    ],
  },
  {
    key: 'C',
    label: '示范性',
    children: [
      {
        key: 'C1',
        label: '数据治理模式推广',
        children: [
          { key: 'C1.1', label: '治理模式可复制性' },
          { key: 'C1.2', label: '治理标准可推广性' },
        ],
      },
      {
        key: 'C2',
        label: '数据流通模式推广',
        children: [
          { key: 'C2.1', label: '流通模式可复制性' },
          { key: 'C2.2', label: '流通模式可推广性' },
        ],
      },
    ],
  },
];

/** Every node, with its parent key (null at the first level). */
export function allNodes(tree = indicatorTree): { node: IndicatorNode; parent: string | null; level: number }[] {
  const out: { node: IndicatorNode; parent: string | null; level: number }[] = [];
  const walk = (nodes: IndicatorNode[], parent: string | null, level: number) => {
    for (const node of nodes) {
      out.push({ node, parent, level });
      if (node.children) walk(node.children, node.key, level + 1);
    }
  };
  walk(tree, null, 1);
  return out;
}

export const leafKeys = allNodes()
  .filter((n) => !n.node.children)
  .map((n) => n.node.key);

/** Equal weights within each level (siblings share 100), rounded to 2 decimals. */
export function defaultIndicatorWeights(): Record<string, number> {
  const weights: Record<string, number> = {};
  const walk = (nodes: IndicatorNode[]) => {
    for (const node of nodes) {
      weights[node.key] = Math.round((100 / nodes.length) * 100) / 100;
      if (node.children) walk(node.children);
    }
  };
  walk(indicatorTree);
  return weights;
}

/** Every node has a weight ≥ 0 and siblings sum to 100 (±0.1). Returns the problems in Chinese. */
export function checkIndicatorWeights(weights: Record<string, number>): string[] {
  const problems: string[] = [];
  const known = new Set(allNodes().map((n) => n.node.key));
  for (const key of Object.keys(weights)) if (!known.has(key)) problems.push(`未知指标：${key}`);
  const walk = (nodes: IndicatorNode[], parentLabel: string) => {
    let sum = 0;
    for (const node of nodes) {
      const w = weights[node.key];
      if (w === undefined || !Number.isFinite(w) || w < 0) problems.push(`指标“${node.label}”缺少权重或权重为负`);
      else sum += w;
      if (node.children) walk(node.children, node.label);
    }
    if (Math.abs(sum - 100) > 0.1) problems.push(`${parentLabel}下各指标权重之和应为 100，当前为 ${Math.round(sum * 100) / 100}`);
  };
  walk(indicatorTree, '一级指标');
  return problems;
}

/** The effective share (0..1) of each third-level indicator: product of the shares along its path. */
export function leafShares(weights: Record<string, number>): Record<string, number> {
  const shares: Record<string, number> = {};
  const walk = (nodes: IndicatorNode[], share: number) => {
    const sum = nodes.reduce((s, n) => s + (weights[n.key] ?? 0), 0) || 1;
    for (const node of nodes) {
      const own = share * ((weights[node.key] ?? 0) / sum);
      if (node.children) walk(node.children, own);
      else shares[node.key] = own;
    }
  };
  walk(indicatorTree, 1);
  return shares;
}

/** Weighted indicator sum on the 0–100 scale. */
export function indicatorTotal(scores: Record<string, number>, weights: Record<string, number>): number {
  const shares = leafShares(weights);
  let total = 0;
  for (const key of leafKeys) total += (scores[key] ?? 0) * shares[key]!;
  return Math.round(total * 100) / 100;
}
