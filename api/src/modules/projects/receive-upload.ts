import type { MultipartFile } from '@fastify/multipart';
import type { Readable } from 'node:stream';
import { AppError } from '../../errors.ts';
import { StagedTooLargeError, type FileStorage, type StagedFile } from '../../lib/storage/file-storage.ts';
import { hostileError, stringProblem } from '../../plugins/app/hostile-input.ts';
import { checkMaterialFile, extensionOf, fileTooLarge, videoExtensions, type UploadLimits } from './material-types.ts';

/** The request's multipart parts (fastify-multipart's iterator). */
export interface UploadParts {
  parts: AsyncIterable<MultipartFile | { type: 'field'; fieldname: string; value: unknown }>;
}

export interface ReceivedUpload {
  /** Staged, checked, not yet committed: the caller commits it, and discards it in a finally (a no-op after commit). */
  staged: StagedFile;
  fileName: string;
  mimeType: string;
}

/**
 * Every upload (project materials, verification evidence, milestone evidence, report
 * evidence) goes through here: the one `file` part is streamed to staging while hashed,
 * under the limit of its kind (by the name's extension, which must agree with the content);
 * text fields go to `onField` after the hostile-input check; then an empty or truncated
 * file is refused and the real type is read from the content. On any refusal the staged
 * file is discarded. `afterParts` runs once the form is read (e.g. a required field).
 */
export async function receiveUpload(
  storage: FileStorage,
  upload: UploadParts,
  limits: UploadLimits,
  opts: { onField?: (name: string, value: string) => void; afterParts?: () => void } = {},
): Promise<ReceivedUpload> {
  let staged: StagedFile | undefined;
  let fileName = '';
  let truncated = false;
  try {
    for await (const part of upload.parts) {
      if (part.type === 'field') {
        if (typeof part.value !== 'string') continue;
        const problem = stringProblem(part.value);
        if (problem) throw hostileError({ path: part.fieldname, message: problem });
        opts.onField?.(part.fieldname, part.value);
        continue;
      }
      const file = part as MultipartFile;
      if (file.fieldname !== 'file' || staged) {
        file.file.resume();
        continue;
      }
      fileName = sanitizeFileName(file.filename);
      const problem = stringProblem(file.filename) ?? stringProblem(fileName);
      if (problem) throw hostileError({ path: 'file.filename', message: problem });
      const limit = videoExtensions.includes(extensionOf(fileName)) ? limits.videoBytes : limits.documentBytes;
      try {
        staged = await storage.stage(file.file as Readable, { maxBytes: limit });
      } catch (error) {
        if (error instanceof StagedTooLargeError) {
          file.file.resume();
          throw fileTooLarge(limit);
        }
        throw error;
      }
      truncated = file.file.truncated;
    }
    opts.afterParts?.();
    if (!staged)
      throw new AppError('VALIDATION_FAILED', '请选择要上传的文件', { issues: [{ path: 'file', message: '请选择要上传的文件' }] });
    if (truncated) throw fileTooLarge(Math.max(limits.documentBytes, limits.videoBytes));
    if (staged.size === 0) throw new AppError('VALIDATION_FAILED', '文件是空的', { issues: [{ path: 'file', message: '文件是空的' }] });
    const mimeType = await checkMaterialFile(staged.localPath, fileName, staged.size, limits);
    return { staged, fileName, mimeType };
  } catch (error) {
    await staged?.discard();
    throw error;
  }
}

/** Maps fastify-multipart's own errors (not multipart at all, a cut-off form) to a 400 with a hint. */
export function uploadRequestError(error: unknown, hint: string): unknown {
  const code = (error as { code?: string }).code;
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return new AppError('BAD_REQUEST', `请以 multipart/form-data 格式上传文件（${hint}）`);
  if (isMalformedMultipart(error)) return new AppError('BAD_REQUEST', '上传的表单数据不完整或格式错误，请重新上传');
  return error;
}

function isMalformedMultipart(error: unknown): boolean {
  const e = error as { code?: string; message?: string; statusCode?: number };
  if (e instanceof AppError) return false;
  if (e.code && /^FST_(MP_|MULTIPART|PARTS|FILES|FIELDS|PROTO|INVALID_MULTIPART)/.test(e.code)) return true;
  return /Unexpected end of form|Multipart: Boundary not found|Malformed part header|Unexpected end of (multipart )?data|Part terminated early/i.test(
    e.message ?? '',
  );
}

/** Keeps the name people gave the file, minus any path and control characters; a long name keeps its extension. */
export function sanitizeFileName(name: string, maxLength = 200): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim() || 'file';
  const chars = [...clean]; // by code point, so a surrogate pair is never cut in half
  if (chars.length <= maxLength) return clean;
  const extension = extensionOf(clean);
  const suffix = extension ? `.${extension}` : '';
  return (
    chars
      .slice(0, maxLength - suffix.length)
      .join('')
      .trimEnd() + suffix
  );
}
