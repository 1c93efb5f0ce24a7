import type { DB } from '../../db/database.ts';
import type { EditionPhases, MaterialCategory, UserRow } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { type FileStorage, type StagedFile } from '../../lib/storage/file-storage.ts';
import { assertPhaseOpen } from '../catalog/phases.ts';
import { type UploadLimits } from './material-types.ts';
import { loadEditableProject, loadProject } from './project-access.ts';
import { materialDto } from './project-dto.ts';
import { materialCategories, materialCategoryEnum } from './projects.schemas.ts';
import * as repo from './projects.repository.ts';
import { receiveUpload, uploadRequestError, type UploadParts } from './receive-upload.ts';

/** Refuses early (before reading the upload) when the project cannot take materials now. */
async function assertCanChangeMaterials(db: DB, user: UserRow, projectId: string, now: Date) {
  const project = await loadEditableProject(db, user, projectId, now);
  if (project.status === 'withdrawn') throw new AppError('INVALID_TRANSITION', '项目已撤回，不能再上传材料', { status: project.status });
  assertPhaseOpen(project.phases as EditionPhases, 'submission', now, '上传或删除材料');
  return project;
}

/**
 * Streams one uploaded file to staging while hashing it, checks its size and its real
 * type, then records it. The stored object is committed before the row, so a row
 * never points at a missing file (a failed insert leaves only an unreferenced object).
 */
export async function uploadMaterial(
  db: DB,
  storage: FileStorage,
  limits: UploadLimits,
  user: UserRow,
  projectId: string,
  upload: UploadParts,
  now: Date,
) {
  await assertCanChangeMaterials(db, user, projectId, now);
  let category: MaterialCategory | undefined;
  let staged: StagedFile | undefined;
  try {
    const received = await receiveUpload(storage, upload, limits, {
      onField: (name, value) => {
        if (name !== 'category') return;
        const parsed = materialCategoryEnum.safeParse(value);
        if (!parsed.success) throw categoryError();
        category = parsed.data;
      },
      afterParts: () => {
        if (!category) throw categoryError();
      },
    });
    staged = received.staged;
    const { fileName, mimeType } = received;
    await staged.commit();
    const file = staged;
    const material = await db.transaction().execute(async (trx) => {
      const locked = (await repo.lockProject(trx, projectId))!;
      if (locked.status === 'withdrawn') throw new AppError('INVALID_TRANSITION', '项目已撤回，不能再上传材料', { status: locked.status });
      const row = await repo.insertMaterial(trx, {
        project_id: projectId,
        category: category!,
        file_name: fileName,
        mime_type: mimeType,
        size: file.size,
        sha256: file.sha256,
        uploaded_by: user.id,
      });
      if (locked.submitted_version !== null) await repo.updateProject(trx, projectId, { changed_since_submit: true });
      await repo.insertProjectEvent(trx, {
        project_id: projectId,
        actor_id: user.id,
        action: 'material.added',
        data: JSON.stringify({ materialId: row.id, category: row.category, fileName, size: file.size }),
      });
      return row;
    });
    return materialDto(material);
  } catch (error) {
    throw uploadRequestError(error, '先 category 字段，后 file 文件');
  } finally {
    // After commit the staging file is gone and discard is a no-op.
    await staged?.discard();
  }
}

function categoryError() {
  const labels = Object.values(materialCategories)
    .map((c) => c.label)
    .join('、');
  return new AppError('VALIDATION_FAILED', `请选择材料类别（${labels}）`, { issues: [{ path: 'category', message: '请选择材料类别' }] });
}

export async function removeMaterial(db: DB, user: UserRow, projectId: string, materialId: string, now: Date) {
  await assertCanChangeMaterials(db, user, projectId, now);
  await db.transaction().execute(async (trx) => {
    const locked = (await repo.lockProject(trx, projectId))!;
    const material = await repo.findMaterial(trx, projectId, materialId);
    if (!material || material.removed_at) throw notFound('材料');
    await repo.markMaterialRemoved(trx, materialId);
    if (locked.submitted_version !== null) await repo.updateProject(trx, projectId, { changed_since_submit: true });
    await repo.insertProjectEvent(trx, {
      project_id: projectId,
      actor_id: user.id,
      action: 'material.removed',
      data: JSON.stringify({ materialId, fileName: material.file_name }),
    });
  });
}

/**
 * A download is authorised like the project itself: the team (working copy), the
 * overseers and the enterprise (files of the submitted version they may read).
 */
export async function openMaterial(db: DB, storage: FileStorage, user: UserRow | null, projectId: string, materialId: string, now: Date) {
  const { project, access } = await loadProject(db, user, projectId, now);
  const material = await repo.findMaterial(db, projectId, materialId);
  if (!material) throw notFound('材料');
  const inWorkingCopy = access.view === 'working' && !material.removed_at;
  const submittedIds = project.submitted_version ? (await repo.findVersion(db, projectId, project.submitted_version))!.material_ids : [];
  const overseer = !!user && (user.roles.includes('committee') || user.roles.includes('supervisor'));
  // Overseers may open any file of any version, for audit.
  if (!inWorkingCopy && !submittedIds.includes(materialId) && !overseer) throw notFound('材料');
  return { material, stream: await storage.open(material.sha256) };
}
