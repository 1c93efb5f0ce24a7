import type { DB } from '../../db/database.ts';
import type { UserRow } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { listMembershipsOfUser } from '../orgs/orgs.repository.ts';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords.ts';
import * as users from './users.repository.ts';
import { weakPasswordProblem } from './password-policy.ts';
import { revokeSessions } from './sessions.repository.ts';
import { announceRevoked } from './sessions.ts';
import { recordAudit } from '../../lib/audit.ts';
import { insertNotifications } from '../notifications/notifications.repository.ts';
import { claimOrgInvitations } from '../orgs/org-invitations.service.ts';

export interface LoginLimits {
  /** Failed attempts per account and IP within the window before each further attempt must wait. */
  perAccountMax: number;
  windowSeconds: number;
  /** The first wait after `perAccountMax` failures; it doubles with each further failure, up to the window. */
  delayBaseSeconds?: number;
}

const invalidCredentials = () => new AppError('INVALID_CREDENTIALS', '邮箱或密码不正确');

/**
 * Unknown email and wrong password get the same answer and take about the same time.
 * Failures are counted per account and IP: after `perAccountMax` of them, that IP
 * must wait a growing delay before trying that account again. Others — the owner
 * from their own address — are not locked out.
 */
export async function authenticate(db: DB, input: { email: string; password: string; ip: string }, limits: LoginLimits): Promise<UserRow> {
  const recent = await users.recentLoginFailures(db, input.email, input.ip, limits.windowSeconds);
  const wait = loginDelaySeconds(recent.count, limits);
  if (wait > 0 && recent.last) {
    const remaining = Math.ceil(wait - (Date.now() - recent.last.getTime()) / 1000);
    if (remaining > 0) {
      throw new AppError('RATE_LIMITED', `该账号登录失败次数过多，请 ${formatWait(remaining)}后再试`, { retryAfterSeconds: remaining });
    }
  }
  const user = await users.findUserByEmail(db, input.email);
  const ok = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), input.password);
  if (!user || !ok) {
    await users.recordLoginFailure(db, input.email, input.ip);
    throw invalidCredentials();
  }
  await users.clearLoginFailures(db, input.email, input.ip);
  return user;
}

/** Seconds to wait after `failures` recent failures: 0 below the limit, then base·2^k, capped at the window. */
export function loginDelaySeconds(failures: number, limits: LoginLimits): number {
  if (failures < limits.perAccountMax) return 0;
  const base = limits.delayBaseSeconds ?? 15;
  return Math.min(limits.windowSeconds, base * 2 ** Math.min(failures - limits.perAccountMax, 20));
}

const formatWait = (seconds: number) => (seconds < 60 ? `${seconds} 秒` : `${Math.ceil(seconds / 60)} 分钟`);

export const weakPassword = (message: string, field = 'password') =>
  new AppError('VALIDATION_FAILED', message, { issues: [{ path: `body.${field}`, message }] });

export const REGISTERED_MESSAGE = '注册申请已受理，请使用该邮箱和密码登录';

/**
 * Creates the account, or — when the email already has one — tells its owner by a
 * notification. Either way the caller gets the same answer, so registration never
 * reveals whether an email has an account.
 */
export async function registerUser(db: DB, input: { email: string; password: string; displayName: string }): Promise<UserRow | null> {
  const problem = weakPasswordProblem(input.password, input);
  if (problem) throw weakPassword(problem);
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const created = await users.insertUser(trx, { email: input.email, password_hash: passwordHash, display_name: input.displayName });
    if (created) {
      await claimOrgInvitations(trx, created);
      return created;
    }
    const owner = await users.findUserByEmail(trx, input.email);
    if (owner) {
      await insertNotifications(trx, [owner.id], {
        kind: 'account.registration_attempt',
        title: '有人尝试用您的邮箱注册新账号',
        body: '您的账号未受影响。如果是您本人，请直接登录；忘记密码请联系组委会秘书处。如果不是您本人，可以忽略此通知。',
        link: '/account',
      });
    }
    return null;
  });
}

/** Changes the password and revokes every session of the user (the caller opens a new one). */
export async function changePassword(db: DB, user: UserRow, input: { currentPassword: string; newPassword: string }) {
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw new AppError('WRONG_PASSWORD', '当前密码不正确', { field: 'currentPassword' });
  }
  const problem = weakPasswordProblem(input.newPassword, { email: user.email, displayName: user.display_name });
  if (problem) throw weakPassword(problem, 'newPassword');
  const passwordHash = await hashPassword(input.newPassword);
  const revoked = await db.transaction().execute(async (trx) => {
    await users.updateUserPassword(trx, user.id, passwordHash);
    await recordAudit(trx, { actorId: user.id, action: 'user.password_changed', entityType: 'user', entityId: user.id });
    return revokeSessions(trx, user.id, 'password_changed');
  });
  announceRevoked({ userId: user.id, sessionIds: revoked, reason: 'password_changed' });
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
