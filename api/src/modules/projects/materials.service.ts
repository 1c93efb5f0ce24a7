import type { MultipartFile } from '@fastify/multipart';
import type { Readable } from 'node:stream';
import type { DB } from '../../db/database.ts';
import type { EditionPhases, MaterialCategory, UserRow } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { StagedTooLargeError, type FileStorage, type StagedFile } from '../../lib/storage/file-storage.ts';
import { assertPhaseOpen } from '../catalog/phases.ts';
import { checkMaterialFile, extensionOf, fileTooLarge, videoExtensions, type UploadLimits } from './material-types.ts';
import { hostileError, stringProblem } from '../../plugins/app/hostile-input.ts';
import { loadEditableProject, loadProject } from './project-access.ts';
import { materialDto } from './project-dto.ts';
import { materialCategories, materialCategoryEnum } from './projects.schemas.ts';
import * as repo from './projects.repository.ts';

/** Refuses early (before reading the upload) when the project cannot take materials now. */
async function assertCanChangeMaterials(db: DB, user: UserRow, projectId: string, now: Date) {
  const project = await loadEditableProject(db, user, projectId, now);
  if (project.status === 'withdrawn') throw new AppError('INVALID_TRANSITION', '项目已撤回，不能再上传材料', { status: project.status });
  assertPhaseOpen(project.phases as EditionPhases, 'submission', now, '上传或删除材料');
  return project;
}

export interface UploadParts {
  /** Multipart parts in order: the `category` field is expected before the `file`. */
  parts: AsyncIterable<MultipartFile | { type: 'field'; fieldname: string; value: unknown }>;
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
  let fileName = '';
  let truncated = false;
  try {
    for await (const part of upload.parts) {
      if (part.type === 'field') {
        if (typeof part.value === 'string' && stringProblem(part.value)) {
          throw hostileError({ path: part.fieldname, message: stringProblem(part.value)! });
        }
        if (part.fieldname === 'category') {
          const parsed = materialCategoryEnum.safeParse(part.value);
          if (!parsed.success) throw categoryError();
          category = parsed.data;
        }
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
      // The category's limit (by the name's extension, which must agree with the content) applies while streaming.
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
    if (!category) throw categoryError();
    if (!staged)
      throw new AppError('VALIDATION_FAILED', '请选择要上传的文件', { issues: [{ path: 'file', message: '请选择要上传的文件' }] });
    if (truncated) throw fileTooLarge(Math.max(limits.documentBytes, limits.videoBytes));
    if (staged.size === 0) throw new AppError('VALIDATION_FAILED', '文件是空的', { issues: [{ path: 'file', message: '文件是空的' }] });
    const mimeType = await checkMaterialFile(staged.localPath, fileName, staged.size, limits);
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
    const code = (error as { code?: string }).code;
    if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
      throw new AppError('BAD_REQUEST', '请以 multipart/form-data 格式上传文件（先 category 字段，后 file 文件）');
    }
    if (isMalformedMultipart(error)) {
      throw new AppError('BAD_REQUEST', '上传的表单数据不完整或格式错误，请重新上传');
    }
    throw error;
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

/** Errors busboy/@fastify/multipart raise for a body that is not valid multipart (no boundary, cut off). */
function isMalformedMultipart(error: unknown): boolean {
  const e = error as { code?: string; message?: string; statusCode?: number };
  if (e instanceof AppError) return false;
  if (e.code && /^FST_(MP_|MULTIPART|PARTS|FILES|FIELDS|PROTO|INVALID_MULTIPART)/.test(e.code)) return true;
  return /Unexpected end of form|Multipart: Boundary not found|Malformed part header|Unexpected end of (multipart )?data|Part terminated early/i.test(
    e.message ?? '',
  );
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
