import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { checkDatabase, type DB } from '../../db/database.ts';

const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  time: z.string(),
  uptimeSeconds: z.number(),
  database: z.object({ ok: z.boolean(), latencyMs: z.number(), error: z.string().optional() }),
});

export const healthRoutes: FastifyPluginAsyncZod<{ db: DB }> = async (app, { db }) => {
  app.get(
    '/health',
    { schema: { tags: ['health'], summary: '健康检查（数据库状态）', response: { 200: healthSchema, 503: healthSchema } } },
    async (_request, reply) => {
      const database = await checkDatabase(db);
      const body = {
        status: database.ok ? ('ok' as const) : ('degraded' as const),
        time: new Date().toISOString(),
        uptimeSeconds: Math.round(process.uptime()),
        database,
      };
      return reply.status(database.ok ? 200 : 503).send(body);
    },
  );
};
