/** Teams, projects and materials (参赛团队与项目), see docs/teams-projects-api.md and api/src/modules/{teams,projects}. */
import type { OrgKind, PhaseWindow } from './types';

export type TeamRole = 'leader' | 'member';
export type TeamOrgRole = 'lead' | 'co_applicant';
export type InvitationStatus = 'pending' | 'accepted' | 'declined';

export interface TeamOrg {
  id: string;
  name: string;
  kind: OrgKind;
  role: TeamOrgRole;
  /** Committee flags, present for the committee and the supervisor only. */
  blacklisted?: boolean;
  blacklistReason?: string | null;
  organizerAffiliated?: boolean;
  joinedAt: string;
}

export interface TeamMember {
  userId: string;
  displayName: string;
  email: string;
  orgId: string;
  orgName: string;
  role: TeamRole;
  joinedAt: string;
}

/** A user as the API names them (inviter, submitter); some fields carry only the user id. */
export type ActorRef = string | { id: string; displayName: string } | null;

export interface Invitation {
  id: string;
  teamId: string;
  teamName: string;
  editionId: string;
  leadOrgName: string;
  org: { id: string; name: string };
  status: InvitationStatus;
  invitedBy: { id: string; displayName: string };
  createdAt: string;
  respondedAt: string | null;
}

/** What a team's project competes for: a topic (赛题) or an enterprise sub-topic (需求子赛题); fixed once chosen. */
export interface TeamProjectTarget {
  kind: 'topic' | 'demand';
  topicId: string;
  demandId: string | null;
  /** The topic's title, or the sub-topic's (demand's) title. */
  title: string;
}

/** The team's one project, as the team carries it. */
export interface TeamProject {
  id: string;
  name: string;
  status: ProjectStatus;
  compliance: ComplianceStatus | null;
  /** The committee's reason when found ineligible. */
  complianceReason: string | null;
  target: TeamProjectTarget;
}

export interface Team {
  id: string;
  name: string;
  editionId: string;
  edition: { id: string; name: string };
  leadOrgId: string;
  orgs: TeamOrg[];
  members: TeamMember[];
  maxMembers: number;
  invitations: Invitation[];
  project: TeamProject | null;
  registration: PhaseWindow;
  submission: PhaseWindow;
  rosterFrozen: boolean;
  canManage: boolean;
  isMember: boolean;
  createdAt: string;
}

export interface OrgLookup {
  id: string;
  name: string;
  kind: OrgKind;
  region: string;
}

export type ProjectStatus = 'draft' | 'submitted' | 'withdrawn';
export type ComplianceStatus = 'pending' | 'eligible' | 'ineligible';

export interface Compliance {
  status: ComplianceStatus;
  reason: string | null;
  decidedAt: string | null;
}

export interface ProjectTarget {
  kind: 'topic' | 'demand';
  topicId: string;
  topicTitle: string;
  trackId: string;
  trackName: string;
  governmentAllowed: boolean;
  demandId: string | null;
  demandTitle: string | null;
  demandBidDeadline: string | null;
  enterpriseName: string | null;
}

export const materialCategories = ['qualification', 'responsibility', 'audit', 'credit', 'ip', 'video', 'other'] as const;
export type MaterialCategory = (typeof materialCategories)[number];

export interface Material {
  id: string;
  category: MaterialCategory;
  categoryLabel: string;
  fileName: string;
  mimeType: string;
  size: number;
  sha256: string;
  uploadedAt: string;
  /** The uploader's user id. */
  uploadedBy: string;
}

export interface ProjectSections {
  overview: { background: string; industry: string; advantages: string };
  solution: { architecture: string; features: string; keyTechnologies: string; dataUsage: string };
  value: { cases: string; economicBenefit: string; socialBenefit: string };
  businessModel: { promotion: string; market: string };
  team: { experience: string; qualifications: string };
}
export type SectionKey = keyof ProjectSections;

export interface MissingItem {
  key: string;
  label: string;
}

export interface ProjectSummary {
  id: string;
  name: string;
  status: ProjectStatus;
  teamId: string;
  teamName: string;
  editionId: string;
  target: ProjectTarget;
  submittedVersion: number | null;
  submittedAt: string | null;
  compliance: Compliance | null;
  updatedAt: string;
}

export interface Project extends ProjectSummary {
  team: { id: string; name: string; orgs: Pick<TeamOrg, 'id' | 'name' | 'kind' | 'role'>[] };
  /** The working copy, bumped by every save (autosave sends it back). */
  version: number;
  sections: ProjectSections;
  materials: Material[];
  hasUnsubmittedChanges: boolean;
  withdrawnAt: string | null;
  checklist: { complete: boolean; missing: MissingItem[] };
  submission: PhaseWindow;
  /** What this viewer sees: the team's working copy, or the latest submitted version. */
  view: 'working' | 'submitted';
  canEdit: boolean;
  createdAt: string;
}

export interface ProjectVersion {
  version: number;
  name: string;
  submittedAt: string;
  submittedBy: { id: string; displayName: string };
  materialCount: number;
}

export interface ComplianceCheck {
  key: string;
  label: string;
  passed: boolean;
  message: string;
}

export interface ComplianceQueueItem {
  project: Project;
  /** The team's organisations with the committee's flags. */
  orgs: (Omit<TeamOrg, 'joinedAt'> & { blacklistReason: string | null })[];
  checks: ComplianceCheck[];
  /** Whether a decision may be recorded now (submission.start … compliance.end). */
  decisionOpen: boolean;
}

/** GET /api/projects/compliance-queue: one page of the queue and the count per decision. */
export interface ComplianceQueuePage {
  items: ComplianceQueueItem[];
  counts: Record<ComplianceStatus, number>;
  total: number;
  page: number;
  pageSize: number;
}
