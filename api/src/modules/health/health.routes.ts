import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { outboxLag, type SearchEngine } from '@jb/search';
import type { DB } from '../../db/database.ts';

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
    {
      schema: {
        tags: ['health'],
        summary: '健康检查（数据库、搜索引擎与索引延迟；一次查询，可频繁轮询）',
        response: { 200: healthSchema, 503: healthSchema },
      },
    },
    async (_request, reply) => {
      // One query: reading the search lag also proves the database answers (the
      // PostgreSQL engine's own check reads a cached live-index name).
      const started = performance.now();
      const [lag, engineHealth] = await Promise.all([
        outboxLag(db).then(
          (value) => ({ value, error: undefined }),
          (error: Error) => ({ value: null, error: error.message }),
        ),
        engine.health(),
      ]);
      const latencyMs = Math.round((performance.now() - started) * 10) / 10;
      const database = lag.error ? { ok: false, latencyMs, error: lag.error } : { ok: true, latencyMs };
      const body = {
        status: database.ok && engineHealth.ok ? ('ok' as const) : ('degraded' as const),
        time: new Date().toISOString(),
        uptimeSeconds: Math.round(process.uptime()),
        database,
        search: {
          engine: engine.name,
          ...engineHealth,
          lagSeconds: lag.value?.oldestSeconds ?? null,
          pending: lag.value?.pending ?? null,
          failing: lag.value?.failing ?? null,
        },
      };
      return reply.status(database.ok ? 200 : 503).send(body);
    },
  );
};
