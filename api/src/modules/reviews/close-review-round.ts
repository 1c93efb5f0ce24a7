import { createHash } from 'node:crypto';
import type { DB } from '../../db/database.ts';
import type { UserRow } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { recordAudit } from '../../lib/audit.ts';
import { stableStringify } from '../../lib/stable-json.ts';
import { computeResults, type RoundResults } from './compute-results.ts';
import * as repo from './reviews.repository.ts';
import { roundDto } from './round-dto.ts';
import { assertRoundOpen } from './sync-round.ts';
import { findByRound as findAdvancementByRound } from '../results/advancement.repository.ts';
import { awardStatusCounts } from '../results/awards.repository.ts';

/**
 * Closing freezes every score and the ranking: the results and every submitted score go
 * into a snapshot with its SHA-256, and nothing changes (ROUND_CLOSED) until the committee
 * reopens the round, which needs a reason and is logged with the hash it reopened.
 */
export async function closeRound(db: DB, user: UserRow, roundId: string, now: Date) {
  await db.transaction().execute(async (trx) => {
    const round = await repo.findRound(trx, roundId, true);
    if (!round) throw notFound('评审轮次');
    assertRoundOpen(round);
    const results = await computeResults(trx, roundId);
    const scores = (await repo.listTasks(trx, { roundId }))
      .filter((t) => t.status === 'submitted')
      .map((t) => ({
        taskId: t.id,
        projectId: t.project_id,
        reviewerId: t.reviewer_id,
        role: t.role,
        scores: t.scores,
        comment: t.comment,
        total: t.total,
        submittedAt: t.submitted_at,
      }));
    const snapshot = { closedAt: now.toISOString(), results: { ...results, status: 'closed' as const }, scores };
    const hash = createHash('sha256').update(stableStringify(snapshot)).digest('hex');
    await repo.updateRound(trx, roundId, {
      status: 'closed',
      snapshot: JSON.stringify(snapshot),
      snapshot_hash: hash,
      closed_by: user.id,
      closed_at: now,
    });
    await recordAudit(trx, {
      actorId: user.id,
      action: 'review_round.close',
      entityType: 'review_round',
      entityId: roundId,
      data: { hash, scores: scores.length },
    });
  });
  return roundDto(db, roundId, now);
}

export async function reopenRound(db: DB, user: UserRow, roundId: string, reason: string, now: Date) {
  await db.transaction().execute(async (trx) => {
    const round = await repo.findRound(trx, roundId, true);
    if (!round) throw notFound('评审轮次');
    if (round.status !== 'closed') throw new AppError('INVALID_TRANSITION', '评审轮次未关闭，无需重新开启');
    // Results built on the frozen ranking keep it frozen (results module).
    if (round.stage === 'preliminary' && (await findAdvancementByRound(trx, roundId))?.status === 'confirmed')
      throw new AppError('ADVANCEMENT_CONFIRMED', '晋级名单已根据本轮排名确认，不能重新开启初赛评审轮次');
    if (round.stage === 'final' && (await awardStatusCounts(trx, round.edition_id)).approved > 0)
      throw new AppError('AWARDS_LOCKED', '获奖名单已根据本轮排名审定，不能重新开启决赛评审轮次');
    await repo.updateRound(trx, roundId, { status: 'open', closed_by: null, closed_at: null });
    await recordAudit(trx, {
      actorId: user.id,
      action: 'review_round.reopen',
      entityType: 'review_round',
      entityId: roundId,
      data: { reason, previousHash: round.snapshot_hash },
    });
  });
  return roundDto(db, roundId, now);
}

/** Live results while open; the frozen snapshot once closed. */
export async function roundResults(db: DB, roundId: string, trackId?: string) {
  const round = await repo.findRound(db, roundId);
  if (!round) throw notFound('评审轮次');
  const results: RoundResults =
    round.status === 'closed' && round.snapshot ? (round.snapshot as { results: RoundResults }).results : await computeResults(db, roundId);
  const items = trackId ? results.items.filter((i) => i.trackId === trackId) : results.items;
  const ids = new Set(items.map((i) => i.projectId));
  return {
    ...results,
    items,
    outliers: trackId ? results.outliers.filter((o) => ids.has(o.projectId)) : results.outliers,
    frozen: round.status === 'closed',
    snapshotHash: round.status === 'closed' ? round.snapshot_hash : null,
  };
}
