import type { UserRow } from '../../db/schema.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { insertNotifications } from '../notifications/notifications.repository.ts';
import { loadImplementation } from './implementations.access.ts';
import { opinionDto } from './implementations.dto.ts';
import { announce, deliver, type Posted } from './implementations.events.ts';
import * as repo from './implementations.repository.ts';
import { getImplementation, type TrackingContext } from './implementations.service.ts';
import * as mrepo from './milestones.repository.ts';

/**
 * 专家意见: the committee or the enterprise asks an expert (platform role expert) for an
 * opinion on an implementation or one of its milestones; the expert then reads the
 * implementation and writes the opinion once. Opinions advise; the enterprise still decides.
 */
export async function requestOpinion(
  ctx: TrackingContext,
  user: UserRow,
  id: string,
  body: { expertId: string; milestoneId: string | null; question: string },
) {
  const { impl, viewer } = await loadImplementation(ctx.db, user, id);
  if (!viewer.committee && !viewer.sides.includes('enterprise')) throw forbidden('只有组委会和需求企业可以邀请专家出具意见');
  if (!(await repo.isExpert(ctx.db, body.expertId))) throw new AppError('NOT_IN_EXPERT_POOL', '所选用户不是评审专家');
  if (body.milestoneId) {
    const m = await mrepo.findMilestone(ctx.db, body.milestoneId);
    if (!m || m.implementation_id !== id) throw notFound('里程碑');
  }
  const posted: Posted[] = [];
  await ctx.db.transaction().execute(async (trx) => {
    const row = await mrepo.insertOpinion(trx, {
      implementation_id: id,
      milestone_id: body.milestoneId,
      expert_id: body.expertId,
      question: body.question,
      requested_by: user.id,
    });
    await insertNotifications(trx, [body.expertId], {
      kind: 'implementation.opinion_requested',
      title: `请对落地实施「${impl.title}」出具专家意见`,
      body: body.question.slice(0, 200),
      link: `/workspace/implementations/${id}`,
      data: { implementationId: id, opinionId: row.id },
    });
    posted.push(
      await announce(trx, impl, {
        actorId: user.id,
        action: 'opinion_requested',
        message: `${viewer.committee ? '组委会' : '需求企业'}邀请专家出具意见：${body.question}`,
        data: { opinionId: row.id, expertId: body.expertId },
      }),
    );
  });
  deliver(ctx.hub, posted);
  return getImplementation(ctx, user, id);
}

/** The experts the committee or the enterprise may ask (names and fields only). */
export async function expertCandidates(ctx: TrackingContext, user: UserRow, id: string) {
  const { viewer } = await loadImplementation(ctx.db, user, id);
  if (!viewer.committee && !viewer.sides.includes('enterprise')) throw forbidden('只有组委会和需求企业可以邀请专家出具意见');
  const rows = await repo.listExperts(ctx.db);
  return { items: rows.map((r) => ({ id: r.id, name: r.display_name, fields: r.fields ?? [] })) };
}

export async function myOpinions(ctx: TrackingContext, user: UserRow) {
  return { items: (await mrepo.listOpinions(ctx.db, { expertId: user.id })).map(opinionDto) };
}

export async function answerOpinion(
  ctx: TrackingContext,
  user: UserRow,
  opinionId: string,
  body: { opinion: string; recommendation: 'accept' | 'return' | 'neutral' },
) {
  const [found] = /^[0-9a-f-]{36}$/i.test(opinionId) ? await mrepo.listOpinions(ctx.db, { id: opinionId }) : [];
  if (!found) throw notFound('专家意见');
  const { impl } = await loadImplementation(ctx.db, user, found.implementation_id);
  if (found.expert_id !== user.id) throw forbidden('只有受邀专家可以出具该意见');
  const posted: Posted[] = [];
  await ctx.db.transaction().execute(async (trx) => {
    const locked = (await mrepo.lockOpinion(trx, opinionId))!;
    if (locked.answered_at) throw new AppError('ALREADY_ANSWERED', '该意见已出具，不能修改');
    await mrepo.answerOpinion(trx, opinionId, { opinion: body.opinion, recommendation: body.recommendation });
    const label = { accept: '建议通过', return: '建议退回修改', neutral: '仅供参考' }[body.recommendation];
    posted.push(
      await announce(trx, impl, {
        actorId: user.id,
        action: 'opinion_answered',
        message: `专家已出具意见（${label}）：${body.opinion.slice(0, 300)}`,
        notify: ['enterprise', 'committee'],
        data: { opinionId },
      }),
    );
  });
  deliver(ctx.hub, posted);
  const [row] = await mrepo.listOpinions(ctx.db, { id: opinionId });
  return opinionDto(row!);
}
