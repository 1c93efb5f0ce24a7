import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DB } from '../../db/database.ts';
import { notFound } from '../../errors.ts';
import { hasRole, signedIn } from '../../lib/guards.ts';
import { errorResponses, idParams, sendStoredFile } from '../../lib/http.ts';
import type { FileStorage } from '../../lib/storage/file-storage.ts';
import { findEdition } from '../catalog/catalog.repository.ts';
import type { UploadLimits } from '../projects/material-types.ts';
import { computeProposal, confirmAdvancement, getAdvancement } from './advancement.service.ts';
import { adjustAward, approveAwards, awardsOverview, decideFreedPlace, proposeAwards } from './awards.service.ts';
import { listDecisions } from './decision-log.repository.ts';
import { openEvidence, uploadEvidence } from './evidence.service.ts';
import { finalistOfProject, listFinalists, requestEvidence, verifyFinalist } from './finalists.service.ts';
import { getResultSettings, updateResultSettings } from './result-settings.ts';
import { editionResultsWorkbook } from './results-export.ts';
import {
  adjustAwardBody,
  advancementSchema,
  awardSchema,
  awardsSchema,
  decisionLogQuery,
  decisionSchema,
  evidenceRequestBody,
  evidenceSchema,
  finalistEvidenceParams,
  finalistSchema,
  myFinalistSchema,
  reassignBody,
  resultSettingsBody,
  resultSettingsSchema,
  verificationBody,
} from './results.schemas.ts';

export interface ResultRoutesOptions {
  db: DB;
  clock: () => Date;
  storage: FileStorage;
  uploadLimits: UploadLimits;
}

const overseers = hasRole('committee', 'supervisor');
const committee = hasRole('committee');
const tags = ['results'];

/** 晋级、技术验证与递补、决策日志、奖项 (issue 14). */
export const resultRoutes: FastifyPluginAsyncZod<ResultRoutesOptions> = async (app, { db, clock, storage, uploadLimits }) => {
  app.get(
    '/editions/:id/result-settings',
    {
      onRequest: overseers,
      schema: {
        tags,
        summary: '赛事的晋级与奖项设置（晋级名额/比例、子赛题晋级比例、并列规则、奖项比例、决赛企业权重）',
        params: idParams,
        response: { 200: resultSettingsSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => getResultSettings(db, request.params.id),
  );

  app.put(
    '/editions/:id/result-settings',
    {
      onRequest: committee,
      schema: {
        tags,
        summary: '修改晋级与奖项设置（组委会；记入决策日志）',
        params: idParams,
        body: resultSettingsBody,
        response: { 200: resultSettingsSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => updateResultSettings(db, await request.requireUser(), request.params.id, request.body, clock()),
  );

  app.post(
    '/review-rounds/:id/advancement',
    {
      onRequest: committee,
      schema: {
        tags,
        summary: '根据已关闭的初赛轮次计算拟晋级名单（各赛道名额、子赛题保留名额、分数线，逐步列出；确认前可重新计算）',
        params: idParams,
        response: { 200: advancementSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => computeProposal(db, await request.requireUser(), request.params.id, clock()),
  );

  app.get(
    '/review-rounds/:id/advancement',
    {
      onRequest: overseers,
      schema: {
        tags,
        summary: '晋级名单的计算过程与状态',
        params: idParams,
        response: { 200: advancementSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => getAdvancement(db, request.params.id),
  );

  app.post(
    '/review-rounds/:id/advancement/confirm',
    {
      onRequest: committee,
      schema: {
        tags,
        summary: '确认晋级名单：拟晋级项目进入技术验证（待核验）',
        params: idParams,
        response: { 200: advancementSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => confirmAdvancement(db, await request.requireUser(), request.params.id, clock()),
  );

  app.get(
    '/editions/:id/finalists',
    {
      onRequest: overseers,
      schema: {
        tags,
        summary: '晋级项目及其核验状态、验证材料、递补记录',
        params: idParams,
        response: { 200: z.object({ items: z.array(finalistSchema) }), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      if (!(await findEdition(db, request.params.id))) throw notFound('赛事');
      return listFinalists(db, request.params.id);
    },
  );

  app.post(
    '/finalists/:id/verification',
    {
      onRequest: committee,
      schema: {
        tags,
        summary: '技术验证结论（组委会，仅在技术验证阶段；不通过须填写理由，并由初赛排名下一位递补）',
        params: idParams,
        body: verificationBody,
        response: { 200: finalistSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => verifyFinalist(db, await request.requireUser(), request.params.id, request.body, clock()),
  );

  app.post(
    '/finalists/:id/evidence-request',
    {
      onRequest: committee,
      schema: {
        tags,
        summary: '要求团队补充验证材料（组委会，附说明）',
        params: idParams,
        body: evidenceRequestBody,
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await requestEvidence(db, await request.requireUser(), request.params.id, request.body.note, clock());
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/finalists/:id/evidence',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: '团队上传验证材料（multipart：file 文件，可选 note 说明；PDF/Office/图片/MP4，按内容识别类型）',
        consumes: ['multipart/form-data'],
        params: idParams,
        response: { 201: evidenceSchema, ...errorResponses(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const user = await request.requireUser();
      const row = await uploadEvidence(db, storage, uploadLimits, user, request.params.id, { parts: request.parts() });
      return reply.status(201).send(row);
    },
  );

  app.get(
    '/finalists/:id/evidence/:evidenceId',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: '下载验证材料（该团队成员、组委会、监督方）',
        params: finalistEvidenceParams,
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

  app.get(
    '/projects/:id/finalist',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: '本团队项目的晋级与技术验证情况（团队成员；组委会、监督方）',
        params: idParams,
        response: { 200: myFinalistSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => finalistOfProject(db, await request.requireUser(), request.params.id),
  );

  app.get(
    '/editions/:id/decision-log',
    {
      onRequest: overseers,
      schema: {
        tags,
        summary: '决策日志（只增不改：晋级计算与确认、核验、递补、奖项拟定/调整/审定/撤销；组委会与监督方可读）',
        params: idParams,
        querystring: decisionLogQuery,
        response: { 200: z.object({ items: z.array(decisionSchema) }), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      if (!(await findEdition(db, request.params.id))) throw notFound('赛事');
      const rows = await listDecisions(db, request.params.id, request.query);
      return { items: rows.map((r) => ({ ...r, at: r.at.toISOString() })) };
    },
  );

  app.get(
    '/editions/:id/awards',
    {
      onRequest: overseers,
      schema: {
        tags,
        summary: '奖项（拟定、已审定、已撤销）',
        params: idParams,
        response: { 200: awardsSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      if (!(await findEdition(db, request.params.id))) throw notFound('赛事');
      return awardsOverview(db, request.params.id);
    },
  );

  app.post(
    '/editions/:id/awards/propose',
    {
      onRequest: committee,
      schema: {
        tags,
        summary: '根据决赛排名拟定获奖名单（各赛道按决赛队伍数按比例设一、二、三等奖及特色单项奖；审定前可重新拟定）',
        params: idParams,
        response: { 200: awardsSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => proposeAwards(db, await request.requireUser(), request.params.id, clock()),
  );

  app.post(
    '/editions/:id/awards/adjust',
    {
      onRequest: committee,
      schema: {
        tags,
        summary: '调整拟定奖项（须填写理由；level none 取消该项目奖项）',
        params: idParams,
        body: adjustAwardBody,
        response: { 200: awardsSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => adjustAward(db, await request.requireUser(), request.params.id, request.body, clock()),
  );

  app.post(
    '/editions/:id/awards/approve',
    {
      onRequest: committee,
      schema: {
        tags,
        summary: '审定获奖名单（组委会）；审定后锁定，不能再修改',
        params: idParams,
        response: { 200: awardsSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => approveAwards(db, await request.requireUser(), request.params.id, clock()),
  );

  app.post(
    '/awards/:id/reassign',
    {
      onRequest: committee,
      schema: {
        tags,
        summary: '奖项被撤销后，组委会决定空出的名额是否由下一名递补（顺位晋升，记入决策日志）',
        params: idParams,
        body: reassignBody,
        response: { 200: awardSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const user = await request.requireUser();
      const award = await db.transaction().execute((trx) =>
        decideFreedPlace(trx, {
          awardId: request.params.id,
          actorId: user.id,
          moveToNext: request.body.moveToNext,
          reason: request.body.reason,
          now: clock(),
        }),
      );
      return (await awardsOverview(db, award.edition_id)).items.find((a) => a.id === award.id)!;
    },
  );

  app.get(
    '/editions/:id/results.xlsx',
    {
      onRequest: overseers,
      schema: {
        tags,
        summary: '导出排名与获奖名单（Excel：初赛排名与晋级、晋级与核验、决赛排名、获奖名单）',
        params: idParams,
        response: { 200: z.unknown().describe('xlsx 文件'), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      if (!(await findEdition(db, request.params.id))) throw notFound('赛事');
      const buffer = await editionResultsWorkbook(db, request.params.id);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="results.xlsx"; filename*=UTF-8''${encodeURIComponent('排名与获奖名单.xlsx')}`)
        .header('cache-control', 'private, no-store')
        .send(buffer);
    },
  );
};
