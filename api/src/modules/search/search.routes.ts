import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { SearchEngine } from '@jb/search';
import type { DB } from '../../db/database.ts';
import { errorResponses } from '../../lib/http.ts';
import { searchQuerySchema, searchResponseSchema } from './search.schemas.ts';
import * as service from './search.service.ts';

/** Public search over published and closed demands (the sync worker keeps the index current). */
export const searchRoutes: FastifyPluginAsyncZod<{ db: DB; engine: SearchEngine }> = async (app, { db, engine }) => {
  app.get(
    '/search/demands',
    {
      schema: {
        tags: ['search'],
        summary: '搜索需求子赛题（中文分词、筛选、分面统计、排序、分页）',
        querystring: searchQuerySchema,
        response: { 200: searchResponseSchema, ...errorResponses(400, 503) },
      },
    },
    async (request) => {
      return service.searchDemands(db, engine, request.query, request.log);
    },
  );
};
