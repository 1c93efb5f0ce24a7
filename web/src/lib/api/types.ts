/**
 * Names for the API's shapes, all taken from the generated `schema.d.ts`
 * (`npm run gen:api`): nothing here is written by hand, so a changed field in an
 * API schema fails the web's type check until the page follows.
 */
import type { components, paths } from './schema';

type S = components['schemas'];
type Get<P extends keyof paths> = paths[P] extends { get: { responses: { 200: { content: { 'application/json': infer T } } } } }
  ? T
  : never;
type Body<P extends keyof paths, M extends 'post' | 'put' | 'patch'> =
  paths[P] extends Record<M, { requestBody?: { content: { 'application/json': infer T } } }> ? T : never;

export type ErrorCode = S['ErrorCode'];
export type PlatformRole = S['PlatformRole'];
export type OrgKind = S['OrgKind'];
export type OrgRole = S['Membership']['role'];
export type Membership = S['Membership'];
export type User = S['User'];
export type Me = S['Me'];
export type PhaseWindow = S['PhaseWindow'];
export type PhaseName = S['PhaseName'];
export type EditionRules = S['EditionRules'];
export type Edition = S['Edition'];
export type Topic = S['Topic'];
export type Track = S['Track'];
export type EditionDetail = S['EditionDetail'];
export type OrgMember = S['OrgMember'];
export type OrgFlags = S['OrgFlags'];
export type Org = S['Org'];
export type OrgPage = Get<'/api/orgs'>;
export type UserPage = Get<'/api/users'>;

// Demand sub-topics (需求子赛题)
export type DemandStatus = S['DemandStatus'];
export type AccessMode = S['AccessMode'];
export type Demand = S['Demand'];
export type DemandPage = Get<'/api/demands'>;
export type DataItem = Demand['dataScope'][number];
export type DemandContact = S['DemandContact'];
export type DemandChange = NonNullable<Demand['changes']>[number];
/** The editable content, as sent to POST/PATCH /api/demands. */
export type DemandInput = Partial<Omit<Body<'/api/demands', 'post'>, 'orgId' | 'topicId'>>;
export type DataItemInput = NonNullable<DemandInput['dataScope']>[number];
/** The content fields of a demand (also the `changes[].field` values). */
export type DemandField = Exclude<keyof DemandInput, 'version' | 'submit'>;
export type DemandEvent = S['DemandEvent'];
export type ReviewQueue = Get<'/api/demands/review-queue'>;
export type NotificationPage = Get<'/api/notifications'>;
export type AppNotification = NotificationPage['items'][number];

// Teams and projects (揭榜)
export type TeamOrg = S['TeamOrg'];
export type TeamOrgRole = TeamOrg['role'];
export type TeamMember = S['TeamMember'];
export type TeamRole = TeamMember['role'];
export type Invitation = S['Invitation'];
export type InvitationStatus = Invitation['status'];
export type TeamProject = S['TeamProject'];
export type TeamProjectTarget = TeamProject['target'];
export type Team = S['Team'];
export type OrgLookup = Get<'/api/orgs/lookup'>;
export type ProjectSummary = S['ProjectSummary'];
/** A user as the API names them (inviter, submitter). */
export type ActorRef = ProjectVersion['submittedBy'] | string | null;
export type Project = S['Project'];
export type ProjectStatus = ProjectSummary['status'];
export type Compliance = NonNullable<ProjectSummary['compliance']>;
export type ComplianceStatus = Compliance['status'];
export type ProjectTarget = S['ProjectTarget'];
export type MaterialCategory = S['MaterialCategory'];
export type Material = S['Material'];
export type MaterialRules = Get<'/api/projects/material-rules'>;
export type ProjectSections = Project['sections'];
export type SectionKey = keyof ProjectSections;
export type MissingItem = Project['checklist']['missing'][number];
export type ProjectVersion = S['ProjectVersion'];
export type ProjectVersionDetail = S['ProjectVersionDetail'];
export type ComplianceCheck = S['ComplianceCheck'];
export type ComplianceQueuePage = Get<'/api/projects/compliance-queue'>;
export type ComplianceQueueItem = ComplianceQueuePage['items'][number];

// Search
export type SearchHit = S['SearchHit'];
export type SearchResponse = S['SearchResponse'];

// 公示、举报与反馈 (issue 14, second half)
export type PublicAwardLevel = S['PublicAwardLevel'];
export type PublicAwardStatus = S['PublicAwardStatus'];
export type PublicityState = S['PublicityNotice']['state'];
export type ReportStatus = S['ReportStatus'];
export type PlaceDecision = S['PlaceDecision'];
export type PublicityNotice = S['PublicityNotice'];
export type PublicWinner = S['PublicWinner'];
export type PublicityView = S['PublicityView'];
export type PublicityReport = S['PublicityReport'];
export type TeamFeedback = S['TeamFeedback'];
export type RulingBody = Body<'/api/publicity-reports/{id}/ruling', 'post'>;
