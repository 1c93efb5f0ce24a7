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

/** The largest value a PostgreSQL `integer` column holds; every integer the API stores is bounded by it. */
export const INT32_MAX = 2_147_483_647;
export const int32 = (message = '数值超出允许范围') => z.number().int().max(INT32_MAX, message);

/** A Content-Disposition for a download: an ASCII fallback name, and the real one (RFC 5987). */
export const attachment = (name: string) =>
  `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

/** Sends a stored file as a private download (never cached by a shared cache). */
export function sendStoredFile(
  reply: { header(name: string, value: string): unknown; send(payload: unknown): unknown },
  file: { mime_type: string; size: number | string; file_name: string },
  stream: unknown,
) {
  reply.header('content-type', file.mime_type);
  reply.header('content-length', String(file.size));
  reply.header('content-disposition', attachment(file.file_name));
  reply.header('cache-control', 'private, no-store');
  return reply.send(stream);
}
