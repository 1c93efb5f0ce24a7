import type { Trx } from '../db/database.ts';
import { upsertResultSettings } from '../modules/results/results.repository.ts';
import { defaultIndicatorWeights } from '../modules/reviews/indicators.ts';
import * as reviews from '../modules/reviews/reviews.repository.ts';
import { buildForm, taskTotal } from '../modules/reviews/score-forms.ts';

/**
 * 演示数据 for results (issue 14) on the 益阳 edition: its result settings (60 % advance,
 * sub-topic projects at 60 %), and expert3's submitted scores on the two regular projects
 * (稻虾共作 86, 工业视觉质检 78), so the committee can close the preliminary round at once and
 * compute an advancement. The three sub-topic bids still wait for enterprise1's and an
 * expert's scores (the review demo's tasks); once scored they compete for the reserved places.
 * Called inside seedDemoReview, which runs once per database.
 */
export async function seedDemoResults(
  trx: Trx,
  ctx: { editionId: string; roundId: string; expertId: string; committeeId: string; now: Date },
): Promise<void> {
  await upsertResultSettings(trx, ctx.editionId, {
    advancement_mode: 'ratio',
    advancement_total: null,
    advancement_ratio: 0.6,
    reserved_ratio: 0.6,
    tie_rule: 'include_ties',
    award_ratios: JSON.stringify({ first: 0.2, second: 0.2, third: 0.3, special: 0.1 }),
    final_enterprise_weight: 50,
    updated_by: ctx.committeeId,
    updated_at: ctx.now,
  });
  const weights = defaultIndicatorWeights();
  const form = buildForm('expert', { demand_id: null, acceptance_criteria: null }, weights);
  const tasks = await reviews.listTasks(trx, { roundId: ctx.roundId, reviewerId: ctx.expertId });
  const projects = new Map((await reviews.roundProjects(trx, ctx.roundId)).map((p) => [p.id, p]));
  const byName: Record<string, { value: number; comment: string }> = {
    稻虾共作数智化生产服务平台: { value: 86, comment: '遥感与农事数据融合扎实，示范带动作用明显。' },
    工业视觉质检高质量数据集: { value: 78, comment: '数据集标注规范，质量评估方法可复用。' },
  };
  for (const task of tasks) {
    const project = projects.get(task.project_id);
    const seed = project && !project.demand_id ? byName[project.name] : undefined;
    if (!seed || task.status !== 'pending') continue;
    const scores = Object.fromEntries(form.criteria.map((c) => [c.key, seed.value]));
    await reviews.updateTask(trx, task.id, {
      status: 'submitted',
      declared_at: ctx.now,
      declaration_note: null,
      scores: JSON.stringify(scores),
      comment: seed.comment,
      total: taskTotal(form, scores),
      submitted_at: ctx.now,
    });
  }
}
