import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { DB } from '../../db/database.ts';
import { signedIn } from '../../lib/guards.ts';
import { errorResponses, idParams } from '../../lib/http.ts';
import { caseConsentSchema, caseSummaryBody, casesQuery, publicCaseSchema, publicCasesSchema } from './cases.schemas.ts';
import { getCase, getPublicCase, listPublicCases, setCaseSummary } from './cases.service.ts';

/** 典型案例: both sides' consent to publish, and the public bulletin. */
export const caseRoutes: FastifyPluginAsyncZod<{ db: DB; clock: () => Date }> = async (app, { db, clock }) => {
  const tags = ['tracking'];

  app.get(
    '/implementations/:id/case',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary:
          '典型案例状态（双方、组委会、监督委员会）：双方是否同意公开（PUT /implementations/:id/publish-consent）、团队的方案简介、是否已在公开栏及还缺什么',
        params: idParams,
        response: { 200: caseConsentSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => getCase(db, await request.requireUser(), request.params.id),
  );

  app.put(
    '/implementations/:id/case-summary',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: '填写典型案例的方案简介（参赛团队）：面向公众的解决方案介绍；验收通过且双方同意公开后才会展示',
        params: idParams,
        body: caseSummaryBody,
        response: { 200: caseConsentSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => setCaseSummary(db, await request.requireUser(), request.params.id, request.body.summary, clock()),
  );

  app.get(
    '/cases',
    {
      schema: {
        tags,
        summary: '典型案例（公开）：双方同意公开的已验收落地项目，含子赛题、方案简介与成效数据',
        querystring: casesQuery,
        response: { 200: publicCasesSchema, ...errorResponses(400) },
      },
    },
    async (request) => ({ items: await listPublicCases(db, { editionId: request.query.editionId }) }),
  );

  app.get(
    '/cases/:id',
    {
      schema: {
        tags,
        summary: '典型案例详情（公开）',
        params: idParams,
        response: { 200: publicCaseSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => getPublicCase(db, request.params.id),
  );
};
