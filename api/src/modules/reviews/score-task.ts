import type { DB } from '../../db/database.ts';
import type { UserRow } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../../lib/audit.ts';
import { assertPhaseOpen } from '../catalog/phases.ts';
import { getTask, loadTaskContext } from './review-tasks.ts';
import * as repo from './reviews.repository.ts';
import { COMMENT_HIGH, COMMENT_LOW, SCORE_MAX, SCORE_MIN, taskTotal } from './score-forms.ts';
import { assertRoundOpen, stagePhase } from './sync-round.ts';

/**
 * Scoring a task: a draft may be saved any number of times (partial), submission needs
 * every item scored and a comment when the score is below 60 or above 90. Both only in
 * the stage's phase, in an open round, after declaring no conflict, by the task's reviewer.
 * A submitted score is final for the round (the committee can reopen a closed round only).
 */
async function loadForScoring(trx: Parameters<typeof loadTaskContext>[0], user: UserRow, taskId: string, now: Date) {
  const ctx = await loadTaskContext(trx, user, taskId, true);
  assertRoundOpen(ctx.round);
  assertPhaseOpen(ctx.round.phases, stagePhase[ctx.round.stage], now, '评分');
  if (ctx.task.status === 'pending') throw new AppError('DECLARATION_REQUIRED', '请先声明是否存在利益相关，再评分');
  if (ctx.task.status === 'submitted') throw new AppError('TASK_SUBMITTED', '评分已提交，不能再修改');
  return ctx;
}

function checkScores(criteria: { key: string; label: string }[], scores: Record<string, number>) {
  const keys = new Set(criteria.map((c) => c.key));
  const problems: { key: string; message: string }[] = [];
  for (const [key, value] of Object.entries(scores)) {
    if (!keys.has(key)) problems.push({ key, message: `未知评分项：${key}` });
    else if (!Number.isFinite(value) || value < SCORE_MIN || value > SCORE_MAX)
      problems.push({ key, message: `评分须在 ${SCORE_MIN}–${SCORE_MAX} 之间` });
  }
  if (problems.length)
    throw new AppError('VALIDATION_FAILED', `评分无效：${problems.map((p) => `${p.key} ${p.message}`).join('；')}`, { problems });
}

export async function saveScore(
  db: DB,
  user: UserRow,
  taskId: string,
  body: { scores: Record<string, number>; comment?: string | undefined },
  now: Date,
) {
  await db.transaction().execute(async (trx) => {
    const { task, form } = await loadForScoring(trx, user, taskId, now);
    checkScores(form.criteria, body.scores);
    const scores = { ...task.scores, ...body.scores };
    const complete = form.criteria.every((c) => typeof scores[c.key] === 'number');
    await repo.updateTask(trx, task.id, {
      scores: JSON.stringify(scores),
      comment: body.comment ?? task.comment,
      total: complete ? taskTotal(form, scores) : null,
    });
  });
  return getTask(db, user, taskId);
}

export async function submitScore(db: DB, user: UserRow, taskId: string, now: Date) {
  await db.transaction().execute(async (trx) => {
    const { task, form } = await loadForScoring(trx, user, taskId, now);
    const missing = form.criteria.filter((c) => typeof task.scores[c.key] !== 'number');
    if (missing.length) {
      throw new AppError('INCOMPLETE_SCORES', `还有 ${missing.length} 项未评分：${missing.map((c) => c.label).join('、')}`, {
        missing: missing.map((c) => c.key),
      });
    }
    const total = taskTotal(form, task.scores);
    const extreme = form.criteria.filter((c) => task.scores[c.key]! < COMMENT_LOW || task.scores[c.key]! > COMMENT_HIGH);
    if ((total < COMMENT_LOW || total > COMMENT_HIGH || extreme.length) && !task.comment.trim()) {
      throw new AppError('COMMENT_REQUIRED', `评分低于 ${COMMENT_LOW} 分或高于 ${COMMENT_HIGH} 分时须填写评语`, {
        total,
        items: extreme.map((c) => c.key),
      });
    }
    await repo.updateTask(trx, task.id, { status: 'submitted', total, submitted_at: now });
    await recordAudit(trx, {
      actorId: user.id,
      action: 'review_task.submit',
      entityType: 'review_task',
      entityId: task.id,
      data: { scores: task.scores, total, comment: task.comment },
    });
  });
  return getTask(db, user, taskId);
}
