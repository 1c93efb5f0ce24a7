import { z } from 'zod';

export const platformRoleSchema = z.enum(['committee', 'supervisor', 'expert']);

export const emailSchema = z
  .email('请输入有效的邮箱地址')
  .max(254)
  .transform((value) => value.trim().toLowerCase());

export const registerBody = z.object({
  email: emailSchema,
  password: z.string().min(8, '密码至少 8 位').max(200, '密码过长'),
  displayName: z.string().trim().min(1, '请填写姓名').max(50, '姓名最多 50 个字'),
});

export const loginBody = z.object({
  email: emailSchema,
  password: z.string().min(1, '请输入密码').max(200),
});

export const membershipSchema = z.object({
  orgId: z.uuid(),
  orgName: z.string(),
  orgKind: z.enum(['enterprise', 'institution', 'research', 'university', 'government']),
  role: z.enum(['admin', 'member']),
});

export const userSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  roles: z.array(platformRoleSchema),
  createdAt: z.iso.datetime(),
});

export const meSchema = userSchema.extend({ memberships: z.array(membershipSchema) });

export const sessionResponse = z.object({ user: meSchema, token: z.string() });
