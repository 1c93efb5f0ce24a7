import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DB } from '../../db/database.ts';
import type { FileStorage } from '../../lib/storage/file-storage.ts';
import { hasRole, signedIn } from '../../lib/guards.ts';
import { errorResponses, idParams, sendStoredFile } from '../../lib/http.ts';
import type { UploadLimits } from '../projects/material-types.ts';
import { teamFeedback } from './feedback.service.ts';
import {
  evidenceParams,
  feedbackSchema,
  openPublicityBody,
  placeDecisionBody,
  REPORT_MAX_FILES,
  publicityListSchema,
  publicityViewSchema,
  reportListSchema,
  reportParams,
  reportSchema,
  reportsQuery,
  rulingBody,
  teamParams,
} from './publicity.schemas.ts';
import { getPublicity, listPublicity, openPublicity } from './publicity.service.ts';
import { fileReport, getReport, listReports, myReports, openEvidence } from './reports.service.ts';
import { decidePlace, ruleOnReport } from './ruling.service.ts';

export interface PublicityRoutesOptions {
  db: DB;
  clock: () => Date;
  storage: FileStorage;
  uploadLimits: UploadLimits;
}

/** 公示 (public), 举报 and rulings, feedback to teams. */
export const publicityRoutes: FastifyPluginAsyncZod<PublicityRoutesOptions> = async (app, { db, clock, storage, uploadLimits }) => {
  app.get(
    '/publicity',
    {
      schema: {
        tags: ['publicity'],
        summary: '已发布的获奖公示（公开，无需登录；含公示期与结果是否最终确定）',
        response: { 200: publicityListSchema },
      },
    },
    async () => listPublicity(db, clock()),
  );

  app.get(
    '/editions/:id/publicity',
    {
      schema: {
        tags: ['publicity'],
        summary: '赛事获奖公示：各赛道获奖项目（等级、团队、项目、子赛题与企业、优先推荐标记、撤销标记）与公示日期（公开）',
        params: idParams,
        response: { 200: publicityViewSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => getPublicity(db, request.params.id, clock()),
  );

  app.post(
    '/editions/:id/publicity',
    {
      onRequest: hasRole('committee'),
      schema: {
        tags: ['publicity'],
        summary: '发布获奖公示（组委会；奖项须已全部批准；结束 = 开始 + 公示天数）',
        params: idParams,
        body: openPublicityBody,
        response: {
          201: publicityViewSchema,
          ...errorResponses(400, 401, 403, 'NOT_FOUND', 'PUBLICITY_EXISTS', 'AWARDS_NOT_APPROVED'),
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await openPublicity(db, await request.requireUser(), request.params.id, request.body, clock())),
  );

  app.post(
    '/awards/:id/reports',
    {
      onRequest: signedIn,
      schema: {
        tags: ['publicity'],
        summary: '实名举报获奖项目（公示期内；multipart：realName、phone、content 字段，evidence 证据文件 1–5 个）',
        consumes: ['multipart/form-data'],
        params: idParams,
        response: {
          201: reportSchema,
          ...errorResponses(400, 'EVIDENCE_REQUIRED', 401, 404, 'PUBLICITY_NOT_OPEN', 'INVALID_TRANSITION', 413, 415),
        },
      },
    },
    async (request, reply) => {
      const user = await request.requireUser();
      // Up to REPORT_MAX_FILES evidence files and a long text (the app-wide default is one file, short fields).
      const parts = request.parts({
        limits: {
          files: REPORT_MAX_FILES + 1,
          fields: 5,
          fieldSize: 32 * 1024,
          parts: REPORT_MAX_FILES + 6,
          fileSize: Math.max(uploadLimits.documentBytes, uploadLimits.videoBytes),
        },
      });
      const report = await fileReport(db, storage, uploadLimits, user, request.params.id, parts, clock());
      return reply.status(201).send(report);
    },
  );

  app.get(
    '/publicity-reports',
    {
      onRequest: hasRole('supervisor', 'committee'),
      schema: {
        tags: ['publicity'],
        summary: '举报队列（监督委员会：含举报人姓名与电话；组委会：不含举报人身份）',
        querystring: reportsQuery,
        response: { 200: reportListSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => listReports(db, await request.requireUser(), request.query),
  );

  app.get(
    '/publicity-reports/mine',
    {
      onRequest: signedIn,
      schema: {
        tags: ['publicity'],
        summary: '我提交的举报及其裁定',
        response: { 200: reportListSchema, ...errorResponses(401) },
      },
    },
    async (request) => myReports(db, await request.requireUser()),
  );

  app.get(
    '/publicity-reports/:id',
    {
      onRequest: signedIn,
      schema: {
        tags: ['publicity'],
        summary: '一份举报（监督委员会、组委会（不含举报人身份）、举报人本人）',
        params: reportParams,
        response: { 200: reportSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => getReport(db, await request.requireUser(), request.params.id),
  );

  app.get(
    '/publicity-reports/:id/evidence/:evidenceId',
    {
      onRequest: signedIn,
      schema: {
        tags: ['publicity'],
        summary: '下载举报的证据材料',
        params: evidenceParams,
        response: { 200: z.unknown().describe('文件内容'), ...errorResponses(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const { evidence, stream } = await openEvidence(
        db,
        storage,
        await request.requireUser(),
        request.params.id,
        request.params.evidenceId,
      );
      return sendStoredFile(reply, evidence, stream);
    },
  );

  app.post(
    '/publicity-reports/:id/ruling',
    {
      onRequest: hasRole('supervisor'),
      schema: {
        tags: ['publicity'],
        summary: '监督委员会书面裁定举报（成立则撤销奖项；仅监督委员会）',
        params: reportParams,
        body: rulingBody,
        response: { 200: reportSchema, ...errorResponses(400, 401, 403, 404, 'REPORT_ALREADY_RULED') },
      },
    },
    async (request) => ruleOnReport(db, await request.requireUser(), request.params.id, request.body, clock()),
  );

  app.post(
    '/publicity-reports/:id/place-decision',
    {
      onRequest: hasRole('committee'),
      schema: {
        tags: ['publicity'],
        summary: '组委会决定举报成立后空出的名额是否递补给下一名项目（记入决策日志）',
        params: reportParams,
        body: placeDecisionBody,
        response: { 200: reportSchema, ...errorResponses(400, 401, 403, 404, 'INVALID_TRANSITION', 'PLACE_ALREADY_DECIDED') },
      },
    },
    async (request) => decidePlace(db, await request.requireUser(), request.params.id, request.body, clock()),
  );

  app.get(
    '/teams/:id/feedback',
    {
      onRequest: signedIn,
      schema: {
        tags: ['publicity'],
        summary: '团队的评审反馈（结果公布后；各指标平均分、匿名评语、名次区间、晋级原因；仅本团队）',
        params: teamParams,
        response: { 200: feedbackSchema, ...errorResponses(400, 401, 403, 404, 'RESULTS_NOT_PUBLISHED') },
      },
    },
    async (request) => teamFeedback(db, await request.requireUser(), request.params.id, clock()),
  );
};
