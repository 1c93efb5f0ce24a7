import type { Trx } from '../db/database.ts';
import * as repo from '../modules/chat/chat.repository.ts';

/**
 * 演示数据 for chat: public answers (答疑) on two Hebei sub-topics, a private channel
 * with history between enterprise2@demo.cn and team2@demo.cn on the UDI sub-topic,
 * and an announcement of the committee. Idempotent: skipped when the first demo
 * question exists (or the demo team is missing, e.g. without file storage).
 */
const MINUTE = 60 * 1000;

const udiQuestions = [
  {
    text: 'UDI 追溯数据是否包含医院 SPD 系统的使用端记录？',
    answer: '包含。2023—2024 年三家合作医院的 SPD 出入库记录将在沙箱中开放，字段见数据清单“使用端记录”。',
  },
  {
    text: '数据能否导出到团队自己的服务器上训练模型？',
    answer: '不能导出原始数据。模型训练须在企业提供的隐私计算沙箱内完成，结果经审核后可导出。',
  },
];
const privateHistory: { from: 'enterprise' | 'team'; text: string }[] = [
  { from: 'team', text: '孙经理您好，我们是理工数智揭榜队，已提交 UDI 全链追溯方案，想确认一下沙箱的开放时间。' },
  { from: 'enterprise', text: '您好！沙箱环境下周一开放，届时会通过平台通知各揭榜团队账号。' },
  { from: 'team', text: '好的。经销商进销存数据的编码是否已经统一到 GS1 标准？' },
  { from: 'enterprise', text: '大部分已统一，约 8% 的历史记录仍是企业内部编码，我们会提供映射表。' },
  { from: 'team', text: '明白，我们会在方案的数据治理部分补充编码映射的处理。谢谢！' },
];

export async function seedDemoChat(trx: Trx, ctx: { editionId: string; userIdByEmail: Map<string, string>; now: Date }) {
  const done = await trx.selectFrom('chat_questions').select('id').where('text', '=', udiQuestions[0]!.text).executeTakeFirst();
  if (done) return;
  const teamLeaderId = ctx.userIdByEmail.get('team2@demo.cn')!;
  const enterpriseUserId = ctx.userIdByEmail.get('enterprise2@demo.cn')!;
  const enterprise1Id = ctx.userIdByEmail.get('enterprise1@demo.cn')!;
  const committeeId = ctx.userIdByEmail.get('committee@demo.cn')!;
  const bid = await trx
    .selectFrom('projects')
    .innerJoin('team_members', 'team_members.team_id', 'projects.team_id')
    .select(['projects.team_id', 'projects.demand_id'])
    .where('team_members.user_id', '=', teamLeaderId)
    .where('projects.edition_id', '=', ctx.editionId)
    .where('projects.demand_id', 'is not', null)
    .executeTakeFirst();
  if (!bid) return;
  const demandId = bid.demand_id!;
  const other = await trx
    .selectFrom('demands')
    .innerJoin('org_members', 'org_members.org_id', 'demands.org_id')
    .select('demands.id')
    .where('org_members.user_id', '=', enterprise1Id)
    .where('demands.edition_id', '=', ctx.editionId)
    .where('demands.status', '=', 'published')
    .orderBy('demands.created_at')
    .executeTakeFirst();

  const at = (minutesAgo: number) => new Date(ctx.now.getTime() - minutesAgo * MINUTE);
  const post = async (
    channelId: string,
    m: { sender: string; side: 'enterprise' | 'team' | 'committee'; text: string; clientId: string; questionId?: string; at: Date },
  ) => {
    await repo.lockChannel(trx, channelId);
    const seq = await repo.nextSeq(trx, channelId);
    await trx
      .insertInto('chat_messages')
      .values({
        channel_id: channelId,
        seq,
        sender_id: m.sender,
        sender_side: m.side,
        client_id: m.clientId,
        text: m.text,
        question_id: m.questionId ?? null,
        created_at: m.at,
      })
      .execute();
  };
  const answerToAll = async (
    demand: string,
    answeredBy: string,
    q: { text: string; answer: string },
    minutesAgo: number,
    index: number,
  ) => {
    const { id } = await trx
      .insertInto('chat_questions')
      .values({
        demand_id: demand,
        team_id: bid.team_id,
        asked_by: teamLeaderId,
        text: q.text,
        answer: q.answer,
        answered_by: answeredBy,
        answered_at: at(minutesAgo),
        to_all: true,
        published_by: answeredBy,
        published_at: at(minutesAgo),
        created_at: at(minutesAgo + 90),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const channelId = await repo.ensureChannel(trx, { kind: 'qa', editionId: ctx.editionId, demandId: demand });
    await post(channelId, {
      sender: answeredBy,
      side: 'enterprise',
      text: q.answer,
      clientId: `answer-${id}`,
      questionId: id,
      at: at(minutesAgo),
    });
    return index;
  };

  for (const [i, q] of udiQuestions.entries()) await answerToAll(demandId, enterpriseUserId, q, 3000 - i * 600, i);
  if (other) {
    await answerToAll(
      other.id,
      enterprise1Id,
      {
        text: '验收时是否允许使用企业以外的公开数据作为补充？',
        answer: '允许，但须在方案中注明来源和授权情况，核心指标须基于企业开放的数据验证。',
      },
      2000,
      9,
    );
  }
  // A question still waiting for the enterprise's answer (the inbox shows it).
  await trx
    .insertInto('chat_questions')
    .values({
      demand_id: demandId,
      team_id: bid.team_id,
      asked_by: teamLeaderId,
      text: '中期核验时是否需要现场演示？',
      created_at: at(120),
    })
    .execute();

  const privateId = await repo.ensureChannel(trx, { kind: 'private', editionId: ctx.editionId, demandId, teamId: bid.team_id });
  for (const [i, m] of privateHistory.entries()) {
    await post(privateId, {
      sender: m.from === 'team' ? teamLeaderId : enterpriseUserId,
      side: m.from,
      text: m.text,
      clientId: `demo-${i}`,
      at: at(1500 - i * 40),
    });
  }
  await repo.markRead(trx, privateId, teamLeaderId, privateHistory.length);

  const announcementId = await repo.ensureChannel(trx, { kind: 'announcement', editionId: ctx.editionId });
  await post(announcementId, {
    sender: committeeId,
    side: 'committee',
    text: '各参赛团队：作品提交截止前请确认申报书五个部分和必需材料齐全。企业与团队的私聊对话受组委会监督，涉及所有团队的答复请通过平台公开答疑发布。',
    clientId: 'demo-announcement-1',
    at: at(600),
  });
}
