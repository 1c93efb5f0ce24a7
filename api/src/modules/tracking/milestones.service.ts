import type { MultipartFile } from '@fastify/multipart';
import type { Readable } from 'node:stream';
import type { MilestoneRow, SubmittedFigure, UserRow } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { StagedTooLargeError, type FileStorage, type StagedFile } from '../../lib/storage/file-storage.ts';
import { hostileError, stringProblem } from '../../plugins/app/hostile-input.ts';
import { checkMaterialFile, extensionOf, fileTooLarge, videoExtensions, type UploadLimits } from '../projects/material-types.ts';
import { sanitizeFileName } from '../projects/materials.service.ts';
import { assertSide, loadImplementation } from './implementations.access.ts';
import { announce, deliver, type Posted } from './implementations.events.ts';
import * as repo from './implementations.repository.ts';
import { meets, releasedWan } from './implementations.rules.ts';
import { getImplementation, type TrackingContext } from './implementations.service.ts';
import * as mrepo from './milestones.repository.ts';

/**
 * A milestone's delivery: the team uploads evidence files (the same storage and
 * content checks as project materials) and submits figures against the criteria's
 * targets (met or not is computed here); the enterprise accepts or returns it with a
 * reason within the committee's review time; each acceptance releases its share.
 */

async function loadMilestone(ctx: TrackingContext, user: UserRow | null, milestoneId: string) {
  const m = /^[0-9a-f-]{36}$/i.test(milestoneId) ? await mrepo.findMilestone(ctx.db, milestoneId) : undefined;
  if (!m) throw notFound('里程碑');
  const { impl, viewer } = await loadImplementation(ctx.db, user, m.implementation_id);
  return { m, impl, viewer };
}

function assertDeliverable(impl: { status: string }, m: Pick<MilestoneRow, 'status' | 'seq'>, action: string) {
  if (impl.status !== 'agreed' && impl.status !== 'in_progress') {
    throw new AppError('INVALID_TRANSITION', impl.status === 'draft' ? `计划经双方确认后才能${action}` : `项目已验收，不能再${action}`, {
      status: impl.status,
    });
  }
  if (m.status !== 'pending' && m.status !== 'returned') {
    throw new AppError('INVALID_TRANSITION', `里程碑 ${m.seq} ${m.status === 'accepted' ? '已验收' : '正在验收'}，不能再${action}`, {
      status: m.status,
    });
  }
}

export interface EvidenceUpload {
  parts: AsyncIterable<MultipartFile | { type: 'field'; fieldname: string; value: unknown }>;
}

export async function uploadEvidence(
  ctx: TrackingContext,
  storage: FileStorage,
  limits: UploadLimits,
  user: UserRow,
  milestoneId: string,
  upload: EvidenceUpload,
) {
  const { m, impl, viewer } = await loadMilestone(ctx, user, milestoneId);
  assertSide(viewer, 'team', '上传成果材料');
  assertDeliverable(impl, m, '上传成果材料');
  let staged: StagedFile | undefined;
  let fileName = '';
  try {
    for await (const part of upload.parts) {
      if (part.type === 'field') continue;
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
      if (file.file.truncated) throw fileTooLarge(limit);
    }
    if (!staged)
      throw new AppError('VALIDATION_FAILED', '请选择要上传的文件', { issues: [{ path: 'file', message: '请选择要上传的文件' }] });
    if (staged.size === 0) throw new AppError('VALIDATION_FAILED', '文件是空的', { issues: [{ path: 'file', message: '文件是空的' }] });
    const mimeType = await checkMaterialFile(staged.localPath, fileName, staged.size, limits);
    await staged.commit();
    const file = staged;
    const row = await ctx.db.transaction().execute(async (trx) => {
      const locked = (await mrepo.lockMilestone(trx, milestoneId))!;
      assertDeliverable(impl, locked, '上传成果材料');
      return mrepo.insertEvidence(trx, {
        milestone_id: milestoneId,
        file_name: fileName,
        mime_type: mimeType,
        size: file.size,
        sha256: file.sha256,
        uploaded_by: user.id,
      });
    });
    return {
      id: row.id,
      fileName: row.file_name,
      mimeType: row.mime_type,
      size: row.size,
      uploadedAt: row.uploaded_at.toISOString(),
      removed: false,
    };
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE')
      throw new AppError('BAD_REQUEST', '请以 multipart/form-data 格式上传文件（字段名 file）');
    throw error;
  } finally {
    await staged?.discard();
  }
}

export async function removeEvidence(ctx: TrackingContext, user: UserRow, milestoneId: string, evidenceId: string) {
  const { m, impl, viewer } = await loadMilestone(ctx, user, milestoneId);
  assertSide(viewer, 'team', '删除成果材料');
  assertDeliverable(impl, m, '删除成果材料');
  const evidence = await mrepo.findEvidence(ctx.db, milestoneId, evidenceId);
  if (!evidence || evidence.removed_at) throw notFound('成果材料');
  await mrepo.markEvidenceRemoved(ctx.db, evidenceId);
}

/** A download is authorised like the implementation itself. */
export async function openEvidence(
  ctx: TrackingContext,
  storage: FileStorage,
  user: UserRow | null,
  milestoneId: string,
  evidenceId: string,
) {
  await loadMilestone(ctx, user, milestoneId);
  const evidence = await mrepo.findEvidence(ctx.db, milestoneId, evidenceId);
  if (!evidence) throw notFound('成果材料');
  return { evidence, stream: await storage.open(evidence.sha256) };
}

/** The figures of a submission, each judged against its criterion's target; every targeted criterion needs one. */
export function judgeFigures(m: Pick<MilestoneRow, 'criteria'>, figures: { criterion: number; value: number }[]): SubmittedFigure[] {
  const bad = figures.filter((f) => f.criterion >= m.criteria.length);
  if (bad.length) {
    throw new AppError('VALIDATION_FAILED', `该里程碑没有第 ${bad.map((f) => f.criterion + 1).join('、')} 条验收标准`, {
      issues: bad.map((f) => ({ path: `figures.${figures.indexOf(f)}.criterion`, message: '没有这条验收标准' })),
    });
  }
  const missing = m.criteria.map((c, i) => (c.target ? i : -1)).filter((i) => i >= 0 && !figures.some((f) => f.criterion === i));
  if (missing.length) {
    throw new AppError('FIGURES_REQUIRED', `请填写第 ${missing.map((i) => i + 1).join('、')} 条验收标准的实测数值`, { missing });
  }
  return figures.map((f) => {
    const target = m.criteria[f.criterion]!.target;
    return { criterion: f.criterion, value: f.value, met: target ? meets(target, f.value) : null };
  });
}

export async function submitMilestone(
  ctx: TrackingContext,
  user: UserRow,
  milestoneId: string,
  body: { note: string; figures: { criterion: number; value: number }[] },
) {
  const { m, impl, viewer } = await loadMilestone(ctx, user, milestoneId);
  assertSide(viewer, 'team', '提交里程碑成果');
  assertDeliverable(impl, m, '提交');
  const figures = judgeFigures(m, body.figures);
  const now = ctx.clock();
  const days = await repo.reviewDays(ctx.db, impl.edition_id);
  const reviewDueAt = new Date(now.getTime() + days * 86400_000);
  const posted: Posted[] = [];
  await ctx.db.transaction().execute(async (trx) => {
    const lockedImpl = (await repo.lockImplementation(trx, impl.id))!;
    const locked = (await mrepo.lockMilestone(trx, milestoneId))!;
    assertDeliverable(lockedImpl, locked, '提交');
    const evidence = (await mrepo.listEvidence(trx, [milestoneId])).filter((e) => !e.removed_at);
    if (!evidence.length) throw new AppError('EVIDENCE_REQUIRED', '请先上传至少一份成果材料再提交');
    const round = (await mrepo.countSubmissions(trx, milestoneId)) + 1;
    await mrepo.insertSubmission(trx, {
      milestone_id: milestoneId,
      round,
      note: body.note,
      figures: JSON.stringify(figures),
      evidence_ids: evidence.map((e) => e.id),
      submitted_by: user.id,
    });
    await mrepo.updateMilestone(trx, milestoneId, { status: 'submitted', submitted_at: now, review_due_at: reviewDueAt });
    if (lockedImpl.status === 'agreed') await repo.updateImplementation(trx, impl.id, { status: 'in_progress' });
    const judged = figures.filter((f) => f.met !== null);
    const metText = judged.length ? `，指标达标 ${judged.filter((f) => f.met).length}/${judged.length}` : '';
    const due = new Date(reviewDueAt.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    posted.push(
      await announce(trx, impl, {
        actorId: user.id,
        action: 'milestone_submitted',
        message: `参赛团队提交了里程碑 ${m.seq}「${m.title}」的成果（第 ${round} 次，${evidence.length} 份材料${metText}），请需求企业于 ${due} 前验收。`,
        notify: 'enterprise',
        data: { milestoneId, round, figures },
      }),
    );
  });
  deliver(ctx.hub, posted);
  return getImplementation(ctx, user, impl.id);
}

export async function reviewMilestone(
  ctx: TrackingContext,
  user: UserRow,
  milestoneId: string,
  body: { decision: 'accept' | 'return'; reason: string },
) {
  const { m, impl, viewer } = await loadMilestone(ctx, user, milestoneId);
  assertSide(viewer, 'enterprise', '验收里程碑');
  const now = ctx.clock();
  const posted: Posted[] = [];
  await ctx.db.transaction().execute(async (trx) => {
    await repo.lockImplementation(trx, impl.id);
    const locked = (await mrepo.lockMilestone(trx, milestoneId))!;
    if (locked.status !== 'submitted') {
      throw new AppError('INVALID_TRANSITION', `里程碑 ${m.seq} 当前没有待验收的成果`, { status: locked.status });
    }
    const submission = (await mrepo.latestSubmission(trx, milestoneId))!;
    const overdue = !!locked.review_due_at && now.getTime() > locked.review_due_at.getTime();
    const accepted = body.decision === 'accept';
    await mrepo.insertReview(trx, {
      milestone_id: milestoneId,
      submission_id: submission.id,
      decision: accepted ? 'accepted' : 'returned',
      reason: body.reason,
      reviewed_by: user.id,
      overdue,
    });
    await mrepo.updateMilestone(
      trx,
      milestoneId,
      accepted
        ? { status: 'accepted', accepted_at: now, accepted_by: user.id, review_due_at: null }
        : { status: 'returned', review_due_at: null },
    );
    const all = await mrepo.listMilestones(trx, impl.id);
    const released = releasedWan(
      Number(impl.budget_wan),
      all.map((x) => ({ status: x.status, budgetShare: Number(x.budget_share) })),
    );
    posted.push(
      await announce(trx, impl, {
        actorId: user.id,
        action: accepted ? 'milestone_accepted' : 'milestone_returned',
        message: accepted
          ? `需求企业验收通过里程碑 ${m.seq}「${m.title}」，累计拨付 ${released} 万元。${body.reason ? `意见：${body.reason}` : ''}`
          : `需求企业退回了里程碑 ${m.seq}「${m.title}」的成果，理由：${body.reason}`,
        notify: all.every((x) => x.status === 'accepted') ? ['team', 'committee'] : 'team',
        data: { milestoneId, decision: body.decision, overdue },
      }),
    );
  });
  deliver(ctx.hub, posted);
  return getImplementation(ctx, user, impl.id);
}
