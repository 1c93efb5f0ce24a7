import type { Executor } from '../../db/database.ts';
import { decideFreedPlace as resultsDecideFreedPlace, revokeAward } from '../results/awards.service.ts';
import * as repo from './publicity.repository.ts';

/**
 * What an upheld report does to the awards, through the results module (which owns awards and
 * logs `award.revoked` / `award.freed_place_*` itself): the award is revoked with the ruling as
 * its reason and the report's id; then the committee's decision on the freed place runs the
 * results module's promotion chain (a lower level moves up, the best-ranked project without an
 * award takes the last freed level) or leaves it vacant. Both run in the caller's transaction.
 */
export async function revokeForReport(trx: Executor, v: { awardId: string; actorId: string; reason: string; reportId: string; at: Date }) {
  await revokeAward(trx, { awardId: v.awardId, actorId: v.actorId, reason: v.reason, reportId: v.reportId, now: v.at });
}

/** Returns the award that took the freed place (递补), if one did. */
export async function decideFreedPlace(
  trx: Executor,
  v: { awardId: string; actorId: string; moveToNext: boolean; reason: string; reportId: string; at: Date },
): Promise<{ awardId: string; projectId: string } | null> {
  await resultsDecideFreedPlace(trx, { awardId: v.awardId, actorId: v.actorId, moveToNext: v.moveToNext, reason: v.reason, now: v.at });
  if (!v.moveToNext) return null;
  const replacement = await repo.replacementOf(trx, v.awardId);
  return replacement ? { awardId: replacement.id, projectId: replacement.project_id } : null;
}
