import { z } from 'zod';
import { errorStatus, type ErrorCode } from '../errors.ts';

const allCodes = Object.keys(errorStatus) as [ErrorCode, ...ErrorCode[]];

/** Every stable error code the API answers with (clients switch on these). */
export const errorCodeSchema = z.enum(allCodes);

export const errorBodySchema = z.object({
  error: z.object({ code: errorCodeSchema, message: z.string(), details: z.unknown().optional() }),
});

const codesOfStatus = (status: number) => allCodes.filter((code) => errorStatus[code] === status);

/**
 * Declares the error responses a route can give, for the OpenAPI document: a status
 * stands for every code with that status; a code names exactly that code (grouped
 * under its status). Each response lists its codes, so `/api/docs` shows them.
 * The error handler serialises error bodies itself, so a code missing here can
 * never turn an answer into a 500.
 */
export function errorResponses(...items: (number | ErrorCode)[]) {
  const byStatus = new Map<number, Set<ErrorCode>>();
  for (const item of items) {
    const status = typeof item === 'number' ? item : errorStatus[item];
    const codes = byStatus.get(status) ?? new Set<ErrorCode>();
    for (const code of typeof item === 'number' ? codesOfStatus(item) : [item]) codes.add(code);
    byStatus.set(status, codes);
  }
  const out: Record<number, typeof errorBodySchema> = {};
  for (const [status, codes] of byStatus) {
    out[status] = errorBodySchema.describe(`错误码：${[...codes].join('、') || '（无）'}`);
  }
  return out;
}

export const idParams = z.object({ id: z.uuid('编号格式不正确') });

export const paginationQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
