import type { DB } from '../../db/database.ts';
import { notFound } from '../../errors.ts';
import * as repo from './reviews.repository.ts';
import { itemOf, stageLabel, stagePhase } from './sync-round.ts';

/** A round with its progress: per panel / regular project, tasks submitted of those live. */
export async function roundDto(db: DB, roundId: string, now: Date) {
  const round = await repo.findRound(db, roundId);
  if (!round) throw notFound('评审轮次');
  const projects = await repo.roundProjects(db, roundId);
  const tasks = await repo.listTasks(db, { roundId });
  const conflicts = await repo.listConflicts(db, roundId);
  const panels = new Map<
    string,
    {
      itemId: string;
      kind: 'panel' | 'project';
      name: string;
      trackName: string;
      projects: number;
      tasks: number;
      submitted: number;
      declaredConflicts: number;
    }
  >();
  const itemOfProject = new Map<string, string>();
  for (const p of projects) {
    const id = itemOf(p);
    itemOfProject.set(p.id, id);
    const panel = panels.get(id);
    if (panel) panel.projects += 1;
    else
      panels.set(id, {
        itemId: id,
        kind: p.demand_id ? 'panel' : 'project',
        name: p.demand_id ? `${p.demand_title}（${p.enterprise_name}）` : p.name,
        trackName: p.track_name,
        projects: 1,
        tasks: 0,
        submitted: 0,
        declaredConflicts: 0,
      });
  }
  for (const t of tasks) {
    const panel = panels.get(itemOfProject.get(t.project_id) ?? '');
    if (!panel) continue;
    if (t.status === 'conflict') panel.declaredConflicts += 1;
    else {
      panel.tasks += 1;
      if (t.status === 'submitted') panel.submitted += 1;
    }
  }
  const phase = round.phases[stagePhase[round.stage]];
  const t = now.getTime();
  return {
    id: round.id,
    editionId: round.edition_id,
    editionName: round.edition_name,
    stage: round.stage,
    stageLabel: stageLabel[round.stage],
    status: round.status,
    phase: {
      name: stagePhase[round.stage],
      start: phase.start,
      end: phase.end,
      open: t >= Date.parse(phase.start) && t <= Date.parse(phase.end),
    },
    projectCount: projects.length,
    taskCount: tasks.filter((x) => x.status !== 'conflict').length,
    submittedCount: tasks.filter((x) => x.status === 'submitted').length,
    conflictCount: conflicts.filter((c) => c.status === 'active').length,
    dismissedConflictCount: conflicts.filter((c) => c.status === 'dismissed').length,
    expertsPerProject: round.experts_per_project,
    maxPerExpert: round.max_per_expert,
    snapshotHash: round.snapshot_hash,
    closedAt: round.closed_at ? new Date(round.closed_at).toISOString() : null,
    createdAt: new Date(round.created_at).toISOString(),
    panels: [...panels.values()],
  };
}
