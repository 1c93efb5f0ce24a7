import type { DB, Executor } from '../../db/database.ts';
import type { EditionPhases, UserRow } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { assertPhaseOpen } from '../catalog/phases.ts';
import * as adv from './advancement.repository.ts';
import { nextForBackfill } from './algorithms/advancement-quotas.ts';
import type { StoredComputation } from './advancement.service.ts';
import { appendDecision } from './decision-log.repository.ts';
import * as repo from './finalists.repository.ts';
import * as results from './results.repository.ts';
import { syncRound } from '../reviews/sync-round.ts';
import { insertNotifications } from '../notifications/notifications.repository.ts';

/** Tells a finalist's team members (in the caller's transaction). */
export async function notifyTeam(trx: Executor, f: { team_id: string; project_id: string; id: string }, title: string, body: string) {
  const members = (await results.teamMemberIds(trx, [f.team_id])).get(f.team_id) ?? [];
  await insertNotifications(trx, members, {
    kind: 'finalist',
    title,
    body,
    link: `/workspace/projects/${f.project_id}`,
    data: { finalistId: f.id, projectId: f.project_id },
  });
}

/**
 * 技术验证与递补 (notice 五(二)4): the committee checks each would-be finalist in the
 * edition's verification phase; a failure needs a reason, drops the finalist and the next
 * project by preliminary rank takes the same kind of place (algorithms/advancement-quotas.ts
 * nextForBackfill), read from the confirmed computation so backfill never depends on a
 * later recomputation. The committee may ask the team for evidence; the team uploads files.
 */

const evidenceDto = (e: Awaited<ReturnType<typeof repo.listEvidence>>[number]) => ({
  id: e.id,
  fileName: e.file_name,
  mimeType: e.mime_type,
  size: Number(e.size),
  sha256: e.sha256,
  note: e.note,
  uploadedAt: e.uploaded_at.toISOString(),
});

export async function listFinalists(db: Executor, editionId: string) {
  const rows = await repo.listFinalists(db, editionId);
  const evidence = await repo.listEvidence(
    db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((f) => ({
      id: f.id,
      projectId: f.project_id,
      projectName: f.project_name,
      teamId: f.team_id,
      teamName: f.team_name,
      trackId: f.track_id,
      trackName: f.track_name,
      demandId: f.demand_id,
      demandTitle: f.demand_title,
      enterpriseName: f.enterprise_name,
      placeKind: f.place_kind,
      source: f.source,
      status: f.status,
      preliminaryRank: f.preliminary_rank,
      preliminaryScore: f.preliminary_score,
      replacesFinalistId: f.replaces_finalist_id,
      verificationReason: f.verification_reason,
      verifiedByName: f.verified_by_name,
      verifiedAt: f.verified_at?.toISOString() ?? null,
      evidenceRequest: f.evidence_request,
      evidenceRequestedAt: f.evidence_requested_at?.toISOString() ?? null,
      evidence: evidence.filter((e) => e.finalist_id === f.id).map(evidenceDto),
    })),
  };
}

async function lockPending(trx: Executor, finalistId: string) {
  const f = await repo.findFinalist(trx, finalistId, true);
  if (!f) throw notFound('晋级项目');
  if (f.status !== 'pending') throw new AppError('FINALIST_DECIDED', '该项目的核验已有结论，不能再修改');
  return f;
}

export async function verifyFinalist(
  db: DB,
  user: UserRow,
  finalistId: string,
  body: { passed: boolean; reason?: string | undefined },
  now: Date,
) {
  const reason = body.reason?.trim() ?? '';
  if (!body.passed && !reason) throw new AppError('REASON_REQUIRED', '核验不通过须填写理由');
  await db.transaction().execute(async (trx) => {
    const f = await lockPending(trx, finalistId);
    assertPhaseOpen(f.phases as EditionPhases, 'verification', now, '进行技术验证');
    await repo.updateFinalist(trx, f.id, {
      status: body.passed ? 'passed' : 'failed',
      verification_reason: reason || null,
      verified_by: user.id,
      verified_at: now,
    });
    await appendDecision(trx, {
      editionId: f.edition_id,
      actorId: user.id,
      action: body.passed ? 'finalist.verification_passed' : 'finalist.verification_failed',
      subjectType: 'finalist',
      subjectId: f.id,
      data: { projectId: f.project_id, trackId: f.track_id, placeKind: f.place_kind, preliminaryRank: f.preliminary_rank },
      reason: reason || null,
    });
    await notifyTeam(
      trx,
      f,
      body.passed ? '项目通过技术验证，正式晋级决赛' : '项目未通过技术验证',
      body.passed ? '组委会已完成技术验证，项目正式晋级决赛路演。' : `核验意见：${reason}`,
    );
    if (!body.passed) await backfill(trx, user, f, now);
    // A final round already open takes a finalist as soon as it passes.
    const final = await results.roundOfStage(trx, f.edition_id, 'final');
    if (final?.status === 'open') await syncRound(trx, final.id, f.edition_id, now);
  });
  return (await listFinalists(db, (await repo.findFinalist(db, finalistId))!.edition_id)).items.find((i) => i.id === finalistId)!;
}

/** The next project by preliminary rank takes the failed finalist's place (递补). */
async function backfill(trx: Executor, user: UserRow, failed: NonNullable<Awaited<ReturnType<typeof repo.findFinalist>>>, now: Date) {
  const advancement = (await adv.findById(trx, failed.advancement_id))!;
  const track = (advancement.computation as StoredComputation).tracks.find((t) => t.trackId === failed.track_id);
  const taken = await repo.finalistProjectIds(trx, failed.edition_id);
  const next = track ? nextForBackfill(track, failed.place_kind, taken) : null;
  if (!next) {
    await appendDecision(trx, {
      editionId: failed.edition_id,
      actorId: user.id,
      action: 'finalist.backfill_none',
      subjectType: 'finalist',
      subjectId: failed.id,
      data: { trackId: failed.track_id, placeKind: failed.place_kind, note: '同赛道已无可递补的项目，名额空缺' },
    });
    return;
  }
  const entry = track!.ranking.find((r) => r.projectId === next.projectId)!;
  const facts = (await results.projectFacts(trx, [next.projectId])).get(next.projectId)!;
  const [row] = await repo.insertFinalists(trx, [
    {
      editionId: failed.edition_id,
      advancementId: failed.advancement_id,
      projectId: next.projectId,
      teamId: facts.teamId,
      trackId: failed.track_id,
      demandId: facts.demandId,
      placeKind: next.kind,
      source: 'backfill',
      preliminaryRank: entry.rank!,
      preliminaryScore: entry.total,
      replacesFinalistId: failed.id,
    },
  ]);
  await notifyTeam(
    trx,
    row,
    '项目递补晋级决赛，待技术验证',
    '有拟晋级项目未通过技术验证，你的项目按初赛排名递补，请配合组委会完成技术验证。',
  );
  await appendDecision(trx, {
    editionId: failed.edition_id,
    actorId: user.id,
    action: 'finalist.backfilled',
    subjectType: 'finalist',
    subjectId: row.id,
    data: {
      replacesFinalistId: failed.id,
      replacedProjectId: failed.project_id,
      projectId: next.projectId,
      projectName: entry.projectName,
      trackId: failed.track_id,
      placeKind: next.kind,
      fellBack: next.fellBack,
      preliminaryRank: entry.rank,
      at: now.toISOString(),
      rule: next.fellBack
        ? '保留名额：同赛道已无子赛题项目可递补，由初赛排名下一位项目递补（转为常规名额）'
        : next.kind === 'reserved'
          ? '保留名额：由同赛道初赛排名下一位子赛题项目递补'
          : '常规名额：由同赛道初赛排名下一位项目递补',
    },
  });
}

export async function requestEvidence(db: DB, user: UserRow, finalistId: string, note: string, now: Date) {
  const text = note.trim();
  if (!text) throw new AppError('REASON_REQUIRED', '请说明需要团队补充哪些验证材料');
  await db.transaction().execute(async (trx) => {
    const f = await lockPending(trx, finalistId);
    await repo.updateFinalist(trx, f.id, { evidence_request: text, evidence_requested_by: user.id, evidence_requested_at: now });
    await notifyTeam(trx, f, '组委会要求补充技术验证材料', text);
    await appendDecision(trx, {
      editionId: f.edition_id,
      actorId: user.id,
      action: 'finalist.evidence_requested',
      subjectType: 'finalist',
      subjectId: f.id,
      data: { projectId: f.project_id },
      reason: text,
    });
  });
}

/** A member of the team, or an overseer (read only); anyone else gets 404. */
export async function finalistForViewer(db: Executor, user: UserRow, finalistId: string) {
  const f = await repo.findFinalist(db, finalistId);
  if (!f) throw notFound('晋级项目');
  const overseer = user.roles.includes('committee') || user.roles.includes('supervisor');
  const member = await results.isTeamMember(db, f.team_id, user.id);
  if (!overseer && !member) throw notFound('晋级项目');
  return { finalist: f, member };
}

/** What a team sees of its project's advancement and verification. */
export async function finalistOfProject(db: Executor, user: UserRow, projectId: string) {
  const facts = (await results.projectFacts(db, [projectId])).get(projectId);
  if (!facts) throw notFound('项目');
  const overseer = user.roles.includes('committee') || user.roles.includes('supervisor');
  if (!overseer && !(await results.isTeamMember(db, facts.teamId, user.id))) throw notFound('项目');
  const row = await repo.finalistOfProject(db, projectId);
  if (!row) return { finalist: null };
  const evidence = await repo.listEvidence(db, [row.id]);
  return {
    finalist: {
      id: row.id,
      status: row.status,
      placeKind: row.place_kind,
      source: row.source,
      preliminaryRank: row.preliminary_rank,
      verificationReason: row.verification_reason,
      verifiedAt: row.verified_at?.toISOString() ?? null,
      evidenceRequest: row.evidence_request,
      evidenceRequestedAt: row.evidence_requested_at?.toISOString() ?? null,
      evidence: evidence.map(evidenceDto),
    },
  };
}
export { evidenceDto };
