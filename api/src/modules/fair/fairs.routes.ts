import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DB } from '../../db/database.ts';
import { hasRole, signedIn } from '../../lib/guards.ts';
import { errorResponses, idParams } from '../../lib/http.ts';
import {
  availabilityBody,
  createFairBody,
  fairSchema,
  listRequestsQuery,
  meetingRequestSchema,
  participantSchema,
  presentationBody,
  presentationSchema,
  registerBody,
  requestBody,
  updateFairBody,
} from './fair.schemas.ts';
import * as fairs from './fairs.service.ts';
import { presentationDto } from './fair-dto.ts';
import * as requests from './requests.service.ts';

/** 供需对接会: fairs, programme, registration and meeting requests. */
export const fairRoutes: FastifyPluginAsyncZod<{ db: DB; clock: () => Date }> = async (app, { db, clock }) => {
  const tags = ['fair'];

  app.post(
    '/editions/:id/fairs',
    {
      onRequest: hasRole('committee'),
      schema: {
        tags,
        summary: '创建供需对接会（组委会）：会场、日期与时段、每场时长与间隔、洽谈桌数；可设约见有效期、每方会谈上限、签到宽限',
        params: idParams,
        body: createFairBody,
        response: { 201: fairSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await fairs.createFair(db, await request.requireUser(), request.params.id, request.body)),
  );

  app.get(
    '/editions/:id/fairs',
    {
      schema: {
        tags,
        summary: '本届赛事的对接会（公开）',
        params: idParams,
        response: { 200: z.object({ items: z.array(fairSchema) }), ...errorResponses(400) },
      },
    },
    async (request) => fairs.listFairs(db, await request.currentUser(), request.params.id),
  );

  app.get(
    '/fairs/:id',
    {
      schema: {
        tags,
        summary: '对接会详情与推介日程（公开）',
        params: idParams,
        response: { 200: fairSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => fairs.getFair(db, await request.currentUser(), request.params.id),
  );

  app.patch(
    '/fairs/:id',
    {
      onRequest: hasRole('committee'),
      schema: {
        tags,
        summary: '修改对接会设置（组委会；改动时段后请重新排期）',
        params: idParams,
        body: updateFairBody,
        response: { 200: fairSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => fairs.updateFair(db, await request.requireUser(), request.params.id, request.body),
  );

  app.post(
    '/fairs/:id/presentations',
    {
      onRequest: hasRole('committee'),
      schema: {
        tags,
        summary: '添加城市/园区推介（组委会）',
        params: idParams,
        body: presentationBody,
        response: { 201: presentationSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(presentationDto(await fairs.addPresentation(db, await request.requireUser(), request.params.id, request.body))),
  );

  app.post(
    '/fairs/:id/participants',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: '报名参会：需求企业（orgId，本单位成员）或参赛团队（teamId，本团队代表），附可约时段；不填时段表示全程可约',
        params: idParams,
        body: registerBody,
        response: { 201: participantSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await fairs.registerParticipant(db, await request.requireUser(), request.params.id, request.body)),
  );

  app.get(
    '/fairs/:id/participants',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: '参会方名单（登录用户；可约时段仅本方与组委会可见）',
        params: idParams,
        response: { 200: z.object({ items: z.array(participantSchema) }), ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => fairs.listParticipants(db, await request.requireUser(), request.params.id),
  );

  app.put(
    '/fair-participants/:id/availability',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: '修改可约时段（本方或组委会）',
        params: idParams,
        body: availabilityBody,
        response: { 200: participantSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => fairs.setAvailability(db, await request.requireUser(), request.params.id, request.body.availability),
  );

  app.post(
    '/fairs/:id/requests',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: '发起约见（以本方参会身份；企业与团队之间；双方须已报名；不能约自己；不超过每方会谈上限）',
        params: idParams,
        body: requestBody,
        response: { 201: meetingRequestSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await requests.createRequest(db, await request.requireUser(), request.params.id, request.body, clock())),
  );

  app.get(
    '/fairs/:id/requests',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: '约见请求：参会方看本方发出和收到的（participantId），组委会和监督委员会看全部',
        params: idParams,
        querystring: listRequestsQuery,
        response: { 200: z.object({ items: z.array(meetingRequestSchema) }), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => requests.listRequests(db, await request.requireUser(), request.params.id, request.query, clock()),
  );

  for (const [action, summary, run] of [
    ['accept', '接受约见（仅被约见方；检查双方会谈上限）', requests.acceptRequest],
    ['decline', '拒绝约见（仅被约见方）', requests.declineRequest],
    ['withdraw', '撤回约见（仅发起方，待回复时）', requests.withdrawRequest],
  ] as const) {
    app.post(
      `/meeting-requests/:id/${action}`,
      {
        onRequest: signedIn,
        schema: { tags, summary, params: idParams, response: { 200: meetingRequestSchema, ...errorResponses(400, 401, 403, 404, 409) } },
      },
      async (request) => run(db, await request.requireUser(), request.params.id, clock()),
    );
  }
};
