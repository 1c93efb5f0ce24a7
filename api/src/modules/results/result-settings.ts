import type { DB, Executor } from '../../db/database.ts';
import type { AdvancementMode, AdvancementTieRule, AwardRatios, UserRow } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { findEdition } from '../catalog/catalog.repository.ts';
import { appendDecision } from './decision-log.repository.ts';
import * as repo from './results.repository.ts';

/**
 * Per-edition result settings (table result_settings; defaults when the committee has set nothing):
 * - advancement: 30 % of the scored eligible projects of the preliminary round advance
 *   (or a total number of places);
 * - reservedRatio 60 %: the advancement ratio of sub-topic projects in their track
 *   (the notice: 晋级比例高于同赛道常规赛题项目);
 * - tieRule 'include_ties': projects fully tied with the last one admitted all advance;
 * - awardRatios 10/20/30/10 % of a track's teams in the final (一/二/三等奖/特色单项奖);
 * - finalEnterpriseWeight 50: in the final, a sub-topic finalist's score is 50 % the
 *   enterprise's (需求匹配度) and 50 % the experts' roadshow score (结合企业需求子赛题).
 */
export const defaultResultSettings = {
  advancementMode: 'ratio' as AdvancementMode,
  advancementTotal: null as number | null,
  advancementRatio: 0.3 as number | null,
  reservedRatio: 0.6,
  tieRule: 'include_ties' as AdvancementTieRule,
  awardRatios: { first: 0.1, second: 0.2, third: 0.3, special: 0.1 } as AwardRatios,
  finalEnterpriseWeight: 50,
};
export type ResultSettings = typeof defaultResultSettings & { editionId: string; updatedAt: string | null };

export async function resultSettingsOf(db: Executor, editionId: string): Promise<ResultSettings> {
  const row = await repo.findResultSettings(db, editionId);
  if (!row) return { ...defaultResultSettings, editionId, updatedAt: null };
  return {
    editionId,
    advancementMode: row.advancement_mode,
    advancementTotal: row.advancement_total,
    advancementRatio: row.advancement_ratio,
    reservedRatio: row.reserved_ratio,
    tieRule: row.tie_rule,
    awardRatios: row.award_ratios,
    finalEnterpriseWeight: row.final_enterprise_weight,
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function getResultSettings(db: DB, editionId: string) {
  if (!(await findEdition(db, editionId))) throw notFound('赛事');
  return resultSettingsOf(db, editionId);
}

export type ResultSettingsPatch = Partial<Omit<ResultSettings, 'editionId' | 'updatedAt'>>;

export async function updateResultSettings(db: DB, user: UserRow, editionId: string, patch: ResultSettingsPatch, now: Date) {
  await db.transaction().execute(async (trx) => {
    if (!(await findEdition(trx, editionId))) throw notFound('赛事');
    const current = await resultSettingsOf(trx, editionId);
    const next = { ...current, ...patch };
    if (next.advancementMode === 'total' && (next.advancementTotal === null || next.advancementTotal === undefined))
      throw new AppError('INVALID_RESULT_SETTINGS', '按总名额晋级时须填写晋级总名额');
    if (next.advancementMode === 'ratio' && !next.advancementRatio)
      throw new AppError('INVALID_RESULT_SETTINGS', '按比例晋级时须填写晋级比例（大于 0，不超过 1）');
    const r = next.awardRatios;
    if (r.first + r.second + r.third + r.special > 1 + 1e-9) throw new AppError('INVALID_RESULT_SETTINGS', '各奖项比例之和不能超过 100%');
    await repo.upsertResultSettings(trx, editionId, {
      advancement_mode: next.advancementMode,
      advancement_total: next.advancementMode === 'total' ? next.advancementTotal : null,
      advancement_ratio: next.advancementMode === 'ratio' ? next.advancementRatio : null,
      reserved_ratio: next.reservedRatio,
      tie_rule: next.tieRule,
      award_ratios: JSON.stringify(next.awardRatios),
      final_enterprise_weight: next.finalEnterpriseWeight,
      updated_by: user.id,
      updated_at: now,
    });
    await appendDecision(trx, {
      editionId,
      actorId: user.id,
      action: 'result_settings.updated',
      subjectType: 'edition',
      subjectId: editionId,
      data: { before: { ...current, updatedAt: undefined }, after: { ...next, updatedAt: undefined } },
    });
  });
  return resultSettingsOf(db, editionId);
}

/** Weights (percent) of the final round for sub-topic finalists: the enterprise's and the experts'. */
export async function finalReviewWeights(db: Executor, editionId: string) {
  const s = await resultSettingsOf(db, editionId);
  return { enterprise: s.finalEnterpriseWeight, expert: 100 - s.finalEnterpriseWeight };
}
