/**
 * Names the shapes the web uses, so the OpenAPI document holds them once under
 * `components.schemas` and the generated web types can say
 * `components['schemas']['Demand']`. Registering here (not in each schema file)
 * keeps the schemas themselves plain zod.
 */
import { z } from 'zod';
import { errorBodySchema, errorCodeSchema } from './lib/http.ts';
import { membershipSchema, meSchema, platformRoleSchema, userSchema } from './modules/auth/auth.schemas.ts';
import {
  editionDetailSchema,
  editionSchema,
  phaseNameSchema,
  phaseWindowOut,
  rulesSchema,
  topicSchema,
  trackSchema,
} from './modules/catalog/catalog.schemas.ts';
import { accessModeSchema, contactSchema, demandEventSchema, demandSchema, demandStatusSchema } from './modules/demands/demands.schemas.ts';
import { flagsSchema, memberSchema, orgKindSchema, orgSchema } from './modules/orgs/orgs.schemas.ts';
import {
  complianceCheckSchema,
  materialCategoryEnum,
  materialSchema,
  projectSchema,
  projectSummarySchema,
  targetSchema,
  versionDetailSchema,
  versionSchema,
} from './modules/projects/projects.schemas.ts';
import { searchHitSchema, searchResponseSchema } from './modules/search/search.schemas.ts';
import {
  assignmentRunSchema,
  assignmentsSchema,
  conflictSchema as reviewConflictSchema,
  expertSchema,
  orgLinkSchema,
  resultsSchema as reviewResultsSchema,
  roundSchema as reviewRoundSchema,
  taskDetailSchema as reviewTaskDetailSchema,
  taskSchema as reviewTaskSchema,
} from './modules/reviews/reviews.schemas.ts';
import {
  channelDetailSchema,
  channelSchema,
  historySchema,
  messageSchema,
  publicAnswerSchema,
  questionSchema,
} from './modules/chat/chat.schemas.ts';
import {
  changeRequestSchema as implementationChangeRequestSchema,
  expertOpinionSchema,
  implementationDetailSchema,
  implementationSourceSchema,
  implementationStatusSchema,
  implementationSummarySchema,
  milestoneSchema,
  milestoneStatusSchema,
  planVersionSchema,
} from './modules/tracking/implementations.schemas.ts';
import {
  awardLevelSchema as publicAwardLevelSchema,
  awardStatusSchema as publicAwardStatusSchema,
  feedbackSchema,
  noticeSchema,
  placeDecisionSchema,
  publicityStateSchema,
  publicityViewSchema,
  publicWinnerSchema,
  reportSchema,
  reportStatusSchema,
} from './modules/publicity/publicity.schemas.ts';
import { trackingDashboardSchema } from './modules/tracking/dashboard.schemas.ts';
import { trackingConsoleSchema } from './modules/tracking/tracking-console.schemas.ts';
import { effectPeriodStatusSchema, effectReportSchema, effectReportsSchema } from './modules/tracking/effect-reports.schemas.ts';
import { caseConsentSchema, publicCaseSchema } from './modules/tracking/cases.schemas.ts';
import { invitationSchema, teamMemberSchema, teamOrgSchema, teamProjectSummarySchema, teamSchema } from './modules/teams/teams.schemas.ts';
import {
  advancementSchema,
  awardLevelSchema,
  awardSchema,
  awardsSchema,
  awardStatusSchema,
  decisionSchema,
  evidenceSchema,
  finalistSchema,
  finalistStatusSchema,
  myFinalistSchema,
  resultSettingsSchema,
} from './modules/results/results.schemas.ts';

const named: [z.ZodType, string][] = [
  [errorCodeSchema, 'ErrorCode'],
  [errorBodySchema, 'ErrorBody'],
  [platformRoleSchema, 'PlatformRole'],
  [membershipSchema, 'Membership'],
  [userSchema, 'User'],
  [meSchema, 'Me'],
  [phaseNameSchema, 'PhaseName'],
  [phaseWindowOut, 'PhaseWindow'],
  [rulesSchema, 'EditionRules'],
  [topicSchema, 'Topic'],
  [trackSchema, 'Track'],
  [editionSchema, 'Edition'],
  [editionDetailSchema, 'EditionDetail'],
  [orgKindSchema, 'OrgKind'],
  [flagsSchema, 'OrgFlags'],
  [memberSchema, 'OrgMember'],
  [orgSchema, 'Org'],
  [accessModeSchema, 'AccessMode'],
  [demandStatusSchema, 'DemandStatus'],
  [contactSchema, 'DemandContact'],
  [demandSchema, 'Demand'],
  [demandEventSchema, 'DemandEvent'],
  [materialCategoryEnum, 'MaterialCategory'],
  [targetSchema, 'ProjectTarget'],
  [materialSchema, 'Material'],
  [projectSummarySchema, 'ProjectSummary'],
  [projectSchema, 'Project'],
  [versionSchema, 'ProjectVersion'],
  [versionDetailSchema, 'ProjectVersionDetail'],
  [complianceCheckSchema, 'ComplianceCheck'],
  [teamOrgSchema, 'TeamOrg'],
  [teamMemberSchema, 'TeamMember'],
  [invitationSchema, 'Invitation'],
  [teamProjectSummarySchema, 'TeamProject'],
  [teamSchema, 'Team'],
  [searchHitSchema, 'SearchHit'],
  [searchResponseSchema, 'SearchResponse'],
  [expertSchema, 'Expert'],
  [orgLinkSchema, 'OrgLink'],
  [reviewRoundSchema, 'ReviewRound'],
  [reviewConflictSchema, 'ReviewConflict'],
  [reviewTaskSchema, 'ReviewTask'],
  [reviewTaskDetailSchema, 'ReviewTaskDetail'],
  [assignmentRunSchema, 'AssignmentRun'],
  [assignmentsSchema, 'Assignments'],
  [reviewResultsSchema, 'ReviewResults'],
  // chat (issue 12)
  [messageSchema, 'ChatMessage'],
  [channelSchema, 'ChatChannel'],
  [channelDetailSchema, 'ChatChannelDetail'],
  [historySchema, 'ChatHistory'],
  [questionSchema, 'ChatQuestion'],
  [publicAnswerSchema, 'ChatPublicAnswer'],
  // results (issue 14)
  [resultSettingsSchema, 'ResultSettings'],
  [advancementSchema, 'Advancement'],
  [finalistStatusSchema, 'FinalistStatus'],
  [evidenceSchema, 'FinalistEvidence'],
  [finalistSchema, 'Finalist'],
  [myFinalistSchema, 'MyFinalist'],
  [decisionSchema, 'Decision'],
  [awardLevelSchema, 'AwardLevel'],
  [awardStatusSchema, 'AwardStatus'],
  [awardSchema, 'Award'],
  [awardsSchema, 'Awards'],
  // 落地实施 (issue 15)
  [implementationSourceSchema, 'ImplementationSource'],
  [implementationStatusSchema, 'ImplementationStatus'],
  [milestoneStatusSchema, 'MilestoneStatus'],
  [planVersionSchema, 'ImplementationPlanVersion'],
  [milestoneSchema, 'Milestone'],
  [implementationChangeRequestSchema, 'ImplementationChangeRequest'],
  [expertOpinionSchema, 'ExpertOpinion'],
  [implementationSummarySchema, 'ImplementationSummary'],
  [implementationDetailSchema, 'ImplementationDetail'],
  // publicity, reports, feedback (issue 14, second half)
  [publicAwardLevelSchema, 'PublicAwardLevel'],
  [publicAwardStatusSchema, 'PublicAwardStatus'],
  [publicityStateSchema, 'PublicityState'],
  [reportStatusSchema, 'ReportStatus'],
  [placeDecisionSchema, 'PlaceDecision'],
  [noticeSchema, 'PublicityNotice'],
  [publicWinnerSchema, 'PublicWinner'],
  [publicityViewSchema, 'PublicityView'],
  [reportSchema, 'PublicityReport'],
  [feedbackSchema, 'TeamFeedback'],
  // effect tracking (issue 15)
  [trackingDashboardSchema, 'TrackingDashboard'],
  [trackingConsoleSchema, 'TrackingConsole'],
  [effectPeriodStatusSchema, 'EffectPeriodStatus'],
  [effectReportSchema, 'EffectReport'],
  [effectReportsSchema, 'EffectReports'],
  [caseConsentSchema, 'CaseStatus'],
  [publicCaseSchema, 'PublicCase'],
];

for (const [schema, id] of named) {
  if (!z.globalRegistry.has(schema)) z.globalRegistry.add(schema, { id });
}
