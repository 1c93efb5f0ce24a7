import cors from '@fastify/cors';
import fp from 'fastify-plugin';

// The web is served from the same origin; cross-origin callers get read-only
// access without cookies (credentials stay same-origin).
export default fp(async (app) => {
  await app.register(cors, { origin: true, credentials: false, methods: ['GET', 'HEAD'] });
});
