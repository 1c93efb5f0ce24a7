import { z } from 'zod';

export const errorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

/** Declares the error responses a route can give, for the OpenAPI document. */
export function errorResponses(...statuses: number[]): Record<number, typeof errorBodySchema> {
  return Object.fromEntries(statuses.map((s) => [s, errorBodySchema]));
}

export const idParams = z.object({ id: z.uuid('编号格式不正确') });

export const paginationQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

/** The largest value a PostgreSQL `integer` column holds; every integer the API stores is bounded by it. */
export const INT32_MAX = 2_147_483_647;
export const int32 = (message = '数值超出允许范围') => z.number().int().max(INT32_MAX, message);
