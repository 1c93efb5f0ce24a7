import { createHash } from 'node:crypto';
import type { DB, Executor } from '../../db/database.ts';
import type { UserRow } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { stableStringify } from '../../lib/stable-json.ts';
import { roundResults } from '../reviews/close-review-round.ts';
import * as reviews from '../reviews/reviews.repository.ts';
import * as adv from './advancement.repository.ts';
import {
  computeAdvancement,
  type AdvancementComputation,
  type RankedEntry,
  type TrackComputation,
} from './algorithms/advancement-quotas.ts';
import { appendDecision } from './decision-log.repository.ts';
import * as finalists from './finalists.repository.ts';
import * as repo from './results.repository.ts';
import { resultSettingsOf } from './result-settings.ts';
import { notifyTeam } from './finalists.service.ts';

/**
 * 晋级: from the closed preliminary round's frozen results the committee computes the
 * proposed finalists (algorithms/advancement-quotas.ts, every step kept), may recompute
 * while it is a proposal, and confirms it, which makes the finalists (待核验).
 */

export const ADVANCEMENT_RULES = [
  '一、晋级总名额：组委会设定总名额，或按晋级比例 × 初赛有效（已完成评分）项目数，四舍五入。',
  '二、各赛道名额按有效项目数比例分配（最大余数法）：先取整数部分，剩余名额按小数部分从大到小分配；小数部分相同时，有效项目多的赛道优先，仍相同按赛道顺序。',
  '三、含企业需求子赛题的赛道，为子赛题项目保留名额 = min(赛道名额, 子赛题有效项目数, max(1, 四舍五入(子赛题晋级比例 × 子赛题有效项目数)))，由子赛题项目按赛道排名依次获得。',
  '四、其余名额由赛道内其余项目（含未获保留名额的子赛题项目）按初赛排名依次获得。',
  '五、分数线为最后一个获得名额项目的总分；与其完全并列（总分及各项比较均相同）的项目：“并列均晋级”规则下全部晋级（名额相应增加），“按提交时间”规则下先提交者优先。',
  '六、未通过核验的项目取消资格，空缺名额由同赛道初赛排名下一位递补：保留名额优先由同赛道下一位子赛题项目递补，无子赛题项目时由下一位项目递补。',
];

type EnrichedEntry = RankedEntry & { projectName: string; teamName: string; demandTitle: string | null; kind: 'subTopic' | 'regular' };
export type StoredComputation = Omit<AdvancementComputation, 'tracks'> & {
  roundId: string;
  snapshotHash: string | null;
  rankBy: 'raw' | 'normalised';
  rules: string[];
  tracks: (Omit<TrackComputation, 'ranking'> & { trackName: string; ranking: EnrichedEntry[] })[];
};

async function closedPreliminary(db: Executor, roundId: string) {
  const round = await reviews.findRound(db, roundId);
  if (!round) throw notFound('评审轮次');
  if (round.stage !== 'preliminary') throw new AppError('BAD_REQUEST', '晋级名额只能根据初赛评审轮次计算');
  if (round.status !== 'closed' || !round.snapshot)
    throw new AppError('ROUND_NOT_CLOSED', '初赛评审轮次尚未关闭，评分与排名未冻结，不能计算晋级名单');
  return round;
}

export async function computeProposal(db: DB, user: UserRow, roundId: string, now: Date) {
  await db.transaction().execute(async (trx) => {
    const round = await closedPreliminary(trx, roundId);
    const existing = await adv.findByRound(trx, roundId, true);
    if (existing?.status === 'confirmed') throw new AppError('ADVANCEMENT_CONFIRMED', '晋级名单已确认，不能重新计算');
    const settings = await resultSettingsOf(trx, round.edition_id);
    const results = await roundResults(trx, roundId);
    const tracks = await adv.tracksOf(trx, round.edition_id);
    const submitted = await adv.submittedAt(
      trx,
      results.items.map((i) => i.projectId),
    );
    const total = (i: (typeof results.items)[number]) => (results.rankBy === 'raw' ? i.rawTotal : i.normalisedTotal);
    const algoSettings = {
      mode: settings.advancementMode,
      total: settings.advancementTotal,
      ratio: settings.advancementRatio,
      reservedRatio: settings.reservedRatio,
      tieRule: settings.tieRule,
    };
    const computation = computeAdvancement(
      results.items.map((i) => ({
        projectId: i.projectId,
        trackId: i.trackId,
        demandId: i.demandId,
        rank: total(i) === null ? null : i.rankInTrack,
        total: total(i),
        submittedAt: submitted.get(i.projectId) ?? '',
      })),
      tracks.map((t) => ({ trackId: t.id, position: t.position })),
      algoSettings,
    );
    const items = new Map(results.items.map((i) => [i.projectId, i]));
    const trackNames = new Map(tracks.map((t) => [t.id, t.name]));
    const stored: StoredComputation = {
      ...computation,
      roundId,
      snapshotHash: round.snapshot_hash,
      rankBy: results.rankBy,
      rules: ADVANCEMENT_RULES,
      tracks: computation.tracks.map((t) => ({
        ...t,
        trackName: trackNames.get(t.trackId) ?? '',
        ranking: t.ranking.map((r) => {
          const i = items.get(r.projectId)!;
          return { ...r, projectName: i.projectName, teamName: i.teamName, demandTitle: i.demandTitle, kind: i.kind };
        }),
      })),
    };
    const hash = createHash('sha256').update(stableStringify(stored)).digest('hex');
    const row = await adv.upsertProposal(trx, {
      editionId: round.edition_id,
      roundId,
      settings: JSON.stringify(settings),
      computation: JSON.stringify(stored),
      hash,
      by: user.id,
      now,
    });
    await appendDecision(trx, {
      editionId: round.edition_id,
      actorId: user.id,
      action: 'advancement.computed',
      subjectType: 'advancement',
      subjectId: row.id,
      data: {
        roundId,
        snapshotHash: round.snapshot_hash,
        computationHash: hash,
        settings: algoSettings,
        totalPlaces: stored.totalPlaces,
        admitted: stored.admitted,
        perTrack: stored.tracks.map((t) => ({
          trackId: t.trackId,
          trackName: t.trackName,
          quota: t.quota,
          reserved: t.reservedPlaces,
          admitted: t.admitted,
        })),
      },
    });
  });
  return getAdvancement(db, roundId);
}

export async function getAdvancement(db: Executor, roundId: string) {
  const round = await reviews.findRound(db, roundId);
  if (!round) throw notFound('评审轮次');
  const row = await adv.findByRound(db, roundId);
  if (!row) throw notFound('晋级计算');
  return {
    id: row.id,
    editionId: row.edition_id,
    roundId: row.round_id,
    status: row.status,
    computationHash: row.computation_hash,
    computedAt: row.computed_at.toISOString(),
    confirmedAt: row.confirmed_at?.toISOString() ?? null,
    stale: row.status === 'proposed' && (row.computation as StoredComputation).snapshotHash !== round.snapshot_hash,
    computation: row.computation as StoredComputation,
  };
}

export async function confirmAdvancement(db: DB, user: UserRow, roundId: string, now: Date) {
  await db.transaction().execute(async (trx) => {
    const round = await closedPreliminary(trx, roundId);
    const row = await adv.findByRound(trx, roundId, true);
    if (!row) throw new AppError('INVALID_TRANSITION', '请先计算晋级名单');
    if (row.status === 'confirmed') throw new AppError('ADVANCEMENT_CONFIRMED', '晋级名单已确认');
    const computation = row.computation as StoredComputation;
    if (computation.snapshotHash !== round.snapshot_hash)
      throw new AppError('ADVANCEMENT_STALE', '初赛评审结果在计算晋级名单之后发生变化（轮次曾重新开启），请重新计算');
    const admitted = computation.tracks.flatMap((t) =>
      t.ranking.filter((r) => r.outcome === 'reserved' || r.outcome === 'regular').map((r) => ({ ...r, trackId: t.trackId })),
    );
    const facts = await repo.projectFacts(
      trx,
      admitted.map((a) => a.projectId),
    );
    const inserted = await finalists.insertFinalists(
      trx,
      admitted.map((a) => ({
        editionId: round.edition_id,
        advancementId: row.id,
        projectId: a.projectId,
        teamId: facts.get(a.projectId)!.teamId,
        trackId: a.trackId,
        demandId: a.demandId,
        placeKind: a.outcome as 'reserved' | 'regular',
        source: 'initial',
        preliminaryRank: a.rank!,
        preliminaryScore: a.total,
      })),
    );
    await adv.markConfirmed(trx, row.id, user.id, now);
    for (const f of inserted)
      await notifyTeam(
        trx,
        f,
        '项目拟晋级决赛，待技术验证',
        '晋级名单已确认。组委会将核验技术真实性与数据来源合法性，请留意补充材料的要求。',
      );
    await appendDecision(trx, {
      editionId: round.edition_id,
      actorId: user.id,
      action: 'advancement.confirmed',
      subjectType: 'advancement',
      subjectId: row.id,
      data: {
        computationHash: row.computation_hash,
        finalists: inserted.map((f) => ({
          finalistId: f.id,
          projectId: f.project_id,
          placeKind: f.place_kind,
          preliminaryRank: f.preliminary_rank,
        })),
      },
    });
  });
  return getAdvancement(db, roundId);
}
