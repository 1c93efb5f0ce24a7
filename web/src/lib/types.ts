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

// ---- Demand sub-topics (需求子赛题), see api/src/modules/demands/demands.schemas.ts ----

export const demandStatuses = ['draft', 'pending_review', 'published', 'rejected', 'closed', 'disqualified', 'withdrawn'] as const;
export type DemandStatus = (typeof demandStatuses)[number];

export const accessModes = ['download', 'api', 'sandbox', 'onsite'] as const;
export type AccessMode = (typeof accessModes)[number];

/** The content fields of a demand, in display order (also the `changes[].field` values). */
export const demandFields = [
  'title',
  'businessNeed',
  'techGoals',
  'acceptanceCriteria',
  'budgetCny',
  'region',
  'contact',
  'bidDeadline',
  'dataScope',
] as const;
export type DemandField = (typeof demandFields)[number];

export interface DataItemInput {
  name: string;
  description: string;
  fields: string[];
  volume: string;
  accessMode: AccessMode;
  /** YYYY-MM-DD (Beijing). */
  availableFrom: string;
}

export interface DataItem extends DataItemInput {
  openedAt: string | null;
  evidence: string | null;
  overdue: boolean;
}

export interface DemandContact {
  name: string;
  phone: string;
  email: string;
}

export interface DemandChange {
  field: DemandField | string;
  before: unknown;
  after: unknown;
}

export interface Demand {
  id: string;
  /** Workflow status for the owner, committee and supervisor; the public status for everyone else. */
  status: DemandStatus;
  publicStatus: DemandStatus | null;
  version: number;
  org: { id: string; name: string };
  edition: { id: string; name: string };
  track: { id: string; name: string; fullName: string };
  topic: { id: string; title: string };
  title: string;
  businessNeed: string | null;
  techGoals: string | null;
  acceptanceCriteria: string[];
  /** Yuan, integer. */
  budgetCny: number | null;
  region: string | null;
  /** Only for signed-in users. */
  contact?: DemandContact | null;
  bidDeadline: string | null;
  dataScope: DataItem[];
  dataOverdue: boolean;
  publishedAt: string | null;
  publishedVersion: number | null;
  reviewReason?: string | null;
  disqualifiedReason: string | null;
  bidCount: number;
  followerCount?: number;
  following?: boolean;
  changes?: DemandChange[];
  createdAt: string;
  updatedAt: string;
}

/** The editable content, as sent to POST/PATCH /api/demands. */
export interface DemandInput {
  title?: string;
  businessNeed?: string;
  techGoals?: string;
  acceptanceCriteria?: string[];
  budgetCny?: number;
  region?: string;
  contact?: DemandContact;
  bidDeadline?: string;
  dataScope?: DataItemInput[];
}

export interface DemandEvent {
  id: number;
  action: string;
  fromStatus: DemandStatus | null;
  toStatus: DemandStatus;
  version: number;
  reason: string | null;
  actor: { id: string; name: string } | null;
  at: string;
}

export interface ReviewQueue {
  pending: Demand[];
  dataOverdue: Demand[];
}

export interface AppNotification {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  data?: unknown;
  readAt: string | null;
  createdAt: string;
}

export interface NotificationPage extends Page<AppNotification> {
  /** Unread notifications of the user (whatever the filter). */
  unread: number;
}

// Teams, projects and materials (issue 5) live in their own file.
export * from './bidding-types';
