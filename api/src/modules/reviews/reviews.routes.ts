import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DB } from '../../db/database.ts';
import type { FileStorage } from '../../lib/storage/file-storage.ts';
import { hasRole, signedIn } from '../../lib/guards.ts';
import { errorResponses, idParams } from '../../lib/http.ts';
import { closeRound, reopenRound, roundResults } from './close-review-round.ts';
import { dismissConflict, listConflicts } from './conflicts.service.ts';
import { defaultIndicatorWeights, indicatorTree } from './indicators.ts';
import { openReviewRound } from './open-review-round.ts';
import { declare, getTask, listMyTasks, openTaskMaterial } from './review-tasks.ts';
import { getSettings, updateSettings } from './review-settings.ts';
import * as repo from './reviews.repository.ts';
import {
  addAssignmentBody,
  assignmentRunSchema,
  assignmentsSchema,
  assignmentParams,
  conflictParams,
  conflictSchema,
  declarationBody,
  dismissBody,
  openRoundBody,
  reopenBody,
  resultsQuery,
  resultsSchema,
  roundParams,
  roundSchema,
  runAssignmentBody,
  scoreBody,
  settingsBody,
  taskDetailSchema,
  taskMaterialParams,
  taskSchema,
  tasksQuery,
} from './reviews.schemas.ts';
import { roundDto } from './round-dto.ts';
import { addAssignment, listAssignments, removeAssignment, runAssignment } from './run-assignment.ts';
import { saveScore, submitScore } from './score-task.ts';
import { resultsWorkbook } from './results-export.ts';

export interface ReviewRoutesOptions {
  db: DB;
  clock: () => Date;
  storage: FileStorage;
}

const overseers = hasRole('committee', 'supervisor');
const committee = hasRole('committee');
const settingsSchema = z.object({
  editionId: z.string(),
  reviewWeights: z.object({ enterprise: z.number(), expert: z.number() }),
  indicatorWeights: z.record(z.string(), z.number()),
  leafShares: z.record(z.string(), z.number()),
  rankBy: z.enum(['raw', 'normalised']),
  outlierMargin: z.number(),
  tree: z.array(z.unknown()),
});

/** 联合评审: rounds, conflicts, assignment, tasks and scoring, results. */
export const reviewRoutes: FastifyPluginAsyncZod<ReviewRoutesOptions> = async (app, { db, clock, storage }) => {
  app.get(
    '/review-indicators',
    {
      schema: {
        tags: ['reviews'],
        summary: '评价指标体系（先进性、实效性、示范性）及默认权重（同级均分）',
        response: { 200: z.object({ tree: z.array(z.unknown()), defaultWeights: z.record(z.string(), z.number()) }) },
      },
    },
    async () => ({ tree: indicatorTree, defaultWeights: defaultIndicatorWeights() }),
  );

  app.get(
    '/editions/:id/review-settings',
    {
      onRequest: signedIn,
      schema: {
        tags: ['reviews'],
        summary: '赛事的评审设置：企业/专家权重、指标权重、排名依据、离群阈值',
        params: idParams,
        response: { 200: settingsSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => getSettings(db, request.params.id),
  );

  app.put(
    '/editions/:id/review-settings',
    {
      onRequest: committee,
      schema: {
        tags: ['reviews'],
        summary: '设置指标权重（同级之和为 100）、排名依据（raw/normalised）、离群阈值（组委会）',
        params: idParams,
        body: settingsBody,
        response: { 200: settingsSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => updateSettings(db, await request.requireUser(), request.params.id, request.body),
  );

  app.post(
    '/editions/:id/review-rounds',
    {
      onRequest: committee,
      schema: {
        tags: ['reviews'],
        summary: '开启评审轮次（组委会；stage: preliminary | final）；合规的已提交项目进入评审，立即进行利益相关性审查',
        params: idParams,
        body: openRoundBody,
        response: { 201: roundSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await openReviewRound(db, await request.requireUser(), request.params.id, request.body.stage, clock())),
  );

  app.get(
    '/editions/:id/review-rounds',
    {
      onRequest: overseers,
      schema: {
        tags: ['reviews'],
        summary: '赛事的评审轮次',
        params: idParams,
        response: { 200: z.object({ items: z.array(roundSchema) }), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => ({
      items: await Promise.all((await repo.listRounds(db, request.params.id)).map((r) => roundDto(db, r.id, clock()))),
    }),
  );

  app.get(
    '/review-rounds/:id',
    {
      onRequest: overseers,
      schema: {
        tags: ['reviews'],
        summary: '评审轮次及各评审组进度',
        params: roundParams,
        response: { 200: roundSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => roundDto(db, request.params.id, clock()),
  );

  app.post(
    '/review-rounds/:id/close',
    {
      onRequest: committee,
      schema: {
        tags: ['reviews'],
        summary: '关闭评审轮次：冻结全部评分与排名（快照及其 SHA-256）',
        params: roundParams,
        response: { 200: roundSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => closeRound(db, await request.requireUser(), request.params.id, clock()),
  );

  app.post(
    '/review-rounds/:id/reopen',
    {
      onRequest: committee,
      schema: {
        tags: ['reviews'],
        summary: '重新开启已关闭的评审轮次（组委会；须填写理由，记入日志）',
        params: roundParams,
        body: reopenBody,
        response: { 200: roundSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => reopenRound(db, await request.requireUser(), request.params.id, request.body.reason, clock()),
  );

  app.get(
    '/review-rounds/:id/conflicts',
    {
      onRequest: overseers,
      schema: {
        tags: ['reviews'],
        summary: '利益相关性审查结果（含证据与排除记录）',
        params: roundParams,
        response: {
          200: z.object({ items: z.array(conflictSchema), active: z.number(), dismissed: z.number() }),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => listConflicts(db, request.params.id),
  );

  app.post(
    '/review-rounds/:id/conflicts/:conflictId/dismiss',
    {
      onRequest: committee,
      schema: {
        tags: ['reviews'],
        summary: '排除误判的利益相关（组委会；须填写理由，记入日志）',
        params: conflictParams,
        body: dismissBody,
        response: { 200: conflictSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => dismissConflict(db, await request.requireUser(), request.params.id, request.params.conflictId, request.body.reason),
  );

  app.post(
    '/review-rounds/:id/assignments/run',
    {
      onRequest: committee,
      schema: {
        tags: ['reviews'],
        summary: '运行专家分配：先做可行性检查（说明原因），再精确求解（无利益相关、负载均衡、匹配度最大）',
        params: roundParams,
        body: runAssignmentBody,
        response: { 200: assignmentRunSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => runAssignment(db, await request.requireUser(), request.params.id, request.body, clock()),
  );

  app.get(
    '/review-rounds/:id/assignments',
    {
      onRequest: overseers,
      schema: {
        tags: ['reviews'],
        summary: '专家分配：各评审组/项目的专家、专家负载、上次运行报告',
        params: roundParams,
        response: { 200: assignmentsSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => listAssignments(db, request.params.id),
  );

  app.post(
    '/review-rounds/:id/assignments',
    {
      onRequest: committee,
      schema: {
        tags: ['reviews'],
        summary: '手工添加分配（组委会；重新进行利益相关性审查）',
        params: roundParams,
        body: addAssignmentBody,
        response: { 201: assignmentsSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const itemId = b.itemId ?? (b.demandId ? `demand:${b.demandId}` : `project:${b.projectId}`);
      return reply
        .status(201)
        .send(await addAssignment(db, await request.requireUser(), request.params.id, { itemId, expertId: b.expertId }, clock()));
    },
  );

  app.delete(
    '/review-rounds/:id/assignments/:assignmentId',
    {
      onRequest: committee,
      schema: {
        tags: ['reviews'],
        summary: '移除分配（组委会）',
        params: assignmentParams,
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await removeAssignment(db, await request.requireUser(), request.params.id, request.params.assignmentId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/review-rounds/:id/results',
    {
      onRequest: overseers,
      schema: {
        tags: ['reviews'],
        summary: '评审结果：各项评分、原始总分与标准化总分、子赛题内与赛道内排名、缺评数、离群评分',
        params: roundParams,
        querystring: resultsQuery,
        response: { 200: resultsSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => roundResults(db, request.params.id, request.query.trackId),
  );

  app.get(
    '/review-rounds/:id/results.xlsx',
    {
      onRequest: overseers,
      schema: {
        tags: ['reviews'],
        summary: '导出评审结果（Excel）',
        params: roundParams,
        querystring: resultsQuery,
        response: { 200: z.unknown().describe('xlsx 文件'), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const results = await roundResults(db, request.params.id, request.query.trackId);
      const buffer = await resultsWorkbook(results);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename="review-results.xlsx"; filename*=UTF-8''${encodeURIComponent('评审结果.xlsx')}`,
        )
        .header('cache-control', 'private, no-store')
        .send(buffer);
    },
  );

  app.get(
    '/review-tasks',
    {
      onRequest: signedIn,
      schema: {
        tags: ['reviews'],
        summary: '我的评审任务（mine=1）',
        querystring: tasksQuery,
        response: {
          200: z.object({
            items: z.array(taskSchema),
            summary: z.object({ total: z.number(), pending: z.number(), inProgress: z.number(), submitted: z.number() }),
          }),
          ...errorResponses(400, 401),
        },
      },
    },
    async (request) => listMyTasks(db, await request.requireUser()),
  );

  app.get(
    '/review-tasks/:id',
    {
      onRequest: signedIn,
      schema: {
        tags: ['reviews'],
        summary: '评审任务：声明后可见项目提交版本及材料、评分表',
        params: idParams,
        response: { 200: taskDetailSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => getTask(db, await request.requireUser(), request.params.id),
  );

  app.post(
    '/review-tasks/:id/declaration',
    {
      onRequest: signedIn,
      schema: {
        tags: ['reviews'],
        summary: '利益相关声明（查看项目前）；声明存在利益相关则终止任务并请组委会重新分配',
        params: idParams,
        body: declarationBody,
        response: {
          200: z.object({ id: z.string(), status: z.enum(['accepted', 'conflict']), task: taskDetailSchema.nullable() }),
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) => declare(db, await request.requireUser(), request.params.id, request.body, clock()),
  );

  app.put(
    '/review-tasks/:id/score',
    {
      onRequest: signedIn,
      schema: {
        tags: ['reviews'],
        summary: '保存评分草稿（各项 0–100）',
        params: idParams,
        body: scoreBody,
        response: { 200: taskDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => saveScore(db, await request.requireUser(), request.params.id, request.body, clock()),
  );

  app.post(
    '/review-tasks/:id/submit',
    {
      onRequest: signedIn,
      schema: {
        tags: ['reviews'],
        summary: '提交评分（全部评分项已评；低于 60 或高于 90 分须填写评语）',
        params: idParams,
        response: { 200: taskDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => submitScore(db, await request.requireUser(), request.params.id, clock()),
  );

  app.get(
    '/review-tasks/:id/materials/:materialId',
    {
      onRequest: signedIn,
      schema: {
        tags: ['reviews'],
        summary: '下载评审项目的材料（声明无利益相关后）',
        params: taskMaterialParams,
        response: { 200: z.unknown().describe('文件内容'), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { material, stream } = await openTaskMaterial(
        db,
        storage,
        await request.requireUser(),
        request.params.id,
        request.params.materialId,
      );
      return reply
        .header('content-type', material.mime_type)
        .header('content-length', String(material.size))
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(material.file_name)}`)
        .header('cache-control', 'private, no-store')
        .send(stream);
    },
  );
};
