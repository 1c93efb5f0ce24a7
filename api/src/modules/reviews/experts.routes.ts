import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DB } from '../../db/database.ts';
import { hasRole, signedIn } from '../../lib/guards.ts';
import { errorResponses, idParams } from '../../lib/http.ts';
import * as service from './experts.service.ts';
import {
  createExpertBody,
  demandReviewersBody,
  expertSchema,
  orgLinkBody,
  orgLinkSchema,
  orgLinksQuery,
  updateExpertBody,
  userParams,
} from './reviews.schemas.ts';

export interface ExpertRoutesOptions {
  db: DB;
  clock: () => Date;
}

const reviewersSchema = z.object({
  demandId: z.string(),
  isDefault: z.boolean(),
  reviewers: z.array(z.object({ id: z.string(), displayName: z.string(), email: z.string() })),
  /** Members of the demand's enterprise: who may be named. */
  candidates: z.array(z.object({ id: z.string(), displayName: z.string(), email: z.string(), role: z.enum(['admin', 'member']) })),
});

/** 专家库, organisation links, and the enterprise's reviewers of a sub-topic. */
export const expertRoutes: FastifyPluginAsyncZod<ExpertRoutesOptions> = async (app, { db, clock }) => {
  app.get(
    '/experts',
    {
      onRequest: hasRole('committee', 'supervisor'),
      schema: {
        tags: ['reviews'],
        summary: '专家库（组委会、监督委员会）',
        response: { 200: z.object({ items: z.array(expertSchema) }), ...errorResponses(401, 403) },
      },
    },
    async () => service.listExperts(db),
  );

  app.post(
    '/experts',
    {
      onRequest: hasRole('committee'),
      schema: {
        tags: ['reviews'],
        summary: '加入专家库（组委会）：专业领域、赛道、任职/顾问/持股/合作等关联（含起止日期，to 为空表示至今）',
        body: createExpertBody,
        response: { 201: expertSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { userId, ...rest } = request.body;
      return reply.status(201).send(await service.saveExpert(db, await request.requireUser(), userId, rest, 'create', clock()));
    },
  );

  app.get(
    '/experts/:userId',
    {
      onRequest: hasRole('committee', 'supervisor'),
      schema: {
        tags: ['reviews'],
        summary: '专家详情',
        params: userParams,
        response: { 200: expertSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => service.getExpert(db, request.params.userId),
  );

  app.patch(
    '/experts/:userId',
    {
      onRequest: hasRole('committee'),
      schema: {
        tags: ['reviews'],
        summary: '修改专家信息（组委会）',
        params: userParams,
        body: updateExpertBody,
        response: { 200: expertSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => service.saveExpert(db, await request.requireUser(), request.params.userId, request.body, 'update', clock()),
  );

  app.get(
    '/org-links',
    {
      onRequest: hasRole('committee', 'supervisor'),
      schema: {
        tags: ['reviews'],
        summary: '单位关联（母公司/子公司/控股），用于利益相关性审查',
        querystring: orgLinksQuery,
        response: { 200: z.object({ items: z.array(orgLinkSchema) }), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => service.listOrgLinks(db, request.query.orgId),
  );

  app.post(
    '/org-links',
    {
      onRequest: hasRole('committee'),
      schema: {
        tags: ['reviews'],
        summary: '登记单位关联（组委会）：orgId 是 linkedOrgId 的 母公司(parent)/子公司(subsidiary)/控股方(holding)',
        body: orgLinkBody,
        response: { 201: orgLinkSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await service.addOrgLink(db, await request.requireUser(), request.body, clock())),
  );

  app.delete(
    '/org-links/:id',
    {
      onRequest: hasRole('committee'),
      schema: {
        tags: ['reviews'],
        summary: '删除单位关联（组委会）',
        params: idParams,
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await service.removeOrgLink(db, await request.requireUser(), request.params.id, clock());
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/demands/:id/reviewers',
    {
      onRequest: signedIn,
      schema: {
        tags: ['reviews'],
        summary: '子赛题的企业评审人（默认为企业管理员）',
        params: idParams,
        response: { 200: reviewersSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => service.getDemandReviewers(db, await request.requireUser(), request.params.id),
  );

  app.put(
    '/demands/:id/reviewers',
    {
      onRequest: signedIn,
      schema: {
        tags: ['reviews'],
        summary: '指定子赛题的企业评审人（企业管理员；须为本企业成员）',
        params: idParams,
        body: demandReviewersBody,
        response: { 200: reviewersSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => service.setDemandReviewers(db, await request.requireUser(), request.params.id, request.body.userIds, clock()),
  );
};
