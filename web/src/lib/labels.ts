/** Every user-facing label for API enums, in one place. */
import type { OrgKind, OrgRole, PhaseName, PlatformRole } from './types';

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
