import { z } from 'zod';

/** Shapes of 公示 (publicity), 举报 (reports) and 反馈 (feedback to teams). */

export const awardLevelSchema = z.enum(['first', 'second', 'third', 'special']);
export const awardStatusSchema = z.enum(['proposed', 'approved', 'revoked']);
export const publicityStateSchema = z
  .enum(['scheduled', 'open', 'reviewing', 'final'])
  .describe('scheduled 未开始；open 公示中（可举报）；reviewing 公示期满、仍有举报待裁定或名额待决定；final 结果已最终确定');
export const reportStatusSchema = z.enum(['pending', 'upheld', 'rejected']);
export const placeDecisionSchema = z.enum(['moved', 'vacant']);

const instant = z.iso.datetime({ offset: true, message: '请使用 ISO 8601 时间，例如 2025-09-01T00:00:00+08:00' });

export const openPublicityBody = z.object({
  start: instant.optional().describe('公示开始时间（默认现在）；结束 = 开始 + 赛事规则的公示天数'),
  note: z.string().trim().max(2000, '说明最多 2000 个字').optional(),
});

export const noticeSchema = z.object({
  editionId: z.string(),
  editionName: z.string(),
  start: z.string(),
  end: z.string(),
  days: z.number().int(),
  note: z.string(),
  state: publicityStateSchema,
  reports: z.object({ pending: z.number().int(), undecided: z.number().int(), upheld: z.number().int() }),
});

export const publicWinnerSchema = z.object({
  awardId: z.string(),
  level: awardLevelSchema,
  status: awardStatusSchema,
  teamName: z.string(),
  leadOrgName: z.string(),
  projectName: z.string(),
  demandTitle: z.string().nullable(),
  enterpriseName: z.string().nullable(),
  priorityRecommendation: z.boolean(),
  revokedAt: z.string().nullable(),
  /** 递补: the award this one took the place of. */
  replacesAwardId: z.string().nullable(),
});

export const publicityViewSchema = z.object({
  notice: noticeSchema.nullable(),
  editionId: z.string(),
  editionName: z.string(),
  tracks: z.array(z.object({ trackId: z.string(), trackName: z.string(), winners: z.array(publicWinnerSchema) })),
});

export const publicityListSchema = z.object({ items: z.array(noticeSchema) });

// —— reports ——

export const REPORT_CONTENT_MIN = 10;
export const REPORT_CONTENT_MAX = 5000;
export const REPORT_MAX_FILES = 5;

/** The text fields of a report (multipart fields, validated after the upload is read). */
export const reportFields = z.object({
  realName: z.string('请填写真实姓名').trim().min(2, '请填写真实姓名（2–30 个字）').max(30, '请填写真实姓名（2–30 个字）'),
  phone: z
    .string('请填写联系电话')
    .trim()
    .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, '请填写有效的手机号或固定电话（如 13800000000、0311-85550000）'),
  content: z
    .string('请填写举报内容')
    .trim()
    .min(REPORT_CONTENT_MIN, `举报内容至少 ${REPORT_CONTENT_MIN} 个字，请写明事实与理由`)
    .max(REPORT_CONTENT_MAX, `举报内容最多 ${REPORT_CONTENT_MAX} 个字`),
});

export const evidenceSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  mimeType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
});

export const reportSchema = z.object({
  id: z.string(),
  editionId: z.string(),
  editionName: z.string(),
  awardId: z.string(),
  awardLevel: awardLevelSchema,
  awardStatus: awardStatusSchema,
  projectName: z.string(),
  teamName: z.string(),
  trackName: z.string(),
  /** Only the supervisor and the reporter see who reported; null for everyone else. */
  realName: z.string().nullable(),
  phone: z.string().nullable(),
  identityHidden: z.boolean(),
  content: z.string(),
  evidence: z.array(evidenceSchema),
  status: reportStatusSchema,
  ruling: z.string().nullable(),
  ruledAt: z.string().nullable(),
  ruledByName: z.string().nullable(),
  placeDecision: placeDecisionSchema.nullable(),
  placeReason: z.string().nullable(),
  placeProjectName: z.string().nullable(),
  placeDecidedAt: z.string().nullable(),
  createdAt: z.string(),
});

export const reportListSchema = z.object({ items: z.array(reportSchema) });

export const reportsQuery = z.object({
  editionId: z.uuid('编号格式不正确').optional(),
  status: reportStatusSchema.optional(),
});

export const rulingBody = z.object({
  decision: z.enum(['upheld', 'rejected'], '请选择裁定结果（举报成立 / 不成立）'),
  ruling: z.string('请填写书面裁定意见').trim().min(10, '书面裁定意见至少 10 个字').max(5000, '裁定意见最多 5000 个字'),
});

export const placeDecisionBody = z.object({
  moveToNext: z.boolean('请选择名额是否递补给下一名项目'),
  reason: z.string('请填写决定理由').trim().min(4, '请填写决定理由（至少 4 个字）').max(2000, '理由最多 2000 个字'),
});

export const reportParams = z.object({ id: z.uuid('编号格式不正确') });
export const evidenceParams = z.object({ id: z.uuid('编号格式不正确'), evidenceId: z.uuid('编号格式不正确') });

// —— feedback ——

export const feedbackSchema = z.object({
  teamId: z.string(),
  teamName: z.string(),
  editionId: z.string(),
  editionName: z.string(),
  publishedAt: z.string(),
  project: z
    .object({
      id: z.string(),
      name: z.string(),
      kind: z.enum(['subTopic', 'regular']),
      trackName: z.string(),
      topicTitle: z.string(),
      demandTitle: z.string().nullable(),
      complianceStatus: z.enum(['pending', 'eligible', 'ineligible']).nullable(),
    })
    .nullable(),
  rounds: z.array(
    z.object({
      stage: z.enum(['preliminary', 'final']),
      rankBy: z.enum(['raw', 'normalised']),
      total: z.number().nullable(),
      rawTotal: z.number().nullable(),
      normalisedTotal: z.number().nullable(),
      rankBand: z
        .object({ band: z.enum(['top10', 'top30', 'top50', 'rest']), label: z.string(), rankedInTrack: z.number().int() })
        .nullable(),
      roles: z.array(
        z.object({
          role: z.enum(['enterprise', 'expert']),
          reviewers: z.number().int(),
          average: z.number().nullable(),
          criteria: z.array(z.object({ key: z.string(), label: z.string(), path: z.array(z.string()), average: z.number().nullable() })),
        }),
      ),
      comments: z.array(z.object({ role: z.enum(['enterprise', 'expert']), text: z.string() })),
    }),
  ),
  advancement: z
    .object({
      advanced: z.boolean(),
      summary: z.string(),
      reasons: z.array(z.string()),
      award: z.object({ level: awardLevelSchema, status: awardStatusSchema, priorityRecommendation: z.boolean() }).nullable(),
    })
    .nullable(),
});

export const teamParams = z.object({ id: z.uuid('编号格式不正确') });
