import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DB } from '../../db/database.ts';
import type { UserRow } from '../../db/schema.ts';
import { hasRole, signedIn } from '../../lib/guards.ts';
import { errorResponses, idParams } from '../../lib/http.ts';
import {
  createDemandBody,
  demandEventSchema,
  demandListResponse,
  demandSchema,
  listDemandsQuery,
  markOpenedBody,
  markOpenedParams,
  optionalReasonBody,
  reasonBody,
  reviewBody,
  updateDemandBody,
} from './demands.schemas.ts';
import * as service from './demands.service.ts';
import * as steps from './demand-transitions.ts';

const one = { 200: demandSchema };

export const demandRoutes: FastifyPluginAsyncZod<{ db: DB; clock?: () => Date }> = async (app, { db, clock = () => new Date() }) => {
  app.get(
    '/demands',
    {
      schema: {
        tags: ['demands'],
        summary: '需求子赛题列表（公众仅见已发布/已截止/已取消资格；mine=1 为本单位全部需求）',
        querystring: listDemandsQuery,
        response: { 200: demandListResponse, ...errorResponses(400, 401) },
      },
    },
    async (request) => service.listDemands(db, await request.currentUser(), request.query),
  );

  app.get(
    '/demands/review-queue',
    {
      onRequest: hasRole('committee', 'supervisor'),
      schema: {
        tags: ['demands'],
        summary: '组委会审核队列：待审核（先提交先审），其后为数据逾期未开放的已发布需求',
        response: { 200: z.object({ pending: z.array(demandSchema), dataOverdue: z.array(demandSchema) }), ...errorResponses(401, 403) },
      },
    },
    async (request) => service.reviewQueue(db, await request.requireUser(), clock()),
  );

  app.get(
    '/demands/:id',
    { schema: { tags: ['demands'], summary: '需求详情', params: idParams, response: { ...one, ...errorResponses(400, 404) } } },
    async (request) => service.getDemand(db, await request.currentUser(), request.params.id),
  );

  app.get(
    '/demands/:id/history',
    {
      onRequest: signedIn,
      schema: {
        tags: ['demands'],
        summary: '需求流转记录（发布企业、组委会、监督委员会）',
        params: idParams,
        response: { 200: z.object({ items: z.array(demandEventSchema) }), ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => ({ items: await service.demandHistory(db, await request.requireUser(), request.params.id) }),
  );

  app.post(
    '/demands',
    {
      onRequest: signedIn,
      schema: {
        tags: ['demands'],
        summary: '创建需求草稿（企业成员）；submit=true 时创建并提交审核，不完整则不创建并一次列出全部问题（INCOMPLETE_DEMAND）',
        body: createDemandBody,
        response: { 201: demandSchema, ...errorResponses(400, 401, 403, 404) },
      },
      attachValidation: true,
    },
    async (request, reply) =>
      reply.status(201).send(
        await service.createDemand(
          db,
          await request.requireUser(),
          submissionBody(request, () => true),
          clock(),
        ),
      ),
  );

  app.patch(
    '/demands/:id',
    {
      onRequest: signedIn,
      schema: {
        tags: ['demands'],
        summary: '修改需求（须带 version；已发布需求除延长截止时间外的修改将重新审核）；submit=true 时保存并提交审核，失败则不保存',
        params: idParams,
        body: updateDemandBody,
        response: { ...one, ...errorResponses(400, 401, 403, 404, 409) },
      },
      attachValidation: true,
    },
    async (request) =>
      service.updateDemand(
        db,
        await request.requireUser(),
        request.params.id,
        submissionBody(request, (body) => isVersion(body.version) && !paramsInvalid(request)),
        clock(),
      ),
  );

  /**
   * The body of a create/update. These routes attach validation errors instead of
   * answering them, so that a submit (submit: true) gets every issue of the demand in
   * one answer from the service (which validates the whole body itself). Anything else
   * that failed the schema is refused here as usual.
   */
  function submissionBody<T>(request: { body: T; validationError?: Error }, acceptable: (body: Record<string, unknown>) => boolean): T {
    if (!request.validationError) return request.body;
    const raw = request.body as unknown;
    if (raw && typeof raw === 'object' && (raw as { submit?: unknown }).submit === true && acceptable(raw as Record<string, unknown>))
      return request.body;
    throw request.validationError;
  }
  const paramsInvalid = (request: { params: unknown }) => !idParams.safeParse(request.params).success;
  const isVersion = (v: unknown) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 2_147_483_647;

  /** POST /demands/:id/<action>: each lifecycle step has the same shape. */
  function transition<B extends z.ZodType>(
    action: string,
    summary: string,
    body: B,
    guard: typeof signedIn,
    run: (user: UserRow, id: string, body: z.infer<B>) => Promise<z.infer<typeof demandSchema>>,
  ) {
    app.post(
      `/demands/:id/${action}`,
      {
        onRequest: guard,
        schema: { tags: ['demands'], summary, params: idParams, body, response: { ...one, ...errorResponses(400, 401, 403, 404, 409) } },
      },
      async (request) => run(await request.requireUser(), request.params.id, request.body as z.infer<B>),
    );
  }
  const noBody = z.object({}).optional();

  transition('submit', '提交审核（企业）', noBody, signedIn, (u, id) => steps.submitDemand(db, u, id, clock()));
  transition('review', '事前需求审核：通过或退回（组委会；退回须填原因）', reviewBody, hasRole('committee'), (u, id, b) =>
    steps.reviewDemand(db, u, id, b, clock()),
  );
  transition('withdraw', '撤回需求（企业；已有揭榜的不可撤回）', optionalReasonBody.optional(), signedIn, (u, id, b) =>
    steps.withdrawDemand(db, u, id, b?.reason),
  );
  transition('close', '截止需求（企业，揭榜截止后）', noBody, signedIn, (u, id) => steps.closeDemand(db, u, id, clock()));
  transition('disqualify', '取消子赛题资格（组委会；须填原因，通知关注者与揭榜团队）', reasonBody, hasRole('committee'), (u, id, b) =>
    steps.disqualifyDemand(db, u, id, b.reason),
  );
  transition('follow', '关注需求', noBody, signedIn, (u, id) => service.setFollowing(db, u, id, true));
  transition('unfollow', '取消关注', noBody, signedIn, (u, id) => service.setFollowing(db, u, id, false));

  app.post(
    '/demands/:id/data/:itemIndex/opened',
    {
      onRequest: signedIn,
      schema: {
        tags: ['demands'],
        summary: '登记数据已开放（企业，附开放证明）',
        params: markOpenedParams,
        body: markOpenedBody,
        response: { ...one, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      steps.markDataOpened(db, await request.requireUser(), request.params.id, request.params.itemIndex, request.body.evidence, clock()),
  );
};
