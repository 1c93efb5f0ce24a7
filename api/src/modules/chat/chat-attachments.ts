import type { MultipartFile } from '@fastify/multipart';
import type { Readable } from 'node:stream';
import type { UserRow } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { FileStorage, StagedFile } from '../../lib/storage/file-storage.ts';
import { checkMaterialFile, fileTooLarge, type UploadLimits } from '../projects/material-types.ts';
import { loadPostableChannel } from './chat-access.ts';
import { clientIdSchema, MESSAGE_MAX_CHARS } from './chat.schemas.ts';
import { assertUnderRateLimit, sendMessage, type ChatContext } from './chat.service.ts';

type Part = MultipartFile | { type: 'field'; fieldname: string; value: unknown };

function invalid(path: string, message: string) {
  return new AppError('VALIDATION_FAILED', message, { issues: [{ path, message }] });
}

/**
 * A message with a file: multipart with `clientId`, optional `text`, then `file`.
 * The file goes through the material storage with the same content checks and size
 * limits as project materials; then it is sent like any message (idempotent by clientId).
 */
export async function sendAttachment(
  ctx: ChatContext,
  storage: FileStorage,
  limits: UploadLimits,
  user: UserRow,
  channelId: string,
  parts: AsyncIterable<Part>,
) {
  // Refuse before reading the upload when the user cannot post here now.
  await loadPostableChannel(ctx.db, user, channelId, ctx.clock());
  await assertUnderRateLimit(ctx, user.id);
  let staged: StagedFile | undefined;
  let fileName = '';
  let truncated = false;
  let clientId: unknown;
  let text = '';
  try {
    for await (const part of parts) {
      if (part.type === 'field') {
        if (part.fieldname === 'clientId') clientId = part.value;
        if (part.fieldname === 'text') text = String(part.value ?? '').trim();
        continue;
      }
      const file = part as MultipartFile;
      if (file.fieldname !== 'file' || staged) {
        file.file.resume();
        continue;
      }
      fileName = sanitizeFileName(file.filename);
      staged = await storage.stage(file.file as Readable);
      truncated = file.file.truncated;
    }
    const id = clientIdSchema.safeParse(clientId);
    if (!id.success) throw invalid('clientId', id.error.issues[0]!.message);
    if (text.length > MESSAGE_MAX_CHARS) throw invalid('text', `消息最多 ${MESSAGE_MAX_CHARS} 个字`);
    if (!staged) throw invalid('file', '请选择要发送的文件');
    if (truncated) throw fileTooLarge(Math.max(limits.documentBytes, limits.videoBytes));
    if (staged.size === 0) throw invalid('file', '文件是空的');
    const mimeType = await checkMaterialFile(staged.localPath, fileName, staged.size, limits);
    await staged.commit();
    return await sendMessage(ctx, user, channelId, {
      clientId: id.data,
      text,
      attachment: { fileName, mimeType, size: staged.size, sha256: staged.sha256 },
    });
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
      throw new AppError('BAD_REQUEST', '请以 multipart/form-data 格式上传文件（clientId、text 字段，后 file 文件）');
    }
    throw error;
  } finally {
    await staged?.discard();
  }
}

function sanitizeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (clean || 'file').slice(0, 200);
}
