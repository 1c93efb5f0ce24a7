import type { Executor } from '../../db/database.ts';
import * as repo from './feedback.repository.ts';

/**
 * Why a project did or did not advance to the final, in words, from the results module's
 * confirmed advancement computation (track quota, reserved sub-topic places, cut-off scores,
 * ties) and its finalist record (verification outcome, backfill), plus its award. Cut-off
 * scores and quotas are the edition's published rules; no other project is named or ranked.
 */
interface TrackComputation {
  trackName: string;
  quota: number;
  reservedPlaces: number;
  regularPlaces: number;
  reservedCutoff: number | null;
  regularCutoff: number | null;
  ranking: {
    projectId: string;
    total: number | null;
    outcome: 'reserved' | 'regular' | 'out' | 'unscored';
    tieExtra: boolean;
    kind: string;
  }[];
}

const fmt = (x: number | null | undefined) => (x === null || x === undefined ? '—' : String(Math.round(x * 100) / 100));

export async function advancementFeedback(db: Executor, editionId: string, projectId: string) {
  const advancement = await repo.confirmedAdvancement(db, editionId);
  if (!advancement) return null;
  const tracks = ((advancement.computation as { tracks?: TrackComputation[] }).tracks ?? []) as TrackComputation[];
  const track = tracks.find((t) => t.ranking.some((r) => r.projectId === projectId));
  const [finalist, award] = await Promise.all([
    repo.finalistOfProject(db, editionId, projectId),
    repo.awardOfProject(db, editionId, projectId),
  ]);
  const reasons: string[] = [];
  let summary = '本项目未进入初赛晋级计算。';
  if (track) {
    const entry = track.ranking.find((r) => r.projectId === projectId)!;
    reasons.push(
      `${track.trackName}赛道晋级名额 ${track.quota} 个（按各赛道有效项目数比例、最大余数法分配），其中为企业需求子赛题项目保留 ${track.reservedPlaces} 个。`,
    );
    if (track.reservedPlaces > 0) reasons.push(`保留名额分数线 ${fmt(track.reservedCutoff)}；其余名额分数线 ${fmt(track.regularCutoff)}。`);
    else reasons.push(`分数线 ${fmt(track.regularCutoff)}。`);
    reasons.push(`本项目初赛总分 ${fmt(entry.total)}。`);
    if (entry.tieExtra) reasons.push('本项目与分数线上的项目完全并列，按“并列均晋级”规则晋级。');
    summary =
      entry.outcome === 'reserved'
        ? '获得本赛道为企业需求子赛题项目保留的晋级名额。'
        : entry.outcome === 'regular'
          ? '按本赛道初赛排名获得晋级名额。'
          : entry.outcome === 'unscored'
            ? '初赛评分不完整，未参与晋级排名。'
            : '初赛总分未达本赛道晋级分数线，未获得晋级名额。';
  }
  if (finalist?.source === 'backfill') {
    reasons.push(`因前序项目未通过技术验证，按初赛排名递补晋级（${finalist.place_kind === 'reserved' ? '子赛题保留名额' : '常规名额'}）。`);
    summary = '递补晋级决赛。';
  }
  if (finalist?.status === 'failed') {
    reasons.push(`技术验证（技术真实性、数据来源合法性）未通过：${finalist.verification_reason ?? ''}`);
    summary = '技术验证未通过，取消晋级资格，名额由下一位项目递补。';
  } else if (finalist?.status === 'passed') reasons.push('已通过技术验证，正式晋级决赛。');
  else if (finalist?.status === 'pending') reasons.push('技术验证尚在进行中。');
  return {
    advanced: !!finalist && (finalist.status === 'passed' || finalist.status === 'pending'),
    summary,
    reasons,
    award: award
      ? {
          level: award.level as 'first' | 'second' | 'third' | 'special',
          status: award.status as 'approved' | 'revoked',
          priorityRecommendation: award.priority_recommendation,
        }
      : null,
  };
}
