/** Every user-facing label for API enums, in one place. */
import type {
  AccessMode,
  ComplianceStatus,
  DemandField,
  DemandStatus,
  InvitationStatus,
  MaterialCategory,
  OrgKind,
  OrgRole,
  PhaseName,
  PlatformRole,
  ProjectStatus,
  TeamOrgRole,
  TeamRole,
} from './api/types';
import type { AwardLevel, AwardStatus, FinalistStatus, Outcome, PlaceKind } from './results';

export const siteName = '数据要素× 揭榜挂帅平台';

export const phaseLabels: Record<PhaseName, string> = {
  registration: '报名',
  submission: '作品提交',
  compliance: '资格审查',
  preliminaryReview: '初赛评审',
  verification: '技术验证',
  final: '决赛路演',
  dockingFair: '供需对接会',
  publicity: '结果公示',
};

export const orgKindLabels: Record<OrgKind, string> = {
  enterprise: '企业',
  institution: '事业单位',
  research: '科研院所',
  university: '高等院校',
  government: '政府部门',
};

export const orgRoleLabels: Record<OrgRole, string> = {
  admin: '管理员',
  member: '成员',
};

export const platformRoleLabels: Record<PlatformRole, string> = {
  committee: '组委会秘书处',
  supervisor: '监督委员会',
  expert: '评审专家',
};

export const platformRoleShort: Record<PlatformRole, string> = {
  committee: '组委会',
  supervisor: '监督委员会',
  expert: '专家',
};

export function phaseLabel(name: string): string {
  return (phaseLabels as Record<string, string>)[name] ?? name;
}

// ---- Demand sub-topics ----

export const demandStatusLabels: Record<DemandStatus, string> = {
  draft: '草稿',
  pending_review: '待审核',
  published: '已发布',
  rejected: '已退回',
  closed: '已截止',
  disqualified: '已取消资格',
  withdrawn: '已撤回',
};

/** Badge colour per status (see the .badge classes in app.css). */
export const demandStatusTone: Record<DemandStatus, '' | 'green' | 'amber' | 'red' | 'grey'> = {
  draft: 'grey',
  pending_review: 'amber',
  published: 'green',
  rejected: 'red',
  closed: 'grey',
  disqualified: 'red',
  withdrawn: 'grey',
};

export const accessModeLabels: Record<AccessMode, string> = {
  download: '下载',
  api: '接口调用',
  sandbox: '沙箱（可用不可见）',
  onsite: '现场查阅',
};

export const accessModeHints: Record<AccessMode, string> = {
  download: '揭榜团队可下载数据包',
  api: '通过接口按需调用数据',
  sandbox: '在隐私计算沙箱中使用，数据可用不可见',
  onsite: '在企业指定场所现场查阅',
};

export const demandFieldLabels: Record<DemandField, string> = {
  title: '需求标题',
  businessNeed: '业务需求',
  techGoals: '技术目标',
  acceptanceCriteria: '验收标准',
  budgetCny: '项目预算',
  region: '实施地区',
  contact: '联系人',
  bidDeadline: '揭榜截止时间',
  dataScope: '数据开放范围',
};

export function demandFieldLabel(field: string): string {
  return (demandFieldLabels as Record<string, string>)[field] ?? field;
}

/** The actions recorded in a demand's history (GET /api/demands/:id/history). */
export const demandActionLabels: Record<string, string> = {
  create: '创建草稿',
  edit: '修改内容',
  submit: '提交审核',
  approve: '审核通过并发布',
  reject: '审核退回',
  revise: '修改已发布需求，重新提交审核',
  extend_deadline: '延长揭榜截止时间',
  close: '揭榜截止',
  disqualify: '取消子赛题资格',
  withdraw: '撤回需求',
  data_opened: '登记数据已开放',
};

export function demandActionLabel(action: string): string {
  return demandActionLabels[action] ?? action;
}

// ---- Search (/search) ----

export const searchSortLabels = {
  relevance: '相关度',
  budget_desc: '预算从高到低',
  deadline_asc: '截止时间最近',
  newest: '最新发布',
} as const;

/** The status toggle on the search page (the public statuses the index holds). */
export const searchStatusLabels = {
  published: '进行中',
  closed: '已截止',
} as const;

export const searchFacetLabels = {
  track: '赛道',
  region: '地区',
  access: '数据开放方式',
} as const;

/** Example searches offered on the home page and when a search finds nothing. */
export const exampleSearches = ['算力调度', '供应链金融', 'UDI', '陶瓷缺陷检测'] as const;

// ---- Teams and projects (揭榜) ----

export const teamRoleLabels: Record<TeamRole, string> = {
  leader: '队长',
  member: '成员',
};

export const teamOrgRoleLabels: Record<TeamOrgRole, string> = {
  lead: '牵头单位',
  co_applicant: '联合申报单位',
};

export const invitationStatusLabels: Record<InvitationStatus, string> = {
  pending: '待回复',
  accepted: '已接受',
  declined: '已拒绝',
};

export const invitationStatusTone: Record<InvitationStatus, '' | 'green' | 'amber' | 'red' | 'grey'> = {
  pending: 'amber',
  accepted: 'green',
  declined: 'grey',
};

export const projectStatusLabels: Record<ProjectStatus, string> = {
  draft: '草稿',
  submitted: '已提交',
  withdrawn: '已撤回',
};

export const projectStatusTone: Record<ProjectStatus, '' | 'green' | 'amber' | 'red' | 'grey'> = {
  draft: 'grey',
  submitted: 'green',
  withdrawn: 'red',
};

export const complianceLabels: Record<ComplianceStatus, string> = {
  pending: '待资格审查',
  eligible: '资格审查：合规',
  ineligible: '资格审查：不合规',
};

export const complianceTone: Record<ComplianceStatus, '' | 'green' | 'amber' | 'red' | 'grey'> = {
  pending: 'amber',
  eligible: 'green',
  ineligible: 'red',
};

export const materialCategoryLabels: Record<MaterialCategory, string> = {
  qualification: '资质证明',
  responsibility: '申报主体责任声明',
  audit: '财务审计',
  credit: '信用情况证明',
  ip: '知识产权证明',
  video: '演示视频',
  other: '其他材料',
};

// ---- Enum values in display order, taken from the label maps above (keyed by the
// generated enum types, so a new value fails the type check until it has a label) ----

const keysOf = <K extends string>(labels: Record<K, string>) => Object.keys(labels) as K[];

export const phaseNames = keysOf(phaseLabels);
export const demandStatuses = keysOf(demandStatusLabels);
export const accessModes = keysOf(accessModeLabels);
export const demandFields = keysOf(demandFieldLabels);
export const materialCategories = keysOf(materialCategoryLabels);

/** Why experts, the committee and the supervisor are not offered organisations, teams or bids. */
export const reviewerNote =
  '评审专家、组委会秘书处与监督委员会成员负责评审或监督，为避免利益冲突，不登记参赛或需求单位、不组建参赛团队、不揭榜。';

// ---- Results (issue 14): advancement, verification, awards ----
export const outcomeLabels: Record<Outcome, string> = {
  reserved: '晋级 · 子赛题保留名额',
  regular: '晋级 · 常规名额',
  out: '未晋级',
  unscored: '未完成评分',
};
export const placeKindLabels: Record<PlaceKind, string> = { reserved: '子赛题保留名额', regular: '常规名额' };
export const finalistStatusLabels: Record<FinalistStatus, string> = {
  pending: '待核验',
  passed: '通过核验',
  failed: '未通过核验',
  withdrawn: '已退出',
};
export const finalistStatusTone: Record<FinalistStatus, '' | 'green' | 'amber' | 'red' | 'grey'> = {
  pending: 'amber',
  passed: 'green',
  failed: 'red',
  withdrawn: 'grey',
};
export const awardLevelLabels: Record<AwardLevel, string> = { first: '一等奖', second: '二等奖', third: '三等奖', special: '特色单项奖' };
export const awardStatusLabels: Record<AwardStatus, string> = { proposed: '拟定', approved: '已审定', revoked: '已撤销' };
export const awardLevels = keysOf(awardLevelLabels);
/** Decision-log actions in words (unknown actions are shown as they are). */
export const decisionActionLabels: Record<string, string> = {
  'result_settings.updated': '修改晋级与奖项设置',
  'advancement.computed': '计算拟晋级名单',
  'advancement.confirmed': '确认晋级名单',
  'finalist.evidence_requested': '要求补充验证材料',
  'finalist.evidence_uploaded': '团队上传验证材料',
  'finalist.verification_passed': '技术验证通过',
  'finalist.verification_failed': '技术验证不通过',
  'finalist.backfilled': '递补',
  'finalist.backfill_none': '无可递补项目',
  'awards.proposed': '拟定获奖名单',
  'award.adjusted': '调整奖项',
  'awards.approved': '审定获奖名单',
  'award.revoked': '撤销奖项',
  'award.freed_place_moved': '空缺名额顺位递补',
  'award.freed_place_vacant': '空缺名额不递补',
};
