import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { DB } from '../../db/database.ts';
import { hasRole, signedIn } from '../../lib/guards.ts';
import { errorResponses, idParams } from '../../lib/http.ts';
import { createOrgBody, flagsBody, orgListQuery, orgListResponse, orgSchema } from './orgs.schemas.ts';
import * as service from './orgs.service.ts';

export const orgRoutes: FastifyPluginAsyncZod<{ db: DB }> = async (app, { db }) => {
  app.post(
    '/orgs',
    {
      onRequest: signedIn,
      schema: {
        tags: ['orgs'],
        summary: '登记参赛/需求单位（创建者成为单位管理员）',
        body: createOrgBody,
        response: { 201: orgSchema, ...errorResponses(400, 401, 409) },
      },
    },
    async (request, reply) => {
      const actor = await request.requireUser();
      const org = await service.createOrganization(db, actor, request.body);
      return reply.status(201).send(await service.getOrganization(db, actor, org.id));
    },
  );

  app.get(
    '/orgs',
    {
      onRequest: signedIn,
      schema: {
        tags: ['orgs'],
        summary: '单位列表（组委会、监督委员会可见全部，其他用户仅见本人所属单位）',
        querystring: orgListQuery,
        response: { 200: orgListResponse, ...errorResponses(400, 401) },
      },
    },
    async (request) => service.listOrganizations(db, await request.requireUser(), request.query),
  );

  app.get(
    '/orgs/:id',
    {
      schema: {
        tags: ['orgs'],
        summary: '单位详情（成员名单仅本单位成员与组委会可见，标记仅组委会/监督委员会可见）',
        params: idParams,
        response: { 200: orgSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => service.getOrganization(db, await request.currentUser(), request.params.id),
  );

  // POST /orgs/:id/members (an invitation, not an addition) lives in org-invitations.routes.ts.

  app.patch(
    '/orgs/:id/flags',
    {
      onRequest: hasRole('committee'),
      schema: {
        tags: ['orgs'],
        summary: '标记失信/组织方关联单位（仅组委会）',
        params: idParams,
        body: flagsBody,
        response: { 200: orgSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const actor = await request.requireRole('committee');
      return service.setOrganizationFlags(db, actor, request.params.id, request.body);
    },
  );
};
