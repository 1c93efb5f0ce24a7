import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DB } from '../../db/database.ts';
import { errorResponses } from '../../lib/http.ts';
import { authenticate, describeMe, registerUser, type LoginLimits } from './auth.service.ts';
import { loginBody, meSchema, registerBody, sessionResponse } from './auth.schemas.ts';

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
        summary: '注册账号',
        body: registerBody,
        response: { 201: sessionResponse, ...errorResponses(400, 409, 429) },
      },
    },
    async (request, reply) => {
      const user = await registerUser(db, request.body);
      const token = await reply.startSession(user);
      return reply.status(201).send({ user: await describeMe(db, user), token });
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
    { schema: { tags: ['auth'], summary: '退出登录', response: { 204: z.null() } } },
    async (_request, reply) => {
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
