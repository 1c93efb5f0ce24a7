import { z } from 'zod';
import { MAX_MILESTONES } from './implementations.rules.ts';

/** 落地实施 (issue 15): implementations, plans, milestones, change requests, expert opinions. */

export const implementationSourceSchema = z.enum(['award', 'fair_signing']);
export const implementationStatusSchema = z.enum(['draft', 'agreed', 'in_progress', 'accepted', 'closed']);
export const milestoneStatusSchema = z.enum(['pending', 'submitted', 'accepted', 'returned']);
export const changeRequestStatusSchema = z.enum(['pending', 'accepted', 'declined', 'withdrawn']);
export const implementationSideSchema = z.enum(['enterprise', 'team']);
export const comparatorSchema = z.enum(['gte', 'lte', 'eq']);
export const expertRecommendationSchema = z.enum(['accept', 'return', 'neutral']);

const wan = z.number('请填写金额（万元）').positive('金额须大于 0').max(100_000_000, '金额过大');
const text = (label: string, max: number) =>
  z.string(`请填写${label}`).trim().min(1, `请填写${label}`).max(max, `${label}最多 ${max} 个字`);

export const targetSchema = z.object({
  metric: text('指标名称', 40),
  comparator: comparatorSchema,
  value: z.number('目标值须为数字').finite(),
  unit: z.string().trim().max(10, '单位最多 10 个字').default(''),
});

export const criterionInputSchema = z.object({
  /** Index in the sub-topic's acceptanceCriteria; null for a criterion the two sides add. */
  ref: z.number().int().min(0).nullable(),
  text: z.string().trim().max(500, '验收标准最多 500 个字').optional(),
  target: targetSchema.nullable().default(null),
});

export const milestoneInputSchema = z.object({
  title: text('里程碑名称', 100),
  deliverables: text('交付物', 2000),
  dueDate: z.iso.date('请选择截止日期（格式 YYYY-MM-DD）'),
  budgetShare: z.number('请填写预算占比').positive('预算占比须大于 0').max(100, '预算占比不能超过 100%'),
  criteria: z.array(criterionInputSchema).max(30, '每个里程碑最多 30 条验收标准').default([]),
});

export const planBody = z.object({
  budgetWan: wan,
  budgetNote: z.string().trim().max(1000, '预算说明最多 1000 个字').default(''),
  milestones: z.array(milestoneInputSchema).min(1, '至少一个里程碑').max(MAX_MILESTONES, `最多 ${MAX_MILESTONES} 个里程碑`),
});

export const createImplementationBody = z.object({
  source: implementationSourceSchema,
  sourceId: z.uuid('来源编号格式不正确'),
  /** The sub-topic, when a fair meeting was not about one (it must be the enterprise's own). */
  demandId: z.uuid('子赛题编号格式不正确').optional(),
  title: z.string().trim().min(2, '名称至少 2 个字').max(100, '名称最多 100 个字').optional(),
  budgetWan: wan.optional(),
  budgetNote: z.string().trim().max(1000).optional(),
});

export const agreeBody = z.object({ digest: z.string().min(1, '缺少计划指纹').max(64) });
export const changeRequestBody = planBody.extend({ reason: text('变更理由', 1000) });
export const declineBody = z.object({ reason: text('拒绝理由', 1000) });
export const figuresSchema = z.array(z.object({ criterion: z.number().int().min(0), value: z.number('数值须为数字').finite() })).max(30);
export const submitBody = z.object({
  note: z.string().trim().max(2000, '说明最多 2000 个字').default(''),
  figures: figuresSchema.default([]),
});
export const reviewBody = z
  .object({ decision: z.enum(['accept', 'return']), reason: z.string().trim().max(2000, '理由最多 2000 个字').default('') })
  .refine((b) => b.decision === 'accept' || b.reason.length > 0, { message: '退回时须写明理由', path: ['reason'] });
export const finalAcceptanceBody = z.object({ note: z.string().trim().max(2000).default('') });
export const consentBody = z.object({ consent: z.boolean() });
export const opinionRequestBody = z.object({
  expertId: z.uuid('专家编号格式不正确'),
  milestoneId: z.uuid().nullable().default(null),
  question: text('咨询问题', 1000),
});
export const opinionBody = z.object({ opinion: text('专家意见', 4000), recommendation: expertRecommendationSchema });
export const listQuery = z.object({
  editionId: z.uuid().optional(),
  status: implementationStatusSchema.optional(),
});
export const evidenceParams = z.object({ id: z.uuid('编号格式不正确'), evidenceId: z.uuid('编号格式不正确') });

// --- responses

const ref = z.object({ id: z.uuid(), name: z.string() });
export const criterionSchema = z.object({
  ref: z.number().nullable(),
  text: z.string(),
  target: z.object({ metric: z.string(), comparator: comparatorSchema, value: z.number(), unit: z.string() }).nullable(),
});
export const plannedMilestoneSchema = z.object({
  seq: z.number(),
  title: z.string(),
  deliverables: z.string(),
  dueDate: z.string(),
  budgetShare: z.number(),
  criteria: z.array(criterionSchema),
});
export const planVersionSchema = z.object({
  version: z.number(),
  /** draft: not yet agreed by both sides (only version 1 is ever a draft). */
  state: z.enum(['draft', 'agreed']),
  digest: z.string(),
  budgetWan: z.number(),
  budgetNote: z.string(),
  milestones: z.array(plannedMilestoneSchema),
  changeRequestId: z.uuid().nullable(),
  createdAt: z.string(),
  agreedByEnterpriseAt: z.string().nullable(),
  agreedByTeamAt: z.string().nullable(),
});
export const evidenceSchema = z.object({
  id: z.uuid(),
  fileName: z.string(),
  mimeType: z.string(),
  size: z.number(),
  uploadedAt: z.string(),
  removed: z.boolean(),
});
export const submissionSchema = z.object({
  id: z.uuid(),
  round: z.number(),
  note: z.string(),
  figures: z.array(z.object({ criterion: z.number(), value: z.number(), met: z.boolean().nullable() })),
  evidenceIds: z.array(z.uuid()),
  submittedAt: z.string(),
  submittedBy: z.string(),
  review: z
    .object({
      decision: z.enum(['accepted', 'returned']),
      reason: z.string(),
      reviewedAt: z.string(),
      reviewer: z.string(),
      overdue: z.boolean(),
    })
    .nullable(),
});
export const milestoneSchema = plannedMilestoneSchema.extend({
  id: z.uuid(),
  status: milestoneStatusSchema,
  amountWan: z.number(),
  submittedAt: z.string().nullable(),
  reviewDueAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  /** Past its due date and not delivered (not submitted nor accepted). */
  overdue: z.boolean(),
  /** Submitted and the enterprise's review time has passed. */
  reviewOverdue: z.boolean(),
  evidence: z.array(evidenceSchema),
  submissions: z.array(submissionSchema),
});
export const changeRequestSchema = z.object({
  id: z.uuid(),
  implementationId: z.uuid(),
  baseVersion: z.number(),
  proposed: z.object({ budgetWan: z.number(), budgetNote: z.string(), milestones: z.array(plannedMilestoneSchema) }),
  reason: z.string(),
  status: changeRequestStatusSchema,
  proposedSide: implementationSideSchema,
  proposedBy: z.string(),
  enterpriseAcceptedAt: z.string().nullable(),
  teamAcceptedAt: z.string().nullable(),
  declineReason: z.string().nullable(),
  resultVersion: z.number().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
export const expertOpinionSchema = z.object({
  id: z.uuid(),
  implementationId: z.uuid(),
  implementationTitle: z.string(),
  milestoneId: z.uuid().nullable(),
  expert: ref,
  question: z.string(),
  requestedBy: z.string(),
  requestedAt: z.string(),
  opinion: z.string().nullable(),
  recommendation: expertRecommendationSchema.nullable(),
  answeredAt: z.string().nullable(),
});
export const implementationSummarySchema = z.object({
  id: z.uuid(),
  editionId: z.uuid(),
  title: z.string(),
  source: implementationSourceSchema,
  sourceId: z.uuid(),
  status: implementationStatusSchema,
  demand: ref,
  team: ref,
  enterprise: ref,
  budgetWan: z.number(),
  releasedWan: z.number(),
  planVersion: z.number(),
  milestoneCount: z.number(),
  acceptedCount: z.number(),
  createdAt: z.string(),
  agreedAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
});
export const implementationListSchema = z.object({ items: z.array(implementationSummarySchema) });
export const implementationDetailSchema = implementationSummarySchema.extend({
  projectId: z.uuid().nullable(),
  budgetNote: z.string(),
  demandCriteria: z.array(z.string()),
  demandBudgetWan: z.number(),
  reviewDays: z.number(),
  plan: planVersionSchema,
  milestones: z.array(milestoneSchema),
  changeRequests: z.array(changeRequestSchema),
  expertOpinions: z.array(expertOpinionSchema),
  /** The sub-topic × team private chat channel, where the implementation's events are posted. */
  channelId: z.uuid().nullable(),
  publishConsent: z.object({ enterprise: z.boolean(), team: z.boolean() }),
  acceptanceNote: z.string().nullable(),
  viewer: z.object({
    sides: z.array(implementationSideSchema),
    committee: z.boolean(),
    supervisor: z.boolean(),
    expert: z.boolean(),
  }),
});
export const sourceOptionSchema = z.object({
  source: implementationSourceSchema,
  sourceId: z.uuid(),
  editionId: z.uuid(),
  org: ref,
  team: ref,
  demand: ref.nullable(),
  amountWan: z.number().nullable(),
  label: z.string(),
  implementationId: z.uuid().nullable(),
});
export const sourceListSchema = z.object({ items: z.array(sourceOptionSchema) });
export const versionListSchema = z.object({ items: z.array(planVersionSchema) });
export const opinionListSchema = z.object({ items: z.array(expertOpinionSchema) });
export const expertCandidatesSchema = z.object({
  items: z.array(z.object({ id: z.uuid(), name: z.string(), fields: z.array(z.string()) })),
});
