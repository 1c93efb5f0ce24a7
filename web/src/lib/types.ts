/** Shapes returned by the API (see the *.schemas.ts files in api/src/modules). */

export type PlatformRole = 'committee' | 'supervisor' | 'expert';
export type OrgKind = 'enterprise' | 'institution' | 'research' | 'university' | 'government';
export type OrgRole = 'admin' | 'member';

export const phaseNames = [
  'registration',
  'submission',
  'compliance',
  'preliminaryReview',
  'verification',
  'final',
  'dockingFair',
  'publicity',
] as const;
export type PhaseName = (typeof phaseNames)[number];

export interface Membership {
  orgId: string;
  orgName: string;
  orgKind: OrgKind;
  role: OrgRole;
}

export interface User {
  id: string;
  email: string;
  displayName: string;
  roles: PlatformRole[];
  createdAt: string;
}

export interface Me extends User {
  memberships: Membership[];
}

export interface PhaseWindow {
  start: string;
  end: string;
}

export interface EditionRules {
  maxTeamSize: number;
  reviewWeights: { enterprise: number; expert: number };
  publicityDays: number;
}

export interface Edition {
  id: string;
  slug: string;
  name: string;
  year: number;
  region: string;
  organizer: string | null;
  description: string | null;
  phases: Partial<Record<PhaseName, PhaseWindow>>;
  rules: EditionRules;
  currentPhases: string[];
  trackCount: number;
  topicCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface Topic {
  id: string;
  trackId: string;
  position: number;
  title: string;
  description: string;
}

export interface Track {
  id: string;
  editionId: string;
  code: string;
  position: number;
  name: string;
  fullName: string;
  description: string | null;
  governmentAllowed: boolean;
  topicCount?: number;
  topics?: Topic[];
}

export interface EditionDetail extends Edition {
  tracks: Track[];
}

export interface OrgMember {
  userId: string;
  email: string;
  displayName: string;
  role: OrgRole;
  joinedAt: string;
}

export interface OrgFlags {
  blacklisted: boolean;
  blacklistReason: string | null;
  organizerAffiliated: boolean;
  updatedAt: string | null;
}

export interface Org {
  id: string;
  name: string;
  creditCode: string;
  kind: OrgKind;
  region: string;
  createdAt: string;
  members?: OrgMember[];
  flags?: OrgFlags;
  myRole?: OrgRole | null;
}

export interface Page<T> {
  items: T[];
  total: number;
}
