import { z } from 'zod';
import { effectReportSchema } from './effect-reports.schemas.ts';

/** The public solution summary of a 典型案例 (the team writes it). */
export const caseSummaryBody = z.object({
  summary: z.string().trim().min(30, '方案简介至少 30 个字').max(2000, '方案简介最多 2000 个字'),
});

export const caseConsentSchema = z.object({
  implementationId: z.uuid(),
  accepted: z.boolean(),
  enterpriseConsent: z.boolean(),
  teamConsent: z.boolean(),
  summary: z.string().nullable(),
  /** On the public bulletin: accepted, both sides agreed, a summary written. */
  published: z.boolean(),
  /** What still keeps it off the bulletin. */
  missing: z.array(z.enum(['acceptance', 'enterpriseConsent', 'teamConsent', 'summary'])),
  /** The sides the signed-in user acts for (empty: an overseer reading). */
  sides: z.array(z.enum(['enterprise', 'team'])),
  /** The signed-in user may write the summary (a representative of the team). */
  canEditSummary: z.boolean(),
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
