import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DB } from '../../db/database.ts';
import { AppError, notFound } from '../../errors.ts';
import { normalizeCreditCode } from '../../lib/credit-code.ts';
import { signedIn } from '../../lib/guards.ts';
import { errorResponses, idParams } from '../../lib/http.ts';
import { findOrganizationByCreditCode } from '../orgs/orgs.repository.ts';
import {
  addMemberBody,
  createTeamBody,
  invitationSchema,
  inviteBody,
  listTeamsQuery,
  memberParams,
  orgLookupQuery,
  orgLookupResponse,
  renameTeamBody,
  teamSchema,
} from './teams.schemas.ts';
import * as invitations from './invitations.service.ts';
import * as roster from './roster.service.ts';
import * as service from './teams.service.ts';

export const teamRoutes: FastifyPluginAsyncZod<{ db: DB; clock: () => Date }> = async (app, { db, clock }) => {
  app.post(
    '/teams',
    {
      onRequest: signedIn,
      schema: {
        tags: ['teams'],
        summary: '创建参赛团队（报名阶段；创建者须为牵头单位成员，成为队长）',
        body: createTeamBody,
        response: { 201: teamSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await service.createTeam(db, await request.requireUser(), request.body, clock())),
  );

  app.get(
    '/teams',
    {
      onRequest: signedIn,
      schema: {
        tags: ['teams'],
        summary: '我的团队（mine=1：本人代表的团队及本人管理单位的团队）；组委会/监督委员会按 editionId 查看全部团队',
        querystring: listTeamsQuery,
        response: { 200: z.object({ items: z.array(teamSchema) }), ...errorResponses(400, 401) },
      },
    },
    async (request) => service.listTeams(db, await request.requireUser(), request.query, clock()),
  );

  app.get(
    '/teams/:id',
    {
      schema: {
        tags: ['teams'],
        summary: '团队详情（本团队代表、参赛单位管理员、组委会、监督委员会）',
        params: idParams,
        response: { 200: teamSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => service.getTeam(db, await request.currentUser(), request.params.id, clock()),
  );

  app.patch(
    '/teams/:id',
    {
      onRequest: signedIn,
      schema: {
        tags: ['teams'],
        summary: '修改团队名称（队长或牵头单位管理员；报名截止前）',
        params: idParams,
        body: renameTeamBody,
        response: { 200: teamSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.renameTeam(db, await request.requireUser(), request.params.id, request.body.name, clock()),
  );

  app.delete(
    '/teams/:id',
    {
      onRequest: signedIn,
      schema: {
        tags: ['teams'],
        summary: '解散团队（队长或牵头单位管理员；报名截止前；已有参赛项目的团队不能解散）',
        params: idParams,
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await service.dissolveTeam(db, await request.requireUser(), request.params.id, clock());
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/teams/:id/members',
    {
      onRequest: signedIn,
      schema: {
        tags: ['teams'],
        summary: '按邮箱添加参赛代表（队长或牵头单位管理员；报名截止前；每队不超过规定人数）',
        params: idParams,
        body: addMemberBody,
        response: { 201: teamSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await roster.addMember(db, await request.requireUser(), request.params.id, request.body.email, clock())),
  );

  app.delete(
    '/teams/:id/members/:userId',
    {
      onRequest: signedIn,
      schema: {
        tags: ['teams'],
        summary: '移除参赛代表（队长或牵头单位管理员；代表本人可退出；报名截止前）。本人退出后不再可见团队时返回 204',
        params: memberParams,
        response: { 200: teamSchema, 204: z.null(), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const team = await roster.removeMember(db, await request.requireUser(), request.params.id, request.params.userId, clock());
      return team ? team : reply.status(204).send(null);
    },
  );

  app.post(
    '/teams/:id/invitations',
    {
      onRequest: signedIn,
      schema: {
        tags: ['teams'],
        summary: '邀请联合申报单位（队长或牵头单位管理员；报名截止前）',
        params: idParams,
        body: inviteBody,
        response: { 201: invitationSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await invitations.inviteOrganization(db, await request.requireUser(), request.params.id, request.body.orgId, clock())),
  );

  app.get(
    '/invitations',
    {
      onRequest: signedIn,
      schema: {
        tags: ['teams'],
        summary: '待处理的联合申报邀请（本人为管理员的单位收到的）',
        querystring: z.object({ mine: z.enum(['1', 'true']).optional() }),
        response: { 200: z.object({ items: z.array(invitationSchema) }), ...errorResponses(401) },
      },
    },
    async (request) => invitations.listMyInvitations(db, await request.requireUser()),
  );

  app.post(
    '/invitations/:id/accept',
    {
      onRequest: signedIn,
      schema: {
        tags: ['teams'],
        summary: '接受联合申报邀请（被邀请单位的管理员）',
        params: idParams,
        response: { 200: teamSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => invitations.acceptInvitation(db, await request.requireUser(), request.params.id, clock()),
  );

  app.post(
    '/invitations/:id/decline',
    {
      onRequest: signedIn,
      schema: {
        tags: ['teams'],
        summary: '拒绝联合申报邀请（被邀请单位的管理员）',
        params: idParams,
        response: { 200: invitationSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => invitations.declineInvitation(db, await request.requireUser(), request.params.id, clock()),
  );

  app.get(
    '/orgs/lookup',
    {
      onRequest: signedIn,
      schema: {
        tags: ['orgs'],
        summary: '按统一社会信用代码查找单位（用于邀请联合申报单位；只返回名称、类型、地区）',
        querystring: orgLookupQuery,
        response: { 200: orgLookupResponse, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const code = normalizeCreditCode(request.query.creditCode);
      if (code.length !== 18) throw new AppError('INVALID_CREDIT_CODE', '统一社会信用代码应为 18 位', { field: 'creditCode' });
      const org = await findOrganizationByCreditCode(db, code);
      if (!org) throw notFound('该信用代码对应的单位');
      return { id: org.id, name: org.name, kind: org.kind, region: org.region };
    },
  );
};
