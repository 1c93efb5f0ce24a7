import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from './config.ts';
import type { DB } from './db/database.ts';
import type { LoginLimits } from './modules/auth/auth.service.ts';
import cookiePlugin from './plugins/external/cookie.ts';
import corsPlugin from './plugins/external/cors.ts';
import helmetPlugin from './plugins/external/helmet.ts';
import jwtPlugin from './plugins/external/jwt.ts';
import rateLimitPlugin from './plugins/external/rate-limit.ts';
import swaggerPlugin from './plugins/external/swagger.ts';
import multipartPlugin from './plugins/external/multipart.ts';
import authPlugin from './plugins/app/auth.ts';
import errorHandlerPlugin from './plugins/app/error-handler.ts';
import webPlugin from './plugins/app/web.ts';
import csrfPlugin from './plugins/app/csrf.ts';
import hostileInputPlugin from './plugins/app/hostile-input.ts';
import { sessionRoutes } from './modules/auth/sessions.routes.ts';
import { orgInvitationRoutes } from './modules/orgs/org-invitations.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { catalogRoutes } from './modules/catalog/catalog.routes.ts';
import { demandRoutes } from './modules/demands/demands.routes.ts';
import { notificationRoutes } from './modules/notifications/notifications.routes.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { orgRoutes } from './modules/orgs/orgs.routes.ts';
import { userRoutes } from './modules/users/users.routes.ts';
import { searchRoutes } from './modules/search/search.routes.ts';
import { teamRoutes } from './modules/teams/teams.routes.ts';
import { projectRoutes } from './modules/projects/projects.routes.ts';
import { reviewRoutes } from './modules/reviews/reviews.routes.ts';
import { expertRoutes } from './modules/reviews/experts.routes.ts';
import { fairRoutes } from './modules/fair/fairs.routes.ts';
import { meetingRoutes } from './modules/fair/meetings.routes.ts';
import { matchingRoutes } from './modules/fair/matching.routes.ts';
import { defaultUploadLimits, type UploadLimits } from './modules/projects/material-types.ts';
import type { FileStorage } from './lib/storage/file-storage.ts';
import type { SearchEngine } from '@jb/search';
import chatSocketPlugin from './plugins/app/chat-socket.ts';
import { chatRoutes } from './modules/chat/chat.routes.ts';
import { questionRoutes } from './modules/chat/questions.routes.ts';
import type { ChatLimits } from './modules/chat/chat-hub.ts';
import { resultRoutes } from './modules/results/results.routes.ts';
import { implementationRoutes } from './modules/tracking/implementations.routes.ts';
import { milestoneRoutes } from './modules/tracking/milestones.routes.ts';
import { publicityRoutes } from './modules/publicity/publicity.routes.ts';
import { dossierRoutes } from './modules/dossier/dossier.routes.ts';
import { effectReportRoutes } from './modules/tracking/effect-reports.routes.ts';
import { trackingDashboardRoutes } from './modules/tracking/dashboard.routes.ts';
import { caseRoutes } from './modules/tracking/cases.routes.ts';

// Validation messages in Simplified Chinese: users read them next to form fields.
z.config(z.locales.zhCN());

export interface AppOptions {
  config: Pick<Config, 'jwtSecret' | 'nodeEnv' | 'logLevel'>;
  db: DB;
  /** Where the built web lives; false to serve only the API (tests). */
  webBuildDir?: string | false;
  logger?: FastifyServerOptions['logger'];
  loginLimits?: Partial<LoginLimits & { perIpPerMinute: number; registrationsPerIpPer10Minutes: number }>;
  /** The search engine the routes query (its sync worker runs separately). */
  search: SearchEngine;
  /** Where uploaded materials are stored (by content hash). */
  storage: FileStorage;
  uploadLimits?: Partial<UploadLimits>;
  /** The time phase rules are checked against; tests may fix it. */
  clock?: () => Date;
  /** Hardening (issue 10): proxies trusted for X-Forwarded-*, origins allowed for cookie requests, API docs page. */
  security?: SecurityOptions;
  /** Chat (socket.io): the PostgreSQL URL for the cross-instance adapter (none: one instance), and limits. */
  chat?: { databaseUrl?: string | null; limits?: Partial<ChatLimits> };
}

export interface SecurityOptions {
  /** Addresses/CIDRs of reverse proxies whose X-Forwarded-For is believed; none by default. */
  trustProxy?: string[];
  /** Origins (besides the request's own Host) allowed to send state-changing cookie requests. */
  allowedOrigins?: string[];
  /** Serve the Swagger UI at /api/docs (default: outside production). */
  docs?: boolean;
}

export const defaultLoginLimits = { perIpPerMinute: 20, registrationsPerIpPer10Minutes: 30, perAccountMax: 5, windowSeconds: 15 * 60 };

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config, db } = options;
  const app = Fastify({
    logger: options.logger ?? {
      level: config.logLevel,
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.password', '*.token'],
        censor: '[redacted]',
      },
    },
    // Only configured proxies may set the client address (X-Forwarded-For); nobody by default.
    trustProxy: options.security?.trustProxy?.length ? options.security.trustProxy : false,
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(errorHandlerPlugin);
  await app.register(helmetPlugin);
  await app.register(corsPlugin);
  await app.register(cookiePlugin);
  await app.register(jwtPlugin, { secret: config.jwtSecret });
  await app.register(rateLimitPlugin);
  await app.register(swaggerPlugin, { ui: options.security?.docs ?? config.nodeEnv !== 'production' });
  const uploadLimits = { ...defaultUploadLimits, ...options.uploadLimits };
  await app.register(multipartPlugin, { maxFileBytes: Math.max(uploadLimits.documentBytes, uploadLimits.videoBytes) });
  await app.register(authPlugin, { db, secureCookies: config.nodeEnv === 'production' });
  await app.register(csrfPlugin, { allowedOrigins: options.security?.allowedOrigins ?? [] });
  await app.register(hostileInputPlugin);

  const loginLimits = { ...defaultLoginLimits, ...options.loginLimits };
  const clock = options.clock ?? (() => new Date());
  await app.register(chatSocketPlugin, { db, clock, databaseUrl: options.chat?.databaseUrl, limits: options.chat?.limits });
  await app.register(
    async (api) => {
      await api.register(healthRoutes, { db, engine: options.search });
      await api.register(authRoutes, { db, loginLimits });
      await api.register(userRoutes, { db });
      await api.register(orgRoutes, { db });
      await api.register(catalogRoutes, { db });
      await api.register(demandRoutes, { db, clock });
      await api.register(notificationRoutes, { db });
      await api.register(searchRoutes, { db, engine: options.search });
      await api.register(teamRoutes, { db, clock });
      await api.register(projectRoutes, { db, clock, storage: options.storage, uploadLimits });
      // 供需对接会 and matching (issue 13)
      await api.register(fairRoutes, { db, clock });
      await api.register(meetingRoutes, { db, clock });
      await api.register(matchingRoutes, { db });
      await api.register(sessionRoutes, { db });
      await api.register(orgInvitationRoutes, { db });
      await api.register(reviewRoutes, { db, clock, storage: options.storage });
      await api.register(expertRoutes, { db, clock });
      await api.register(chatRoutes, { ctx: app.chat.ctx, storage: options.storage, uploadLimits });
      await api.register(questionRoutes, { ctx: app.chat.ctx });
      await api.register(resultRoutes, { db, clock, storage: options.storage, uploadLimits });
      // 落地实施 (issue 15): implementations, milestones, change requests, expert opinions
      const chatHub = () => app.chat.ctx.hub;
      await api.register(implementationRoutes, { db, clock, hub: chatHub });
      await api.register(milestoneRoutes, { db, clock, hub: chatHub, storage: options.storage, uploadLimits });
      // 公示、举报、反馈与留档 (issue 14, second half)
      await api.register(publicityRoutes, { db, clock, storage: options.storage, uploadLimits });
      await api.register(dossierRoutes, { db, clock });
      // 事后效果追踪 (issue 15): effect reports, dashboard and console, 典型案例
      await api.register(effectReportRoutes, { db, clock });
      await api.register(trackingDashboardRoutes, { db, clock });
      await api.register(caseRoutes, { db, clock });
    },
    { prefix: '/api' },
  );

  await app.register(webPlugin, { buildDir: options.webBuildDir });
  return app;
}
