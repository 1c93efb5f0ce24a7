import helmet from '@fastify/helmet';
import fp from 'fastify-plugin';

// The web sets its own Content-Security-Policy (SvelteKit hashes its inline
// boot script); a second policy from here would block it, so CSP is off here.
export default fp(async (app) => {
  await app.register(helmet, { contentSecurityPolicy: false, crossOriginEmbedderPolicy: false });
});
