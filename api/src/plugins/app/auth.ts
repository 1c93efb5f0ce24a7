import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { DB } from '../../db/database.ts';
import type { PlatformRole, UserRow } from '../../db/schema.ts';
import { forbidden, unauthenticated } from '../../errors.ts';
import { SESSION_COOKIE, SESSION_TTL_SECONDS } from '../external/jwt.ts';
import { findUserById } from '../../modules/auth/users.repository.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user, or null. Loaded from the database once per request, so role changes apply at once. */
    currentUser(): Promise<UserRow | null>;
    requireUser(): Promise<UserRow>;
    requireRole(...roles: PlatformRole[]): Promise<UserRow>;
  }
  interface FastifyReply {
    startSession(user: { id: string }): Promise<string>;
    endSession(): void;
  }
}

const memo = new WeakMap<FastifyRequest, Promise<UserRow | null>>();

export default fp<{ db: DB; secureCookies: boolean }>(async (app, opts) => {
  app.decorateRequest('currentUser', function (this: FastifyRequest) {
    let pending = memo.get(this);
    if (!pending) {
      pending = (async () => {
        try {
          const payload = await this.jwtVerify<{ sub: string }>();
          return (await findUserById(opts.db, payload.sub)) ?? null;
        } catch {
          return null; // no token, expired or tampered: treated as anonymous
        }
      })();
      memo.set(this, pending);
    }
    return pending;
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
    const token = await this.jwtSign({ sub: user.id });
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
});

export const roleLabels: Record<PlatformRole, string> = {
  committee: '组委会秘书处',
  supervisor: '监督委员会',
  expert: '评审专家',
};
