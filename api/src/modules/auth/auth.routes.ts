import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DB } from '../../db/database.ts';
import { errorResponses } from '../../lib/http.ts';
import { authenticate, describeMe, REGISTERED_MESSAGE, registerUser, type LoginLimits } from './auth.service.ts';
import { loginBody, meSchema, registerBody, registerResponse, sessionResponse } from './auth.schemas.ts';
import { revokeUserSessions } from './sessions.ts';

export interface AuthRouteOptions {
  db: DB;
  loginLimits: LoginLimits & { perIpPerMinute: number; registrationsPerIpPer10Minutes: number };
}

export const authRoutes: FastifyPluginAsyncZod<AuthRouteOptions> = async (app, { db, loginLimits }) => {
  app.post(
    '/auth/register',
    {
      config: { rateLimit: { max: loginLimits.registrationsPerIpPer10Minutes, timeWindow: '10 minutes' } },
      schema: {
        tags: ['auth'],
        summary: '注册账号（无论该邮箱是否已有账号，回答都相同；已有账号时通知其所有人。注册后请登录）',
        body: registerBody,
        response: { 202: registerResponse, ...errorResponses(400, 429) },
      },
    },
    async (request, reply) => {
      await registerUser(db, request.body);
      return reply.status(202).send({ message: REGISTERED_MESSAGE });
    },
  );

  app.post(
    '/auth/login',
    {
      config: { rateLimit: { max: loginLimits.perIpPerMinute, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: '登录（同时设置 httpOnly 会话 Cookie，并返回可用于 Authorization: Bearer 的令牌）',
        body: loginBody,
        response: { 200: sessionResponse, ...errorResponses(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const user = await authenticate(db, { ...request.body, ip: request.ip }, loginLimits);
      const token = await reply.startSession(user);
      return { user: await describeMe(db, user), token };
    },
  );

  app.post(
    '/auth/logout',
    { schema: { tags: ['auth'], summary: '退出登录（立即注销本会话，令牌随即失效）', response: { 204: z.null() } } },
    async (request, reply) => {
      const session = await request.currentSession();
      if (session) await revokeUserSessions(db, session.user_id, 'logout', { ids: [session.id] });
      reply.endSession();
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/session',
    {
      schema: {
        tags: ['auth'],
        summary: '当前会话：已登录返回用户，未登录返回 null（网页启动时使用，不产生 401）',
        response: { 200: z.object({ user: meSchema.nullable() }) },
      },
    },
    async (request) => {
      const user = await request.currentUser();
      return { user: user ? await describeMe(db, user) : null };
    },
  );

  app.get(
    '/me',
    { schema: { tags: ['auth'], summary: '当前用户及其所属组织', response: { 200: meSchema, ...errorResponses(401) } } },
    async (request) => describeMe(db, await request.requireUser()),
  );
};
