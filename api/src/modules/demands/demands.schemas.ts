import { z } from 'zod';
import { INT32_MAX } from '../../lib/http.ts';

export const accessModeSchema = z.enum(['download', 'api', 'sandbox', 'onsite']);
export const demandStatusSchema = z.enum(['draft', 'pending_review', 'published', 'rejected', 'closed', 'disqualified', 'withdrawn']);

export const accessModeLabels: Record<z.infer<typeof accessModeSchema>, string> = {
  download: '下载',
  api: '接口调用',
  sandbox: '沙箱（可用不可见）',
  onsite: '现场查阅',
};

/** Plain messages: an empty field says "请填写…", a short one how long it must be. */
const text = (min: number, max: number, what: string) => {
  const filled = z
    .string(`请填写${what}`)
    .trim()
    .min(1, { message: `请填写${what}`, abort: true });
  return (min > 1 ? filled.min(min, `${what}至少 ${min} 个字`) : filled).max(max, `${what}最多 ${max} 个字`);
};

const isoDate = z.iso.date('请选择日期（格式 YYYY-MM-DD）');

/** One data item as the enterprise writes it; openedAt/evidence are set only through "mark opened". */
export const dataItemInput = z.object({
  name: text(2, 100, '数据名称'),
  description: text(2, 2000, '数据说明'),
  fields: z
    .array(z.string().trim().min(1, '字段名不能为空').max(100, '字段名最多 100 个字'))
    .min(1, '至少列出一个字段')
    .max(200, '最多列出 200 个字段'),
  volume: text(1, 200, '数据规模'),
  accessMode: z.enum(accessModeSchema.options, '请选择访问方式'),
  availableFrom: isoDate,
});

export const contactSchema = z.object({
  name: text(1, 30, '联系人'),
  phone: z
    .string('请填写联系电话')
    .trim()
    .min(1, { message: '请填写联系电话', abort: true })
    .regex(/^[0-9+\-() ]{6,20}$/, '请输入有效的联系电话（6–20 位数字，可含 +、-、括号）'),
  email: z.string('请填写电子邮箱').trim().min(1, { message: '请填写电子邮箱', abort: true }).pipe(z.email('请输入有效的邮箱地址')),
});

/** Every field of a demand, each validated when present. */
export const demandFields = {
  title: text(4, 100, '需求标题'),
  businessNeed: text(20, 5000, '业务需求'),
  techGoals: text(10, 3000, '技术目标'),
  acceptanceCriteria: z
    .array(text(2, 500, '验收标准'))
    .min(1, '至少填写一条验收标准')
    .max(20, '最多 20 条验收标准'),
  budgetCny: z.number('请填写项目预算').int('预算须为整数元').positive('预算须大于 0').max(10_000_000_000, '预算不能超过 100 亿元'),
  region: text(2, 50, '实施地区'),
  contact: contactSchema,
  bidDeadline: z.iso.datetime({ offset: true, message: '请选择揭榜截止日期（ISO 8601 时间，例如 2025-07-31T23:59:59+08:00）' }),
  dataScope: z.array(dataItemInput).min(1, '至少填写一项开放数据').max(20, '最多 20 项开放数据'),
};

export const completeDemandSchema = z.object(demandFields);

/** Drafts may be incomplete: everything but the title is optional until submission. */
const optionalFields = {
  businessNeed: demandFields.businessNeed.optional(),
  techGoals: demandFields.techGoals.optional(),
  acceptanceCriteria: demandFields.acceptanceCriteria.optional(),
  budgetCny: demandFields.budgetCny.optional(),
  region: demandFields.region.optional(),
  contact: demandFields.contact.optional(),
  bidDeadline: demandFields.bidDeadline.optional(),
  dataScope: demandFields.dataScope.optional(),
};

/**
 * submit: true saves and sends for review in one step, or writes nothing: a failed
 * submit answers INCOMPLETE_DEMAND with every issue (format, missing, dates) at once.
 */
const submitFlag = z.boolean().optional();

export const createDemandBody = z.object({
  orgId: z.uuid('请选择发布单位'),
  topicId: z.uuid('请选择所属赛题'),
  title: demandFields.title,
  ...optionalFields,
  submit: submitFlag,
});

export const updateDemandBody = z.object({
  version: z.number().int().min(1).max(INT32_MAX, '版本号超出范围'),
  title: demandFields.title.optional(),
  ...optionalFields,
  submit: submitFlag,
});

export const reviewBody = z
  .object({
    decision: z.enum(['approve', 'reject']),
    reason: z.string().trim().max(2000).optional(),
    /** The version the reviewer read; a newer one gets VERSION_CONFLICT so nobody approves text they did not see. */
    version: z.number().int().min(1).max(INT32_MAX, '版本号超出范围').optional(),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'reject' && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: '退回时必须填写原因' });
  });

export const reasonBody = z.object({ reason: text(2, 2000, '原因') });
export const optionalReasonBody = z.object({ reason: z.string().trim().max(2000).optional() });

export const markOpenedBody = z.object({ evidence: text(2, 2000, '开放证明') });

export const markOpenedParams = z.object({ id: z.uuid(), itemIndex: z.coerce.number().int().min(0).max(19) });

export const listDemandsQuery = z.object({
  edition: z.uuid().optional(),
  track: z.uuid().optional(),
  topic: z.uuid().optional(),
  status: demandStatusSchema.optional(),
  org: z.uuid().optional(),
  mine: z.enum(['1', 'true']).optional(),
  /** public=1: only what the public sees, as the public sees it, whoever asks (the 需求榜单). */
  public: z.enum(['1', 'true']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

const dataItemOut = z.object({
  name: z.string(),
  description: z.string(),
  fields: z.array(z.string()),
  volume: z.string(),
  accessMode: accessModeSchema,
  availableFrom: z.string(),
  openedAt: z.string().nullable(),
  evidence: z.string().nullable(),
  overdue: z.boolean(),
});

export const demandSchema = z.object({
  id: z.uuid(),
  /** Workflow status for the owner, committee and supervisor; the public status for everyone else. */
  status: demandStatusSchema,
  publicStatus: demandStatusSchema.nullable(),
  version: z.number(),
  org: z.object({ id: z.uuid(), name: z.string() }),
  edition: z.object({ id: z.uuid(), name: z.string() }),
  track: z.object({ id: z.uuid(), name: z.string(), fullName: z.string() }),
  topic: z.object({ id: z.uuid(), title: z.string() }),
  title: z.string(),
  businessNeed: z.string().nullable(),
  techGoals: z.string().nullable(),
  acceptanceCriteria: z.array(z.string()),
  budgetCny: z.number().nullable(),
  region: z.string().nullable(),
  /** Only for signed-in users. */
  contact: contactSchema.nullable().optional(),
  bidDeadline: z.string().nullable(),
  dataScope: z.array(dataItemOut),
  dataOverdue: z.boolean(),
  publishedAt: z.string().nullable(),
  /** Owner/committee: when it was last sent to review. */
  submittedAt: z.string().nullable().optional(),
  publishedVersion: z.number().nullable(),
  reviewReason: z.string().nullable().optional(),
  disqualifiedReason: z.string().nullable(),
  bidCount: z.number(),
  followerCount: z.number().optional(),
  following: z.boolean().optional(),
  /** Owner/committee: fields changed since the approved version, with both values. */
  changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const demandListResponse = z.object({ items: z.array(demandSchema), total: z.number() });

export const demandEventSchema = z.object({
  id: z.number(),
  action: z.string(),
  fromStatus: demandStatusSchema.nullable(),
  toStatus: demandStatusSchema,
  version: z.number(),
  reason: z.string().nullable(),
  actor: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  at: z.string(),
});
