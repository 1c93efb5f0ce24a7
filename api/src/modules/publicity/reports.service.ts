import type { MultipartFile } from '@fastify/multipart';
import type { Readable } from 'node:stream';
import type { DB } from '../../db/database.ts';
import type { ReportStatus, UserRow } from '../../db/schema.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { StagedTooLargeError, type FileStorage, type StagedFile } from '../../lib/storage/file-storage.ts';
import { hostileError, stringProblem } from '../../plugins/app/hostile-input.ts';
import { insertNotifications } from '../notifications/notifications.repository.ts';
import { checkMaterialFile, extensionOf, fileTooLarge, videoExtensions, type UploadLimits } from '../projects/material-types.ts';
import { sanitizeFileName } from '../projects/receive-upload.ts';
import { appendDecision } from '../results/decision-log.repository.ts';
import { REPORT_MAX_FILES, reportFields } from './publicity.schemas.ts';
import * as repo from './publicity.repository.ts';

/**
 * 举报: real-name reports about a winning project during its publicity, with evidence files.
 * The reporter's name and phone are for the supervisor (监督委员会), who rules on every
 * report; the committee's queue shows the report without them. See ruling.service.ts for
 * rulings and the committee's place decision.
 */
type Part = MultipartFile | { type: 'field'; fieldname: string; value: unknown };

const isSupervisor = (u: UserRow) => u.roles.includes('supervisor');
const isCommittee = (u: UserRow) => u.roles.includes('committee');

export function reportDto(row: repo.ReportRow, evidence: Awaited<ReturnType<typeof repo.evidenceOf>>, viewer: UserRow) {
  const seesIdentity = isSupervisor(viewer) || row.reporter_id === viewer.id;
  return {
    id: row.id,
    editionId: row.edition_id,
    editionName: row.edition_name,
    awardId: row.award_id,
    awardLevel: row.award_level as 'first' | 'second' | 'third' | 'special',
    awardStatus: row.award_status as 'proposed' | 'approved' | 'revoked',
    projectName: row.project_name,
    teamName: row.team_name,
    trackName: row.track_name,
    realName: seesIdentity ? row.real_name : null,
    phone: seesIdentity ? row.phone : null,
    identityHidden: !seesIdentity,
    content: row.content,
    evidence: evidence
      .filter((e) => e.report_id === row.id)
      .map((e) => ({ id: e.id, fileName: e.file_name, mimeType: e.mime_type, size: e.size, sha256: e.sha256 })),
    status: row.status,
    ruling: row.ruling,
    ruledAt: row.ruled_at?.toISOString() ?? null,
    ruledByName: row.ruled_by_name,
    placeDecision: row.place_decision,
    placeReason: row.place_reason,
    placeProjectName: row.place_project_name,
    placeDecidedAt: row.place_decided_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}

async function dtos(db: DB, rows: repo.ReportRow[], viewer: UserRow) {
  const evidence = await repo.evidenceOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => reportDto(r, evidence, viewer));
}

/** The award must be approved and its edition's publicity open now. */
async function reportableAward(db: DB, awardId: string, now: Date) {
  const award = await repo.findAward(db, awardId);
  if (!award || award.status === 'proposed' || !award.approved_at) throw notFound('获奖项目');
  const notice = await repo.findNotice(db, award.edition_id);
  if (!notice || now.getTime() < notice.start_at.getTime() || now.getTime() >= notice.end_at.getTime()) {
    throw new AppError(
      'PUBLICITY_NOT_OPEN',
      notice ? '不在公示期内，不能举报（公示期内方可实名举报）' : '该赛事尚未公示获奖名单，不能举报',
      {
        start: notice?.start_at.toISOString() ?? null,
        end: notice?.end_at.toISOString() ?? null,
      },
    );
  }
  if (award.status === 'revoked') throw new AppError('INVALID_TRANSITION', '该奖项已被撤销，无需再举报');
  return award;
}

function invalid(path: string, message: string) {
  return new AppError('VALIDATION_FAILED', message, { issues: [{ path, message }] });
}

export async function fileReport(
  db: DB,
  storage: FileStorage,
  limits: UploadLimits,
  user: UserRow,
  awardId: string,
  parts: AsyncIterable<Part>,
  now: Date,
) {
  // Refused before the upload is read when the award cannot be reported now.
  const award = await reportableAward(db, awardId, now);
  const fields: Record<string, string> = {};
  const staged: { file: StagedFile; fileName: string }[] = [];
  try {
    try {
      for await (const part of parts) {
        if (part.type === 'field') {
          const value = typeof part.value === 'string' ? part.value : '';
          const problem = stringProblem(value);
          if (problem) throw hostileError({ path: part.fieldname, message: problem });
          if (['realName', 'phone', 'content'].includes(part.fieldname)) fields[part.fieldname] = value;
          continue;
        }
        const file = part as MultipartFile;
        if (file.fieldname !== 'evidence') {
          file.file.resume();
          continue;
        }
        if (staged.length >= REPORT_MAX_FILES) {
          file.file.resume();
          throw invalid('evidence', `证据材料最多 ${REPORT_MAX_FILES} 个文件`);
        }
        const fileName = sanitizeFileName(file.filename);
        const problem = stringProblem(file.filename);
        if (problem) throw hostileError({ path: 'evidence.filename', message: problem });
        const limit = videoExtensions.includes(extensionOf(fileName)) ? limits.videoBytes : limits.documentBytes;
        try {
          const s = await storage.stage(file.file as Readable, { maxBytes: limit });
          staged.push({ file: s, fileName });
        } catch (error) {
          if (error instanceof StagedTooLargeError) {
            file.file.resume();
            throw fileTooLarge(limit);
          }
          throw error;
        }
        if (file.file.truncated) throw fileTooLarge(Math.max(limits.documentBytes, limits.videoBytes));
      }
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
        throw new AppError('BAD_REQUEST', '请以 multipart/form-data 格式提交举报（realName、phone、content 字段，evidence 证据文件）');
      }
      throw error;
    }
    const parsed = reportFields.safeParse(fields);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      throw new AppError('VALIDATION_FAILED', issues[0]!.message, { issues });
    }
    const nonEmpty = staged.filter((s) => s.file.size > 0);
    if (!nonEmpty.length) {
      throw new AppError('EVIDENCE_REQUIRED', '举报须附证据材料（至少一个文件）；无证据的举报不予受理', {
        issues: [{ path: 'evidence', message: '请上传证据材料' }],
      });
    }
    const files: { fileName: string; mimeType: string; size: number; sha256: string }[] = [];
    for (const s of nonEmpty) {
      const mimeType = await checkMaterialFile(s.file.localPath, s.fileName, s.file.size, limits);
      files.push({ fileName: s.fileName, mimeType, size: s.file.size, sha256: s.file.sha256 });
    }
    for (const s of nonEmpty) await s.file.commit();
    const id = await db.transaction().execute(async (trx) => {
      const { id } = await repo.insertReport(trx, {
        editionId: award.edition_id,
        awardId,
        reporterId: user.id,
        realName: parsed.data.realName,
        phone: parsed.data.phone,
        content: parsed.data.content,
      });
      await repo.insertEvidence(trx, id, files);
      // The log names the report, never the reporter (the log is read by every overseer).
      await appendDecision(trx, {
        editionId: award.edition_id,
        actorId: null,
        action: 'report.filed',
        subjectType: 'report',
        subjectId: id,
        data: { awardId, projectId: award.project_id, evidence: files.map((f) => f.sha256) },
      });
      await insertNotifications(trx, await repo.userIdsWithRole(trx, 'supervisor'), {
        kind: 'report.filed',
        title: `收到一份实名举报：${award.project_name}`,
        body: '请在监督委员会举报受理台核查并作出书面裁定。',
        link: '/admin/reports',
        data: { reportId: id },
      });
      return id;
    });
    return getReport(db, user, id);
  } finally {
    for (const s of staged) await s.file.discard();
  }
}

/** One report: the supervisor, the committee (without the reporter's identity) and the reporter. */
export async function getReport(db: DB, user: UserRow, id: string) {
  const row = await repo.findReport(db, id);
  if (!row || !(isSupervisor(user) || isCommittee(user) || row.reporter_id === user.id)) throw notFound('举报');
  return (await dtos(db, [row], user))[0]!;
}

export async function listReports(db: DB, user: UserRow, query: { editionId?: string; status?: ReportStatus }) {
  if (!isSupervisor(user) && !isCommittee(user)) throw forbidden('举报受理仅限监督委员会（组委会可查看不含举报人身份的队列）');
  return { items: await dtos(db, await repo.listReports(db, query), user) };
}

export async function myReports(db: DB, user: UserRow) {
  return { items: await dtos(db, await repo.listReports(db, { reporterId: user.id }), user) };
}

export async function openEvidence(db: DB, storage: FileStorage, user: UserRow, reportId: string, evidenceId: string) {
  const report = await repo.findReport(db, reportId);
  if (!report || !(isSupervisor(user) || isCommittee(user) || report.reporter_id === user.id)) throw notFound('举报');
  const evidence = await repo.findEvidence(db, reportId, evidenceId);
  if (!evidence) throw notFound('证据材料');
  return { evidence, stream: await storage.open(evidence.sha256) };
}
