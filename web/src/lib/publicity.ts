/** Labels of 公示、举报与反馈, keyed by the generated enums (a new value fails the type check until labelled). */
import type { PlaceDecision, PublicAwardLevel, PublicAwardStatus, PublicityState, ReportStatus } from '$lib/api/types';

export const awardLevelLabels: Record<PublicAwardLevel, string> = {
  first: '一等奖',
  second: '二等奖',
  third: '三等奖',
  special: '特色单项奖',
};

export const awardStatusLabels: Record<PublicAwardStatus, string> = {
  proposed: '拟定',
  approved: '获奖',
  revoked: '已撤销',
};

export const publicityStateLabels: Record<PublicityState, string> = {
  scheduled: '即将公示',
  open: '公示中',
  reviewing: '公示期满 · 举报处理中',
  final: '结果已最终确定',
};

export const publicityStateTone: Record<PublicityState, '' | 'green' | 'amber' | 'red' | 'grey'> = {
  scheduled: 'grey',
  open: 'amber',
  reviewing: 'amber',
  final: 'green',
};

export const reportStatusLabels: Record<ReportStatus, string> = {
  pending: '待裁定',
  upheld: '举报成立',
  rejected: '举报不成立',
};

export const reportStatusTone: Record<ReportStatus, '' | 'green' | 'amber' | 'red' | 'grey'> = {
  pending: 'amber',
  upheld: 'red',
  rejected: 'grey',
};

export const placeDecisionLabels: Record<PlaceDecision, string> = {
  moved: '名额递补给下一名项目',
  vacant: '名额空缺，不递补',
};

export const reviewerRoleLabels = { enterprise: '需求企业', expert: '评审专家' } as const;
export const stageLabels = { preliminary: '初赛评审', final: '决赛路演' } as const;
