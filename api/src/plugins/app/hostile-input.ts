import fp from 'fastify-plugin';
import { AppError } from '../../errors.ts';

// A NUL byte (PostgreSQL cannot store it in text) or half of a UTF-16 surrogate pair.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function stringProblem(value: string): string | null {
  if (value.includes('\u0000')) return '文本中不能包含空字符（NUL）';
  if (LONE_SURROGATE.test(value)) return '文本包含无效的字符（不成对的代理项）';
  return null;
}

/** The first hostile value inside `value`: a bad string (or key), or a number no column can hold. */
export function findHostile(value: unknown, path: string[] = [], depth = 0): { path: string; message: string } | null {
  if (typeof value === 'string') {
    const problem = stringProblem(value);
    return problem ? { path: path.join('.'), message: problem } : null;
  }
  if (typeof value === 'number') {
    return Number.isFinite(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER
      ? null
      : { path: path.join('.'), message: '数值超出允许范围' };
  }
  if (!value || typeof value !== 'object' || depth > 32) return null;
  if (Buffer.isBuffer(value)) return null;
  for (const [key, child] of Object.entries(value)) {
    const keyProblem = stringProblem(key);
    if (keyProblem) return { path: [...path, '(key)'].join('.'), message: keyProblem };
    const found = findHostile(child, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}

export const hostileError = (found: { path: string; message: string }) =>
  new AppError('VALIDATION_FAILED', `请求参数不正确：${found.message}`, { issues: [found] });

/**
 * One place for hostile strings: before any route's schema runs, every string in
 * the params, query and body (keys too) is checked for NUL bytes and lone
 * surrogates, and every number for being finite and exact → 400 VALIDATION_FAILED.
 * Multipart fields and file names are checked where they are read (materials).
 */
export default fp(async (app) => {
  // A POST without a body (e.g. /submit, /close, /follow) means an empty object, with or without a JSON content type.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (typeof body === 'string' && body.trim() === '') return done(null, {});
    parseJson(request, body as string, done);
  });

  app.addHook('preValidation', async (request) => {
    if (request.body === undefined && request.method !== 'GET' && request.method !== 'HEAD' && !request.isMultipart()) {
      request.body = {};
    }
    for (const [part, value] of [
      ['params', request.params],
      ['query', request.query],
      ['body', request.body],
    ] as const) {
      const found = findHostile(value, [part]);
      if (found) throw hostileError(found);
    }
  });
});
