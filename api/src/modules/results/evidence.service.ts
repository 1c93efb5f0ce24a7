import type { MultipartFile } from '@fastify/multipart';
import type { Readable } from 'node:stream';
import type { DB } from '../../db/database.ts';
import type { UserRow } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { StagedTooLargeError, type FileStorage, type StagedFile } from '../../lib/storage/file-storage.ts';
import { hostileError, stringProblem } from '../../plugins/app/hostile-input.ts';
import { checkMaterialFile, extensionOf, fileTooLarge, videoExtensions, type UploadLimits } from '../projects/material-types.ts';
import { sanitizeFileName, type UploadParts } from '../projects/materials.service.ts';
import { appendDecision } from './decision-log.repository.ts';
import { evidenceDto, finalistForViewer } from './finalists.service.ts';
import * as repo from './finalists.repository.ts';

/**
 * Verification evidence (验证材料): a member of the finalist's team uploads files while the
 * verification is pending, with the same streaming, size and content-type checks as
 * project materials (PDF / Office / images / MP4, the real type from the content).
 */
export async function uploadEvidence(
  db: DB,
  storage: FileStorage,
  limits: UploadLimits,
  user: UserRow,
  finalistId: string,
  upload: UploadParts,
) {
  const { finalist, member } = await finalistForViewer(db, user, finalistId);
  if (!member) throw new AppError('NOT_FINALIST', '只有该晋级项目的团队成员可以上传验证材料');
  if (finalist.status !== 'pending') throw new AppError('FINALIST_DECIDED', '该项目的核验已有结论，不能再上传材料');
  let staged: StagedFile | undefined;
  let fileName = '';
  let note = '';
  let truncated = false;
  try {
    for await (const part of upload.parts) {
      if (part.type === 'field') {
        if (typeof part.value === 'string' && stringProblem(part.value))
          throw hostileError({ path: part.fieldname, message: stringProblem(part.value)! });
        if (part.fieldname === 'note' && typeof part.value === 'string') note = part.value.trim().slice(0, 500);
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
    if (!staged)
      throw new AppError('VALIDATION_FAILED', '请选择要上传的文件', { issues: [{ path: 'file', message: '请选择要上传的文件' }] });
    if (truncated) throw fileTooLarge(Math.max(limits.documentBytes, limits.videoBytes));
    if (staged.size === 0) throw new AppError('VALIDATION_FAILED', '文件是空的', { issues: [{ path: 'file', message: '文件是空的' }] });
    const mimeType = await checkMaterialFile(staged.localPath, fileName, staged.size, limits);
    await staged.commit();
    const file = staged;
    const row = await db.transaction().execute(async (trx) => {
      const locked = await repo.findFinalist(trx, finalistId, true);
      if (!locked || locked.status !== 'pending') throw new AppError('FINALIST_DECIDED', '该项目的核验已有结论，不能再上传材料');
      const inserted = await repo.insertEvidence(trx, {
        finalistId,
        fileName,
        mimeType,
        size: file.size,
        sha256: file.sha256,
        note,
        by: user.id,
      });
      await appendDecision(trx, {
        editionId: locked.edition_id,
        actorId: user.id,
        action: 'finalist.evidence_uploaded',
        subjectType: 'finalist',
        subjectId: finalistId,
        data: { evidenceId: inserted.id, fileName, size: file.size, sha256: file.sha256 },
      });
      return inserted;
    });
    return evidenceDto(row);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE')
      throw new AppError('BAD_REQUEST', '请以 multipart/form-data 格式上传文件（file 文件，可选 note 说明）');
    throw error;
  } finally {
    await staged?.discard();
  }
}

export async function openEvidence(db: DB, storage: FileStorage, user: UserRow, finalistId: string, evidenceId: string) {
  await finalistForViewer(db, user, finalistId);
  const evidence = await repo.findEvidence(db, finalistId, evidenceId);
  if (!evidence) throw notFound('验证材料');
  return { evidence, stream: await storage.open(evidence.sha256) };
}
