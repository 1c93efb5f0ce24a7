import { z } from 'zod';

const sides = {
  implementationId: z.uuid(),
  title: z.string(),
  enterpriseName: z.string(),
  teamName: z.string(),
};

export const overdueMilestoneSchema = z.object({
  ...sides,
  milestoneId: z.uuid(),
  seq: z.number().int(),
  milestoneTitle: z.string(),
  dueDate: z.string(),
  milestoneStatus: z.string(),
  daysOverdue: z.number().int(),
});

export const overdueReviewSchema = z.object({
  ...sides,
  milestoneId: z.uuid(),
  seq: z.number().int(),
  milestoneTitle: z.string(),
  submittedAt: z.string().nullable(),
  reviewDueAt: z.string(),
  daysOverdue: z.number().int(),
});

export const outstandingReportSchema = z.object({
  ...sides,
  acceptedAt: z.string(),
  period: z.number().int(),
  dueDate: z.string(),
  status: z.enum(['due', 'late']),
  daysLate: z.number().int(),
});

/** 追踪台: what the committee must chase in one edition. */
export const trackingConsoleSchema = z.object({
  editionId: z.uuid(),
  editionName: z.string(),
  asOf: z.string(),
  /** Days the enterprise has to review a submitted milestone (the committee's setting). */
  reviewDays: z.number().int(),
  graceDays: z.number().int(),
  implementations: z.object({ total: z.number().int(), byStatus: z.record(z.string(), z.number().int()) }),
  overdueMilestones: z.array(overdueMilestoneSchema),
  overdueReviews: z.array(overdueReviewSchema),
  lateReports: z.array(outstandingReportSchema),
  dueReports: z.array(outstandingReportSchema),
});

/** 企业验收期限: days the enterprise has to review a submitted milestone (applies to later submissions). */
export const trackingSettingsBody = z.object({
  reviewDays: z
    .number({ message: '请填写验收期限（天）' })
    .int('验收期限须为整数天')
    .min(1, '验收期限至少 1 天')
    .max(90, '验收期限最多 90 天'),
});
export const trackingSettingsSchema = z.object({ editionId: z.uuid(), reviewDays: z.number().int() });
