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

export type DemandStatus = 'draft' | 'pending_review' | 'published' | 'rejected' | 'closed' | 'disqualified' | 'withdrawn';
export type AccessMode = 'download' | 'api' | 'sandbox' | 'onsite';

export interface DataScopeItem {
  name: string;
  description: string;
  fields: string[];
  volume: string;
  accessMode: AccessMode;
  /** YYYY-MM-DD (Beijing date) from which teams can use the data. */
  availableFrom: string;
  openedAt: string | null;
  evidence: string | null;
}

export interface DemandContent {
  title: string;
  businessNeed: string;
  techGoals: string;
  acceptanceCriteria: string[];
  budgetCny: number;
  region: string;
  contact: { name: string; phone: string; email: string };
  bidDeadline: string;
  dataScope: DataScopeItem[];
}

/** A draft may be incomplete; submission checks it is a full DemandContent. */
export type DemandDraft = Partial<DemandContent> & { title: string };

export interface DemandsTable {
  id: Generated<string>;
  org_id: string;
  edition_id: string;
  topic_id: string;
  status: ColumnType<DemandStatus, DemandStatus | undefined, DemandStatus>;
  version: ColumnType<number, number | undefined, number>;
  content: ColumnType<DemandDraft, string, string>;
  published_content: ColumnType<DemandContent | null, string | null | undefined, string | null>;
  published_version: number | null;
  published_at: Date | null;
  bid_deadline: Date | null;
  review_reason: string | null;
  disqualified_reason: string | null;
  submitted_at: Date | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DemandEventsTable {
  id: Generated<string>;
  demand_id: string;
  actor_id: string | null;
  action: string;
  from_status: DemandStatus | null;
  to_status: DemandStatus;
  version: number;
  reason: string | null;
  data: ColumnType<unknown, string | undefined, string>;
  at: Timestamp;
}

export interface DemandFollowsTable {
  demand_id: string;
  user_id: string;
  created_at: Timestamp;
}

export interface NotificationsTable {
  id: Generated<string>;
  user_id: string;
  kind: string;
  title: string;
  body: ColumnType<string, string | undefined, string>;
  link: string | null;
  data: ColumnType<unknown, string | undefined, string>;
  read_at: Date | null;
  created_at: Timestamp;
}

export type TeamOrgRole = 'lead' | 'co_applicant';
export type TeamMemberRole = 'leader' | 'member';
export type InvitationStatus = 'pending' | 'accepted' | 'declined';
export type ProjectStatus = 'draft' | 'submitted' | 'withdrawn';
export type ComplianceStatus = 'pending' | 'eligible' | 'ineligible';
export type MaterialCategory = 'qualification' | 'responsibility' | 'audit' | 'credit' | 'ip' | 'video' | 'other';

/** 项目申报书: the five parts of the notice, each a few free-text fields. */
export interface ProjectSections {
  overview: { background: string; industry: string; advantages: string };
  solution: { architecture: string; features: string; keyTechnologies: string; dataUsage: string };
  value: { cases: string; economicBenefit: string; socialBenefit: string };
  businessModel: { promotion: string; market: string };
  team: { experience: string; qualifications: string };
}

export interface TeamsTable {
  id: Generated<string>;
  edition_id: string;
  name: string;
  lead_org_id: string;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TeamOrgsTable {
  team_id: string;
  org_id: string;
  role: TeamOrgRole;
  joined_at: Timestamp;
}

export interface TeamMembersTable {
  team_id: string;
  edition_id: string;
  user_id: string;
  org_id: string;
  role: TeamMemberRole;
  added_by: string | null;
  joined_at: Timestamp;
}

export interface TeamInvitationsTable {
  id: Generated<string>;
  team_id: string;
  org_id: string;
  status: ColumnType<InvitationStatus, InvitationStatus | undefined, InvitationStatus>;
  invited_by: string;
  responded_by: string | null;
  created_at: Timestamp;
  responded_at: Date | null;
}

export interface ProjectsTable {
  id: Generated<string>;
  team_id: string;
  edition_id: string;
  topic_id: string;
  demand_id: string | null;
  name: string;
  sections: ColumnType<ProjectSections, string, string>;
  status: ColumnType<ProjectStatus, ProjectStatus | undefined, ProjectStatus>;
  version: ColumnType<number, number | undefined, number>;
  submitted_version: number | null;
  submitted_at: Date | null;
  changed_since_submit: ColumnType<boolean, boolean | undefined, boolean>;
  compliance_status: ComplianceStatus | null;
  compliance_reason: string | null;
  compliance_by: string | null;
  compliance_at: Date | null;
  withdrawn_at: Date | null;
  withdraw_reason: string | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProjectMaterialsTable {
  id: Generated<string>;
  project_id: string;
  category: MaterialCategory;
  file_name: string;
  mime_type: string;
  size: number;
  sha256: string;
  uploaded_by: string;
  uploaded_at: Timestamp;
  removed_at: Date | null;
}

export interface ProjectVersionsTable {
  project_id: string;
  version: number;
  name: string;
  sections: ColumnType<ProjectSections, string, string>;
  material_ids: string[];
  submitted_by: string;
  submitted_at: Timestamp;
}

export interface ProjectEventsTable {
  id: Generated<string>;
  project_id: string;
  actor_id: string | null;
  action: string;
  from_status: ProjectStatus | null;
  to_status: ProjectStatus | null;
  reason: string | null;
  data: ColumnType<unknown, string | undefined, string>;
  at: Timestamp;
}

export interface Database extends FairDatabase {
  demands: DemandsTable;
  demand_events: DemandEventsTable;
  demand_follows: DemandFollowsTable;
  notifications: NotificationsTable;
  users: UsersTable;
  login_failures: LoginFailuresTable;
  organizations: OrganizationsTable;
  org_members: OrgMembersTable;
  editions: EditionsTable;
  tracks: TracksTable;
  topics: TopicsTable;
  audit_events: AuditEventsTable;
  teams: TeamsTable;
  team_orgs: TeamOrgsTable;
  team_members: TeamMembersTable;
  team_invitations: TeamInvitationsTable;
  projects: ProjectsTable;
  project_materials: ProjectMaterialsTable;
  project_versions: ProjectVersionsTable;
  project_events: ProjectEventsTable;
  experts: ExpertsTable;
  expert_affiliations: ExpertAffiliationsTable;
  org_links: OrgLinksTable;
  demand_reviewers: DemandReviewersTable;
  review_settings: ReviewSettingsTable;
  review_rounds: ReviewRoundsTable;
  review_round_projects: ReviewRoundProjectsTable;
  review_conflicts: ReviewConflictsTable;
  review_assignments: ReviewAssignmentsTable;
  review_tasks: ReviewTasksTable;
  chat_channels: ChatChannelsTable;
  chat_questions: ChatQuestionsTable;
  chat_messages: ChatMessagesTable;
  chat_message_revisions: ChatMessageRevisionsTable;
  chat_reads: ChatReadsTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type OrganizationRow = Selectable<OrganizationsTable>;
export type OrganizationUpdate = Updateable<OrganizationsTable>;
export type EditionRow = Selectable<EditionsTable>;
export type TrackRow = Selectable<TracksTable>;
export type TopicRow = Selectable<TopicsTable>;
export type DemandRow = Selectable<DemandsTable>;
export type NotificationRow = Selectable<NotificationsTable>;
export type TeamRow = Selectable<TeamsTable>;
export type TeamInvitationRow = Selectable<TeamInvitationsTable>;
export type ProjectRow = Selectable<ProjectsTable>;
export type ProjectMaterialRow = Selectable<ProjectMaterialsTable>;

// —— Docking fair (供需对接会) and matching, migration 0007 ——
export type FairParticipantKind = 'enterprise' | 'team';
export type MeetingRequestStatus = 'pending' | 'accepted' | 'declined' | 'expired' | 'cancelled';
export type MeetingStatus = 'active' | 'cancelled';
export type MeetingSide = 'enterprise' | 'team';
export type MeetingResult = 'none' | 'intent' | 'signed';
/** A fair day in Beijing time: date YYYY-MM-DD, start/end HH:MM. */
export interface FairDay {
  date: string;
  start: string;
  end: string;
}
export interface TimeWindow {
  start: string;
  end: string;
}

export interface CapabilityProfilesTable {
  team_id: string;
  summary: ColumnType<string, string | undefined, string>;
  industries: ColumnType<string[], string[] | undefined, string[]>;
  technologies: ColumnType<string[], string[] | undefined, string[]>;
  data_capabilities: ColumnType<string[], string[] | undefined, string[]>;
  cases: ColumnType<string, string | undefined, string>;
  regions: ColumnType<string[], string[] | undefined, string[]>;
  track_ids: ColumnType<string[], string[] | undefined, string[]>;
  access_modes: ColumnType<string[], string[] | undefined, string[]>;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface FairsTable {
  id: Generated<string>;
  edition_id: string;
  name: string;
  venue: string;
  days: ColumnType<FairDay[], string, string>;
  slot_minutes: number;
  break_minutes: ColumnType<number, number | undefined, number>;
  tables: number;
  request_ttl_hours: ColumnType<number, number | undefined, number>;
  max_meetings: ColumnType<number, number | undefined, number>;
  checkin_grace_minutes: ColumnType<number, number | undefined, number>;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface FairPresentationsTable {
  id: Generated<string>;
  fair_id: string;
  title: string;
  speaker: string;
  starts_at: ColumnType<Date, Date | string, Date | string>;
  ends_at: ColumnType<Date, Date | string, Date | string>;
  created_at: Timestamp;
}

export interface FairParticipantsTable {
  id: Generated<string>;
  fair_id: string;
  kind: FairParticipantKind;
  org_id: string | null;
  team_id: string | null;
  availability: ColumnType<TimeWindow[], string | undefined, string>;
  registered_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MeetingRequestsTable {
  id: Generated<string>;
  fair_id: string;
  from_participant_id: string;
  to_participant_id: string;
  demand_id: string | null;
  message: ColumnType<string, string | undefined, string>;
  status: ColumnType<MeetingRequestStatus, MeetingRequestStatus | undefined, MeetingRequestStatus>;
  expires_at: ColumnType<Date, Date | string, Date | string>;
  created_by: string;
  responded_by: string | null;
  responded_at: Date | null;
  created_at: Timestamp;
}

export interface MeetingsTable {
  id: Generated<string>;
  fair_id: string;
  request_id: string;
  enterprise_participant_id: string;
  team_participant_id: string;
  demand_id: string | null;
  status: ColumnType<MeetingStatus, MeetingStatus | undefined, MeetingStatus>;
  slot_id: string | null;
  starts_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  ends_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  table_no: number | null;
  pinned: ColumnType<boolean, boolean | undefined, boolean>;
  pin_slot_id: string | null;
  pin_table: number | null;
  unplaced_reason: string | null;
  qr_token: string;
  enterprise_checked_in_at: Date | null;
  enterprise_checked_in_by: string | null;
  team_checked_in_at: Date | null;
  team_checked_in_by: string | null;
  enterprise_no_show_at: Date | null;
  team_no_show_at: Date | null;
  cancelled_at: Date | null;
  cancelled_by: string | null;
  cancel_reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MeetingOutcomesTable {
  meeting_id: string;
  side: MeetingSide;
  result: MeetingResult;
  /** numeric comes back as a string. */
  amount_wan: ColumnType<string | null, number | null | undefined, number | null>;
  note: ColumnType<string, string | undefined, string>;
  recorded_by: string;
  recorded_at: Timestamp;
}

export interface FairScheduleRunsTable {
  id: Generated<number>;
  fair_id: string;
  run_by: string | null;
  method: string;
  optimal: boolean;
  gap: number | null;
  lower_bound: number;
  slots_used: number;
  placed: number;
  unplaced: ColumnType<{ meetingId: string; reason: string }[], string, string>;
  millis: number;
  at: Timestamp;
}

export interface FairDatabase {
  capability_profiles: CapabilityProfilesTable;
  fairs: FairsTable;
  fair_presentations: FairPresentationsTable;
  fair_participants: FairParticipantsTable;
  meeting_requests: MeetingRequestsTable;
  meetings: MeetingsTable;
  meeting_outcomes: MeetingOutcomesTable;
  fair_schedule_runs: FairScheduleRunsTable;
}
export type FairRow = Selectable<FairsTable>;
export type FairParticipantRow = Selectable<FairParticipantsTable>;
export type MeetingRequestRow = Selectable<MeetingRequestsTable>;
export type MeetingRow = Selectable<MeetingsTable>;
// --- Hardening (migration 0008): server-side sessions and organisation invitations.

export interface SessionsTable {
  id: Generated<string>;
  user_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: ColumnType<Date, Date | string, Date | string>;
  revoked_at: Date | null;
  revoked_reason: string | null;
  ip: ColumnType<string, string | undefined, string>;
  user_agent: ColumnType<string, string | undefined, string>;
}
export type SessionRow = Selectable<SessionsTable>;

export type OrgInvitationStatus = 'pending' | 'accepted' | 'declined' | 'cancelled';
export interface OrgInvitationsTable {
  id: Generated<string>;
  org_id: string;
  email: string;
  role: OrgMemberRole;
  status: ColumnType<OrgInvitationStatus, OrgInvitationStatus | undefined, OrgInvitationStatus>;
  invited_by: string;
  decided_by: string | null;
  created_at: Timestamp;
  decided_at: Date | null;
}
export type OrgInvitationRow = Selectable<OrgInvitationsTable>;

export interface Database {
  sessions: SessionsTable;
  org_invitations: OrgInvitationsTable;
}
// Joint review (联合评审), migration 0005.
export type OrgLinkRelation = 'parent' | 'subsidiary' | 'holding';
export type ReviewStage = 'preliminary' | 'final';
export type ReviewTaskRole = 'enterprise' | 'expert';
export type ReviewTaskStatus = 'pending' | 'accepted' | 'conflict' | 'submitted' | 'removed';

export interface ExpertsTable {
  user_id: string;
  fields: ColumnType<string[], string[] | undefined, string[]>;
  track_ids: ColumnType<string[], string[] | undefined, string[]>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ExpertAffiliationsTable {
  id: Generated<string>;
  user_id: string;
  org_id: string | null;
  org_name: string;
  relation: string;
  from_date: ColumnType<string, string, string>;
  to_date: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface OrgLinksTable {
  id: Generated<string>;
  org_id: string;
  linked_org_id: string;
  relation: OrgLinkRelation;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface DemandReviewersTable {
  demand_id: string;
  user_id: string;
  added_by: string | null;
  created_at: Timestamp;
}

export interface ReviewSettingsTable {
  edition_id: string;
  indicator_weights: ColumnType<Record<string, number>, string, string>;
  rank_by: ColumnType<'raw' | 'normalised', 'raw' | 'normalised' | undefined, 'raw' | 'normalised'>;
  outlier_margin: ColumnType<number, number | undefined, number>;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface ReviewRoundsTable {
  id: Generated<string>;
  edition_id: string;
  stage: ReviewStage;
  status: ColumnType<'open' | 'closed', 'open' | 'closed' | undefined, 'open' | 'closed'>;
  experts_per_project: number | null;
  max_per_expert: number | null;
  last_run: ColumnType<unknown, string | null | undefined, string | null>;
  snapshot: ColumnType<unknown, string | null | undefined, string | null>;
  snapshot_hash: string | null;
  created_by: string;
  created_at: Timestamp;
  closed_by: string | null;
  closed_at: Date | null;
}

export interface ReviewRoundProjectsTable {
  round_id: string;
  project_id: string;
  version: number;
  added_at: Timestamp;
}

export interface ReviewConflictsTable {
  id: Generated<string>;
  round_id: string;
  reviewer_id: string;
  project_id: string;
  source: string;
  evidence_key: string;
  evidence: ColumnType<Record<string, unknown>, string, string>;
  status: ColumnType<'active' | 'dismissed', 'active' | 'dismissed' | undefined, 'active' | 'dismissed'>;
  stale: ColumnType<boolean, boolean | undefined, boolean>;
  dismissed_by: string | null;
  dismissed_reason: string | null;
  dismissed_at: Date | null;
  created_at: Timestamp;
}

export interface ReviewAssignmentsTable {
  id: Generated<string>;
  round_id: string;
  item_id: string;
  expert_id: string;
  fit: ColumnType<number, number | undefined, number>;
  source: 'solver' | 'manual';
  created_by: string | null;
  created_at: Timestamp;
}

export interface ReviewTasksTable {
  id: Generated<string>;
  round_id: string;
  project_id: string;
  reviewer_id: string;
  role: ReviewTaskRole;
  status: ColumnType<ReviewTaskStatus, ReviewTaskStatus | undefined, ReviewTaskStatus>;
  declared_at: Date | null;
  declaration_note: string | null;
  scores: ColumnType<Record<string, number>, string | undefined, string>;
  comment: ColumnType<string, string | undefined, string>;
  total: number | null;
  submitted_at: Date | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type ReviewRoundRow = Selectable<ReviewRoundsTable>;
export type ReviewTaskRow = Selectable<ReviewTasksTable>;
export type ReviewConflictRow = Selectable<ReviewConflictsTable>;
// Chat (issue 12): channels, messages, revisions, read positions, Q&A questions.
export type ChatChannelKind = 'qa' | 'private' | 'announcement';
export type ChatSenderSide = 'enterprise' | 'team' | 'committee' | 'system';
export interface ChatAttachment {
  fileName: string;
  mimeType: string;
  size: number;
  sha256: string;
}

export interface ChatChannelsTable {
  id: Generated<string>;
  kind: ChatChannelKind;
  edition_id: string;
  demand_id: string | null;
  team_id: string | null;
  last_seq: ColumnType<number, number | undefined, number>;
  last_message_at: Date | null;
  created_at: Timestamp;
}

export interface ChatQuestionsTable {
  id: Generated<string>;
  demand_id: string;
  team_id: string;
  asked_by: string;
  text: string;
  answer: string | null;
  answered_by: string | null;
  answered_at: Date | null;
  to_all: ColumnType<boolean, boolean | undefined, boolean>;
  published_by: string | null;
  published_at: Date | null;
  created_at: Timestamp;
}

export interface ChatMessagesTable {
  id: Generated<string>;
  channel_id: string;
  seq: number;
  sender_id: string | null;
  sender_side: ChatSenderSide;
  client_id: string;
  text: string;
  question_id: string | null;
  attachment: ColumnType<ChatAttachment | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  edited_at: Date | null;
  deleted_at: Date | null;
  hidden_at: Date | null;
  hidden_by: string | null;
  hidden_reason: string | null;
}

export interface ChatMessageRevisionsTable {
  id: Generated<number>;
  message_id: string;
  action: 'edit' | 'delete';
  previous_text: string;
  actor_id: string;
  at: Timestamp;
}

export interface ChatReadsTable {
  channel_id: string;
  user_id: string;
  last_read_seq: number;
  read_at: Timestamp;
}

export type ChatChannelRow = Selectable<ChatChannelsTable>;
export type ChatMessageRow = Selectable<ChatMessagesTable>;
export type ChatQuestionRow = Selectable<ChatQuestionsTable>;
// After the contest (issue 15, migration 0013): implementations, plans, milestones, evidence, reviews, change requests, expert opinions.
export type ImplementationSource = 'award' | 'fair_signing';
export type ImplementationStatus = 'draft' | 'agreed' | 'in_progress' | 'accepted' | 'closed';
export type MilestoneStatus = 'pending' | 'submitted' | 'accepted' | 'returned';
export type ChangeRequestStatus = 'pending' | 'accepted' | 'declined' | 'withdrawn';
export type ImplementationSide = 'enterprise' | 'team';
export type TargetComparator = 'gte' | 'lte' | 'eq';
export interface CriterionTarget {
  metric: string;
  comparator: TargetComparator;
  value: number;
  unit: string;
}
/** One acceptance criterion of a milestone: `ref` is its index in the sub-topic's acceptanceCriteria (null: an added one). */
export interface MilestoneCriterion {
  ref: number | null;
  text: string;
  target: CriterionTarget | null;
}
/** A milestone as a plan version keeps it. */
export interface PlannedMilestone {
  seq: number;
  title: string;
  deliverables: string;
  dueDate: string;
  budgetShare: number;
  criteria: MilestoneCriterion[];
}
export interface SubmittedFigure {
  criterion: number;
  value: number;
  met: boolean | null;
}
type Numeric = ColumnType<string, number | string, number | string>;
type Json<T> = ColumnType<T, string, string>;

export interface TrackingSettingsTable {
  edition_id: string;
  review_days: ColumnType<number, number | undefined, number>;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface ImplementationsTable {
  id: Generated<string>;
  edition_id: string;
  demand_id: string;
  team_id: string;
  project_id: string | null;
  enterprise_org_id: string;
  source: ImplementationSource;
  source_id: string;
  title: string;
  budget_wan: Numeric;
  budget_note: ColumnType<string, string | undefined, string>;
  status: ColumnType<ImplementationStatus, ImplementationStatus | undefined, ImplementationStatus>;
  plan_version: ColumnType<number, number | undefined, number>;
  agreed_at: Date | null;
  accepted_at: Date | null;
  accepted_by: string | null;
  acceptance_note: string | null;
  closed_at: Date | null;
  publish_consent_enterprise: ColumnType<boolean, boolean | undefined, boolean>;
  publish_consent_team: ColumnType<boolean, boolean | undefined, boolean>;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ImplementationPlansTable {
  implementation_id: string;
  version: number;
  budget_wan: Numeric;
  milestones: Json<PlannedMilestone[]>;
  change_request_id: string | null;
  created_by: string;
  created_at: Timestamp;
  agreed_by_enterprise_at: Date | null;
  agreed_by_enterprise: string | null;
  agreed_by_team_at: Date | null;
  agreed_by_team: string | null;
}

export interface MilestonesTable {
  id: Generated<string>;
  implementation_id: string;
  seq: number;
  title: string;
  deliverables: string;
  due_date: ColumnType<string, string, string>;
  budget_share: Numeric;
  criteria: ColumnType<MilestoneCriterion[], string | undefined, string>;
  status: ColumnType<MilestoneStatus, MilestoneStatus | undefined, MilestoneStatus>;
  submitted_at: Date | null;
  review_due_at: Date | null;
  accepted_at: Date | null;
  accepted_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MilestoneEvidenceTable {
  id: Generated<string>;
  milestone_id: string;
  file_name: string;
  mime_type: string;
  size: ColumnType<number, number, number>;
  sha256: string;
  uploaded_by: string;
  uploaded_at: Timestamp;
  removed_at: Date | null;
}

export interface MilestoneSubmissionsTable {
  id: Generated<string>;
  milestone_id: string;
  round: number;
  note: ColumnType<string, string | undefined, string>;
  figures: ColumnType<SubmittedFigure[], string | undefined, string>;
  evidence_ids: ColumnType<string[], string[] | undefined, string[]>;
  submitted_by: string;
  submitted_at: Timestamp;
}

export interface MilestoneReviewsTable {
  id: Generated<string>;
  milestone_id: string;
  submission_id: string;
  decision: 'accepted' | 'returned';
  reason: ColumnType<string, string | undefined, string>;
  reviewed_by: string;
  reviewed_at: Timestamp;
  overdue: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface ChangeRequestsTable {
  id: Generated<string>;
  implementation_id: string;
  base_version: number;
  proposed: Json<{ budgetWan: number; budgetNote: string; milestones: PlannedMilestone[] }>;
  reason: string;
  status: ColumnType<ChangeRequestStatus, ChangeRequestStatus | undefined, ChangeRequestStatus>;
  proposed_by: string;
  proposed_side: ImplementationSide;
  enterprise_accepted_at: Date | null;
  enterprise_accepted_by: string | null;
  team_accepted_at: Date | null;
  team_accepted_by: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  decline_reason: string | null;
  result_version: number | null;
  created_at: Timestamp;
}

export interface ExpertOpinionsTable {
  id: Generated<string>;
  implementation_id: string;
  milestone_id: string | null;
  expert_id: string;
  question: string;
  requested_by: string;
  requested_at: Timestamp;
  opinion: string | null;
  recommendation: 'accept' | 'return' | 'neutral' | null;
  answered_at: Date | null;
}

export interface Database {
  tracking_settings: TrackingSettingsTable;
  implementations: ImplementationsTable;
  implementation_plans: ImplementationPlansTable;
  milestones: MilestonesTable;
  milestone_evidence: MilestoneEvidenceTable;
  milestone_submissions: MilestoneSubmissionsTable;
  milestone_reviews: MilestoneReviewsTable;
  change_requests: ChangeRequestsTable;
  expert_opinions: ExpertOpinionsTable;
}
export type ImplementationRow = Selectable<ImplementationsTable>;
export type MilestoneRow = Selectable<MilestonesTable>;
export type ChangeRequestRow = Selectable<ChangeRequestsTable>;
export type ExpertOpinionRow = Selectable<ExpertOpinionsTable>;

// Effect tracking (issue 15, migration 0014): effect reports and public case summaries.
export interface SocialFigure {
  name: string;
  value: number;
  unit: string;
}
export interface EffectReportsTable {
  id: Generated<string>;
  implementation_id: string;
  period_months: number;
  cost_saved_wan: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  revenue_wan: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  efficiency_pct: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  economic_note: ColumnType<string, string | undefined, string>;
  social_figures: ColumnType<SocialFigure[], string | undefined, string>;
  social_note: string;
  due_at: ColumnType<Date, Date | string, Date | string>;
  late: ColumnType<boolean, boolean | undefined, boolean>;
  submitted_by: string;
  submitted_at: Timestamp;
}
export interface CaseSummariesTable {
  implementation_id: string;
  summary: string;
  updated_by: string;
  updated_at: Timestamp;
}
export interface Database {
  effect_reports: EffectReportsTable;
  case_summaries: CaseSummariesTable;
}
export type EffectReportRow = Selectable<EffectReportsTable>;
// Results (issue 14): settings, advancement, finalists, verification evidence, decision log, awards (migration 0011).
export type AdvancementMode = 'total' | 'ratio';
export type AdvancementTieRule = 'include_ties' | 'tie_break';
export type AdvancementStatus = 'proposed' | 'confirmed';
export type FinalistPlaceKind = 'reserved' | 'regular';
export type FinalistSource = 'initial' | 'backfill';
export type FinalistStatus = 'pending' | 'passed' | 'failed' | 'withdrawn';
export type AwardLevel = 'first' | 'second' | 'third' | 'special';
export type AwardStatus = 'proposed' | 'approved' | 'revoked';
/** Shares of a track's teams in the final that receive each level (e.g. 0.1 / 0.2 / 0.3 / 0.1). */
export interface AwardRatios {
  first: number;
  second: number;
  third: number;
  special: number;
}

export interface ResultSettingsTable {
  edition_id: string;
  advancement_mode: ColumnType<AdvancementMode, AdvancementMode | undefined, AdvancementMode>;
  advancement_total: number | null;
  advancement_ratio: number | null;
  reserved_ratio: ColumnType<number, number | undefined, number>;
  tie_rule: ColumnType<AdvancementTieRule, AdvancementTieRule | undefined, AdvancementTieRule>;
  award_ratios: ColumnType<AwardRatios, string, string>;
  final_enterprise_weight: ColumnType<number, number | undefined, number>;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface AdvancementsTable {
  id: Generated<string>;
  edition_id: string;
  round_id: string;
  status: ColumnType<AdvancementStatus, AdvancementStatus | undefined, AdvancementStatus>;
  settings: ColumnType<unknown, string, string>;
  computation: ColumnType<unknown, string, string>;
  computation_hash: string;
  computed_by: string;
  computed_at: Timestamp;
  confirmed_by: string | null;
  confirmed_at: Date | null;
}

export interface FinalistsTable {
  id: Generated<string>;
  edition_id: string;
  advancement_id: string;
  project_id: string;
  team_id: string;
  track_id: string;
  demand_id: string | null;
  place_kind: FinalistPlaceKind;
  source: FinalistSource;
  status: ColumnType<FinalistStatus, FinalistStatus | undefined, FinalistStatus>;
  preliminary_rank: number;
  preliminary_score: number | null;
  replaces_finalist_id: string | null;
  verification_reason: string | null;
  verified_by: string | null;
  verified_at: Date | null;
  evidence_request: string | null;
  evidence_requested_by: string | null;
  evidence_requested_at: Date | null;
  created_at: Timestamp;
}

export interface FinalistEvidenceTable {
  id: Generated<string>;
  finalist_id: string;
  file_name: string;
  mime_type: string;
  size: number;
  sha256: string;
  note: ColumnType<string, string | undefined, string>;
  uploaded_by: string;
  uploaded_at: Timestamp;
}

/** Append-only: a trigger refuses UPDATE, DELETE and TRUNCATE. */
export interface DecisionLogTable {
  id: Generated<number>;
  edition_id: string;
  actor_id: string | null;
  at: Timestamp;
  action: string;
  subject_type: string;
  subject_id: string | null;
  data: ColumnType<unknown, string | undefined, never>;
  reason: string | null;
}

export interface AwardsTable {
  id: Generated<string>;
  edition_id: string;
  round_id: string | null;
  project_id: string;
  team_id: string;
  track_id: string;
  demand_id: string | null;
  level: AwardLevel;
  status: ColumnType<AwardStatus, AwardStatus | undefined, AwardStatus>;
  final_rank: number | null;
  final_score: number | null;
  priority_recommendation: ColumnType<boolean, boolean | undefined, boolean>;
  /** The level the proposal computed ('none' when the committee added the award by hand). */
  proposed_level: AwardLevel | 'none';
  adjusted_reason: string | null;
  adjusted_by: string | null;
  adjusted_at: Date | null;
  proposed_by: string;
  proposed_at: Timestamp;
  approved_by: string | null;
  approved_at: Date | null;
  revoked_by: string | null;
  revoked_at: Date | null;
  revoked_reason: string | null;
  report_id: string | null;
  replaces_award_id: string | null;
  freed_place: 'moved' | 'vacant' | null;
  freed_decided_by: string | null;
  freed_decided_at: Date | null;
}

export interface Database {
  result_settings: ResultSettingsTable;
  advancements: AdvancementsTable;
  finalists: FinalistsTable;
  finalist_evidence: FinalistEvidenceTable;
  decision_log: DecisionLogTable;
  awards: AwardsTable;
}
export type AdvancementRow = Selectable<AdvancementsTable>;
export type FinalistRow = Selectable<FinalistsTable>;
export type FinalistEvidenceRow = Selectable<FinalistEvidenceTable>;
export type DecisionLogRow = Selectable<DecisionLogTable>;
export type AwardRow = Selectable<AwardsTable>;
export type ResultSettingsRow = Selectable<ResultSettingsTable>;

// 公示与举报 (issue 14, second half), migration 0012.
export type ReportStatus = 'pending' | 'upheld' | 'rejected';
export type PlaceDecision = 'moved' | 'vacant';

export interface PublicityNoticesTable {
  edition_id: string;
  start_at: Date;
  end_at: Date;
  days: number;
  note: ColumnType<string, string | undefined, string>;
  opened_by: string;
  opened_at: Timestamp;
}

export interface PublicityReportsTable {
  id: Generated<string>;
  edition_id: string;
  award_id: string;
  reporter_id: string;
  real_name: string;
  phone: string;
  content: string;
  status: ColumnType<ReportStatus, ReportStatus | undefined, ReportStatus>;
  ruling: string | null;
  ruled_by: string | null;
  ruled_at: Date | null;
  place_decision: PlaceDecision | null;
  place_reason: string | null;
  place_project_id: string | null;
  place_decided_by: string | null;
  place_decided_at: Date | null;
  created_at: Timestamp;
}

export interface PublicityReportEvidenceTable {
  id: Generated<string>;
  report_id: string;
  file_name: string;
  mime_type: string;
  size: number;
  sha256: string;
  position: ColumnType<number, number | undefined, number>;
  created_at: Timestamp;
}

export interface Database {
  publicity_notices: PublicityNoticesTable;
  publicity_report_evidence: PublicityReportEvidenceTable;
  publicity_reports: PublicityReportsTable;
}
export type PublicityReportRow = Selectable<PublicityReportsTable>;
