import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { DB } from '../../db/database.ts';
import type { PlatformRole, SessionRow, UserRow } from '../../db/schema.ts';
import { forbidden, unauthenticated } from '../../errors.ts';
import { SESSION_COOKIE, SESSION_TTL_SECONDS } from '../external/jwt.ts';
import { checkSession } from '../../modules/auth/sessions.ts';
import { insertSession, touchSession } from '../../modules/auth/sessions.repository.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * The signed-in user, or null. The token must name a live server-side session
     * (not revoked, not expired); loaded from the database once per request, so role
     * changes and revocations apply at once.
     */
    currentUser(): Promise<UserRow | null>;
    /** The session the request is authenticated by, or null. */
    currentSession(): Promise<SessionRow | null>;
    requireUser(): Promise<UserRow>;
    requireRole(...roles: PlatformRole[]): Promise<UserRow>;
  }
  interface FastifyReply {
    /** Opens a server-side session, sets the cookie and returns the token (which names the session). */
    startSession(user: { id: string }): Promise<string>;
    endSession(): void;
  }
  interface FastifyInstance {
    /** Verifies a token (signature, expiry) and its session; for transports other than HTTP (socket.io). */
    authenticateToken(token: string): Promise<{ user: UserRow; session: SessionRow } | null>;
  }
}

type Authenticated = { user: UserRow; session: SessionRow } | null;
const memo = new WeakMap<FastifyRequest, Promise<Authenticated>>();

/** Whether the request carries credentials of any kind (then its answer must not be cached). */
export const carriesCredentials = (request: FastifyRequest) => !!request.headers.authorization || !!request.cookies?.[SESSION_COOKIE];

export default fp<{ db: DB; secureCookies: boolean }>(async (app, opts) => {
  const verify = async (payload: { sub?: string; sid?: string } | undefined): Promise<Authenticated> => {
    if (!payload?.sid || !payload.sub) return null; // tokens from before server-side sessions no longer count
    const found = await checkSession(opts.db, payload.sid);
    if (!found || found.user.id !== payload.sub) return null;
    await touchSession(opts.db, found.session.id);
    return found;
  };

  app.decorate('authenticateToken', async (token: string) => {
    try {
      return await verify(app.jwt.verify<{ sub: string; sid?: string }>(token));
    } catch {
      return null;
    }
  });

  const authenticated = (request: FastifyRequest): Promise<Authenticated> => {
    let pending = memo.get(request);
    if (!pending) {
      pending = (async () => {
        let payload: { sub: string; sid?: string };
        try {
          payload = await request.jwtVerify<{ sub: string; sid?: string }>();
        } catch {
          return null; // no token, expired or tampered: treated as anonymous
        }
        return verify(payload);
      })();
      memo.set(request, pending);
    }
    return pending;
  };

  app.decorateRequest('currentUser', async function (this: FastifyRequest) {
    return (await authenticated(this))?.user ?? null;
  });
  app.decorateRequest('currentSession', async function (this: FastifyRequest) {
    return (await authenticated(this))?.session ?? null;
  });

  app.decorateRequest('requireUser', async function (this: FastifyRequest) {
    const user = await this.currentUser();
    if (!user) throw unauthenticated();
    return user;
  });

  app.decorateRequest('requireRole', async function (this: FastifyRequest, ...roles: PlatformRole[]) {
    const user = await this.requireUser();
    if (!roles.some((role) => user.roles.includes(role))) {
      throw forbidden(`此操作仅限${roles.map((r) => roleLabels[r]).join('或')}`);
    }
    return user;
  });

  app.decorateReply('startSession', async function (this: FastifyReply, user: { id: string }) {
    const session = await insertSession(opts.db, {
      user_id: user.id,
      expires_at: new Date(Date.now() + SESSION_TTL_SECONDS * 1000),
      ip: this.request.ip,
      user_agent: String(this.request.headers['user-agent'] ?? '').slice(0, 300),
    });
    const token = await this.jwtSign({ sub: user.id, sid: session.id });
    this.header('cache-control', 'no-store'); // the answer carries the token
    this.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: opts.secureCookies,
      maxAge: SESSION_TTL_SECONDS,
    });
    return token;
  });

  app.decorateReply('endSession', function (this: FastifyReply) {
    this.clearCookie(SESSION_COOKIE, { path: '/' });
  });

  // Answers that depend on who asks are never stored by browsers or proxies.
  app.addHook('onSend', async (request, reply, payload) => {
    if (carriesCredentials(request) && !reply.hasHeader('cache-control')) {
      const type = String(reply.getHeader('content-type') ?? '');
      if (type.includes('json')) reply.header('cache-control', 'no-store');
    }
    return payload;
  });
});

export const roleLabels: Record<PlatformRole, string> = {
  committee: '组委会秘书处',
  supervisor: '监督委员会',
  expert: '评审专家',
};
