import rateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';
import { AppError } from '../../errors.ts';

// Off by default; routes that need it (login, register) opt in with `config.rateLimit`.
export default fp(async (app) => {
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new AppError('RATE_LIMITED', `请求过于频繁，请在 ${Math.ceil(context.ttl / 1000)} 秒后重试`, {
        retryAfterSeconds: Math.ceil(context.ttl / 1000),
      }),
  });
});
