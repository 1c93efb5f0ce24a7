import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { DB } from '../../db/database.ts';
import { signedIn } from '../../lib/guards.ts';
import { errorResponses, idParams } from '../../lib/http.ts';
import { profileBody, profileSchema, recommendationsQuery, recommendationsSchema } from './fair.schemas.ts';
import * as profiles from './profiles.service.ts';
import { recommendForDemand, recommendForTeam } from './recommendations.service.ts';

/** 能力画像 and 智能推荐. */
export const matchingRoutes: FastifyPluginAsyncZod<{ db: DB }> = async (app, { db }) => {
  const tags = ['matching'];

  app.get(
    '/teams/:id/profile',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: '团队能力画像（未保存时由参赛项目申报书预填）；本团队、组委会、监督委员会及本届有子赛题的企业可见',
        params: idParams,
        response: { 200: profileSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => profiles.getProfile(db, await request.requireUser(), request.params.id),
  );

  app.put(
    '/teams/:id/profile',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: '保存团队能力画像（本团队参赛代表）',
        params: idParams,
        body: profileBody,
        response: { 200: profileSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => profiles.saveProfile(db, await request.requireUser(), request.params.id, request.body),
  );

  app.get(
    '/recommendations',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: '智能推荐：for=team&teamId= 为团队推荐子赛题和企业；for=demand&demandId= 为子赛题推荐团队（含未揭榜团队）；每条附匹配原因',
        querystring: recommendationsQuery,
        response: { 200: recommendationsSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const user = await request.requireUser();
      const q = request.query;
      return q.for === 'team' ? recommendForTeam(db, user, q.teamId!, q.limit) : recommendForDemand(db, user, q.demandId!, q.limit);
    },
  );
};
