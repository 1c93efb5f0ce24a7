import type { DB, Executor } from '../../db/database.ts';
import type { AwardLevel, UserRow } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { roundResults } from '../reviews/close-review-round.ts';
import { awardCounts, LEVELS, moveFreedPlace, proposeLevels, type Counts } from './algorithms/award-levels.ts';
import * as awards from './awards.repository.ts';
import { appendDecision } from './decision-log.repository.ts';
import * as repo from './results.repository.ts';
import { resultSettingsOf } from './result-settings.ts';

/**
 * 奖项: the committee proposes from the final round's ranking (per track, levels in
 * proportion to the track's teams in the final, algorithms/award-levels.ts), adjusts an
 * award with a reason, and approves; approval locks every award of the edition
 * (AWARDS_LOCKED). After approval only two things change an award, both logged: an
 * upheld report revokes it (revokeAward) and the committee decides whether its freed
 * place moves to the next project (decideFreedPlace).
 */

export const levelLabels: Record<AwardLevel, string> = { first: '一等奖', second: '二等奖', third: '三等奖', special: '特色单项奖' };

/** The total the edition ranks by; an unscored project (null) never gets an award. */
const totalOf = (rankBy: 'raw' | 'normalised', i: { rawTotal: number | null; normalisedTotal: number | null }) =>
  rankBy === 'raw' ? i.rawTotal : i.normalisedTotal;

const locked = () => new AppError('AWARDS_LOCKED', '获奖名单已经组委会审定，不能再修改（撤销须经举报裁定）');

/** The final round's frozen results, or NO_FINAL_RESULTS. */
async function finalResults(db: Executor, editionId: string) {
  const round = await repo.roundOfStage(db, editionId, 'final');
  if (!round) throw new AppError('NO_FINAL_RESULTS', '尚未开启决赛路演评审轮次，无法拟定获奖名单');
  if (round.status !== 'closed') throw new AppError('NO_FINAL_RESULTS', '决赛路演评审轮次尚未关闭，排名未冻结，无法拟定获奖名单');
  return { round, results: await roundResults(db as DB, round.id) };
}

async function assertNotLocked(db: Executor, editionId: string) {
  const counts = await awards.awardStatusCounts(db, editionId);
  if (counts.approved > 0 || counts.revoked > 0) throw locked();
}

export async function proposeAwards(db: DB, user: UserRow, editionId: string, now: Date) {
  await db.transaction().execute(async (trx) => {
    await awards.lockEditionAwards(trx, editionId);
    await assertNotLocked(trx, editionId);
    const settings = await resultSettingsOf(trx, editionId);
    const { round, results } = await finalResults(trx, editionId);
    const facts = await repo.projectFacts(
      trx,
      results.items.map((i) => i.projectId),
    );
    const byTrack = new Map<string, typeof results.items>();
    for (const item of results.items) byTrack.set(item.trackId, [...(byTrack.get(item.trackId) ?? []), item]);
    const perTrack: {
      trackId: string;
      trackName: string;
      teams: number;
      counts: Counts;
      awarded: { projectId: string; level: AwardLevel; rank: number; tie: boolean }[];
    }[] = [];
    const rows: awards.NewAward[] = [];
    for (const [trackId, items] of byTrack) {
      const counts = awardCounts(items.length, settings.awardRatios);
      const levels = proposeLevels(
        items.map((i) => ({ projectId: i.projectId, rank: totalOf(results.rankBy, i) === null ? null : i.rankInTrack })),
        counts,
      );
      perTrack.push({ trackId, trackName: items[0].trackName, teams: items.length, counts, awarded: levels });
      for (const l of levels) {
        const item = items.find((i) => i.projectId === l.projectId)!;
        const f = facts.get(l.projectId)!;
        rows.push({
          editionId,
          roundId: round.id,
          projectId: l.projectId,
          teamId: f.teamId,
          trackId,
          demandId: f.demandId,
          level: l.level,
          proposedLevel: l.level,
          status: 'proposed',
          finalRank: l.rank,
          finalScore: totalOf(results.rankBy, item),
          by: user.id,
          now,
        });
      }
    }
    await awards.deleteProposed(trx, editionId);
    await awards.insertAwards(trx, rows);
    await appendDecision(trx, {
      editionId,
      actorId: user.id,
      action: 'awards.proposed',
      subjectType: 'edition',
      subjectId: editionId,
      data: { roundId: round.id, snapshotHash: round.snapshot_hash, ratios: settings.awardRatios, perTrack },
    });
  });
  return awardsOverview(db, editionId);
}

/** Sets a project's proposed level (or removes its award with level 'none'); a reason is required. */
export async function adjustAward(
  db: DB,
  user: UserRow,
  editionId: string,
  input: { projectId: string; level: AwardLevel | 'none'; reason: string },
  now: Date,
) {
  const reason = input.reason.trim();
  if (!reason) throw new AppError('REASON_REQUIRED', '调整奖项须填写理由');
  await db.transaction().execute(async (trx) => {
    await awards.lockEditionAwards(trx, editionId);
    await assertNotLocked(trx, editionId);
    const { round, results } = await finalResults(trx, editionId);
    const item = results.items.find((i) => i.projectId === input.projectId);
    if (!item) throw new AppError('BAD_REQUEST', '该项目不在决赛路演评审轮次中，不能获奖');
    const current = await awards.liveAwardOfProject(trx, editionId, input.projectId);
    if ((current?.level ?? 'none') === input.level) throw new AppError('BAD_REQUEST', '奖项等级没有变化');
    if (current && input.level === 'none') await awards.deleteAward(trx, current.id);
    else if (current && input.level !== 'none')
      await awards.updateAward(trx, current.id, { level: input.level, adjusted_reason: reason, adjusted_by: user.id, adjusted_at: now });
    else if (input.level !== 'none') {
      const f = (await repo.projectFacts(trx, [input.projectId])).get(input.projectId)!;
      await awards.insertAwards(trx, [
        {
          editionId,
          roundId: round.id,
          projectId: input.projectId,
          teamId: f.teamId,
          trackId: f.trackId,
          demandId: f.demandId,
          level: input.level,
          proposedLevel: 'none',
          status: 'proposed',
          finalRank: item.rankInTrack,
          finalScore: totalOf(results.rankBy, item),
          by: user.id,
          adjustedReason: reason,
          now,
        },
      ]);
    }
    await appendDecision(trx, {
      editionId,
      actorId: user.id,
      action: 'award.adjusted',
      subjectType: 'project',
      subjectId: input.projectId,
      data: { projectName: item.projectName, from: current?.level ?? 'none', to: input.level },
      reason,
    });
  });
  return awardsOverview(db, editionId);
}

export async function approveAwards(db: DB, user: UserRow, editionId: string, now: Date) {
  await db.transaction().execute(async (trx) => {
    await awards.lockEditionAwards(trx, editionId);
    await assertNotLocked(trx, editionId);
    const approved = await awards.approveAll(trx, editionId, user.id, now);
    if (!approved.length) throw new AppError('AWARDS_NOT_PROPOSED', '还没有拟定的获奖名单，请先拟定');
    const perLevel = Object.fromEntries(LEVELS.map((l) => [l, approved.filter((a) => a.level === l).length]));
    await appendDecision(trx, {
      editionId,
      actorId: user.id,
      action: 'awards.approved',
      subjectType: 'edition',
      subjectId: editionId,
      data: { awards: approved.length, perLevel },
    });
  });
  return awardsOverview(db, editionId);
}

/**
 * Revokes an approved award (an upheld report, 未通过公示). Call inside the transaction
 * that records the ruling; logs 'award.revoked'. The freed place stays open until the
 * committee decides (decideFreedPlace).
 */
export async function revokeAward(
  trx: Executor,
  input: { awardId: string; actorId: string; reason: string; reportId?: string | null; now?: Date },
) {
  const reason = input.reason.trim();
  if (!reason) throw new AppError('REASON_REQUIRED', '撤销奖项须填写理由');
  const award = await awards.findAward(trx, input.awardId, true);
  if (!award) throw notFound('奖项');
  await awards.lockEditionAwards(trx, award.edition_id);
  if (award.status === 'revoked') throw new AppError('AWARD_ALREADY_REVOKED', '该奖项已被撤销');
  if (award.status !== 'approved') throw new AppError('INVALID_TRANSITION', '只有经组委会审定的奖项才能撤销；拟定中的奖项请直接调整');
  const now = input.now ?? new Date();
  const updated = await awards.updateAward(trx, award.id, {
    status: 'revoked',
    revoked_by: input.actorId,
    revoked_at: now,
    revoked_reason: reason,
    report_id: input.reportId ?? null,
  });
  await appendDecision(trx, {
    editionId: award.edition_id,
    actorId: input.actorId,
    action: 'award.revoked',
    subjectType: 'award',
    subjectId: award.id,
    data: { projectId: award.project_id, level: award.level, trackId: award.track_id, reportId: input.reportId ?? null },
    reason,
  });
  return updated;
}

/**
 * After a revocation the committee decides whether the freed place moves to the next
 * project (promotion chain, algorithms/award-levels.ts) or stays vacant. Decided once; logged.
 */
export async function decideFreedPlace(
  trx: Executor,
  input: { awardId: string; actorId: string; moveToNext: boolean; reason: string; now?: Date },
) {
  const reason = input.reason.trim();
  if (!reason) throw new AppError('REASON_REQUIRED', '须填写决定理由');
  const award = await awards.findAward(trx, input.awardId, true);
  if (!award) throw notFound('奖项');
  await awards.lockEditionAwards(trx, award.edition_id);
  if (award.status !== 'revoked') throw new AppError('AWARD_NOT_REVOKED', '该奖项未被撤销，没有空出的名额');
  if (award.freed_place) throw new AppError('FREED_PLACE_DECIDED', '该空缺名额已作出决定');
  const now = input.now ?? new Date();
  let move: ReturnType<typeof moveFreedPlace> | null = null;
  if (input.moveToNext) {
    const { round, results } = await finalResults(trx, award.edition_id);
    const live = await awards.listAwards(trx, award.edition_id, { status: ['approved'], trackId: award.track_id });
    const revoked = await awards.revokedProjectIds(trx, award.edition_id);
    const holders = new Set(live.map((a) => a.project_id));
    const candidates = results.items
      .filter((i) => i.trackId === award.track_id && !holders.has(i.projectId) && !revoked.has(i.projectId))
      .map((i) => ({ projectId: i.projectId, rank: totalOf(results.rankBy, i) === null ? null : i.rankInTrack }));
    move = moveFreedPlace(
      award.level,
      live.map((a) => ({ awardId: a.id, projectId: a.project_id, level: a.level, rank: a.final_rank })),
      candidates,
    );
    for (const p of move.promotions) {
      await awards.updateAward(trx, p.awardId, {
        level: p.to,
        adjusted_reason: `递补：${levelLabels[award.level]}被撤销后顺位晋升（${reason}）`,
        adjusted_by: input.actorId,
        adjusted_at: now,
      });
    }
    if (move.newAward) {
      const item = results.items.find((i) => i.projectId === move!.newAward!.projectId)!;
      const f = (await repo.projectFacts(trx, [item.projectId])).get(item.projectId)!;
      await awards.insertAwards(trx, [
        {
          editionId: award.edition_id,
          roundId: round.id,
          projectId: item.projectId,
          teamId: f.teamId,
          trackId: f.trackId,
          demandId: f.demandId,
          level: move.newAward.level,
          proposedLevel: 'none',
          status: 'approved',
          finalRank: item.rankInTrack,
          finalScore: totalOf(results.rankBy, item),
          by: input.actorId,
          adjustedReason: `递补：${levelLabels[award.level]}被撤销后顺位递补（${reason}）`,
          approvedAt: now,
          replacesAwardId: award.id,
          now,
        },
      ]);
    }
  }
  const updated = await awards.updateAward(trx, award.id, {
    freed_place: input.moveToNext ? 'moved' : 'vacant',
    freed_decided_by: input.actorId,
    freed_decided_at: now,
  });
  await appendDecision(trx, {
    editionId: award.edition_id,
    actorId: input.actorId,
    action: input.moveToNext ? 'award.freed_place_moved' : 'award.freed_place_vacant',
    subjectType: 'award',
    subjectId: award.id,
    data: { level: award.level, trackId: award.track_id, promotions: move?.promotions ?? [], newAward: move?.newAward ?? null },
    reason,
  });
  return updated;
}

/** The edition's awards with names, per-track counts and the lock state. */
export async function awardsOverview(db: Executor, editionId: string) {
  const rows = await awards.listAwards(db, editionId);
  const counts = await awards.awardStatusCounts(db, editionId);
  return {
    editionId,
    locked: counts.approved > 0 || counts.revoked > 0,
    counts,
    items: rows.map((a) => ({
      id: a.id,
      projectId: a.project_id,
      projectName: a.project_name,
      teamId: a.team_id,
      teamName: a.team_name,
      trackId: a.track_id,
      trackName: a.track_name,
      demandId: a.demand_id,
      demandTitle: a.demand_title,
      enterpriseName: a.enterprise_name,
      level: a.level,
      proposedLevel: a.proposed_level,
      status: a.status,
      finalRank: a.final_rank,
      finalScore: a.final_score,
      priorityRecommendation: a.priority_recommendation,
      adjustedReason: a.adjusted_reason,
      adjustedAt: a.adjusted_at?.toISOString() ?? null,
      approvedAt: a.approved_at?.toISOString() ?? null,
      revokedAt: a.revoked_at?.toISOString() ?? null,
      revokedReason: a.revoked_reason,
      reportId: a.report_id,
      replacesAwardId: a.replaces_award_id,
      freedPlace: a.freed_place,
    })),
  };
}
export type AwardsOverview = Awaited<ReturnType<typeof awardsOverview>>;
