import type { DB } from '../../db/database.ts';
import type { ReviewStage, ReviewTaskRole, UserRow } from '../../db/schema.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import type { RoundResults } from '../reviews/compute-results.ts';
import { buildForm } from '../reviews/score-forms.ts';
import { canView, relationTo } from '../teams/team-access.ts';
import * as repo from './feedback.repository.ts';
import { advancementFeedback } from './feedback-advancement.ts';
import { findNotice } from './publicity.repository.ts';
import { rankBand, rankBandLabels } from './rank-band.ts';

/**
 * 反馈 to every team once the results are published (the edition's publicity has started):
 * per closed round, its total, the average of every scored item per reviewer role, the
 * reviewers' comments without who wrote them (sorted by role and text, so the order says
 * nothing either), its rank band in the track (never anybody's exact rank) and why it did
 * or did not advance. Only the team's own people (and the overseers) read it.
 */
interface SnapshotScore {
  projectId: string;
  reviewerId: string;
  role: ReviewTaskRole;
  scores: Record<string, number>;
  comment: string;
  total: number | null;
}
interface Snapshot {
  results: RoundResults;
  scores: SnapshotScore[];
}

const r2 = (x: number) => Math.round(x * 100) / 100;
const avg = (xs: number[]) => (xs.length ? r2(xs.reduce((s, x) => s + x, 0) / xs.length) : null);
const roleOrder: ReviewTaskRole[] = ['enterprise', 'expert'];

export async function teamFeedback(db: DB, user: UserRow, teamId: string, now: Date) {
  const team = await repo.findTeamWithEdition(db, teamId);
  if (!team) throw notFound('团队');
  const relation = await relationTo(db, user, team, await repo.teamOrgIds(db, teamId));
  if (!canView(relation)) throw forbidden('只能查看本团队的评审反馈');
  const notice = await findNotice(db, team.edition_id);
  if (!notice || notice.start_at.getTime() > now.getTime()) {
    throw new AppError('RESULTS_NOT_PUBLISHED', '评审结果尚未公布（获奖公示开始后可查看评审反馈）');
  }
  const project = await repo.projectOfTeam(db, teamId);
  const rounds = project ? await roundsFeedback(db, team.edition_id, project) : [];
  return {
    teamId: team.id,
    teamName: team.name,
    editionId: team.edition_id,
    editionName: team.edition_name,
    publishedAt: notice.start_at.toISOString(),
    project: project
      ? {
          id: project.id,
          name: project.name,
          kind: project.demand_id ? ('subTopic' as const) : ('regular' as const),
          trackName: project.track_name,
          topicTitle: project.topic_title,
          demandTitle: project.demand_title,
          complianceStatus: project.compliance_status,
        }
      : null,
    rounds,
    advancement: project ? await advancementFeedback(db, team.edition_id, project.id) : null,
  };
}

async function roundsFeedback(db: DB, editionId: string, project: NonNullable<Awaited<ReturnType<typeof repo.projectOfTeam>>>) {
  const out = [];
  for (const round of await repo.closedRounds(db, editionId)) {
    const snapshot = round.snapshot as Snapshot;
    const item = snapshot.results.items.find((i) => i.projectId === project.id);
    if (!item) continue;
    const rankBy = snapshot.results.rankBy;
    const ranked = snapshot.results.items.filter(
      (i) => i.trackId === item.trackId && (rankBy === 'raw' ? i.rawTotal : i.normalisedTotal) !== null,
    ).length;
    const band = rankBand(item.rankInTrack, ranked);
    const own = snapshot.scores.filter((s) => s.projectId === project.id);
    const roles = roleOrder
      .map((role) => {
        const tasks = own.filter((s) => s.role === role);
        if (!tasks.length) return null;
        const form = buildForm(role, project, snapshot.results.indicatorWeights);
        return {
          role,
          reviewers: tasks.length,
          average: avg(tasks.map((t) => t.total).filter((x): x is number => x !== null)),
          criteria: form.criteria.map((c) => ({
            key: c.key,
            label: c.label,
            path: c.path,
            average: avg(tasks.map((t) => t.scores[c.key]).filter((x): x is number => typeof x === 'number')),
          })),
        };
      })
      .filter((r) => r !== null);
    const comments = own
      .map((s) => ({ role: s.role, text: s.comment.trim() }))
      .filter((c) => c.text)
      .sort((a, b) => roleOrder.indexOf(a.role) - roleOrder.indexOf(b.role) || a.text.localeCompare(b.text, 'zh-Hans-CN'));
    out.push({
      stage: round.stage as ReviewStage,
      rankBy,
      total: rankBy === 'raw' ? item.rawTotal : item.normalisedTotal,
      rawTotal: item.rawTotal,
      normalisedTotal: item.normalisedTotal,
      rankBand: band ? { band, label: rankBandLabels[band], rankedInTrack: ranked } : null,
      roles,
      comments,
    });
  }
  return out;
}
