import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DB } from '../../db/database.ts';
import { AppError, notFound } from '../../errors.ts';
import { recordAudit } from '../../lib/audit.ts';
import { hasRole } from '../../lib/guards.ts';
import { errorResponses, idParams } from '../../lib/http.ts';
import { platformRoleSchema, userSchema } from '../auth/auth.schemas.ts';
import { toUserDto } from '../auth/auth.service.ts';
import * as users from '../auth/users.repository.ts';

const listQuery = z.object({
  q: z.string().trim().max(100).optional(),
  role: platformRoleSchema.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

/** Platform roles (committee, supervisor, expert) are granted only by a committee user. */
export const userRoutes: FastifyPluginAsyncZod<{ db: DB }> = async (app, { db }) => {
  app.get(
    '/users',
    {
      onRequest: hasRole('committee', 'supervisor'),
      schema: {
        tags: ['users'],
        summary: '用户列表（组委会、监督委员会）',
        querystring: listQuery,
        response: { 200: z.object({ items: z.array(userSchema), total: z.number() }), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { q, role, page, pageSize } = request.query;
      const { rows, total } = await users.listUsers(db, { q, role, limit: pageSize, offset: (page - 1) * pageSize });
      return { items: rows.map(toUserDto), total };
    },
  );

  app.put(
    '/users/:id/roles',
    {
      onRequest: hasRole('committee'),
      schema: {
        tags: ['users'],
        summary: '设置平台角色（仅组委会）',
        params: idParams,
        body: z.object({ roles: z.array(platformRoleSchema).max(3) }),
        response: { 200: userSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const actor = await request.requireUser();
      const roles = [...new Set(request.body.roles)];
      if (request.params.id === actor.id && !roles.includes('committee')) {
        // Keeps at least the acting committee member able to administer the platform.
        throw new AppError('FORBIDDEN', '不能移除自己的组委会角色');
      }
      return db.transaction().execute(async (trx) => {
        const before = await users.findUserById(trx, request.params.id);
        if (!before) throw notFound('用户');
        const updated = await users.updateUserRoles(trx, request.params.id, roles);
        await recordAudit(trx, {
          actorId: actor.id,
          action: 'user.roles_changed',
          entityType: 'user',
          entityId: before.id,
          data: { from: before.roles, to: roles },
        });
        return toUserDto(updated!);
      });
    },
  );
};
