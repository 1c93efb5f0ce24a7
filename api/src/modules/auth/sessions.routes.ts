import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DB } from '../../db/database.ts';
import { notFound } from '../../errors.ts';
import { recordAudit } from '../../lib/audit.ts';
import { hasRole, signedIn } from '../../lib/guards.ts';
import { errorResponses, idParams } from '../../lib/http.ts';
import { findUserById } from './users.repository.ts';
import { changePasswordBody, sessionInfoSchema, sessionResponse } from './auth.schemas.ts';
import { changePassword, describeMe } from './auth.service.ts';
import { listActiveSessions, revokeSessions } from './sessions.repository.ts';
import { announceRevoked, revokeUserSessions } from './sessions.ts';

/** A user's own sessions, the password change, and the committee's "sign out everywhere". */
export const sessionRoutes: FastifyPluginAsyncZod<{ db: DB }> = async (app, { db }) => {
  app.get(
    '/auth/sessions',
    {
      onRequest: signedIn,
      schema: {
        tags: ['auth'],
        summary: '我的有效会话（登录设备）',
        response: { 200: z.object({ items: z.array(sessionInfoSchema) }), ...errorResponses(401) },
      },
    },
    async (request) => {
      const user = await request.requireUser();
      const current = await request.currentSession();
      const rows = await listActiveSessions(db, user.id);
      return {
        items: rows.map((s) => ({
          id: s.id,
          createdAt: s.created_at.toISOString(),
          lastSeenAt: s.last_seen_at.toISOString(),
          expiresAt: s.expires_at.toISOString(),
          ip: s.ip,
          userAgent: s.user_agent,
          current: s.id === current?.id,
        })),
      };
    },
  );

  app.delete(
    '/auth/sessions/:id',
    {
      onRequest: signedIn,
      schema: {
        tags: ['auth'],
        summary: '注销我的某个会话（该设备随即退出登录）',
        params: idParams,
        response: { 204: z.null(), ...errorResponses(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const user = await request.requireUser();
      const revoked = await revokeUserSessions(db, user.id, 'revoked_by_user', { ids: [request.params.id] });
      if (!revoked.length) throw notFound('会话');
      const current = await request.currentSession();
      if (current?.id === request.params.id) reply.endSession();
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/password',
    {
      onRequest: signedIn,
      schema: {
        tags: ['auth'],
        summary: '修改密码（注销本人全部会话，并为本次请求开启新会话）',
        body: changePasswordBody,
        response: { 200: sessionResponse, ...errorResponses(400, 401) },
      },
    },
    async (request, reply) => {
      const user = await request.requireUser();
      await changePassword(db, user, request.body);
      const token = await reply.startSession(user);
      return { user: await describeMe(db, user), token };
    },
  );

  app.post(
    '/users/:id/sessions/revoke',
    {
      onRequest: hasRole('committee'),
      schema: {
        tags: ['users'],
        summary: '让某用户在所有设备上退出登录（仅组委会）',
        params: idParams,
        response: { 200: z.object({ revoked: z.number().int() }), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const actor = await request.requireRole('committee');
      const target = request.params.id;
      const revoked = await db.transaction().execute(async (trx) => {
        if (!(await findUserById(trx, target))) throw notFound('用户');
        const ids = await revokeSessions(trx, target, 'revoked_by_committee');
        await recordAudit(trx, {
          actorId: actor.id,
          action: 'user.sessions_revoked',
          entityType: 'user',
          entityId: target,
          data: { count: ids.length },
        });
        return ids;
      });
      announceRevoked({ userId: target, sessionIds: revoked, reason: 'revoked_by_committee' });
      return { revoked: revoked.length };
    },
  );
};
