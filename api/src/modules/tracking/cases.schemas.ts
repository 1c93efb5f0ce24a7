import { z } from 'zod';
import { effectReportSchema } from './effect-reports.schemas.ts';

export const caseConsentBody = z.object({
  side: z.enum(['enterprise', 'team'], { message: '请说明代表哪一方：enterprise（需求企业）或 team（参赛团队）' }),
  consent: z.boolean({ message: '请说明是否同意公开' }),
  /** The public solution summary (the team writes it; required for its consent unless one is on file). */
  summary: z.string().trim().min(30, '方案简介至少 30 个字').max(2000, '方案简介最多 2000 个字').optional(),
});
export type CaseConsentBody = z.infer<typeof caseConsentBody>;

export const caseConsentSchema = z.object({
  implementationId: z.uuid(),
  accepted: z.boolean(),
  enterpriseConsent: z.boolean(),
  teamConsent: z.boolean(),
  summary: z.string().nullable(),
  published: z.boolean(),
  /** Which side the signed-in user acts for (null: an overseer reading). */
  mySide: z.enum(['enterprise', 'team']).nullable(),
});

export const casesQuery = z.object({ editionId: z.uuid('赛事编号格式不正确').optional() });

const publicEffectSchema = effectReportSchema.pick({
  period: true,
  costSavedWan: true,
  revenueWan: true,
  efficiencyPct: true,
  economicNote: true,
  socialFigures: true,
  socialNote: true,
  submittedAt: true,
});

/** 典型案例: what the public sees of an accepted implementation both sides agreed to publish. */
export const publicCaseSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  editionId: z.uuid(),
  editionName: z.string(),
  trackName: z.string(),
  demand: z.object({ id: z.uuid(), title: z.string(), businessNeed: z.string(), enterpriseName: z.string(), region: z.string() }),
  teamName: z.string(),
  summary: z.string(),
  budgetWan: z.number(),
  acceptedAt: z.string(),
  effects: z.array(publicEffectSchema),
});
export const publicCasesSchema = z.object({ items: z.array(publicCaseSchema) });
