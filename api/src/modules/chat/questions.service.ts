import type { UserRow } from '../../db/schema.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { insertNotifications } from '../notifications/notifications.repository.ts';
import { assertVisible, viewerOf } from '../demands/demand-access.ts';
import { demandOpen, isOverseer } from './chat-access.ts';
import type { ChatContext } from './chat.service.ts';
import * as repo from './chat.repository.ts';
import * as qrepo from './questions.repository.ts';
import type { QuestionRow } from './questions.repository.ts';

/**
 * 答疑: a team representative asks the enterprise about a sub-topic while it takes
 * bids. The enterprise answers privately (the asking team) or to all: then the
 * question and answer, without who asked, become a message of the sub-topic's Q&A
 * channel, reach every bidding and following team, and show on the demand page.
 * The committee can make any answer an answer to all.
 */

export function questionDto(q: QuestionRow, showAsker: boolean) {
  return {
    id: q.id,
    demandId: q.demand_id,
    text: q.text,
    teamId: showAsker ? q.team_id : null,
    teamName: showAsker ? q.team_name : null,
    askedBy: showAsker ? q.asker_name : null,
    answer: q.answer,
    answeredAt: q.answered_at?.toISOString() ?? null,
    toAll: q.to_all,
    createdAt: q.created_at.toISOString(),
  };
}

async function loadDemand(ctx: ChatContext, user: UserRow | null, demandId: string) {
  const demand = repo.isUuid(demandId) ? await qrepo.findDemandForChat(ctx.db, demandId) : undefined;
  const viewer = await viewerOf(ctx.db, user);
  assertVisible(viewer, demand);
  return { demand, viewer };
}

export async function askQuestion(ctx: ChatContext, user: UserRow, demandId: string, text: string) {
  const { demand, viewer } = await loadDemand(ctx, user, demandId);
  const teamId = await qrepo.teamOfUserInEdition(ctx.db, user.id, demand.edition_id);
  if (!teamId || viewer.memberOrgIds.includes(demand.org_id)) throw forbidden('只有本届参赛团队的参赛代表可以向企业提问');
  if (!demandOpen({ demand_status: demand.status, demand_bid_deadline: demand.bid_deadline }, ctx.clock())) {
    throw new AppError('DEMAND_NOT_OPEN', '该子赛题已截止揭榜，不能再提问');
  }
  const recent = await qrepo.countRecentQuestions(ctx.db, user.id);
  if (recent >= ctx.limits.questionsPerHour) {
    throw new AppError('RATE_LIMITED', `提问太频繁：每小时最多 ${ctx.limits.questionsPerHour} 个问题`, {
      limit: ctx.limits.questionsPerHour,
      retryAfterSeconds: 3600,
    });
  }
  const id = await ctx.db.transaction().execute(async (trx) => {
    const row = await qrepo.insertQuestion(trx, { demand_id: demand.id, team_id: teamId, asked_by: user.id, text });
    await insertNotifications(trx, await qrepo.orgMemberIds(trx, demand.org_id), {
      kind: 'chat.question',
      title: `「${demand.title}」收到新的答疑提问`,
      body: text.slice(0, 120),
      link: `/messages?demand=${demand.id}`,
      data: { demandId: demand.id, questionId: row.id },
    });
    return row.id;
  });
  return questionDto((await qrepo.findQuestion(ctx.db, id))!, true);
}

/** The enterprise and overseers see every question; a team representative sees their team's. */
export async function listQuestions(ctx: ChatContext, user: UserRow, demandId: string) {
  const { demand, viewer } = await loadDemand(ctx, user, demandId);
  if (viewer.overseer || viewer.memberOrgIds.includes(demand.org_id)) {
    const canAnswer = viewer.memberOrgIds.includes(demand.org_id);
    return {
      items: (await qrepo.listQuestions(ctx.db, demand.id, null)).map((q) => questionDto(q, true)),
      canAnswer,
      canPublish: viewer.committee,
    };
  }
  const teamId = await qrepo.teamOfUserInEdition(ctx.db, user.id, demand.edition_id);
  if (!teamId) throw forbidden('只有参赛团队的参赛代表和需求企业可以查看答疑提问');
  return {
    items: (await qrepo.listQuestions(ctx.db, demand.id, teamId)).map((q) => questionDto(q, true)),
    canAnswer: false,
    canPublish: false,
  };
}

export async function answerQuestion(ctx: ChatContext, user: UserRow, questionId: string, input: { text: string; toAll: boolean }) {
  const question = repo.isUuid(questionId) ? await qrepo.findQuestion(ctx.db, questionId) : undefined;
  if (!question) throw notFound('问题');
  const viewer = await viewerOf(ctx.db, user);
  const demand = (await qrepo.findDemandForChat(ctx.db, question.demand_id))!;
  if (!viewer.memberOrgIds.includes(demand.org_id)) {
    if (viewer.overseer) throw forbidden('由发布该子赛题的企业答复；组委会可将已有答复公开给所有团队');
    throw notFound('问题');
  }
  const published = await ctx.db.transaction().execute(async (trx) => {
    const locked = (await qrepo.lockQuestion(trx, question.id))!;
    if (locked.answered_at) throw new AppError('ALREADY_ANSWERED', '该问题已经答复过了');
    await qrepo.updateQuestion(trx, question.id, { answer: input.text, answered_by: user.id, answered_at: ctx.clock() });
    await insertNotifications(trx, await qrepo.teamMemberIds(trx, question.team_id), {
      kind: 'chat.answer',
      title: `企业答复了你们关于「${demand.title}」的提问`,
      body: input.text.slice(0, 120),
      link: `/demands/${demand.id}`,
      data: { demandId: demand.id, questionId: question.id },
    });
    if (!input.toAll) return null;
    return publishInTransaction(ctx, trx, demand, question.id, user.id, input.text, user.id);
  });
  if (published) ctx.hub.published(published.channelId, published.messageId, 'new');
  return questionDto((await qrepo.findQuestion(ctx.db, question.id))!, true);
}

/** The committee turns an answer into an answer to all. */
export async function publishAnswer(ctx: ChatContext, user: UserRow, questionId: string) {
  if (!user.roles.includes('committee')) throw forbidden('只有组委会可以公开答复');
  const question = repo.isUuid(questionId) ? await qrepo.findQuestion(ctx.db, questionId) : undefined;
  if (!question) throw notFound('问题');
  if (!question.answered_at) throw new AppError('INVALID_TRANSITION', '该问题还没有答复，不能公开');
  const demand = (await qrepo.findDemandForChat(ctx.db, question.demand_id))!;
  const published = await ctx.db.transaction().execute(async (trx) => {
    const locked = (await qrepo.lockQuestion(trx, question.id))!;
    if (locked.to_all) return null;
    return publishInTransaction(ctx, trx, demand, question.id, locked.answered_by!, locked.answer!, user.id);
  });
  if (published) ctx.hub.published(published.channelId, published.messageId, 'new');
  return questionDto((await qrepo.findQuestion(ctx.db, question.id))!, true);
}

async function publishInTransaction(
  ctx: ChatContext,
  trx: Parameters<typeof qrepo.updateQuestion>[0],
  demand: NonNullable<Awaited<ReturnType<typeof qrepo.findDemandForChat>>>,
  questionId: string,
  answeredBy: string,
  answer: string,
  publishedBy: string,
) {
  const channelId = await repo.ensureChannel(trx, { kind: 'qa', editionId: demand.edition_id, demandId: demand.id });
  await repo.lockChannel(trx, channelId);
  const seq = await repo.nextSeq(trx, channelId);
  // The message carries the question by id; nothing in it names the asking team.
  const { id } = await repo.insertMessage(trx, {
    channel_id: channelId,
    seq,
    sender_id: answeredBy,
    sender_side: 'enterprise',
    client_id: `answer-${questionId}`,
    text: answer,
    question_id: questionId,
  });
  await qrepo.updateQuestion(trx, questionId, { to_all: true, published_by: publishedBy, published_at: ctx.clock() });
  await insertNotifications(trx, await repo.bidderAndFollowerIds(trx, demand.id), {
    kind: 'chat.answer.public',
    title: `「${demand.title}」发布了公开答疑`,
    body: answer.slice(0, 120),
    link: `/demands/${demand.id}`,
    data: { demandId: demand.id, channelId, seq },
  });
  return { channelId, messageId: id };
}

/** Answers to all of a sub-topic, for everyone who may see it (no asker identity). */
export async function publicAnswers(ctx: ChatContext, user: UserRow | null, demandId: string) {
  const { demand } = await loadDemand(ctx, user, demandId);
  const rows = await qrepo.listPublicAnswers(ctx.db, demand.id);
  return {
    channelId: rows.channelId,
    items: rows.items.map((q) => ({
      id: q.id,
      question: q.text,
      answer: q.answer!,
      answeredAt: (q.published_at ?? q.answered_at)!.toISOString(),
    })),
    canAsk:
      !!user &&
      !isOverseer(user) &&
      (await qrepo.teamOfUserInEdition(ctx.db, user.id, demand.edition_id)) !== null &&
      demandOpen({ demand_status: demand.status, demand_bid_deadline: demand.bid_deadline }, ctx.clock()),
  };
}
