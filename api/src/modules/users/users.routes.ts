import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DB } from '../../db/database.ts';
import { hasRole } from '../../lib/guards.ts';
import { errorResponses, idParams } from '../../lib/http.ts';
import { platformRoleSchema, userSchema } from '../auth/auth.schemas.ts';
import * as service from './users.service.ts';

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
      return service.listUsers(db, request.query);
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
      return service.setRoles(db, await request.requireUser(), request.params.id, request.body.roles);
    },
  );
};
