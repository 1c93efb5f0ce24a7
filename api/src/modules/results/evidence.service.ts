import type { DB } from '../../db/database.ts';
import type { UserRow } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { type FileStorage, type StagedFile } from '../../lib/storage/file-storage.ts';
import { type UploadLimits } from '../projects/material-types.ts';
import { appendDecision } from './decision-log.repository.ts';
import { evidenceDto, finalistForViewer } from './finalists.service.ts';
import * as repo from './finalists.repository.ts';
import { receiveUpload, uploadRequestError, type UploadParts } from '../projects/receive-upload.ts';

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
  let note = '';
  try {
    const received = await receiveUpload(storage, upload, limits, {
      onField: (name, value) => {
        if (name === 'note') note = value.trim().slice(0, 500);
      },
    });
    staged = received.staged;
    const { fileName, mimeType } = received;
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
    throw uploadRequestError(error, 'file 文件，可选 note 说明');
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
