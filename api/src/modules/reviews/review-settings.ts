import type { DB } from '../../db/database.ts';
import type { UserRow } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { recordAudit } from '../../lib/audit.ts';
import { findEdition } from '../catalog/catalog.repository.ts';
import { checkIndicatorWeights, indicatorTree, leafShares } from './indicators.ts';
import * as repo from './reviews.repository.ts';
import { indicatorWeightsOf } from './score-forms.ts';

/** Per edition: indicator weights (siblings sum to 100), which total ranks, the outlier margin. */
export async function getSettings(db: DB, editionId: string) {
  const edition = await findEdition(db, editionId);
  if (!edition) throw notFound('赛事');
  const s = await indicatorWeightsOf(db, editionId);
  return {
    editionId,
    reviewWeights: edition.rules.reviewWeights,
    indicatorWeights: s.weights,
    leafShares: leafShares(s.weights),
    rankBy: s.rankBy,
    outlierMargin: s.outlierMargin,
    tree: indicatorTree,
  };
}

export async function updateSettings(
  db: DB,
  user: UserRow,
  editionId: string,
  body: {
    indicatorWeights?: Record<string, number> | undefined;
    rankBy?: 'raw' | 'normalised' | undefined;
    outlierMargin?: number | undefined;
  },
) {
  await db.transaction().execute(async (trx) => {
    if (!(await findEdition(trx, editionId))) throw notFound('赛事');
    const current = await indicatorWeightsOf(trx, editionId);
    const weights = body.indicatorWeights ?? current.weights;
    const problems = checkIndicatorWeights(weights);
    if (problems.length) throw new AppError('VALIDATION_FAILED', problems.join('；'), { problems });
    await repo.upsertSettings(trx, editionId, {
      weights,
      rankBy: body.rankBy ?? current.rankBy,
      outlierMargin: body.outlierMargin ?? current.outlierMargin,
      by: user.id,
    });
    await recordAudit(trx, { actorId: user.id, action: 'review_settings.update', entityType: 'edition', entityId: editionId, data: body });
  });
  return getSettings(db, editionId);
}
