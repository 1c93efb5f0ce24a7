import { orgKindSchema } from '../orgs/orgs.schemas.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DB } from '../../db/database.ts';
import type { FileStorage } from '../../lib/storage/file-storage.ts';
import { hasRole, signedIn } from '../../lib/guards.ts';
import { errorResponses, idParams } from '../../lib/http.ts';
import { allowedExtensions, allowedTypesLabel, videoExtensions, type UploadLimits } from './material-types.ts';
import type { MaterialCategory } from '../../db/schema.ts';
import * as materials from './materials.service.ts';
import * as transitions from './project-transitions.ts';
import {
  complianceBody,
  complianceCheckSchema,
  complianceQueueQuery,
  createProjectBody,
  listProjectsQuery,
  materialCategories,
  materialCategoryEnum,
  sectionFields,
  materialParams,
  materialSchema,
  projectSchema,
  projectSummarySchema,
  updateProjectBody,
  versionDetailSchema,
  versionParams,
  versionSchema,
  withdrawBody,
} from './projects.schemas.ts';
import * as service from './projects.service.ts';

export interface ProjectRoutesOptions {
  db: DB;
  clock: () => Date;
  storage: FileStorage;
  uploadLimits: UploadLimits;
}

const queueItem = z.object({
  project: projectSchema,
  orgs: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      kind: orgKindSchema,
      role: z.enum(['lead', 'co_applicant']),
      blacklisted: z.boolean(),
      blacklistReason: z.string().nullable(),
      organizerAffiliated: z.boolean(),
    }),
  ),
  checks: z.array(complianceCheckSchema),
  decisionOpen: z.boolean(),
});

export const projectRoutes: FastifyPluginAsyncZod<ProjectRoutesOptions> = async (app, { db, clock, storage, uploadLimits }) => {
  app.post(
    '/projects',
    {
      onRequest: signedIn,
      schema: {
        tags: ['projects'],
        summary: '创建参赛项目（团队参赛代表；作品提交阶段；每队 1 个；选定一个赛题或一个开放中的需求子赛题）',
        body: createProjectBody,
        response: { 201: projectSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await service.createProject(db, await request.requireUser(), request.body, clock())),
  );

  app.get(
    '/projects',
    {
      onRequest: signedIn,
      schema: {
        tags: ['projects'],
        summary: '参赛项目列表（mine=1：本人团队的项目；组委会/监督委员会：全部，可按赛事、状态、审查结论筛选）',
        querystring: listProjectsQuery,
        response: {
          200: z.object({ items: z.array(projectSummarySchema), total: z.number(), page: z.number(), pageSize: z.number() }),
          ...errorResponses(400, 401),
        },
      },
    },
    async (request) => service.listProjects(db, await request.requireUser(), request.query),
  );

  app.get(
    '/projects/material-rules',
    {
      schema: {
        tags: ['projects'],
        summary: '申报规则：申报书各部分与字段（含字数上限）、证明材料类别（含必交项）、允许的扩展名与大小上限（字节）',
        response: {
          200: z.object({
            sections: z.array(
              z.object({
                key: z.enum(Object.keys(sectionFields) as [keyof typeof sectionFields, ...(keyof typeof sectionFields)[]]),
                label: z.string(),
                fields: z.array(z.object({ key: z.string(), label: z.string(), max: z.number().int() })),
              }),
            ),
            categories: z.array(z.object({ value: materialCategoryEnum, label: z.string(), required: z.boolean() })),
            allowedTypes: z.string(),
            extensions: z.array(z.string()),
            videoExtensions: z.array(z.string()),
            documentMaxBytes: z.number(),
            videoMaxBytes: z.number(),
          }),
        },
      },
    },
    async () => ({
      sections: Object.entries(sectionFields).map(([key, s]) => ({
        key: key as keyof typeof sectionFields,
        label: s.label,
        fields: Object.entries(s.fields as Record<string, readonly [string, number]>).map(([field, [label, max]]) => ({
          key: field,
          label,
          max,
        })),
      })),
      categories: Object.entries(materialCategories).map(([value, c]) => ({
        value: value as MaterialCategory,
        label: c.label,
        required: c.required,
      })),
      allowedTypes: allowedTypesLabel,
      extensions: allowedExtensions,
      videoExtensions,
      documentMaxBytes: uploadLimits.documentBytes,
      videoMaxBytes: uploadLimits.videoBytes,
    }),
  );

  app.get(
    '/projects/compliance-queue',
    {
      onRequest: hasRole('committee', 'supervisor'),
      schema: {
        tags: ['projects'],
        summary: '资格审查队列：已提交的项目（待审查在前，分页），附参赛单位标记、已运行的资格检查和各结论数量',
        querystring: complianceQueueQuery,
        response: {
          200: z.object({
            items: z.array(queueItem),
            counts: z.object({ pending: z.number(), eligible: z.number(), ineligible: z.number() }),
            total: z.number(),
            page: z.number(),
            pageSize: z.number(),
          }),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => transitions.complianceQueue(db, await request.requireUser(), request.query, clock()),
  );

  app.get(
    '/projects/:id',
    {
      schema: {
        tags: ['projects'],
        summary: '参赛项目详情（本团队：工作稿；组委会/监督委员会：全部；需求企业：评审开始后可见合规的揭榜方案）',
        params: idParams,
        response: { 200: projectSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => service.getProject(db, await request.currentUser(), request.params.id, clock()),
  );

  app.patch(
    '/projects/:id',
    {
      onRequest: signedIn,
      schema: {
        tags: ['projects'],
        summary: '修改申报书（自动保存；赛题不可更改，提交后名称不可更改；截止前可继续完善）',
        params: idParams,
        body: updateProjectBody,
        response: { 200: projectSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.updateProject(db, await request.requireUser(), request.params.id, request.body, clock()),
  );

  app.get(
    '/projects/:id/versions',
    {
      onRequest: signedIn,
      schema: {
        tags: ['projects'],
        summary: '历次提交的版本',
        params: idParams,
        response: { 200: z.object({ items: z.array(versionSchema) }), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => service.listVersions(db, await request.requireUser(), request.params.id, clock()),
  );

  app.get(
    '/projects/:id/versions/:version',
    {
      onRequest: signedIn,
      schema: {
        tags: ['projects'],
        summary: '某一次提交的版本全文（名称、申报书、当时的材料）',
        params: versionParams,
        response: { 200: versionDetailSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => service.getVersion(db, await request.requireUser(), request.params.id, request.params.version, clock()),
  );

  app.post(
    '/projects/:id/materials',
    {
      onRequest: signedIn,
      schema: {
        tags: ['projects'],
        summary: '上传证明材料（multipart：先 category 字段，后 file 文件；PDF/Office/图片/MP4，按内容识别类型）',
        consumes: ['multipart/form-data'],
        params: idParams,
        response: { 201: materialSchema, ...errorResponses(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const user = await request.requireUser();
      const material = await materials.uploadMaterial(
        db,
        storage,
        uploadLimits,
        user,
        request.params.id,
        { parts: request.parts() },
        clock(),
      );
      return reply.status(201).send(material);
    },
  );

  app.delete(
    '/projects/:id/materials/:materialId',
    {
      onRequest: signedIn,
      schema: {
        tags: ['projects'],
        summary: '删除证明材料（已提交的版本仍保留其文件）',
        params: materialParams,
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await materials.removeMaterial(db, await request.requireUser(), request.params.id, request.params.materialId, clock());
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/projects/:id/materials/:materialId',
    {
      schema: {
        tags: ['projects'],
        summary: '下载证明材料（与项目同样的查看权限）',
        params: materialParams,
        response: { 200: z.unknown().describe('文件内容'), ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const { material, stream } = await materials.openMaterial(
        db,
        storage,
        await request.currentUser(),
        request.params.id,
        request.params.materialId,
        clock(),
      );
      return reply
        .header('content-type', material.mime_type)
        .header('content-length', String(material.size))
        .header(
          'content-disposition',
          `attachment; filename="${asciiFallback(material.file_name)}"; filename*=UTF-8''${encodeURIComponent(material.file_name)}`,
        )
        .header('cache-control', 'private, no-store')
        .send(stream);
    },
  );

  app.post(
    '/projects/:id/submit',
    {
      onRequest: signedIn,
      schema: {
        tags: ['projects'],
        summary: '提交申报（截止前；全部章节与必需材料齐全；每次提交保存一个版本）',
        params: idParams,
        response: { 200: projectSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => transitions.submitProject(db, await request.requireUser(), request.params.id, clock()),
  );

  app.post(
    '/projects/:id/withdraw',
    {
      onRequest: signedIn,
      schema: {
        tags: ['projects'],
        summary: '撤回参赛项目（团队参赛代表）',
        params: idParams,
        body: withdrawBody,
        response: { 200: projectSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => transitions.withdrawProject(db, await request.requireUser(), request.params.id, request.body?.reason, clock()),
  );

  app.post(
    '/projects/:id/compliance',
    {
      onRequest: hasRole('committee'),
      schema: {
        tags: ['projects'],
        summary: '资格审查结论（组委会；不合规须填写理由；通知团队）',
        params: idParams,
        body: complianceBody,
        response: { 200: projectSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => transitions.decideCompliance(db, await request.requireUser(), request.params.id, request.body, clock()),
  );

  app.get(
    '/demands/:id/bids',
    {
      onRequest: signedIn,
      schema: {
        tags: ['projects'],
        summary: '需求子赛题的揭榜方案（发布企业：初赛评审开始后可见合规方案；组委会/监督委员会：全部已提交方案）',
        params: idParams,
        response: {
          200: z.object({ count: z.number(), items: z.array(projectSummarySchema) }),
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) => service.bidsOfDemand(db, await request.requireUser(), request.params.id, clock()),
  );
};

/** Header-safe fallback name for old clients; modern ones read filename*. */
function asciiFallback(name: string) {
  return name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
}
