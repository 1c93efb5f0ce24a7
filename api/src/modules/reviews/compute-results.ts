import type { Executor } from '../../db/database.ts';
import { notFound } from '../../errors.ts';
import { findOutliers, normaliseScores, type RawScore } from './algorithms/normalise-scores.ts';
import { rankWithin, type RankInput } from './algorithms/rank-results.ts';
import * as repo from './reviews.repository.ts';
import { indicatorWeightsOf } from './score-forms.ts';
import { finalReviewWeights } from '../results/result-settings.ts';

/**
 * Results of a round (reusable for any stage):
 * - components: the enterprise's demand-fit score (mean of its reviewers), each expert's score;
 * - rawTotal: sub-topic = (w_enterprise × enterprise + w_expert × mean(experts)) / 100 with the
 *   edition's rules.reviewWeights; regular topic = mean of the experts' weighted indicator sums;
 * - normalisedTotal: the same with each expert score standardised over everything that expert
 *   scored in the round and mapped back to 0–100 (algorithms/normalise-scores.ts); the
 *   enterprise score stays raw (one enterprise scores only its own sub-topic's bids);
 * - ranks within the sub-topic (a regular project: within its topic) and within the track,
 *   by the total the edition ranks by (review settings `rankBy`).
 * A total needs every component: a sub-topic bid the enterprise's score and at least one
 * expert's; a regular project at least one expert's. Missing scores are counted.
 */
export const TIE_BREAK_RULE =
  '总分相同时依次比较：另一种总分（按原始分排名时比较标准化总分，反之亦然）、企业需求匹配度评分、专家平均分；仍相同则并列';

const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);
const r2 = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);

export async function computeResults(db: Executor, roundId: string) {
  const round = await repo.findRound(db, roundId);
  if (!round) throw notFound('评审轮次');
  const settings = await indicatorWeightsOf(db, round.edition_id);
  // The final: the enterprise's voice for sub-topic finalists as the edition's result settings say.
  const weights =
    round.stage === 'final'
      ? await finalReviewWeights(db, round.edition_id)
      : (round.rules.reviewWeights ?? { enterprise: 80, expert: 20 });
  const projects = await repo.roundProjects(db, roundId);
  const tasks = await repo.taskTotals(db, roundId);
  const submitted = tasks.filter((t) => t.status === 'submitted' && t.total !== null);

  const expertRaw: RawScore[] = submitted
    .filter((t) => t.role === 'expert')
    .map((t) => ({ reviewerId: t.reviewer_id, projectId: t.project_id, score: t.total! }));
  const normalised = normaliseScores(expertRaw);
  const names = new Map(tasks.map((t) => [t.reviewer_id, t.reviewer_name]));
  const projectNames = new Map(projects.map((p) => [p.id, p.name]));

  const tasksOf = new Map<string, repo.TaskTotalRow[]>();
  for (const t of tasks) {
    const list = tasksOf.get(t.project_id);
    if (list) list.push(t);
    else tasksOf.set(t.project_id, [t]);
  }
  const rows = projects.map((p) => {
    const own = tasksOf.get(p.id) ?? [];
    const done = own.filter((t) => t.status === 'submitted' && t.total !== null);
    const enterpriseScores = done
      .filter((t) => t.role === 'enterprise')
      .map((t) => ({ reviewerId: t.reviewer_id, reviewerName: t.reviewer_name, score: t.total! }));
    const experts = done
      .filter((t) => t.role === 'expert')
      .map((t) => ({
        reviewerId: t.reviewer_id,
        reviewerName: t.reviewer_name,
        score: t.total!,
        normalised: normalised.get(`${t.reviewer_id}:${p.id}`)!,
      }));
    const enterprise = mean(enterpriseScores.map((s) => s.score));
    const expertMean = mean(experts.map((e) => e.score));
    const expertNormalisedMean = mean(experts.map((e) => e.normalised));
    const combine = (expert: number | null) => {
      if (expert === null) return null;
      if (!p.demand_id || weights.enterprise === 0) return r2(expert);
      if (enterprise === null) return null;
      return r2((weights.enterprise * enterprise + weights.expert * expert) / 100);
    };
    return {
      projectId: p.id,
      projectName: p.name,
      teamName: p.team_name,
      trackId: p.track_id,
      trackName: p.track_name,
      trackPosition: p.track_position,
      topicId: p.topic_id,
      topicTitle: p.topic_title,
      kind: p.demand_id ? ('subTopic' as const) : ('regular' as const),
      demandId: p.demand_id,
      demandTitle: p.demand_title,
      enterpriseName: p.enterprise_name,
      components: {
        enterprise: r2(enterprise),
        enterpriseScores,
        experts,
        expertMean: r2(expertMean),
        expertNormalisedMean: r2(expertNormalisedMean),
      },
      rawTotal: combine(expertMean),
      normalisedTotal: combine(expertNormalisedMean),
      expected: own.length,
      submitted: done.length,
      missing: own.length - done.length,
    };
  });

  const rankBy = settings.rankBy;
  const rankOf = (by: 'raw' | 'normalised', group: (r: (typeof rows)[number]) => string) => {
    const input: RankInput[] = rows.map((r) => {
      const total = by === 'raw' ? r.rawTotal : r.normalisedTotal;
      const other = by === 'raw' ? r.normalisedTotal : r.rawTotal;
      return {
        projectId: r.projectId,
        groupKey: group(r),
        total,
        tieBreak: [other ?? -1, r.components.enterprise ?? -1, r.components.expertMean ?? -1],
      };
    });
    return rankWithin(input);
  };
  const subTopicKey = (r: (typeof rows)[number]) => (r.demandId ? `demand:${r.demandId}` : `topic:${r.topicId}`);
  const ranks = {
    raw: { subTopic: rankOf('raw', subTopicKey), track: rankOf('raw', (r) => r.trackId) },
    normalised: { subTopic: rankOf('normalised', subTopicKey), track: rankOf('normalised', (r) => r.trackId) },
  };
  const items = rows
    .map((r) => ({
      ...r,
      rankInSubTopic: ranks[rankBy].subTopic.get(r.projectId) ?? null,
      rankInTrack: ranks[rankBy].track.get(r.projectId) ?? null,
      ranks: {
        raw: { subTopic: ranks.raw.subTopic.get(r.projectId) ?? null, track: ranks.raw.track.get(r.projectId) ?? null },
        normalised: {
          subTopic: ranks.normalised.subTopic.get(r.projectId) ?? null,
          track: ranks.normalised.track.get(r.projectId) ?? null,
        },
      },
    }))
    .sort(
      (a, b) =>
        a.trackPosition - b.trackPosition || (a.rankInTrack ?? 1e9) - (b.rankInTrack ?? 1e9) || (a.projectId < b.projectId ? -1 : 1),
    )
    .map(({ trackPosition: _position, ...item }) => item);

  const outliers = findOutliers(expertRaw, settings.outlierMargin).map((o) => ({
    ...o,
    reviewerName: names.get(o.reviewerId) ?? '',
    projectName: projectNames.get(o.projectId) ?? '',
  }));
  return {
    roundId: round.id,
    stage: round.stage,
    status: round.status,
    rankBy,
    weights,
    indicatorWeights: settings.weights,
    outlierMargin: settings.outlierMargin,
    tieBreakRule: TIE_BREAK_RULE,
    items,
    outliers,
    progress: { expected: rows.reduce((s, r) => s + r.expected, 0), submitted: rows.reduce((s, r) => s + r.submitted, 0) },
  };
}
export type RoundResults = Awaited<ReturnType<typeof computeResults>>;
