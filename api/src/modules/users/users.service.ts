import type { DB } from '../../db/database.ts';
import type { PlatformRole, UserRow } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { recordAudit } from '../../lib/audit.ts';
import { toUserDto } from '../auth/auth.service.ts';
import * as users from '../auth/users.repository.ts';

export async function listUsers(db: DB, query: { q?: string; role?: PlatformRole; page: number; pageSize: number }) {
  const { rows, total } = await users.listUsers(db, {
    q: query.q,
    role: query.role,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return { items: rows.map(toUserDto), total };
}

/** Platform roles are granted only by the committee (route guard); one cannot drop one's own committee role. */
export async function setRoles(db: DB, actor: UserRow, userId: string, requested: PlatformRole[]) {
  const roles = [...new Set(requested)];
  if (userId === actor.id && !roles.includes('committee')) {
    // Keeps at least the acting committee member able to administer the platform.
    throw new AppError('FORBIDDEN', '不能移除自己的组委会角色');
  }
  return db.transaction().execute(async (trx) => {
    const before = await users.findUserById(trx, userId);
    if (!before) throw notFound('用户');
    const updated = await users.updateUserRoles(trx, userId, roles);
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'user.roles_changed',
      entityType: 'user',
      entityId: before.id,
      data: { from: before.roles, to: roles },
    });
    return toUserDto(updated!);
  });
}
