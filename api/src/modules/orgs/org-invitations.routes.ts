import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DB } from '../../db/database.ts';
import { signedIn } from '../../lib/guards.ts';
import { errorResponses, idParams } from '../../lib/http.ts';
import { addMemberBody, orgKindSchema } from './orgs.schemas.ts';
import * as service from './org-invitations.service.ts';

const roleSchema = z.enum(['admin', 'member']);
export const orgInvitationSchema = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  email: z.string(),
  role: roleSchema,
  status: z.enum(['pending', 'accepted', 'declined', 'cancelled']),
  createdAt: z.iso.datetime(),
});
const invitedResponse = orgInvitationSchema.extend({ message: z.string() });
const memberParams = z.object({ id: z.uuid('编号格式不正确'), userId: z.uuid('编号格式不正确') });
const invitationParams = z.object({ id: z.uuid('编号格式不正确'), invitationId: z.uuid('编号格式不正确') });

/** Membership by consent: invitations, accept/decline, leave, remove, change role. */
export const orgInvitationRoutes: FastifyPluginAsyncZod<{ db: DB }> = async (app, { db }) => {
  const invite = {
    onRequest: signedIn,
    schema: {
      tags: ['orgs'],
      summary: '邀请成员（仅单位管理员；对方接受后才成为成员；回答不透露该邮箱是否已注册）',
      params: idParams,
      body: addMemberBody,
      response: { 201: invitedResponse, ...errorResponses(400, 401, 403, 404, 409) },
    },
  };
  for (const url of ['/orgs/:id/members', '/orgs/:id/invitations']) {
    app.post(url, invite, async (request, reply) => {
      const actor = await request.requireUser();
      const invitation = await service.inviteMember(db, actor, request.params.id, request.body);
      return reply.status(201).send({ ...invitation, message: service.INVITED_MESSAGE });
    });
  }

  app.get(
    '/orgs/:id/invitations',
    {
      onRequest: signedIn,
      schema: {
        tags: ['orgs'],
        summary: '本单位待答复的邀请（仅单位管理员）',
        params: idParams,
        response: {
          200: z.object({ items: z.array(orgInvitationSchema.extend({ inviterName: z.string() })) }),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => service.listOrgInvitations(db, await request.requireUser(), request.params.id),
  );

  app.delete(
    '/orgs/:id/invitations/:invitationId',
    {
      onRequest: signedIn,
      schema: {
        tags: ['orgs'],
        summary: '撤回邀请（仅单位管理员）',
        params: invitationParams,
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await service.cancelInvitation(db, await request.requireUser(), request.params.id, request.params.invitationId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/me/org-invitations',
    {
      onRequest: signedIn,
      schema: {
        tags: ['orgs'],
        summary: '我收到的单位邀请（待答复）',
        response: {
          200: z.object({
            items: z.array(orgInvitationSchema.extend({ orgName: z.string(), orgKind: orgKindSchema, inviterName: z.string() })),
          }),
          ...errorResponses(401),
        },
      },
    },
    async (request) => service.myInvitations(db, await request.requireUser()),
  );

  for (const [action, accept] of [
    ['accept', true],
    ['decline', false],
  ] as const) {
    app.post(
      `/org-invitations/:id/${action}`,
      {
        onRequest: signedIn,
        schema: {
          tags: ['orgs'],
          summary: accept ? '接受单位邀请（成为成员）' : '拒绝单位邀请',
          params: idParams,
          response: { 200: z.object({ orgId: z.uuid(), status: z.enum(['accepted', 'declined']) }), ...errorResponses(400, 401, 404) },
        },
      },
      async (request) => service.answerInvitation(db, await request.requireUser(), request.params.id, accept),
    );
  }

  app.post(
    '/orgs/:id/leave',
    {
      onRequest: signedIn,
      schema: {
        tags: ['orgs'],
        summary: '退出单位（最后一名管理员不能退出）',
        params: idParams,
        response: { 204: z.null(), ...errorResponses(400, 401, 404, 409) },
      },
    },
    async (request, reply) => {
      await service.leaveOrganization(db, await request.requireUser(), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/orgs/:id/members/:userId',
    {
      onRequest: signedIn,
      schema: {
        tags: ['orgs'],
        summary: '移除成员（仅单位管理员；不能移除最后一名管理员）',
        params: memberParams,
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await service.removeMember(db, await request.requireUser(), request.params.id, request.params.userId);
      return reply.status(204).send(null);
    },
  );

  app.patch(
    '/orgs/:id/members/:userId',
    {
      onRequest: signedIn,
      schema: {
        tags: ['orgs'],
        summary: '修改成员角色（仅单位管理员；最后一名管理员不能降为成员）',
        params: memberParams,
        body: z.object({ role: roleSchema }),
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await service.changeMemberRole(db, await request.requireUser(), request.params.id, request.params.userId, request.body.role);
      return reply.status(204).send(null);
    },
  );
};
