import jwt from '@fastify/jwt';
import fp from 'fastify-plugin';

export const SESSION_COOKIE = 'jb_session';
export const SESSION_TTL_SECONDS = 7 * 24 * 3600;

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: { sub: string; sid?: string };
    user: { sub: string; sid?: string };
  }
}

/** Tokens are read from `Authorization: Bearer` first, then from the httpOnly session cookie. */
export default fp<{ secret: string }>(async (app, opts) => {
  await app.register(jwt, {
    secret: opts.secret,
    sign: { expiresIn: SESSION_TTL_SECONDS },
    cookie: { cookieName: SESSION_COOKIE, signed: false },
  });
});
