import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Table types for Kysely. Column names are snake_case, as in the migrations. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type PlatformRole = 'committee' | 'supervisor' | 'expert';
export type OrgKind = 'enterprise' | 'institution' | 'research' | 'university' | 'government';
export type OrgMemberRole = 'admin' | 'member';

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
export type PhaseWindow = { start: string; end: string };
export type EditionPhases = Record<PhaseName, PhaseWindow>;
export interface EditionRules {
  maxTeamSize: number;
  reviewWeights: { enterprise: number; expert: number };
  publicityDays: number;
}

export interface UsersTable {
  id: Generated<string>;
  email: string;
  password_hash: string;
  display_name: string;
  roles: ColumnType<PlatformRole[], PlatformRole[] | undefined, PlatformRole[]>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface LoginFailuresTable {
  id: Generated<string>;
  email: string;
  ip: string;
  at: Timestamp;
}

export interface OrganizationsTable {
  id: Generated<string>;
  name: string;
  credit_code: string;
  kind: OrgKind;
  region: string;
  blacklisted: ColumnType<boolean, boolean | undefined, boolean>;
  blacklist_reason: string | null;
  organizer_affiliated: ColumnType<boolean, boolean | undefined, boolean>;
  flags_updated_at: Date | null;
  flags_updated_by: string | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OrgMembersTable {
  org_id: string;
  user_id: string;
  role: OrgMemberRole;
  added_by: string | null;
  created_at: Timestamp;
}

export interface EditionsTable {
  id: Generated<string>;
  slug: string;
  name: string;
  year: number;
  region: string;
  organizer: string | null;
  description: string | null;
  phases: ColumnType<EditionPhases, string, string>;
  rules: ColumnType<EditionRules, string, string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TracksTable {
  id: Generated<string>;
  edition_id: string;
  code: string;
  position: number;
  name: string;
  full_name: string;
  description: string | null;
  government_allowed: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
}

export interface TopicsTable {
  id: Generated<string>;
  track_id: string;
  position: number;
  title: string;
  description: ColumnType<string, string | undefined, string>;
  created_at: Timestamp;
}

export interface AuditEventsTable {
  id: Generated<string>;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  data: ColumnType<unknown, string | undefined, string>;
  at: Timestamp;
}

export interface Database {
  users: UsersTable;
  login_failures: LoginFailuresTable;
  organizations: OrganizationsTable;
  org_members: OrgMembersTable;
  editions: EditionsTable;
  tracks: TracksTable;
  topics: TopicsTable;
  audit_events: AuditEventsTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type OrganizationRow = Selectable<OrganizationsTable>;
export type OrganizationUpdate = Updateable<OrganizationsTable>;
export type EditionRow = Selectable<EditionsTable>;
export type TrackRow = Selectable<TracksTable>;
export type TopicRow = Selectable<TopicsTable>;
