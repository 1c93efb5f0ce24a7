import type { DB, Executor } from '../../db/database.ts';
import type { UserRow } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { recordAudit } from '../../lib/audit.ts';
import { assignExperts, type AssignmentInput, type AssignmentItem } from './algorithms/assign-experts.ts';
import { termsFromText } from './algorithms/fit.ts';
import { computeConflicts } from './compute-conflicts.ts';
import * as experts from './experts.repository.ts';
import { conflictOfInterest } from './review-access.ts';
import * as repo from './reviews.repository.ts';
import type { assignmentsSchema } from './reviews.schemas.ts';
import type { z } from 'zod';
import { assertRoundOpen, itemOf, materialiseTasks, syncRound } from './sync-round.ts';

/**
 * 专家分配: sub-topic panels (all bids on one sub-topic face the same experts) and
 * regular projects get `expertsPerProject` experts from the pool, none in conflict,
 * loads within `maxPerExpert`, total fit maximal (the exact solver in algorithms/).
 * Manual assignments stay; the committee adds and removes them by hand, and every
 * manual addition is checked against freshly computed conflicts.
 */

/** Keywords of a project's text for the fit (algorithms/fit.ts `termsFromText`). */
export function termsOf(texts: (string | null | undefined)[]): string[] {
  return termsFromText(texts.filter(Boolean).join('，'), 40);
}

export async function buildInput(db: Executor, roundId: string, expertsPerProject: number, maxPerExpert: number) {
  const projects = await repo.roundProjects(db, roundId, { withText: true });
  const items = new Map<string, AssignmentItem & { name: string; projectIds: string[] }>();
  for (const p of projects) {
    const id = itemOf(p);
    const item = items.get(id);
    if (item) {
      item.load += 1;
      item.projectIds.push(p.id);
      item.terms = termsOf([...item.terms, p.name, p.text]);
      continue;
    }
    items.set(id, {
      id,
      trackId: p.track_id,
      trackName: p.track_name,
      kind: p.demand_id ? 'panel' : 'project',
      load: 1,
      expertsNeeded: expertsPerProject,
      terms: termsOf([p.demand_title, p.topic_title, p.name, p.text]),
      name: p.demand_id ? `子赛题「${p.demand_title}」（${p.enterprise_name}）` : `项目「${p.name}」`,
      projectIds: [p.id],
    });
  }
  const pool = await experts.listExperts(db);
  const poolIds = new Set(pool.map((e) => e.user_id));
  const itemOfProject = new Map(projects.map((p) => [p.id, itemOf(p)]));
  const conflictKeys = new Set<string>();
  for (const c of await repo.activeConflictPairs(db, roundId)) {
    const itemId = itemOfProject.get(c.project_id);
    if (itemId && poolIds.has(c.reviewer_id)) conflictKeys.add(`${itemId}|${c.reviewer_id}`);
  }
  const assignments = await repo.listAssignments(db, roundId);
  const input: AssignmentInput = {
    items: [...items.values()].map(({ projectIds: _p, ...item }) => item),
    experts: pool.map((e) => ({ id: e.user_id, name: e.display_name, trackIds: e.track_ids, fields: e.fields })),
    conflicts: [...conflictKeys].map((k) => {
      const [itemId, expertId] = k.split('|') as [string, string];
      return { itemId, expertId };
    }),
    fixed: assignments
      .filter((a) => a.source === 'manual' && items.has(a.item_id))
      .map((a) => ({ itemId: a.item_id, expertId: a.expert_id })),
    maxPerExpert,
  };
  return { input, items, pool };
}

export async function runAssignment(
  db: DB,
  user: UserRow,
  roundId: string,
  body: { expertsPerProject: number; maxPerExpert: number },
  now: Date,
) {
  return db.transaction().execute(async (trx) => {
    const round = await repo.findRound(trx, roundId, true);
    if (!round) throw notFound('评审轮次');
    assertRoundOpen(round);
    // Conflicts are computed before any assignment, on the round's current projects.
    await syncRound(trx, round.id, round.edition_id, now);
    const { input, items, pool } = await buildInput(trx, round.id, body.expertsPerProject, body.maxPerExpert);
    const result = await assignExperts(input);
    const fixed = new Set(input.fixed.map((f) => `${f.itemId}|${f.expertId}`));
    await repo.deleteSolverAssignments(trx, round.id);
    await repo.insertAssignments(
      trx,
      round.id,
      result.assignments
        .filter((a) => !fixed.has(`${a.itemId}|${a.expertId}`))
        .map((a) => ({ ...a, source: 'solver' as const, by: user.id })),
    );
    await materialiseTasks(trx, round.id);
    const names = new Map(pool.map((e) => [e.user_id, e.display_name]));
    const report = {
      feasible: result.feasible,
      problems: result.problems,
      assignments: result.assignments,
      unassigned: result.unassigned.map((u) => ({ ...u, itemName: items.get(u.itemId)?.name ?? u.itemId })),
      loads: result.loads.map((l) => ({ ...l, expertName: names.get(l.expertId) ?? l.expertId })),
      totalFit: result.totalFit,
      optimal: result.optimal,
      gap: result.gap,
      solver: result.solver,
      millis: result.millis,
      itemCount: input.items.length,
      expertCount: input.experts.length,
      conflictCount: input.conflicts.length,
      expertsPerProject: body.expertsPerProject,
      maxPerExpert: body.maxPerExpert,
      ranAt: now.toISOString(),
    };
    const { assignments: _a, ...summary } = report;
    await repo.updateRound(trx, round.id, {
      experts_per_project: body.expertsPerProject,
      max_per_expert: body.maxPerExpert,
      last_run: JSON.stringify(summary),
    });
    await recordAudit(trx, {
      actorId: user.id,
      action: 'review_round.assign',
      entityType: 'review_round',
      entityId: round.id,
      data: {
        ...body,
        feasible: result.feasible,
        assigned: result.assignments.length,
        unassigned: result.unassigned.length,
        optimal: result.optimal,
        solver: result.solver,
      },
    });
    return report;
  });
}

export async function listAssignments(db: DB, roundId: string) {
  const round = await repo.findRound(db, roundId);
  if (!round) throw notFound('评审轮次');
  const projects = await repo.roundProjects(db, roundId);
  const assignments = await repo.listAssignments(db, roundId);
  const items = new Map<
    string,
    {
      itemId: string;
      kind: 'panel' | 'project';
      name: string;
      trackId: string;
      trackName: string;
      projectCount: number;
      experts: { assignmentId: string; expertId: string; expertName: string; fit: number; source: 'solver' | 'manual' }[];
    }
  >();
  for (const p of projects) {
    const id = itemOf(p);
    const item = items.get(id);
    if (item) item.projectCount += 1;
    else
      items.set(id, {
        itemId: id,
        kind: p.demand_id ? 'panel' : 'project',
        name: p.demand_id ? `${p.demand_title}（${p.enterprise_name}）` : p.name,
        trackId: p.track_id,
        trackName: p.track_name,
        projectCount: 1,
        experts: [],
      });
  }
  const loads = new Map<string, { expertId: string; expertName: string; load: number }>();
  for (const a of assignments) {
    const item = items.get(a.item_id);
    if (!item) continue;
    item.experts.push({ assignmentId: a.id, expertId: a.expert_id, expertName: a.expert_name, fit: a.fit, source: a.source });
    const l = loads.get(a.expert_id) ?? { expertId: a.expert_id, expertName: a.expert_name, load: 0 };
    l.load += item.projectCount;
    loads.set(a.expert_id, l);
  }
  return {
    roundId,
    expertsPerProject: round.experts_per_project,
    maxPerExpert: round.max_per_expert,
    lastRun: (round.last_run as z.infer<typeof assignmentsSchema>['lastRun']) ?? null,
    items: [...items.values()],
    loads: [...loads.values()].sort((a, b) => b.load - a.load || a.expertName.localeCompare(b.expertName)),
  };
}

/** A manual assignment; refused when the expert is in conflict with any project of the item (checked afresh). */
export async function addAssignment(db: DB, user: UserRow, roundId: string, body: { itemId: string; expertId: string }, now: Date) {
  await db.transaction().execute(async (trx) => {
    const round = await repo.findRound(trx, roundId, true);
    if (!round) throw notFound('评审轮次');
    assertRoundOpen(round);
    if (!(await experts.findExpert(trx, body.expertId))) throw new AppError('NOT_IN_EXPERT_POOL', '该用户不在专家库中');
    const projects = (await repo.roundProjects(trx, roundId)).filter((p) => itemOf(p) === body.itemId);
    if (!projects.length) throw notFound('评审对象（子赛题或项目）');
    await computeConflicts(trx, roundId, now);
    const conflicts = await repo.listConflicts(trx, roundId);
    const hit = conflicts.filter(
      (c) => c.status === 'active' && c.reviewer_id === body.expertId && projects.some((p) => p.id === c.project_id),
    );
    if (hit.length) {
      const e = conflictOfInterest();
      throw new AppError(
        'CONFLICT_OF_INTEREST',
        `该专家与评审对象存在利益相关，不能分配：${hit.map((c) => (c.evidence as { summary?: string }).summary).join('；')}`,
        {
          conflicts: hit.map((c) => ({ id: c.id, projectId: c.project_id, source: c.source, evidence: c.evidence })),
          reason: e.message,
        },
      );
    }
    const existing = (await repo.listAssignments(trx, roundId)).find((a) => a.item_id === body.itemId && a.expert_id === body.expertId);
    if (existing) throw new AppError('ALREADY_ASSIGNED', '该专家已分配到该评审对象');
    await repo.insertAssignments(trx, roundId, [{ itemId: body.itemId, expertId: body.expertId, fit: 0, source: 'manual', by: user.id }]);
    await materialiseTasks(trx, roundId);
    await recordAudit(trx, {
      actorId: user.id,
      action: 'review_assignment.add',
      entityType: 'review_round',
      entityId: roundId,
      data: body,
    });
  });
  return listAssignments(db, roundId);
}

export async function removeAssignment(db: DB, user: UserRow, roundId: string, assignmentId: string) {
  await db.transaction().execute(async (trx) => {
    const round = await repo.findRound(trx, roundId, true);
    if (!round) throw notFound('评审轮次');
    assertRoundOpen(round);
    const a = await repo.findAssignment(trx, roundId, assignmentId);
    if (!a) throw notFound('分配');
    await repo.deleteAssignment(trx, a.id);
    await materialiseTasks(trx, roundId);
    await recordAudit(trx, {
      actorId: user.id,
      action: 'review_assignment.remove',
      entityType: 'review_round',
      entityId: roundId,
      data: { itemId: a.item_id, expertId: a.expert_id, source: a.source },
    });
  });
}
