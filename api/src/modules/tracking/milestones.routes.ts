import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { FileStorage } from '../../lib/storage/file-storage.ts';
import { signedIn } from '../../lib/guards.ts';
import { errorResponses, idParams } from '../../lib/http.ts';
import type { UploadLimits } from '../projects/material-types.ts';
import { evidenceParams, evidenceSchema, implementationDetailSchema, reviewBody, submitBody } from './implementations.schemas.ts';
import type { TrackingRoutesOptions } from './implementations.routes.ts';
import * as service from './milestones.service.ts';

const asciiFallback = (name: string) => name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');

/** 里程碑: evidence files, submission with figures, the enterprise's review. */
export const milestoneRoutes: FastifyPluginAsyncZod<TrackingRoutesOptions & { storage: FileStorage; uploadLimits: UploadLimits }> = async (
  app,
  { db, clock, hub, storage, uploadLimits },
) => {
  const tags = ['implementations'];
  const ctx = () => ({ db, clock, hub: hub?.() });
  const detail = { 200: implementationDetailSchema, ...errorResponses(400, 401, 403, 404, 409) };

  app.post(
    '/milestones/:id/evidence',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: '上传里程碑成果材料（参赛团队；multipart 字段 file；PDF/Office/图片/MP4，按内容识别类型）',
        consumes: ['multipart/form-data'],
        params: idParams,
        response: { 201: evidenceSchema, ...errorResponses(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const user = await request.requireUser();
      const row = await service.uploadEvidence(ctx(), storage, uploadLimits, user, request.params.id, { parts: request.parts() });
      return reply.status(201).send(row);
    },
  );

  app.delete(
    '/milestones/:id/evidence/:evidenceId',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: '删除未提交的成果材料（参赛团队）',
        params: evidenceParams,
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await service.removeEvidence(ctx(), await request.requireUser(), request.params.id, request.params.evidenceId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/milestones/:id/evidence/:evidenceId',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: '下载成果材料（与落地实施同样的查看权限）',
        params: evidenceParams,
        response: { 200: z.unknown().describe('文件内容'), ...errorResponses(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const { evidence, stream } = await service.openEvidence(
        ctx(),
        storage,
        await request.requireUser(),
        request.params.id,
        request.params.evidenceId,
      );
      return reply
        .header('content-type', evidence.mime_type)
        .header('content-length', String(evidence.size))
        .header(
          'content-disposition',
          `attachment; filename="${asciiFallback(evidence.file_name)}"; filename*=UTF-8''${encodeURIComponent(evidence.file_name)}`,
        )
        .header('cache-control', 'private, no-store')
        .send(stream);
    },
  );

  app.post(
    '/milestones/:id/submit',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: '提交里程碑成果（参赛团队；至少一份材料；有目标值的验收标准须填实测数值，是否达标由服务器计算）',
        params: idParams,
        body: submitBody,
        response: detail,
      },
    },
    async (request) => service.submitMilestone(ctx(), await request.requireUser(), request.params.id, request.body),
  );

  app.post(
    '/milestones/:id/review',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: '验收里程碑（只有需求企业）：通过（拨付该里程碑的预算占比）或退回（须写理由）',
        params: idParams,
        body: reviewBody,
        response: detail,
      },
    },
    async (request) => service.reviewMilestone(ctx(), await request.requireUser(), request.params.id, request.body),
  );
};
