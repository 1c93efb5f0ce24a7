import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../../errors.ts';
import { SESSION_COOKIE } from '../external/jwt.ts';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The origin (scheme://host[:port]) a browser says the request comes from: Origin, else Referer. */
export function requestOrigin(request: FastifyRequest): string | null {
  const origin = request.headers.origin;
  if (origin && origin !== 'null') return origin;
  if (origin === 'null') return 'null';
  const referer = request.headers.referer;
  if (!referer) return null;
  try {
    return new URL(referer).origin;
  } catch {
    return 'null';
  }
}

/** Whether `origin` is the platform's own: the request's Host, or one of the configured origins. */
export function isOwnOrigin(origin: string, host: string | undefined, allowed: ReadonlySet<string>): boolean {
  if (allowed.has(origin)) return true;
  try {
    const url = new URL(origin);
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !host) return false;
    // Compared through URL so that a default port (":80" on http) is normalised on both sides.
    return new URL(`${url.protocol}//${host}`).host === url.host;
  } catch {
    return false;
  }
}

/**
 * CSRF: a state-changing request authenticated by the session cookie must come from
 * the platform's own origin (its Origin, else its Referer). Another port of the same
 * host is another origin, although SameSite=Lax counts it as the same site. Bearer
 * requests carry no ambient credentials and are not affected; neither are requests
 * without the cookie (they act as nobody).
 */
export default fp<{ allowedOrigins: string[] }>(async (app, opts) => {
  const allowed = new Set(opts.allowedOrigins.map((o) => new URL(o).origin));
  app.addHook('onRequest', async (request) => {
    if (!STATE_CHANGING.has(request.method)) return;
    if (/^bearer\s/i.test(request.headers.authorization ?? '')) return;
    if (!request.cookies?.[SESSION_COOKIE]) return;
    const origin = requestOrigin(request);
    if (origin && isOwnOrigin(origin, request.headers.host, allowed)) return;
    throw new AppError('FORBIDDEN', '请求来自其他网站，已拒绝（跨站请求伪造防护）。请在本平台页面上操作', {
      reason: 'CROSS_ORIGIN',
      origin,
    });
  });
});
