import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { outboxLag, type SearchEngine } from '@jb/search';
import { checkDatabase, type DB } from '../../db/database.ts';

const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  time: z.string(),
  uptimeSeconds: z.number(),
  database: z.object({ ok: z.boolean(), latencyMs: z.number(), error: z.string().optional() }),
  search: z.object({
    engine: z.string(),
    ok: z.boolean(),
    error: z.string().optional(),
    /** Age in seconds of the oldest index update not yet applied (0 = up to date). */
    lagSeconds: z.number().nullable(),
    pending: z.number().nullable(),
    failing: z.number().nullable(),
  }),
});

export const healthRoutes: FastifyPluginAsyncZod<{ db: DB; engine: SearchEngine }> = async (app, { db, engine }) => {
  app.get(
    '/health',
    { schema: { tags: ['health'], summary: '健康检查（数据库、搜索引擎与索引延迟）', response: { 200: healthSchema, 503: healthSchema } } },
    async (_request, reply) => {
      const [database, engineHealth, lag] = await Promise.all([
        checkDatabase(db),
        engine.health(),
        outboxLag(db).catch(() => null),
      ]);
      const body = {
        status: database.ok && engineHealth.ok ? ('ok' as const) : ('degraded' as const),
        time: new Date().toISOString(),
        uptimeSeconds: Math.round(process.uptime()),
        database,
        search: {
          engine: engine.name,
          ...engineHealth,
          lagSeconds: lag?.oldestSeconds ?? null,
          pending: lag?.pending ?? null,
          failing: lag?.failing ?? null,
        },
      };
      return reply.status(database.ok ? 200 : 503).send(body);
    },
  );
};
