import type { DB } from '../../db/database.ts';
import type { UserRow } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { listMembershipsOfUser } from '../orgs/orgs.repository.ts';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords.ts';
import * as users from './users.repository.ts';

export interface LoginLimits {
  /** Failed attempts allowed per account within the window before logins are refused. */
  perAccountMax: number;
  windowSeconds: number;
}

export async function registerUser(
  db: DB,
  input: { email: string; password: string; displayName: string },
): Promise<UserRow> {
  const created = await users.insertUser(db, {
    email: input.email,
    password_hash: await hashPassword(input.password),
    display_name: input.displayName,
  });
  if (!created) throw new AppError('EMAIL_TAKEN', '该邮箱已注册', { field: 'email' });
  return created;
}

const invalidCredentials = () => new AppError('INVALID_CREDENTIALS', '邮箱或密码不正确');

/** Unknown email and wrong password get the same answer and take about the same time. */
export async function authenticate(
  db: DB,
  input: { email: string; password: string; ip: string },
  limits: LoginLimits,
): Promise<UserRow> {
  const failures = await users.countRecentLoginFailures(db, input.email, limits.windowSeconds);
  if (failures >= limits.perAccountMax) {
    throw new AppError('RATE_LIMITED', `该账号登录失败次数过多，请 ${Math.ceil(limits.windowSeconds / 60)} 分钟后再试`, {
      retryAfterSeconds: limits.windowSeconds,
    });
  }
  const user = await users.findUserByEmail(db, input.email);
  const ok = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), input.password);
  if (!user || !ok) {
    await users.recordLoginFailure(db, input.email, input.ip);
    throw invalidCredentials();
  }
  await users.clearLoginFailures(db, input.email);
  return user;
}

export function toUserDto(user: UserRow) {
  return {
    id: user.id,
    email: user.email,
    displayName: user.display_name,
    roles: user.roles,
    createdAt: user.created_at.toISOString(),
  };
}

export async function describeMe(db: DB, user: UserRow) {
  const memberships = await listMembershipsOfUser(db, user.id);
  return {
    ...toUserDto(user),
    memberships: memberships.map((m) => ({ orgId: m.org_id, orgName: m.name, orgKind: m.kind, role: m.role })),
  };
}
