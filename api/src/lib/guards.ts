import type { FastifyRequest } from 'fastify';
import type { PlatformRole } from '../db/schema.ts';

// Route hooks that run before body validation, so an unauthorised caller gets
// 401/403 rather than a validation error that reveals the route's shape.
export const signedIn = async (request: FastifyRequest) => {
  await request.requireUser();
};

export const hasRole =
  (...roles: PlatformRole[]) =>
  async (request: FastifyRequest) => {
    await request.requireRole(...roles);
  };
