import type { DB, Executor } from '../../db/database.ts';
import type { UserRow } from '../../db/schema.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { recordAudit } from '../../lib/audit.ts';
import type { FileStorage } from '../../lib/storage/file-storage.ts';
import { insertNotifications } from '../notifications/notifications.repository.ts';
import { materialDto } from '../projects/project-dto.ts';
import * as projects from '../projects/projects.repository.ts';
import { conflictOfInterest } from './review-access.ts';
import * as repo from './reviews.repository.ts';
import { buildForm, indicatorWeightsOf, type ScoreForm } from './score-forms.ts';
import { assertRoundOpen, stageLabel, stagePhase } from './sync-round.ts';

/** A reviewer's tasks: listing, reading (after the declaration), declaring, and the materials. */

const statusLabel = { pending: '待声明', accepted: '评分中', conflict: '已声明利益相关', submitted: '已提交', removed: '已撤销' } as const;

export async function loadTaskContext(db: Executor, user: UserRow, taskId: string, lock = false) {
  const task = await repo.findTask(db, taskId, lock);
  if (!task || task.status === 'removed') throw notFound('评审任务');
  if (task.reviewer_id !== user.id) throw forbidden('这不是分配给你的评审任务');
  const round = (await repo.findRound(db, task.round_id))!;
  // Conflicts are checked at every read, not only at assignment: a later finding ends access.
  if (task.status === 'conflict' || (await repo.hasActiveConflict(db, user.id, task.project_id))) throw conflictOfInterest();
  const project = (await repo.roundProjects(db, task.round_id)).find((p) => p.id === task.project_id)!;
  const { weights } = await indicatorWeightsOf(db, round.edition_id);
  const form = buildForm(task.role, project, weights);
  return { task, round, project, form };
}

function taskDto(ctx: { task: repo.TaskRow; round: repo.RoundWithEdition; project: repo.RoundProject; form: ScoreForm }) {
  const { task, round, project, form } = ctx;
  const scored = form.criteria.filter((c) => typeof task.scores[c.key] === 'number').length;
  return {
    id: task.id,
    roundId: round.id,
    stage: round.stage,
    stageLabel: stageLabel[round.stage],
    roundStatus: round.status,
    editionId: round.edition_id,
    editionName: round.edition_name,
    role: task.role,
    status: task.status,
    statusLabel: statusLabel[task.status],
    deadline: round.phases[stagePhase[round.stage]].end,
    declarationRequired: task.status === 'pending',
    declaredAt: task.declared_at ? new Date(task.declared_at).toISOString() : null,
    project: {
      id: project.id,
      name: project.name,
      teamName: project.team_name,
      trackId: project.track_id,
      trackName: project.track_name,
      topicTitle: project.topic_title,
      kind: project.demand_id ? ('subTopic' as const) : ('regular' as const),
      demandId: project.demand_id,
      demandTitle: project.demand_title,
      enterpriseName: project.enterprise_name,
    },
    form: { kind: form.kind, title: form.title, criteria: form.criteria, weights: form.weights },
    scores: task.scores,
    comment: task.comment,
    total: task.total,
    submittedAt: task.submitted_at ? new Date(task.submitted_at).toISOString() : null,
    progress: { scored, required: form.criteria.length },
  };
}
export type TaskDto = ReturnType<typeof taskDto>;

export async function listMyTasks(db: DB, user: UserRow) {
  const tasks = await repo.listTasks(db, { reviewerId: user.id });
  const out: TaskDto[] = [];
  const rounds = new Map<string, repo.RoundWithEdition>();
  const projectsOf = new Map<string, Map<string, repo.RoundProject>>();
  for (const task of tasks) {
    if (!rounds.has(task.round_id)) {
      rounds.set(task.round_id, (await repo.findRound(db, task.round_id))!);
      projectsOf.set(task.round_id, new Map((await repo.roundProjects(db, task.round_id)).map((p) => [p.id, p])));
    }
    const round = rounds.get(task.round_id)!;
    const project = projectsOf.get(task.round_id)!.get(task.project_id)!;
    const { weights } = await indicatorWeightsOf(db, round.edition_id);
    out.push(taskDto({ task, round, project, form: buildForm(task.role, project, weights) }));
  }
  // A conflicted pair is not listed as work: the committee reassigns it.
  const items = out.filter((t) => t.status !== 'conflict');
  return {
    items,
    summary: {
      total: items.length,
      pending: items.filter((t) => t.status === 'pending').length,
      inProgress: items.filter((t) => t.status === 'accepted').length,
      submitted: items.filter((t) => t.status === 'submitted').length,
    },
  };
}

/** The task; after the declaration also the submitted version under review and its materials. */
export async function getTask(db: DB, user: UserRow, taskId: string) {
  const ctx = await loadTaskContext(db, user, taskId);
  const dto = taskDto(ctx);
  if (ctx.task.status === 'pending') return { ...dto, version: null, acceptanceCriteria: null };
  const version = (await projects.findVersion(db, ctx.task.project_id, ctx.project.version))!;
  const materials = await projects.listMaterialsByIds(db, version.material_ids);
  return {
    ...dto,
    acceptanceCriteria: ctx.project.acceptance_criteria,
    version: {
      number: ctx.project.version,
      name: version.name,
      sections: version.sections,
      materials: materials.map((m) => ({ ...materialDto(m), url: `/api/review-tasks/${taskId}/materials/${m.id}` })),
    },
  };
}

/** 利益相关声明: before seeing the project. Declaring a conflict ends the task and asks the committee to reassign. */
export async function declare(db: DB, user: UserRow, taskId: string, body: { conflict: boolean; note?: string | undefined }, now: Date) {
  await db.transaction().execute(async (trx) => {
    const { task, round, project } = await loadTaskContext(trx, user, taskId, true);
    assertRoundOpen(round);
    if (task.status !== 'pending') throw new AppError('ALREADY_DECLARED', '该评审任务已经声明过利益相关情况');
    await repo.updateTask(trx, task.id, {
      status: body.conflict ? 'conflict' : 'accepted',
      declared_at: now,
      declaration_note: body.note ?? null,
    });
    if (body.conflict) {
      await repo.insertDeclaredConflict(trx, round.id, {
        reviewerId: user.id,
        projectId: task.project_id,
        source: 'declared',
        evidenceKey: `task:${task.id}`,
        evidence: {
          summary: `评审人自行声明存在利益相关${body.note ? `：${body.note}` : ''}`,
          taskId: task.id,
          note: body.note ?? null,
          declaredAt: now.toISOString(),
        },
      });
      await insertNotifications(trx, await repo.committeeIds(trx), {
        kind: 'review.conflict_declared',
        title: '评审人声明利益相关，请重新分配',
        body: `${task.reviewer_name} 声明与项目“${project.name}”存在利益相关${body.note ? `（${body.note}）` : ''}，该评审任务已终止。`,
        link: `/admin/reviews/${round.id}`,
        data: { roundId: round.id, taskId: task.id, projectId: task.project_id },
      });
    }
    await recordAudit(trx, {
      actorId: user.id,
      action: 'review_task.declare',
      entityType: 'review_task',
      entityId: task.id,
      data: { conflict: body.conflict, note: body.note ?? null },
    });
  });
  if (body.conflict) return { id: taskId, status: 'conflict' as const, task: null };
  return { id: taskId, status: 'accepted' as const, task: await getTask(db, user, taskId) };
}

/** A material of the version under review, for its reviewer after the declaration. */
export async function openTaskMaterial(db: DB, storage: FileStorage, user: UserRow, taskId: string, materialId: string) {
  const { task, project } = await loadTaskContext(db, user, taskId);
  if (task.status === 'pending') throw new AppError('DECLARATION_REQUIRED', '请先声明是否存在利益相关，再查看项目材料');
  const version = (await projects.findVersion(db, task.project_id, project.version))!;
  if (!version.material_ids.includes(materialId)) throw notFound('材料');
  const material = (await projects.findMaterial(db, task.project_id, materialId))!;
  return { material, stream: await storage.open(material.sha256) };
}
