import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DB } from '../../db/database.ts';
import { signedIn } from '../../lib/guards.ts';
import { errorResponses, idParams } from '../../lib/http.ts';
import * as service from './notifications.service.ts';

const notificationSchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  data: z.unknown(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});

/** In-app notifications (站内通知) of the signed-in user. */
export const notificationRoutes: FastifyPluginAsyncZod<{ db: DB }> = async (app, { db }) => {
  app.get(
    '/notifications',
    {
      onRequest: signedIn,
      schema: {
        tags: ['notifications'],
        summary: '我的站内通知',
        querystring: z.object({
          unread: z.enum(['1', 'true']).optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: {
          200: z.object({ items: z.array(notificationSchema), total: z.number(), unread: z.number() }),
          ...errorResponses(401),
        },
      },
    },
    async (request) => {
      return service.listNotifications(db, await request.requireUser(), request.query);
    },
  );

  app.post(
    '/notifications/:id/read',
    {
      onRequest: signedIn,
      schema: {
        tags: ['notifications'],
        summary: '标记为已读',
        params: idParams,
        response: { 204: z.null(), ...errorResponses(401, 404) },
      },
    },
    async (request, reply) => {
      await service.markRead(db, await request.requireUser(), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/notifications/read-all',
    {
      onRequest: signedIn,
      schema: {
        tags: ['notifications'],
        summary: '全部标记为已读',
        response: { 200: z.object({ marked: z.number() }), ...errorResponses(401) },
      },
    },
    async (request) => service.markAllRead(db, await request.requireUser()),
  );
};
