import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { FileStorage } from '../../lib/storage/file-storage.ts';
import { signedIn } from '../../lib/guards.ts';
import { errorResponses, idParams } from '../../lib/http.ts';
import type { UploadLimits } from '../projects/material-types.ts';
import { sendAttachment } from './chat-attachments.ts';
import { exportChannel, exportDemand } from './chat-export.ts';
import {
  channelDetailSchema,
  channelSchema,
  editBody,
  hideBody,
  historySchema,
  messageSchema,
  readBody,
  sendBody,
} from './chat.schemas.ts';
import * as service from './chat.service.ts';
import type { ChatContext } from './chat.service.ts';

export interface ChatRoutesOptions {
  ctx: ChatContext;
  storage: FileStorage;
  uploadLimits: UploadLimits;
}

const messageParams = z.object({ id: z.uuid('编号格式不正确'), messageId: z.uuid('编号格式不正确') });

/** Channels over HTTP, beside the socket (clients without a socket, history, audit). */
export const chatRoutes: FastifyPluginAsyncZod<ChatRoutesOptions> = async (app, { ctx, storage, uploadLimits }) => {
  app.get(
    '/channels',
    {
      onRequest: signedIn,
      schema: {
        tags: ['chat'],
        summary: '我的频道及未读数（mine=1）；组委会和监督委员会不带 mine 时查看全部频道（可按 demandId 筛选）',
        querystring: z.object({ mine: z.enum(['1', 'true', '0', 'false']).optional(), demandId: z.uuid().optional() }),
        response: { 200: z.object({ items: z.array(channelSchema), totalUnread: z.number() }), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const mine = request.query.mine === '1' || request.query.mine === 'true';
      return service.listMyChannels(ctx, await request.requireUser(), { all: !mine, demandId: request.query.demandId });
    },
  );

  app.get(
    '/channels/:id',
    {
      onRequest: signedIn,
      schema: {
        tags: ['chat'],
        summary: '频道详情（含能否发言、监督提示）',
        params: idParams,
        response: { 200: channelDetailSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => service.channelDetail(ctx, await request.requireUser(), request.params.id),
  );

  app.get(
    '/channels/:id/messages',
    {
      onRequest: signedIn,
      schema: {
        tags: ['chat'],
        summary: '历史消息：after=<seq> 之后按序（补齐断线期间的消息），或 before=<seq> 之前一页',
        params: idParams,
        querystring: z.object({
          after: z.coerce.number().int().min(0).optional(),
          before: z.coerce.number().int().min(1).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: historySchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => service.history(ctx, await request.requireUser(), request.params.id, request.query),
  );

  app.post(
    '/channels/:id/messages',
    {
      onRequest: signedIn,
      schema: {
        tags: ['chat'],
        summary: '发送消息（无 socket 的客户端；clientId 相同的重发不会重复保存）',
        params: idParams,
        body: sendBody,
        response: { 201: messageSchema, ...errorResponses(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request, reply) => {
      const { message } = await service.sendMessage(ctx, await request.requireUser(), request.params.id, request.body);
      return reply.status(201).send(message);
    },
  );

  app.post(
    '/channels/:id/attachments',
    {
      onRequest: signedIn,
      schema: {
        tags: ['chat'],
        summary: '发送附件（multipart：clientId、可选 text 字段，后 file；与证明材料相同的类型检查和大小上限）',
        consumes: ['multipart/form-data'],
        params: idParams,
        response: { 201: messageSchema, ...errorResponses(400, 401, 403, 404, 409, 413, 415, 429) },
      },
    },
    async (request, reply) => {
      const user = await request.requireUser();
      const { message } = await sendAttachment(ctx, storage, uploadLimits, user, request.params.id, request.parts());
      return reply.status(201).send(message);
    },
  );

  app.get(
    '/channels/:id/messages/:messageId/attachment',
    {
      onRequest: signedIn,
      schema: {
        tags: ['chat'],
        summary: '下载附件（与频道同样的查看权限）',
        params: messageParams,
        response: { 200: z.unknown().describe('文件内容'), ...errorResponses(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const file = await service.loadAttachment(ctx, await request.requireUser(), request.params.id, request.params.messageId);
      return reply
        .header('content-type', file.mimeType)
        .header('content-length', String(file.size))
        .header(
          'content-disposition',
          `attachment; filename="${file.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        )
        .header('cache-control', 'private, no-store')
        .send(await storage.open(file.sha256));
    },
  );

  app.patch(
    '/channels/:id/messages/:messageId',
    {
      onRequest: signedIn,
      schema: {
        tags: ['chat'],
        summary: '修改自己的消息（发送后 2 分钟内；原文留档供组委会查看）',
        params: messageParams,
        body: editBody,
        response: { 200: messageSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      service.editMessage(ctx, await request.requireUser(), request.params.id, request.params.messageId, request.body.text),
  );

  app.delete(
    '/channels/:id/messages/:messageId',
    {
      onRequest: signedIn,
      schema: {
        tags: ['chat'],
        summary: '撤回自己的消息（发送后 2 分钟内；原文留档）',
        params: messageParams,
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await service.deleteMessage(ctx, await request.requireUser(), request.params.id, request.params.messageId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/channels/:id/messages/:messageId/hide',
    {
      onRequest: signedIn,
      schema: {
        tags: ['chat'],
        summary: '隐藏消息（组委会；须填写原因；消息保留，监督方可见）',
        params: messageParams,
        body: hideBody,
        response: { 200: messageSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      service.hideMessage(ctx, await request.requireUser(), request.params.id, request.params.messageId, request.body.reason),
  );

  app.post(
    '/channels/:id/read',
    {
      onRequest: signedIn,
      schema: {
        tags: ['chat'],
        summary: '标记已读到 seq（未读数、公告回执）',
        params: idParams,
        body: readBody,
        response: { 200: z.object({ channelId: z.uuid(), lastReadSeq: z.number(), unread: z.number() }), ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => service.markRead(ctx, await request.requireUser(), request.params.id, request.body.seq),
  );

  const exportSchema = z.record(z.string(), z.unknown());
  app.get(
    '/channels/:id/export',
    {
      onRequest: signedIn,
      schema: {
        tags: ['chat'],
        summary: '导出频道（组委会、监督委员会）：全部消息含隐藏、修改和撤回前的原文，已读回执',
        params: idParams,
        response: { 200: exportSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const data = await exportChannel(ctx, await request.requireUser(), request.params.id);
      return reply.header('content-disposition', `attachment; filename="channel-${request.params.id}.json"`).send(data);
    },
  );

  app.get(
    '/demands/:id/chat-export',
    {
      onRequest: signedIn,
      schema: {
        tags: ['chat'],
        summary: '导出子赛题的全部频道和答疑（组委会、监督委员会）',
        params: idParams,
        response: { 200: exportSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const data = await exportDemand(ctx, await request.requireUser(), request.params.id);
      return reply.header('content-disposition', `attachment; filename="demand-${request.params.id}-chat.json"`).send(data);
    },
  );
};
