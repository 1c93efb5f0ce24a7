import type { Executor } from '../../db/database.ts';
import type { ChatSenderSide, UserRow } from '../../db/schema.ts';
import { AppError, forbidden, notFound, unauthenticated } from '../../errors.ts';
import { isPublic } from '../demands/demand-access.ts';
import type { ChannelWithContext } from './chat.repository.ts';
import * as repo from './chat.repository.ts';

/**
 * Who may read and post in a channel — the one place both HTTP routes and socket
 * events ask:
 * - private channel (sub-topic × bidding team): the enterprise's members and the team's
 *   representatives read and post; everyone else gets 404 (the channel's existence does not leak);
 * - Q&A channel of a sub-topic: anyone signed in who may see the sub-topic reads (its
 *   messages are the public answers); nobody posts directly (questions and answers have their routes);
 * - announcements of an edition: the edition's participants read, the committee posts;
 * - the committee and the supervisor read every channel (overseers: hidden messages, originals).
 */
export interface ChannelAccess {
  overseer: boolean;
  committee: boolean;
  /** The side the user posts as, or null when the user may only read. */
  postAs: ChatSenderSide | null;
}

export function isOverseer(user: UserRow) {
  return user.roles.includes('committee') || user.roles.includes('supervisor');
}

export async function accessToChannel(db: Executor, user: UserRow, channel: ChannelWithContext): Promise<ChannelAccess | null> {
  const committee = user.roles.includes('committee');
  const overseer = isOverseer(user);
  switch (channel.kind) {
    case 'private': {
      if (channel.demand_org_id && (await repo.isOrgMember(db, channel.demand_org_id, user.id)))
        return { overseer, committee, postAs: 'enterprise' };
      if (channel.team_id && (await repo.isTeamMember(db, channel.team_id, user.id))) return { overseer, committee, postAs: 'team' };
      return overseer ? { overseer, committee, postAs: null } : null;
    }
    case 'qa': {
      const demand = {
        org_id: channel.demand_org_id!,
        status: channel.demand_status!,
        published_content: channel.demand_published_content,
      };
      if (overseer || isPublic(demand) || (await repo.isOrgMember(db, demand.org_id, user.id)))
        return { overseer, committee, postAs: null };
      return null;
    }
    case 'announcement': {
      if (overseer) return { overseer, committee, postAs: committee ? 'committee' : null };
      const participants = await repo.editionParticipantIds(db, channel.edition_id);
      return participants.includes(user.id) ? { overseer, committee, postAs: null } : null;
    }
  }
}

/** Loads a channel the user may read, or throws 404 (missing or not theirs) / 401. */
export async function loadReadableChannel(db: Executor, user: UserRow | null, channelId: string) {
  if (!user) throw unauthenticated();
  const channel = repo.isUuid(channelId) ? await repo.findChannel(db, channelId) : undefined;
  const access = channel ? await accessToChannel(db, user, channel) : null;
  if (!channel || !access) throw notFound('频道');
  return { channel, access };
}

/** Whether a sub-topic takes bids now (published, deadline not passed): questions and private messages need it. */
export function demandOpen(channel: Pick<ChannelWithContext, 'demand_status' | 'demand_bid_deadline'>, now: Date) {
  return channel.demand_status === 'published' && (!channel.demand_bid_deadline || channel.demand_bid_deadline.getTime() > now.getTime());
}

export function demandClosedError() {
  return new AppError('DEMAND_NOT_OPEN', '该子赛题已截止揭榜，对话已关闭，不能再发送消息');
}

/** Loads a channel the user may post in now, or throws the reason. */
export async function loadPostableChannel(db: Executor, user: UserRow | null, channelId: string, now: Date) {
  const { channel, access } = await loadReadableChannel(db, user, channelId);
  return { channel, access, postAs: assertCanPost(channel, access, now) };
}

/** The side the user posts as, or the reason they may not post in this channel now. */
export function assertCanPost(channel: ChannelWithContext, access: ChannelAccess, now: Date): ChatSenderSide {
  if (!access.postAs) {
    throw forbidden(
      channel.kind === 'qa'
        ? '答疑频道的消息通过「提问」和企业「答复」发布'
        : channel.kind === 'announcement'
          ? '只有组委会可以发布公告'
          : '组委会和监督委员会只能查看本对话，不能发言',
    );
  }
  if (channel.kind === 'private' && !demandOpen(channel, now) && !channel.implementation_active) throw demandClosedError();
  return access.postAs;
}
