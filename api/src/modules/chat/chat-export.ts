import type { UserRow } from '../../db/schema.ts';
import { forbidden } from '../../errors.ts';
import { isOverseer, loadReadableChannel } from './chat-access.ts';
import { channelDto, messageDto } from './chat-dto.ts';
import type { ChatContext } from './chat.service.ts';
import * as repo from './chat.repository.ts';
import * as qrepo from './questions.repository.ts';
import { questionDto } from './questions.service.ts';

/**
 * 留档: everything the committee needs to audit a channel — every message with hidden
 * ones and the originals of edits and deletions, read positions (who read which
 * announcement), and for a sub-topic its questions with the answers made public.
 */
export async function exportChannel(ctx: ChatContext, user: UserRow, channelId: string) {
  if (!isOverseer(user)) throw forbidden('只有组委会和监督委员会可以导出对话');
  const { channel } = await loadReadableChannel(ctx.db, user, channelId);
  const [row] = await repo.listChannels(ctx.db, user.id, { channelId });
  const messages: ReturnType<typeof messageDto>[] = [];
  let after = 0;
  for (;;) {
    const page = await repo.listMessages(ctx.db, channelId, { afterSeq: after, limit: 1000 });
    const revisions = await repo.listRevisions(
      ctx.db,
      page.map((m) => m.id),
    );
    messages.push(...page.map((m) => messageDto(m, { overseer: true, revisions })));
    if (page.length < 1000) break;
    after = page.at(-1)!.seq;
  }
  const reads = await repo.listReads(ctx.db, channelId);
  return {
    channel: channelDto(row ?? channel, { overseer: true }),
    messages,
    reads: reads.map((r) => ({ userId: r.user_id, name: r.display_name, lastReadSeq: r.last_read_seq, readAt: r.read_at.toISOString() })),
    /** For announcements: who has read each one. */
    receipts:
      channel.kind === 'announcement'
        ? messages.map((m) => ({
            seq: m.seq,
            readers: reads.filter((r) => r.last_read_seq >= m.seq).map((r) => ({ userId: r.user_id, name: r.display_name })),
          }))
        : [],
  };
}

export async function exportDemand(ctx: ChatContext, user: UserRow, demandId: string) {
  if (!isOverseer(user)) throw forbidden('只有组委会和监督委员会可以导出对话');
  const channels = await repo.listChannels(ctx.db, user.id, { demandId });
  const questions = repo.isUuid(demandId) ? await qrepo.listQuestions(ctx.db, demandId, null) : [];
  return {
    demandId,
    exportedAt: ctx.clock().toISOString(),
    questions: questions.map((q) => ({ ...questionDto(q, true), publishedAt: q.published_at?.toISOString() ?? null })),
    channels: await Promise.all(channels.map((c) => exportChannel(ctx, user, c.id))),
  };
}
