import type { Executor } from '../../db/database.ts';
import type { PhaseName, ReviewStage } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { computeConflicts } from './compute-conflicts.ts';
import * as experts from './experts.repository.ts';
import * as repo from './reviews.repository.ts';
import { passedFinalistProjects } from '../results/finalists.repository.ts';

/** The phase in which a round of this stage is scored. */
export const stagePhase: Record<ReviewStage, PhaseName> = { preliminary: 'preliminaryReview', final: 'final' };
export const stageLabel: Record<ReviewStage, string> = { preliminary: '初赛评审', final: '决赛路演评审' };

export const panelItemId = (demandId: string) => `demand:${demandId}`;
export const projectItemId = (projectId: string) => `project:${projectId}`;
/** A sub-topic project is reviewed by its sub-topic's panel; a regular project alone. */
export const itemOf = (p: { id: string; demand_id: string | null }) => (p.demand_id ? panelItemId(p.demand_id) : projectItemId(p.id));

export function assertRoundOpen(round: { status: string }) {
  if (round.status !== 'open') throw new AppError('ROUND_CLOSED', '评审轮次已关闭，评分与排名已冻结；如需修改请由组委会重新开启');
}

/**
 * Brings a round up to date: adds projects found eligible since, recomputes conflicts,
 * then makes the live tasks match the enterprises' reviewers and the expert assignments,
 * leaving out every pair in conflict. A task whose assignment is gone is removed (kept for audit).
 */
/** After a change to the pool, affiliations or organisation links: every open round again. */
export async function syncOpenRounds(db: Executor, now: Date) {
  for (const round of await repo.openRounds(db)) await syncRound(db, round.id, round.edition_id, now);
}

export async function syncRound(db: Executor, roundId: string, editionId: string, now: Date) {
  // The final roadshow takes the finalists that passed verification (results module), not every eligible project.
  const round = await repo.findRound(db, roundId);
  const eligible = round?.stage === 'final' ? await passedFinalistProjects(db, editionId) : await repo.eligibleProjects(db, editionId);
  await repo.addRoundProjects(
    db,
    roundId,
    eligible.map((p) => ({ projectId: p.id, version: p.submitted_version! })),
  );
  await computeConflicts(db, roundId, now);
  await materialiseTasks(db, roundId);
}

export async function materialiseTasks(db: Executor, roundId: string) {
  const projects = await repo.roundProjects(db, roundId);
  const conflicts = new Set((await repo.activeConflictPairs(db, roundId)).map((c) => `${c.reviewer_id}:${c.project_id}`));
  const demandIds = [...new Set(projects.map((p) => p.demand_id).filter((x): x is string => !!x))];
  const enterpriseReviewers = await experts.demandReviewerIds(db, demandIds);
  const assignments = await repo.listAssignments(db, roundId);
  const projectsByItem = new Map<string, string[]>();
  for (const p of projects) projectsByItem.set(itemOf(p), [...(projectsByItem.get(itemOf(p)) ?? []), p.id]);

  const wanted = new Map<string, { projectId: string; reviewerId: string; role: 'enterprise' | 'expert' }>();
  const want = (projectId: string, reviewerId: string, role: 'enterprise' | 'expert') => {
    const key = `${reviewerId}:${projectId}`;
    if (!conflicts.has(key) && !wanted.has(key)) wanted.set(key, { projectId, reviewerId, role });
  };
  for (const p of projects) if (p.demand_id) for (const r of enterpriseReviewers.get(p.demand_id) ?? []) want(p.id, r, 'enterprise');
  for (const a of assignments) for (const projectId of projectsByItem.get(a.item_id) ?? []) want(projectId, a.expert_id, 'expert');

  const live = await repo.listTasks(db, { roundId });
  const liveKeys = new Set(live.map((t) => `${t.reviewer_id}:${t.project_id}`));
  // A task found in conflict later ends (kept, the committee reassigns); anything else no longer wanted goes.
  const unwanted = live.filter((t) => t.status !== 'conflict' && !wanted.has(`${t.reviewer_id}:${t.project_id}`));
  await repo.endTasksInConflict(
    db,
    unwanted.filter((t) => conflicts.has(`${t.reviewer_id}:${t.project_id}`)).map((t) => t.id),
  );
  await repo.removeTasks(
    db,
    unwanted.filter((t) => !conflicts.has(`${t.reviewer_id}:${t.project_id}`)).map((t) => t.id),
  );
  // A conflict dismissed by the committee gives the task back (to be declared again).
  await repo.reviveTasks(
    db,
    live.filter((t) => t.status === 'conflict' && wanted.has(`${t.reviewer_id}:${t.project_id}`)).map((t) => t.id),
  );
  await repo.insertTasks(
    db,
    roundId,
    [...wanted.entries()].filter(([key]) => !liveKeys.has(key)).map(([, v]) => v),
  );
}
