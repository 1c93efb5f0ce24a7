import { z } from 'zod';
import { phaseNames } from '../../db/schema.ts';

export const phaseLabels: Record<(typeof phaseNames)[number], string> = {
  registration: '报名',
  submission: '作品提交',
  compliance: '资格审查',
  preliminaryReview: '初赛评审',
  verification: '技术验证',
  final: '决赛路演',
  dockingFair: '供需对接会',
  publicity: '结果公示',
};

const instant = z.iso.datetime({ offset: true, message: '请使用 ISO 8601 时间，例如 2025-07-01T00:00:00+08:00' });

export const phaseWindowSchema = z
  .object({ start: instant, end: instant })
  .refine((w) => Date.parse(w.start) <= Date.parse(w.end), { message: '结束时间不能早于开始时间', path: ['end'] })
  .transform((w) => ({ start: new Date(w.start).toISOString(), end: new Date(w.end).toISOString() }));

export const phasesSchema = z.object(
  Object.fromEntries(phaseNames.map((name) => [name, phaseWindowSchema])) as Record<(typeof phaseNames)[number], typeof phaseWindowSchema>,
);

export const rulesSchema = z
  .object({
    maxTeamSize: z.number().int().min(1).max(20),
    reviewWeights: z.object({ enterprise: z.number().int().min(0).max(100), expert: z.number().int().min(0).max(100) }),
    publicityDays: z.number().int().min(1).max(60),
  })
  .refine((r) => r.reviewWeights.enterprise + r.reviewWeights.expert === 100, {
    message: '企业与专家评分权重之和必须为 100',
    path: ['reviewWeights'],
  });

export const defaultRules = { maxTeamSize: 5, reviewWeights: { enterprise: 80, expert: 20 }, publicityDays: 7 };

export const createEditionBody = z.object({
  slug: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, '标识只能包含小写字母、数字和连字符')
    .optional(),
  name: z.string().trim().min(2).max(100),
  year: z.number().int().min(2020).max(2100),
  region: z.string().trim().min(2).max(50),
  organizer: z.string().trim().max(200).nullish(),
  description: z.string().trim().max(2000).nullish(),
  phases: phasesSchema,
  rules: rulesSchema.default(defaultRules),
});

export const updateEditionBody = z.object({
  name: z.string().trim().min(2).max(100).optional(),
  year: z.number().int().min(2020).max(2100).optional(),
  region: z.string().trim().min(2).max(50).optional(),
  organizer: z.string().trim().max(200).nullish(),
  description: z.string().trim().max(2000).nullish(),
  /** Only the phases given are replaced. */
  phases: phasesSchema.partial().optional(),
  rules: rulesSchema.optional(),
});

export const createTrackBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,20}$/, '代码只能包含字母、数字、下划线和连字符')
    .optional(),
  name: z.string().trim().min(1).max(50),
  fullName: z.string().trim().min(1).max(100).optional(),
  description: z.string().trim().max(2000).nullish(),
  governmentAllowed: z.boolean().default(false),
  position: z.number().int().min(1).max(999).optional(),
});

export const updateTrackBody = z.object({
  name: z.string().trim().min(1).max(50).optional(),
  fullName: z.string().trim().min(1).max(100).optional(),
  description: z.string().trim().max(2000).nullish(),
  governmentAllowed: z.boolean().optional(),
  position: z.number().int().min(1).max(999).optional(),
});

export const createTopicBody = z.object({
  title: z.string().trim().min(2).max(200),
  description: z.string().trim().max(5000).default(''),
  position: z.number().int().min(1).max(999).optional(),
});

export const updateTopicBody = createTopicBody.partial().extend({ description: z.string().trim().max(5000).optional() });

export const topicSchema = z.object({
  id: z.uuid(),
  trackId: z.uuid(),
  position: z.number(),
  title: z.string(),
  description: z.string(),
  /** Published demand sub-topics under the topic (in an edition's detail). */
  publishedDemandCount: z.number().int().optional(),
});

export const trackSchema = z.object({
  id: z.uuid(),
  editionId: z.uuid(),
  code: z.string(),
  position: z.number(),
  name: z.string(),
  fullName: z.string(),
  description: z.string().nullable(),
  governmentAllowed: z.boolean(),
  topicCount: z.number().optional(),
  topics: z.array(topicSchema).optional(),
});

export const phaseNameSchema = z.enum(phaseNames);
export const phaseWindowOut = z.object({ start: z.string(), end: z.string() });

export const editionSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  year: z.number(),
  region: z.string(),
  organizer: z.string().nullable(),
  description: z.string().nullable(),
  phases: z.partialRecord(phaseNameSchema, phaseWindowOut),
  rules: z.object({
    maxTeamSize: z.number(),
    reviewWeights: z.object({ enterprise: z.number(), expert: z.number() }),
    publicityDays: z.number(),
  }),
  /** Phases whose window contains the current time. */
  currentPhases: z.array(z.string()),
  trackCount: z.number(),
  topicCount: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const editionDetailSchema = editionSchema.extend({ tracks: z.array(trackSchema) });
