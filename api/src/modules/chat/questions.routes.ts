import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { signedIn } from '../../lib/guards.ts';
import { errorResponses, idParams } from '../../lib/http.ts';
import { answerBody, publicAnswerSchema, questionBody, questionSchema } from './chat.schemas.ts';
import type { ChatContext } from './chat.service.ts';
import * as questions from './questions.service.ts';

/** 答疑: questions of a sub-topic, answers (privately or to all), public answers. */
export const questionRoutes: FastifyPluginAsyncZod<{ ctx: ChatContext }> = async (app, { ctx }) => {
  app.post(
    '/demands/:id/questions',
    {
      onRequest: signedIn,
      schema: {
        tags: ['chat'],
        summary: '向企业提问（本届参赛团队的参赛代表；子赛题揭榜期间）',
        params: idParams,
        body: questionBody,
        response: { 201: questionSchema, ...errorResponses(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await questions.askQuestion(ctx, await request.requireUser(), request.params.id, request.body.text)),
  );

  app.get(
    '/demands/:id/questions',
    {
      onRequest: signedIn,
      schema: {
        tags: ['chat'],
        summary: '答疑提问：企业和组委会看全部，参赛代表看本团队的',
        params: idParams,
        response: {
          200: z.object({ items: z.array(questionSchema), canAnswer: z.boolean(), canPublish: z.boolean() }),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => questions.listQuestions(ctx, await request.requireUser(), request.params.id),
  );

  app.post(
    '/questions/:id/answer',
    {
      onRequest: signedIn,
      schema: {
        tags: ['chat'],
        summary: '企业答复提问：toAll=true 时去掉提问方身份，公开给所有揭榜和关注的团队',
        params: idParams,
        body: answerBody,
        response: { 200: questionSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => questions.answerQuestion(ctx, await request.requireUser(), request.params.id, request.body),
  );

  app.post(
    '/questions/:id/publish',
    {
      onRequest: signedIn,
      schema: {
        tags: ['chat'],
        summary: '组委会将已有答复公开给所有团队',
        params: idParams,
        response: { 200: questionSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => questions.publishAnswer(ctx, await request.requireUser(), request.params.id),
  );

  app.get(
    '/demands/:id/answers',
    {
      schema: {
        tags: ['chat'],
        summary: '公开答疑（所有能查看该子赛题的人；不含提问方身份）',
        params: idParams,
        response: {
          200: z.object({ items: z.array(publicAnswerSchema), channelId: z.uuid().nullable(), canAsk: z.boolean() }),
          ...errorResponses(400, 404),
        },
      },
    },
    async (request) => questions.publicAnswers(ctx, await request.currentUser(), request.params.id),
  );
};
