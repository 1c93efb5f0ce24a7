import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DB } from '../../db/database.ts';
import { hasRole, signedIn } from '../../lib/guards.ts';
import { errorResponses, idParams } from '../../lib/http.ts';
import { dashboardWorkbook, getDashboard } from './dashboard.service.ts';
import {
  agendaQuery,
  agendaSchema,
  cancelBody,
  checkInBody,
  dashboardSchema,
  meetingSchema,
  outcomeBody,
  scheduleBody,
  scheduleSchema,
} from './fair.schemas.ts';
import * as onday from './onday.service.ts';
import * as schedule from './schedule.service.ts';

const attachment = (name: string) => `attachment; filename="download"; filename*=UTF-8''${encodeURIComponent(name)}`;

/** 排期、议程、签到、结果与看板. */
export const meetingRoutes: FastifyPluginAsyncZod<{ db: DB; clock: () => Date }> = async (app, { db, clock }) => {
  const tags = ['fair'];

  app.post(
    '/fairs/:id/schedule',
    {
      onRequest: hasRole('committee'),
      schema: {
        tags,
        summary:
          '排期/重新排期（组委会）：把已接受的会谈排入时段和洽谈桌，不冲突、不超出双方可约时段；可固定（pins）或取消固定（unpin）；报告下界与所用时段及未能排入的原因',
        params: idParams,
        body: scheduleBody,
        response: { 200: scheduleSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => schedule.runSchedule(db, await request.requireUser(), request.params.id, request.body, clock()),
  );

  app.get(
    '/fairs/:id/schedule',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: '对接会日程：组委会和监督委员会看全部，参会方看本方会谈',
        params: idParams,
        response: { 200: scheduleSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => schedule.getSchedule(db, await request.requireUser(), request.params.id, clock()),
  );

  app.get(
    '/fairs/:id/agenda',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: '我的议程（本方或组委会）',
        params: idParams,
        querystring: agendaQuery,
        response: { 200: agendaSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => onday.getAgenda(db, await request.requireUser(), request.params.id, request.query.participantId, clock()),
  );

  app.get(
    '/fairs/:id/agenda.ics',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: '我的议程（iCalendar 文件）',
        params: idParams,
        querystring: agendaQuery,
        response: { 200: z.unknown().describe('text/calendar'), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const text = await onday.agendaIcs(db, await request.requireUser(), request.params.id, request.query.participantId, clock());
      return reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('content-disposition', attachment('对接会议程.ics'))
        .send(Buffer.from(text, 'utf8'));
    },
  );

  app.get(
    '/meetings/:id/qr',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: '会谈签到二维码（会谈双方和组委会）：扫码打开签到页',
        params: idParams,
        response: { 200: z.object({ url: z.string(), svg: z.string() }), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => onday.meetingQr(db, await request.requireUser(), request.params.id, `${request.protocol}://${request.host}`),
  );

  app.post(
    '/meetings/:id/check-in',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: '扫码签到（会谈双方；开始前 30 分钟至开始后宽限期内）',
        params: idParams,
        body: checkInBody,
        response: { 200: meetingSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => onday.checkIn(db, await request.requireUser(), request.params.id, request.body.token, clock()),
  );

  app.post(
    '/meetings/:id/outcome',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: '记录会谈结果（会谈双方各自记录：无意向/有意向/签约，签约须填金额，单位万元）',
        params: idParams,
        body: outcomeBody,
        response: { 200: meetingSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => onday.recordOutcome(db, await request.requireUser(), request.params.id, request.body, clock()),
  );

  app.post(
    '/meetings/:id/cancel',
    {
      onRequest: signedIn,
      schema: {
        tags,
        summary: '取消会谈（会谈双方或组委会；释放时段并通知双方）',
        params: idParams,
        body: cancelBody,
        response: { 200: meetingSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => schedule.cancelMeeting(db, await request.requireUser(), request.params.id, request.body.reason),
  );

  app.get(
    '/fairs/:id/dashboard',
    {
      onRequest: hasRole('committee', 'supervisor'),
      schema: {
        tags,
        summary: '对接会看板（组委会、监督委员会）：按赛道、按子赛题统计会谈、签到、缺席、意向、签约及金额',
        params: idParams,
        response: { 200: dashboardSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { items: _items, ...dashboard } = await getDashboard(db, await request.requireUser(), request.params.id, clock());
      return dashboard;
    },
  );

  app.get(
    '/fairs/:id/dashboard.xlsx',
    {
      onRequest: hasRole('committee', 'supervisor'),
      schema: {
        tags,
        summary: '导出对接会看板（Excel）',
        params: idParams,
        response: { 200: z.unknown().describe('xlsx'), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { buffer, fileName } = await dashboardWorkbook(db, await request.requireUser(), request.params.id, clock());
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', attachment(fileName))
        .send(buffer);
    },
  );
};
