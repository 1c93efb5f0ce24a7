import { z } from 'zod';

/** zod schemas of the review routes (requests and the main responses). */

/** A date (YYYY-MM-DD); a full ISO date-time is accepted and cut to its date. */
const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T.*)?$/, '日期格式应为 YYYY-MM-DD')
  .transform((s) => s.slice(0, 10));

export const stageSchema = z.enum(['preliminary', 'final']);
export const openRoundBody = z.object({ stage: stageSchema.default('preliminary') });
export const roundParams = z.object({ id: z.uuid('编号格式不正确') });
export const conflictParams = z.object({ id: z.uuid('编号格式不正确'), conflictId: z.uuid('编号格式不正确') });
export const assignmentParams = z.object({ id: z.uuid('编号格式不正确'), assignmentId: z.uuid('编号格式不正确') });
export const taskMaterialParams = z.object({ id: z.uuid('编号格式不正确'), materialId: z.uuid('编号格式不正确') });
export const userParams = z.object({ userId: z.uuid('编号格式不正确') });

export const dismissBody = z.object({ reason: z.string().trim().min(2, '排除利益相关须填写理由').max(500) });
export const reopenBody = z.object({ reason: z.string().trim().min(2, '重新开启须填写理由').max(500) });

export const runAssignmentBody = z.object({
  expertsPerProject: z.number().int().min(1).max(15).default(3),
  maxPerExpert: z.number().int().min(1).max(100000),
});

export const addAssignmentBody = z
  .object({
    itemId: z
      .string()
      .regex(/^(demand|project):[0-9a-f-]{36}$/, '评审对象格式应为 demand:<编号> 或 project:<编号>')
      .optional(),
    demandId: z.uuid().optional(),
    projectId: z.uuid().optional(),
    expertId: z.uuid('编号格式不正确'),
  })
  .refine((b) => [b.itemId, b.demandId, b.projectId].filter(Boolean).length === 1, {
    message: '须且只能指定一个评审对象（itemId、demandId 或 projectId）',
  });

export const declarationBody = z.object({ conflict: z.boolean(), note: z.string().trim().max(500).optional() });

export const scoreBody = z.object({
  scores: z.record(z.string().min(1).max(40), z.number().min(0, '评分不能低于 0').max(100, '评分不能高于 100')),
  comment: z.string().max(2000).optional(),
});

export const tasksQuery = z.object({ mine: z.enum(['1', 'true']).optional() });
export const resultsQuery = z.object({ trackId: z.uuid().optional() });

export const affiliationSchema = z
  .object({
    orgId: z.uuid().optional(),
    orgName: z.string().trim().min(2).max(100).optional(),
    relation: z.string().trim().min(1).max(20),
    from: date,
    to: date.nullable().default(null),
  })
  .refine((a) => !!a.orgId !== !!a.orgName, { message: '须指定单位（orgId）或单位名称（orgName）之一' });

export const createExpertBody = z.object({
  userId: z.uuid('编号格式不正确'),
  fields: z.array(z.string().trim().min(1).max(40)).max(30).default([]),
  trackIds: z.array(z.uuid()).max(50).default([]),
  affiliations: z.array(affiliationSchema).max(50).default([]),
});
export const updateExpertBody = z.object({
  fields: z.array(z.string().trim().min(1).max(40)).max(30).optional(),
  trackIds: z.array(z.uuid()).max(50).optional(),
  affiliations: z.array(affiliationSchema).max(50).optional(),
});

export const orgLinkBody = z.object({
  orgId: z.uuid('编号格式不正确'),
  linkedOrgId: z.uuid('编号格式不正确'),
  relation: z.enum(['parent', 'subsidiary', 'holding']),
  note: z.string().trim().max(200).optional(),
});
export const orgLinksQuery = z.object({ orgId: z.uuid().optional() });

export const demandReviewersBody = z.object({ userIds: z.array(z.uuid()).min(1, '至少指定一名评审人').max(20) });

export const settingsBody = z.object({
  indicatorWeights: z.record(z.string(), z.number().min(0).max(100)).optional(),
  rankBy: z.enum(['raw', 'normalised']).optional(),
  outlierMargin: z.number().min(1).max(100).optional(),
});

// ---- responses (kept loose where the shape is wide; the important fields are named) ----

export const expertSchema = z.object({
  userId: z.string(),
  displayName: z.string(),
  email: z.string(),
  fields: z.array(z.string()),
  trackIds: z.array(z.string()),
  affiliations: z.array(
    z.object({
      id: z.string(),
      orgId: z.string().nullable(),
      orgName: z.string(),
      relation: z.string(),
      from: z.string(),
      to: z.string().nullable(),
    }),
  ),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const orgLinkSchema = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  linkedOrgId: z.string(),
  linkedOrgName: z.string(),
  relation: z.string(),
  relationLabel: z.string(),
  note: z.string().nullable(),
  createdAt: z.string(),
});

export const roundSchema = z.object({
  id: z.string(),
  editionId: z.string(),
  editionName: z.string(),
  stage: stageSchema,
  stageLabel: z.string(),
  status: z.enum(['open', 'closed']),
  phase: z.object({ name: z.string(), start: z.string(), end: z.string(), open: z.boolean() }),
  projectCount: z.number(),
  taskCount: z.number(),
  submittedCount: z.number(),
  conflictCount: z.number(),
  dismissedConflictCount: z.number(),
  expertsPerProject: z.number().nullable(),
  maxPerExpert: z.number().nullable(),
  snapshotHash: z.string().nullable(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
  panels: z.array(
    z.object({
      itemId: z.string(),
      kind: z.enum(['panel', 'project']),
      name: z.string(),
      trackName: z.string(),
      projects: z.number(),
      tasks: z.number(),
      submitted: z.number(),
      declaredConflicts: z.number(),
    }),
  ),
});

export const conflictSchema = z.object({
  id: z.string(),
  reviewerId: z.string(),
  reviewerName: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  source: z.string(),
  sourceLabel: z.string(),
  evidence: z.record(z.string(), z.unknown()),
  status: z.enum(['active', 'dismissed']),
  dismissedBy: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  dismissedReason: z.string().nullable(),
  dismissedAt: z.string().nullable(),
  createdAt: z.string(),
});

const criterionSchema = z.object({ key: z.string(), label: z.string(), share: z.number(), path: z.array(z.string()) });
export const taskSchema = z.object({
  id: z.string(),
  roundId: z.string(),
  stage: stageSchema,
  stageLabel: z.string(),
  roundStatus: z.enum(['open', 'closed']),
  editionId: z.string(),
  editionName: z.string(),
  role: z.enum(['enterprise', 'expert']),
  status: z.enum(['pending', 'accepted', 'conflict', 'submitted', 'removed']),
  statusLabel: z.string(),
  deadline: z.string(),
  declarationRequired: z.boolean(),
  declaredAt: z.string().nullable(),
  project: z.object({
    id: z.string(),
    name: z.string(),
    teamName: z.string(),
    trackId: z.string(),
    trackName: z.string(),
    topicTitle: z.string(),
    kind: z.enum(['subTopic', 'regular']),
    demandId: z.string().nullable(),
    demandTitle: z.string().nullable(),
    enterpriseName: z.string().nullable(),
  }),
  form: z.object({
    kind: z.enum(['demandFit', 'innovation', 'indicators']),
    title: z.string(),
    criteria: z.array(criterionSchema),
    weights: z.record(z.string(), z.number()).nullable(),
  }),
  scores: z.record(z.string(), z.number()),
  comment: z.string(),
  total: z.number().nullable(),
  submittedAt: z.string().nullable(),
  progress: z.object({ scored: z.number(), required: z.number() }),
});
export const taskDetailSchema = taskSchema.extend({
  acceptanceCriteria: z.array(z.string()).nullable(),
  version: z
    .object({
      number: z.number(),
      name: z.string(),
      sections: z.unknown(),
      materials: z.array(
        z
          .object({
            id: z.string(),
            category: z.string(),
            categoryLabel: z.string(),
            fileName: z.string(),
            mimeType: z.string(),
            size: z.number(),
            url: z.string(),
          })
          .loose(),
      ),
    })
    .nullable(),
});

const scoreLine = z.object({ reviewerId: z.string(), reviewerName: z.string(), score: z.number() });
export const resultItemSchema = z.object({
  projectId: z.string(),
  projectName: z.string(),
  teamName: z.string(),
  trackId: z.string(),
  trackName: z.string(),
  topicId: z.string(),
  topicTitle: z.string(),
  kind: z.enum(['subTopic', 'regular']),
  demandId: z.string().nullable(),
  demandTitle: z.string().nullable(),
  enterpriseName: z.string().nullable(),
  components: z.object({
    enterprise: z.number().nullable(),
    enterpriseScores: z.array(scoreLine),
    experts: z.array(scoreLine.extend({ normalised: z.number() })),
    expertMean: z.number().nullable(),
    expertNormalisedMean: z.number().nullable(),
  }),
  rawTotal: z.number().nullable(),
  normalisedTotal: z.number().nullable(),
  expected: z.number(),
  submitted: z.number(),
  missing: z.number(),
  rankInSubTopic: z.number().nullable(),
  rankInTrack: z.number().nullable(),
  ranks: z.object({
    raw: z.object({ subTopic: z.number().nullable(), track: z.number().nullable() }),
    normalised: z.object({ subTopic: z.number().nullable(), track: z.number().nullable() }),
  }),
});
export const resultsSchema = z.object({
  roundId: z.string(),
  stage: stageSchema,
  status: z.enum(['open', 'closed']),
  frozen: z.boolean(),
  snapshotHash: z.string().nullable(),
  rankBy: z.enum(['raw', 'normalised']),
  weights: z.object({ enterprise: z.number(), expert: z.number() }),
  indicatorWeights: z.record(z.string(), z.number()),
  outlierMargin: z.number(),
  tieBreakRule: z.string(),
  items: z.array(resultItemSchema),
  outliers: z.array(
    z.object({
      reviewerId: z.string(),
      reviewerName: z.string(),
      projectId: z.string(),
      projectName: z.string(),
      score: z.number(),
      panelMean: z.number(),
      diff: z.number(),
    }),
  ),
  progress: z.object({ expected: z.number(), submitted: z.number() }),
});

const problemSchema = z.object({
  itemId: z.string().optional(),
  trackId: z.string().optional(),
  expertId: z.string().optional(),
  message: z.string(),
});
const runSummary = {
  feasible: z.boolean(),
  problems: z.array(problemSchema),
  unassigned: z.array(z.object({ itemId: z.string(), itemName: z.string(), missing: z.number(), reason: z.string() })),
  loads: z.array(z.object({ expertId: z.string(), expertName: z.string(), load: z.number() })),
  totalFit: z.number(),
  optimal: z.boolean(),
  gap: z.number().nullable(),
  solver: z.string(),
  millis: z.number(),
  itemCount: z.number(),
  expertCount: z.number(),
  conflictCount: z.number(),
  expertsPerProject: z.number(),
  maxPerExpert: z.number(),
  ranAt: z.string(),
};
export const assignmentRunSchema = z.object({
  ...runSummary,
  assignments: z.array(z.object({ itemId: z.string(), expertId: z.string(), fit: z.number() })),
});
export const assignmentsSchema = z.object({
  roundId: z.string(),
  expertsPerProject: z.number().nullable(),
  maxPerExpert: z.number().nullable(),
  lastRun: z.object(runSummary).nullable(),
  items: z.array(
    z.object({
      itemId: z.string(),
      kind: z.enum(['panel', 'project']),
      name: z.string(),
      trackId: z.string(),
      trackName: z.string(),
      projectCount: z.number(),
      experts: z.array(
        z.object({
          assignmentId: z.string(),
          expertId: z.string(),
          expertName: z.string(),
          fit: z.number(),
          source: z.enum(['solver', 'manual']),
        }),
      ),
    }),
  ),
  loads: z.array(z.object({ expertId: z.string(), expertName: z.string(), load: z.number() })),
});
