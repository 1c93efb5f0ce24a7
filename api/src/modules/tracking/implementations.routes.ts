import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { DB } from '../../db/database.ts';
import { signedIn } from '../../lib/guards.ts';
import { errorResponses, idParams } from '../../lib/http.ts';
import type { ChatHub } from '../chat/chat-hub.ts';
import * as changes from './change-requests.service.ts';
import {
  agreeBody,
  changeRequestBody,
  consentBody,
  createImplementationBody,
  declineBody,
  expertCandidatesSchema,
  expertOpinionSchema,
  finalAcceptanceBody,
  implementationDetailSchema,
  implementationListSchema,
  listQuery,
  opinionBody,
  opinionListSchema,
  opinionRequestBody,
  planBody,
  sourceListSchema,
  versionListSchema,
} from './implementations.schemas.ts';
import * as service from './implementations.service.ts';
import * as opinions from './opinions.service.ts';

export interface TrackingRoutesOptions {
  db: DB;
  clock: () => Date;
  /** The chat hub, so the implementation's system messages reach connected sockets at once. */
  hub?: () => ChatHub | undefined;
}

/** 落地实施: implementations, their plan and versions, change requests, expert opinions, final acceptance. */
export const implementationRoutes: FastifyPluginAsyncZod<TrackingRoutesOptions> = async (app, { db, clock, hub }) => {
  const tags = ['implementations'];
  const ctx = () => ({ db, clock, hub: hub?.() });
  const detail = { 200: implementationDetailSchema, ...errorResponses(400, 401, 403, 404, 409) };

  app.get(
    '/implementations/sources',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: '可开启落地实施的来源（本企业的对接会签约、子赛题获奖），含已开启的',
        response: { 200: sourceListSchema, ...errorResponses(401) },
      },
    },
    async (request) => service.listSources(ctx(), await request.requireUser()),
  );

  app.post(
    '/implementations',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary:
          '开启落地实施（需求企业）：从签约或获奖开启，预算取自子赛题预算（超出须说明理由，最多 1.5 倍），初始计划含子赛题全部验收标准',
        body: createImplementationBody,
        response: { 201: implementationDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await service.createImplementation(ctx(), await request.requireUser(), request.body)),
  );

  app.get(
    '/implementations',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: '落地实施列表：双方看本方的，组委会和监督委员会看全部，受邀专家看相关的',
        querystring: listQuery,
        response: { 200: implementationListSchema, ...errorResponses(400, 401) },
      },
    },
    async (request) => service.listImplementations(ctx(), await request.requireUser(), request.query),
  );

  app.get(
    '/implementations/:id',
    {
      onRequest: signedIn,
      schema: { tags, summary: '落地实施详情（计划、里程碑、成果、变更、专家意见、已拨付金额）', params: idParams, response: detail },
    },
    async (request) => service.getImplementation(ctx(), await request.requireUser(), request.params.id),
  );

  app.get(
    '/implementations/:id/versions',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: '计划的全部版本（第 1 版起，每次变更一版）',
        params: idParams,
        response: { 200: versionListSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => service.listVersions(ctx(), await request.requireUser(), request.params.id),
  );

  app.put(
    '/implementations/:id/plan',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary:
          '修改计划草案（双方确认前；每条子赛题验收标准须且只能属于一个里程碑，预算占比合计 100%）；确认后返回 409 PLAN_AGREED，须走变更申请',
        params: idParams,
        body: planBody,
        response: detail,
      },
    },
    async (request) => service.updateDraftPlan(ctx(), await request.requireUser(), request.params.id, request.body),
  );

  app.post(
    '/implementations/:id/plan/agree',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: '确认计划草案（企业与团队各自确认；digest 为所见草案的指纹）',
        params: idParams,
        body: agreeBody,
        response: detail,
      },
    },
    async (request) => service.agreePlan(ctx(), await request.requireUser(), request.params.id, request.body.digest),
  );

  app.post(
    '/implementations/:id/change-requests',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: '提出计划变更（计划确认后；须对方同意；不能改动正在验收或已验收的里程碑）',
        params: idParams,
        body: changeRequestBody,
        response: { 201: implementationDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await changes.proposeChange(ctx(), await request.requireUser(), request.params.id, request.body)),
  );

  app.post(
    '/change-requests/:id/accept',
    {
      onRequest: signedIn,
      schema: { tags, summary: '同意变更申请（对方）：计划更新为新版本', params: idParams, response: detail },
    },
    async (request) => changes.acceptChange(ctx(), await request.requireUser(), request.params.id),
  );

  app.post(
    '/change-requests/:id/decline',
    {
      onRequest: signedIn,
      schema: { tags, summary: '拒绝变更申请（对方，须写理由）', params: idParams, body: declineBody, response: detail },
    },
    async (request) => changes.declineChange(ctx(), await request.requireUser(), request.params.id, request.body.reason),
  );

  app.post(
    '/change-requests/:id/withdraw',
    {
      onRequest: signedIn,
      schema: { tags, summary: '撤回变更申请（提出方）', params: idParams, response: detail },
    },
    async (request) => changes.withdrawChange(ctx(), await request.requireUser(), request.params.id),
  );

  app.post(
    '/implementations/:id/final-acceptance',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: '最终验收（组委会；全部里程碑已由企业验收通过）',
        params: idParams,
        body: finalAcceptanceBody,
        response: detail,
      },
    },
    async (request) => service.finalAcceptance(ctx(), await request.requireUser(), request.params.id, request.body.note),
  );

  app.put(
    '/implementations/:id/publish-consent',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: '同意（或撤回同意）作为典型案例公开（企业与团队各自）',
        params: idParams,
        body: consentBody,
        response: detail,
      },
    },
    async (request) => service.setPublishConsent(ctx(), await request.requireUser(), request.params.id, request.body.consent),
  );

  app.post(
    '/implementations/:id/expert-opinions',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: '邀请专家出具意见（组委会或需求企业；专家须具有评审专家角色）',
        params: idParams,
        body: opinionRequestBody,
        response: { 201: implementationDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await opinions.requestOpinion(ctx(), await request.requireUser(), request.params.id, request.body)),
  );

  app.get(
    '/implementations/:id/expert-candidates',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: '可邀请出具意见的专家（组委会或需求企业）',
        params: idParams,
        response: { 200: expertCandidatesSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => opinions.expertCandidates(ctx(), await request.requireUser(), request.params.id),
  );

  app.get(
    '/expert-opinions',
    {
      onRequest: signedIn,
      schema: { tags, summary: '我收到的专家意见邀请（专家）', response: { 200: opinionListSchema, ...errorResponses(401) } },
    },
    async (request) => opinions.myOpinions(ctx(), await request.requireUser()),
  );

  app.post(
    '/expert-opinions/:id',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: '出具专家意见（受邀专家，一次）',
        params: idParams,
        body: opinionBody,
        response: { 200: expertOpinionSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => opinions.answerOpinion(ctx(), await request.requireUser(), request.params.id, request.body),
  );
};
