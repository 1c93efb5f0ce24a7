import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { DB } from '../../db/database.ts';
import { signedIn } from '../../lib/guards.ts';
import { errorResponses, idParams } from '../../lib/http.ts';
import { caseConsentBody, caseConsentSchema, casesQuery, publicCaseSchema, publicCasesSchema } from './cases.schemas.ts';
import { getCaseConsent, getPublicCase, listPublicCases, setCaseConsent } from './cases.service.ts';

/** 典型案例: both sides' consent to publish, and the public bulletin. */
export const caseRoutes: FastifyPluginAsyncZod<{ db: DB; clock: () => Date }> = async (app, { db, clock }) => {
  const tags = ['tracking'];

  app.get(
    '/implementations/:id/case',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: '典型案例公开同意情况（双方、组委会、监督委员会）',
        params: idParams,
        response: { 200: caseConsentSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => getCaseConsent(db, await request.requireUser(), request.params.id),
  );

  app.put(
    '/implementations/:id/case-consent',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary:
          '同意/撤回公开为典型案例（需求企业或参赛团队各自表态；验收通过后才能同意；团队同意时须有面向公众的方案简介；任一方撤回即下架）',
        params: idParams,
        body: caseConsentBody,
        response: { 200: caseConsentSchema, ...errorResponses(400, 401, 403, 404, 'CASE_NOT_ACCEPTED') },
      },
    },
    async (request) => setCaseConsent(db, await request.requireUser(), request.params.id, request.body, clock()),
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
