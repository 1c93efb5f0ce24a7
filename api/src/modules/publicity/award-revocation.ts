import type { Executor } from '../../db/database.ts';
import { AppError, notFound } from '../../errors.ts';
import type { RoundResults } from '../reviews/compute-results.ts';
import * as repo from './publicity.repository.ts';

/**
 * What an upheld report does to the awards. `revokeForReport` marks the award revoked with
 * the ruling as its reason and the report's id; `decideFreedPlace` carries out the committee's
 * decision: moving the place gives the same level to the best-ranked project of the same track
 * (by the final round's ranking, else the preliminary's) that holds no live award, as an
 * approved award that names the one it replaces (递补); keeping it vacant changes nothing.
 * Both run inside the ruling's transaction; the callers write the decision log.
 */
export async function revokeForReport(trx: Executor, v: { awardId: string; actorId: string; reason: string; reportId: string; at: Date }) {
  const award = await repo.lockAward(trx, v.awardId);
  if (!award) throw notFound('奖项');
  if (award.status === 'revoked') return;
  await repo.markAwardRevoked(trx, v.awardId, { by: v.actorId, at: v.at, reason: v.reason, reportId: v.reportId });
}

export async function decideFreedPlace(
  trx: Executor,
  v: { awardId: string; actorId: string; moveToNext: boolean; reason: string; reportId: string; at: Date },
): Promise<{ awardId: string; projectId: string } | null> {
  if (!v.moveToNext) return null;
  const award = await repo.lockAward(trx, v.awardId);
  if (!award) throw notFound('奖项');
  const taken = await repo.awardedProjectIds(trx, award.edition_id);
  for (const snap of await repo.rankingSnapshots(trx, award.edition_id)) {
    const results = (snap.snapshot as { results: RoundResults }).results;
    const next = results.items
      .filter((i) => i.trackId === award.track_id && i.rankInTrack !== null && i.projectId !== award.project_id && !taken.has(i.projectId))
      .sort((a, b) => a.rankInTrack! - b.rankInTrack!)[0];
    if (!next) continue;
    const project = (await repo.projectForAward(trx, next.projectId))!;
    const total = results.rankBy === 'raw' ? next.rawTotal : next.normalisedTotal;
    const { id } = await repo.insertReplacementAward(trx, {
      editionId: award.edition_id,
      roundId: snap.id,
      project,
      level: award.level,
      finalRank: next.rankInTrack,
      finalScore: total,
      by: v.actorId,
      at: v.at,
      replaces: award.id,
      reason: `递补：${v.reason}`,
    });
    return { awardId: id, projectId: project.id };
  }
  throw new AppError('INVALID_TRANSITION', '本赛道没有可递补的下一名项目，请选择名额空缺');
}
