import { z } from 'zod';

const wan = (label: string) =>
  z
    .number({ message: `${label}须为数字` })
    .min(0, `${label}不能为负数`)
    .max(1_000_000_000, `${label}过大`)
    .multipleOf(0.01, `${label}最多两位小数`)
    .nullable()
    .default(null);

export const effectPeriodSchema = z.union([z.literal(3), z.literal(6), z.literal(12)], { message: '报告期只能是 3、6 或 12 个月' });

export const socialFigureSchema = z.object({
  name: z.string().trim().min(1, '请填写指标名称').max(50, '指标名称最多 50 个字'),
  value: z.number({ message: '指标数值须为数字' }).min(-1_000_000_000).max(1_000_000_000),
  unit: z.string().trim().max(20, '单位最多 20 个字').default(''),
});

/** 成效报告: economic benefits in figures (at least one), social benefits in figures and words. */
export const effectReportBody = z
  .object({
    period: effectPeriodSchema,
    costSavedWan: wan('节约成本（万元）'),
    revenueWan: wan('新增收入（万元）'),
    efficiencyPct: z
      .number({ message: '效率提升须为数字' })
      .min(-100, '效率提升不能低于 -100%')
      .max(10_000, '效率提升过大')
      .multipleOf(0.01, '效率提升最多两位小数')
      .nullable()
      .default(null),
    economicNote: z.string().trim().max(2000, '经济效益说明最多 2000 个字').default(''),
    socialFigures: z.array(socialFigureSchema).max(10, '社会效益指标最多 10 项').default([]),
    socialNote: z.string().trim().min(10, '请用至少 10 个字说明社会效益').max(2000, '社会效益说明最多 2000 个字'),
  })
  .refine((b) => b.costSavedWan !== null || b.revenueWan !== null || b.efficiencyPct !== null, {
    message: '请至少填写一项经济效益数字（节约成本、新增收入或效率提升）',
    path: ['costSavedWan'],
  });
export type EffectReportBody = z.infer<typeof effectReportBody>;

export const effectReportSchema = z.object({
  id: z.uuid(),
  implementationId: z.uuid(),
  period: z.number().int(),
  costSavedWan: z.number().nullable(),
  revenueWan: z.number().nullable(),
  efficiencyPct: z.number().nullable(),
  economicNote: z.string(),
  socialFigures: z.array(z.object({ name: z.string(), value: z.number(), unit: z.string() })),
  socialNote: z.string(),
  dueAt: z.string(),
  late: z.boolean(),
  submittedBy: z.string(),
  submittedAt: z.string(),
});

export const effectPeriodStatusSchema = z.enum(['upcoming', 'due', 'late', 'submitted']);

export const effectPeriodStateSchema = z.object({
  period: z.number().int(),
  /** Beijing date (YYYY-MM-DD) from which the report can be filed. */
  dueDate: z.string(),
  dueAt: z.string(),
  lateAfter: z.string(),
  status: effectPeriodStatusSchema,
  daysLate: z.number().int(),
  report: effectReportSchema.nullable(),
});

export const effectReportsSchema = z.object({
  implementationId: z.uuid(),
  title: z.string(),
  status: z.string(),
  acceptedAt: z.string().nullable(),
  graceDays: z.number().int(),
  /** The signed-in user may file reports (a member of the enterprise). */
  canReport: z.boolean(),
  periods: z.array(effectPeriodStateSchema),
});
