import type { DB } from '../../db/database.ts';
import type { ReviewStage, UserRow } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { recordAudit } from '../../lib/audit.ts';
import { findEdition } from '../catalog/catalog.repository.ts';
import * as repo from './reviews.repository.ts';
import { stageLabel, syncRound } from './sync-round.ts';
import { roundDto } from './round-dto.ts';
import { confirmedOfEdition } from '../results/advancement.repository.ts';

/**
 * The committee opens a review round of an edition (one per stage). Preliminary: submitted
 * projects found eligible enter it; final: the confirmed finalists that passed verification
 * (and later ones as they pass); conflicts are computed at once, and the enterprises' reviewers
 * get their demand-fit tasks. Experts come with the assignment run.
 */
export async function openReviewRound(db: DB, user: UserRow, editionId: string, stage: ReviewStage, now: Date) {
  const id = await db.transaction().execute(async (trx) => {
    const edition = await findEdition(trx, editionId);
    if (!edition) throw notFound('赛事');
    // The final roadshow is for the confirmed finalists that passed verification (results module).
    if (stage === 'final' && !(await confirmedOfEdition(trx, editionId)))
      throw new AppError('ADVANCEMENT_NOT_CONFIRMED', '晋级名单尚未确认，不能开启决赛路演评审轮次');
    const row = await repo.insertRound(trx, { editionId, stage, by: user.id });
    if (!row) throw new AppError('ROUND_EXISTS', `该赛事的${stageLabel[stage]}轮次已经开启`);
    await syncRound(trx, row.id, editionId, now);
    await recordAudit(trx, {
      actorId: user.id,
      action: 'review_round.open',
      entityType: 'review_round',
      entityId: row.id,
      data: { editionId, stage },
    });
    return row.id;
  });
  return roundDto(db, id, now);
}
