import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { DB } from '../../db/database.ts';
import { signedIn } from '../../lib/guards.ts';
import { errorResponses, idParams } from '../../lib/http.ts';
import { effectReportBody, effectReportSchema, effectReportsSchema } from './effect-reports.schemas.ts';
import { fileEffectReport, getEffectReports } from './effect-reports.service.ts';

/** 成效报告: the enterprise reports the effect at 3, 6 and 12 months after 验收. */
export const effectReportRoutes: FastifyPluginAsyncZod<{ db: DB; clock: () => Date }> = async (app, { db, clock }) => {
  const tags = ['tracking'];

  app.get(
    '/implementations/:id/effect-reports',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: '成效报告（双方、组委会、监督委员会）：验收后 3、6、12 个月各一期的应报日期、状态（未到期/待填报/逾期/已提交）与内容',
        params: idParams,
        response: { 200: effectReportsSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => getEffectReports(db, await request.requireUser(), request.params.id, clock()),
  );

  app.post(
    '/implementations/:id/effect-reports',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary:
          '填报成效报告（需求企业）：经济效益（节约成本、新增收入万元，效率提升%）与社会效益（指标与文字）；每期一次，到期日起可报，逾期仍可补报并标记逾期',
        params: idParams,
        body: effectReportBody,
        response: {
          201: effectReportSchema,
          ...errorResponses(400, 401, 403, 404, 'EFFECT_REPORT_NOT_DUE', 'EFFECT_REPORT_EXISTS', 'CONFLICT'),
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await fileEffectReport(db, await request.requireUser(), request.params.id, request.body, clock())),
  );
};
