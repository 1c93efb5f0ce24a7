/** Types and labels of effect tracking (成效看板, 追踪台, 成效报告, 典型案例), from the generated API schema. */
import type { Schemas } from '$lib/api/client';

export type TrackingDashboard = Schemas['TrackingDashboard'];
export type FunnelRow = TrackingDashboard['totals'];
export type FunnelStage = TrackingDashboard['stages'][number]['key'];
export type TrackingConsole = Schemas['TrackingConsole'];
export type EffectReports = Schemas['EffectReports'];
export type EffectPeriod = EffectReports['periods'][number];
export type EffectReport = Schemas['EffectReport'];
export type EffectPeriodStatus = Schemas['EffectPeriodStatus'];
export type CaseStatus = Schemas['CaseStatus'];
export type PublicCase = Schemas['PublicCase'];

export const periodStatusLabels: Record<EffectPeriodStatus, string> = {
  upcoming: '未到填报时间',
  due: '待填报',
  late: '已逾期',
  submitted: '已提交',
};
export const periodStatusTone: Record<EffectPeriodStatus, string> = {
  upcoming: 'grey',
  due: 'amber',
  late: 'red',
  submitted: 'green',
};

export const caseMissingLabels: Record<CaseStatus['missing'][number], string> = {
  acceptance: '组委会最终验收',
  enterpriseConsent: '需求企业同意公开',
  teamConsent: '参赛团队同意公开',
  summary: '参赛团队填写方案简介',
};

/** 1234.5 → "1,234.5" (万元 amounts). */
export const wan = (n: number | null | undefined) =>
  n === null || n === undefined ? '—' : n.toLocaleString('zh-CN', { maximumFractionDigits: 2 });

/** 0.4567 → "45.7%". */
export const pct = (share: number | null) => (share === null ? '—' : `${Math.round(share * 1000) / 10}%`);
