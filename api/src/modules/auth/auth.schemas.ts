import { z } from 'zod';

export const platformRoleSchema = z.enum(['committee', 'supervisor', 'expert']);

export const emailSchema = z
  .email('请输入有效的邮箱地址')
  .max(254)
  .transform((value) => value.trim().toLowerCase());

export const newPasswordSchema = z.string().min(8, '密码至少 8 位').max(200, '密码过长');

export const registerBody = z.object({
  email: emailSchema,
  password: newPasswordSchema,
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

/** Registration answers the same whether or not the email already has an account. */
export const registerResponse = z.object({ message: z.string() });

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1, '请输入当前密码').max(200),
  newPassword: newPasswordSchema,
});

export const sessionInfoSchema = z.object({
  id: z.uuid(),
  createdAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  ip: z.string(),
  userAgent: z.string(),
  /** The session this request is made with. */
  current: z.boolean(),
});
