import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DB } from '../../db/database.ts';
import { hasRole } from '../../lib/guards.ts';
import { errorResponses, idParams } from '../../lib/http.ts';
import {
  createEditionBody,
  createTopicBody,
  createTrackBody,
  editionDetailSchema,
  editionSchema,
  topicSchema,
  trackSchema,
  updateEditionBody,
  updateTopicBody,
  updateTrackBody,
} from './catalog.schemas.ts';
import * as service from './catalog.service.ts';

const committeeOnly = hasRole('committee');
const noContent = { 204: z.null() };

/** Editions → tracks → topics. Anyone reads; only the committee writes. */
export const catalogRoutes: FastifyPluginAsyncZod<{ db: DB }> = async (app, { db }) => {
  app.get(
    '/editions',
    { schema: { tags: ['catalog'], summary: '赛事列表', response: { 200: z.object({ items: z.array(editionSchema) }) } } },
    async () => ({ items: await service.listEditions(db) }),
  );

  app.get(
    '/editions/:id',
    {
      schema: {
        tags: ['catalog'],
        summary: '赛事详情（含赛道与赛题）',
        params: idParams,
        response: { 200: editionDetailSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => service.getEditionDetail(db, request.params.id),
  );

  app.post(
    '/editions',
    {
      onRequest: committeeOnly,
      schema: {
        tags: ['catalog'],
        summary: '创建赛事（组委会）',
        body: createEditionBody,
        response: { 201: editionDetailSchema, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await service.createEdition(db, await request.requireUser(), request.body)),
  );

  app.patch(
    '/editions/:id',
    {
      onRequest: committeeOnly,
      schema: {
        tags: ['catalog'],
        summary: '修改赛事、阶段日期与规则参数（组委会）',
        params: idParams,
        body: updateEditionBody,
        response: { 200: editionDetailSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => service.updateEdition(db, await request.requireUser(), request.params.id, request.body),
  );

  app.delete(
    '/editions/:id',
    {
      onRequest: committeeOnly,
      schema: {
        tags: ['catalog'],
        summary: '删除赛事（组委会）',
        params: idParams,
        response: { ...noContent, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await service.deleteEdition(db, await request.requireUser(), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/editions/:id/tracks',
    {
      onRequest: committeeOnly,
      schema: {
        tags: ['catalog'],
        summary: '新增赛道（组委会）',
        params: idParams,
        body: createTrackBody,
        response: { 201: trackSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createTrack(db, await request.requireUser(), request.params.id, request.body)),
  );

  app.get(
    '/tracks/:id',
    {
      schema: {
        tags: ['catalog'],
        summary: '赛道详情（含赛题）',
        params: idParams,
        response: { 200: trackSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => service.getTrack(db, request.params.id),
  );

  app.patch(
    '/tracks/:id',
    {
      onRequest: committeeOnly,
      schema: {
        tags: ['catalog'],
        summary: '修改赛道（组委会）',
        params: idParams,
        body: updateTrackBody,
        response: { 200: trackSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => service.updateTrack(db, await request.requireUser(), request.params.id, request.body),
  );

  app.delete(
    '/tracks/:id',
    {
      onRequest: committeeOnly,
      schema: {
        tags: ['catalog'],
        summary: '删除赛道（组委会）',
        params: idParams,
        response: { ...noContent, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await service.deleteTrack(db, await request.requireUser(), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/tracks/:id/topics',
    {
      onRequest: committeeOnly,
      schema: {
        tags: ['catalog'],
        summary: '新增赛题（组委会）',
        params: idParams,
        body: createTopicBody,
        response: { 201: topicSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createTopic(db, await request.requireUser(), request.params.id, request.body)),
  );

  app.get(
    '/topics/:id',
    { schema: { tags: ['catalog'], summary: '赛题详情', params: idParams, response: { 200: topicSchema, ...errorResponses(400, 404) } } },
    async (request) => service.getTopic(db, request.params.id),
  );

  app.patch(
    '/topics/:id',
    {
      onRequest: committeeOnly,
      schema: {
        tags: ['catalog'],
        summary: '修改赛题（组委会）',
        params: idParams,
        body: updateTopicBody,
        response: { 200: topicSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.updateTopic(db, await request.requireUser(), request.params.id, request.body),
  );

  app.delete(
    '/topics/:id',
    {
      onRequest: committeeOnly,
      schema: {
        tags: ['catalog'],
        summary: '删除赛题（组委会）',
        params: idParams,
        response: { ...noContent, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await service.deleteTopic(db, await request.requireUser(), request.params.id);
      return reply.status(204).send(null);
    },
  );
};
