import { z } from 'zod';

export const orgKindSchema = z.enum(['enterprise', 'institution', 'research', 'university', 'government']);

export const orgKindLabels: Record<z.infer<typeof orgKindSchema>, string> = {
  enterprise: '企业',
  institution: '事业单位',
  research: '科研院所',
  university: '高等院校',
  government: '政府部门',
};

export const createOrgBody = z.object({
  name: z.string().trim().min(2, '请填写单位全称').max(100, '单位名称最多 100 个字'),
  // Checked in the service so a bad check character gets its own code, INVALID_CREDIT_CODE.
  creditCode: z.string().trim().min(1, '请填写统一社会信用代码').max(40),
  kind: orgKindSchema,
  region: z.string().trim().min(2, '请填写所在地区').max(50),
});

export const addMemberBody = z.object({
  email: z.email('请输入有效的邮箱地址').transform((v) => v.trim().toLowerCase()),
  role: z.enum(['admin', 'member']).default('member'),
});

export const flagsBody = z
  .object({
    blacklisted: z.boolean(),
    blacklistReason: z.string().trim().max(500).nullish(),
    organizerAffiliated: z.boolean(),
  })
  .superRefine((v, ctx) => {
    if (v.blacklisted && !v.blacklistReason) {
      ctx.addIssue({ code: 'custom', path: ['blacklistReason'], message: '列入失信名单必须填写原因' });
    }
  });

export const memberSchema = z.object({
  userId: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  role: z.enum(['admin', 'member']),
  joinedAt: z.iso.datetime(),
});

export const flagsSchema = z.object({
  blacklisted: z.boolean(),
  blacklistReason: z.string().nullable(),
  organizerAffiliated: z.boolean(),
  updatedAt: z.iso.datetime().nullable(),
});

export const orgSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  creditCode: z.string(),
  kind: orgKindSchema,
  region: z.string(),
  createdAt: z.iso.datetime(),
  /** Only for the organisation's members, the committee and the supervisor. */
  members: z.array(memberSchema).optional(),
  /** Only for the committee and the supervisor. */
  flags: flagsSchema.optional(),
  myRole: z.enum(['admin', 'member']).nullable().optional(),
});

export const orgListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  kind: orgKindSchema.optional(),
  flagged: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  mine: z.enum(['1', 'true']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const orgListResponse = z.object({ items: z.array(orgSchema), total: z.number().int() });
