import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DB } from '../../db/database.ts';
import { hasRole } from '../../lib/guards.ts';
import { errorResponses, idParams } from '../../lib/http.ts';
import { trackingDashboardSchema } from './dashboard.schemas.ts';
import { getTrackingDashboard, trackingDashboardWorkbook } from './dashboard.service.ts';
import { trackingConsoleSchema, trackingSettingsBody, trackingSettingsSchema } from './tracking-console.schemas.ts';
import { getTrackingConsole, setReviewDays } from './tracking-console.service.ts';

const attachment = (name: string) => `attachment; filename="download"; filename*=UTF-8''${encodeURIComponent(name)}`;

/** 成效看板 and 追踪台 of an edition (committee, supervisor). */
export const trackingDashboardRoutes: FastifyPluginAsyncZod<{ db: DB; clock: () => Date }> = async (app, { db, clock }) => {
  const tags = ['tracking'];

  app.get(
    '/editions/:id/tracking/dashboard',
    {
      onRequest: hasRole('committee', 'supervisor'),
      schema: {
        tags,
        summary:
          '成效看板（组委会、监督委员会）：发布子赛题 → 揭榜 → 获奖 → 对接意向 → 签约 → 落地实施 → 验收通过，数量与金额（万元），按赛道、按地区（需求企业所在地）',
        params: idParams,
        response: { 200: trackingDashboardSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => getTrackingDashboard(db, await request.requireUser(), request.params.id, clock()),
  );

  app.get(
    '/editions/:id/tracking/dashboard.xlsx',
    {
      onRequest: hasRole('committee', 'supervisor'),
      schema: {
        tags,
        summary: '导出成效看板（Excel：转化漏斗、按赛道、按地区）',
        params: idParams,
        response: { 200: z.unknown().describe('xlsx'), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { buffer, fileName } = await trackingDashboardWorkbook(db, await request.requireUser(), request.params.id, clock());
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', attachment(fileName))
        .send(buffer);
    },
  );

  app.get(
    '/editions/:id/tracking/console',
    {
      onRequest: hasRole('committee', 'supervisor'),
      schema: {
        tags,
        summary: '追踪台（组委会、监督委员会）：逾期里程碑、企业逾期未验收的里程碑、待填报与逾期的成效报告',
        params: idParams,
        response: { 200: trackingConsoleSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => getTrackingConsole(db, await request.requireUser(), request.params.id, clock()),
  );

  app.put(
    '/editions/:id/tracking/settings',
    {
      onRequest: hasRole('committee'),
      schema: {
        tags,
        summary: '设置企业验收期限（组委会）：团队提交里程碑后企业须在几天内验收或退回（1–90 天，对此后提交的里程碑生效）；逾期列入追踪台',
        params: idParams,
        body: trackingSettingsBody,
        response: { 200: trackingSettingsSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => setReviewDays(db, await request.requireUser(), request.params.id, request.body.reviewDays),
  );
};
