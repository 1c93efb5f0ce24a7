import { orgKindSchema } from '../orgs/orgs.schemas.ts';
import { z } from 'zod';

export const createTeamBody = z.object({
  editionId: z.uuid('赛事编号格式不正确'),
  // 团队名称需符合法律法规、公序良俗 — checked by the committee at compliance review.
  name: z.string().trim().min(2, '团队名称至少 2 个字').max(50, '团队名称最多 50 个字'),
  leadOrgId: z.uuid('单位编号格式不正确'),
});

export const renameTeamBody = createTeamBody.pick({ name: true });

export const addMemberBody = z.object({ email: z.email('请输入正确的邮箱地址').transform((e) => e.toLowerCase()) });
export const memberParams = z.object({ id: z.uuid('编号格式不正确'), userId: z.uuid('编号格式不正确') });
export const inviteBody = z.object({ orgId: z.uuid('单位编号格式不正确') });
export const listTeamsQuery = z.object({
  mine: z.enum(['1', 'true']).optional(),
  editionId: z.uuid().optional(),
});

const window = z.object({ start: z.string(), end: z.string() });

export const teamOrgSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: orgKindSchema,
  role: z.enum(['lead', 'co_applicant']),
  /** Committee flags: only the committee and the supervisor see them (as on organisation pages). */
  blacklisted: z.boolean().optional(),
  blacklistReason: z.string().nullable().optional(),
  organizerAffiliated: z.boolean().optional(),
  joinedAt: z.string(),
});

export const teamMemberSchema = z.object({
  userId: z.uuid(),
  displayName: z.string(),
  email: z.string(),
  orgId: z.uuid(),
  orgName: z.string(),
  role: z.enum(['leader', 'member']),
  joinedAt: z.string(),
});

export const invitationSchema = z.object({
  id: z.uuid(),
  teamId: z.uuid(),
  teamName: z.string(),
  editionId: z.uuid(),
  leadOrgName: z.string(),
  org: z.object({ id: z.uuid(), name: z.string() }),
  status: z.enum(['pending', 'accepted', 'declined']),
  invitedBy: z.object({ id: z.uuid(), displayName: z.string() }),
  createdAt: z.string(),
  respondedAt: z.string().nullable(),
});

export const teamProjectSummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  status: z.enum(['draft', 'submitted', 'withdrawn']),
  compliance: z.enum(['pending', 'eligible', 'ineligible']).nullable(),
  /** The committee's reason when the project was found ineligible. */
  complianceReason: z.string().nullable(),
  /** What the project competes for: a sub-topic (demand) or a topic; fixed once chosen. */
  target: z.object({ kind: z.enum(['topic', 'demand']), topicId: z.uuid(), demandId: z.uuid().nullable(), title: z.string() }),
});

export const teamSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  editionId: z.uuid(),
  edition: z.object({ id: z.uuid(), name: z.string() }),
  leadOrgId: z.uuid(),
  orgs: z.array(teamOrgSchema),
  members: z.array(teamMemberSchema),
  maxMembers: z.number(),
  invitations: z.array(invitationSchema),
  project: teamProjectSummarySchema.nullable(),
  registration: window,
  submission: window,
  rosterFrozen: z.boolean(),
  canManage: z.boolean(),
  isMember: z.boolean(),
  createdAt: z.string(),
});

export const orgLookupQuery = z.object({ creditCode: z.string().trim().min(1, '请输入统一社会信用代码') });
export const orgLookupResponse = z.object({ id: z.uuid(), name: z.string(), kind: orgKindSchema, region: z.string() });
