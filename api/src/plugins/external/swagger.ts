import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import '../../openapi-components.ts';

/** The OpenAPI document is always served; the Swagger UI (`ui`) with a strict CSP of its own. */
export default fp<{ ui: boolean }>(async (app, opts) => {
  await app.register(swagger, {
    openapi: {
      info: {
        title: '揭榜挂帅 · 数据要素× 需求对接平台 API',
        description: 'Every failure has the shape {"error": {"code", "message", "details"}}.',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'jb_session' },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  if (opts.ui) {
    await app.register(swaggerUi, {
      routePrefix: '/api/docs',
      // The package's policy (its inline scripts by hash), minus the upgrade to https that would break plain-http installs.
      staticCSP: true,
      transformStaticCSP: (header) => header.replace(/\s*upgrade-insecure-requests;?/, ''),
    });
  }
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
});
