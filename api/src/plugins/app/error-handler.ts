import type { FastifyError } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type ErrorBody, type ErrorCode } from '../../errors.ts';

interface ValidationIssue {
  path: string;
  message: string;
}

/**
 * The single place that turns any failure into the public error shape
 * `{error: {code, message, details}}`.
 */
export default fp(async (app) => {
  app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
    const send = (status: number, code: ErrorCode | string, message: string, details?: unknown) => {
      const body: ErrorBody = { error: { code, message, ...(details === undefined ? {} : { details }) } };
      // Serialised here, not by the route's response schema: an error must never fail serialisation.
      return reply.status(status).type('application/json; charset=utf-8').serializer(JSON.stringify).send(body);
    };

    if (error instanceof AppError) {
      if (error.code === 'RATE_LIMITED') {
        const retry = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
        if (retry) reply.header('retry-after', String(retry));
      }
      return send(error.statusCode, error.code, error.message, error.details);
    }

    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues: ValidationIssue[] = error.validation.map((v) => ({
        path: [error.validationContext, ...v.instancePath.split('/').filter(Boolean)].filter(Boolean).join('.'),
        message: v.message ?? '格式不正确',
      }));
      const first = issues[0];
      return send(400, 'VALIDATION_FAILED', first ? `请求参数不正确：${first.message}` : '请求参数不正确', { issues });
    }

    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause.issues }, 'response does not match its schema');
      return send(500, 'INTERNAL', '服务器内部错误');
    }

    const pgCode = (error as { code?: string }).code;
    if (pgCode === '23505') {
      request.log.warn({ err: error }, 'unique violation reached the error handler');
      return send(409, 'CONFLICT', '数据已存在或与现有数据冲突');
    }

    // Data exceptions (a number out of range, a character the database cannot hold, …): the input is wrong.
    if (typeof pgCode === 'string' && /^22[0-9A-Z]{3}$/.test(pgCode) && (error as { severity?: string }).severity) {
      request.log.warn({ err: error }, 'data exception reached the error handler');
      return send(400, 'VALIDATION_FAILED', '请求参数不正确：数值或文本超出允许范围');
    }

    if (pgCode === '23503') {
      return send(409, 'CONFLICT', '该记录仍被其他数据引用，无法删除或修改');
    }

    const status = (error as FastifyError).statusCode;
    if (status && status >= 400 && status < 500) {
      const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 429 ? 'RATE_LIMITED' : status === 404 ? 'NOT_FOUND' : 'BAD_REQUEST';
      return send(status, code, error.message);
    }

    request.log.error({ err: error }, 'unhandled error');
    return send(500, 'INTERNAL', '服务器内部错误，请稍后重试');
  });
});
