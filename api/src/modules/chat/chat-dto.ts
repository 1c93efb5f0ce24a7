import type { ChatAttachment, ChatChannelKind } from '../../db/schema.ts';
import type { MessageRow } from './chat.repository.ts';
import { SUPERVISED_NOTICE, type ChannelDto, type MessageDto } from './chat.schemas.ts';

const sideNames = { enterprise: '企业', team: '参赛团队', committee: '组委会', system: '系统' } as const;

export interface Revision {
  message_id: string;
  action: 'edit' | 'delete';
  previous_text: string;
  at: Date;
  actor_name: string | null;
}

/**
 * A message as a reader sees it. Hidden and deleted messages keep their place (seq)
 * but lose their text for members; overseers see the text, the reason and the originals.
 */
export function messageDto(row: MessageRow, opts: { overseer: boolean; revisions?: Revision[] }): MessageDto {
  const hidden = row.hidden_at !== null;
  const deleted = row.deleted_at !== null;
  const attachment = row.attachment as ChatAttachment | null;
  const showText = opts.overseer || (!hidden && !deleted);
  const dto: MessageDto = {
    id: row.id,
    channelId: row.channel_id,
    seq: row.seq,
    clientId: row.client_id,
    text: showText ? row.text : '',
    sender: { id: row.sender_id, name: row.sender_name ?? sideNames[row.sender_side], side: row.sender_side },
    question: row.question_id && row.question_text !== null ? { id: row.question_id, text: row.question_text } : null,
    attachment:
      attachment && showText
        ? {
            fileName: attachment.fileName,
            mimeType: attachment.mimeType,
            size: attachment.size,
            url: `/api/channels/${row.channel_id}/messages/${row.id}/attachment`,
          }
        : null,
    createdAt: row.created_at.toISOString(),
    editedAt: row.edited_at?.toISOString() ?? null,
    deleted,
    hidden,
  };
  if (opts.overseer) {
    dto.hiddenReason = row.hidden_reason;
    dto.revisions = (opts.revisions ?? [])
      .filter((r) => r.message_id === row.id)
      .map((r) => ({ action: r.action, previousText: r.previous_text, at: r.at.toISOString(), actorName: r.actor_name }));
  }
  return dto;
}

export interface ChannelRowLike {
  id: string;
  kind: ChatChannelKind;
  edition_id: string;
  demand_id: string | null;
  team_id: string | null;
  last_seq: number;
  last_message_at: Date | null;
  demand_title: string | null;
  team_name: string | null;
  demand_org_name: string | null;
  last_read_seq?: number;
  unread?: number;
  hidden_count?: number;
}

export function channelTitle(row: Pick<ChannelRowLike, 'kind' | 'demand_title' | 'team_name' | 'demand_org_name'>) {
  if (row.kind === 'announcement') return '组委会公告';
  if (row.kind === 'qa') return `答疑：${row.demand_title ?? ''}`;
  return `${row.demand_org_name ?? '企业'} × ${row.team_name ?? '参赛团队'}`;
}

export function channelDto(row: ChannelRowLike, opts: { overseer: boolean }): ChannelDto {
  return {
    id: row.id,
    kind: row.kind,
    title: channelTitle(row),
    editionId: row.edition_id,
    demandId: row.demand_id,
    demandTitle: row.demand_title,
    enterpriseName: row.demand_org_name,
    teamId: row.team_id,
    teamName: row.team_name,
    lastSeq: row.last_seq,
    lastReadSeq: row.last_read_seq ?? 0,
    unread: row.unread ?? 0,
    lastMessageAt: row.last_message_at?.toISOString() ?? null,
    notice: row.kind === 'private' ? SUPERVISED_NOTICE : null,
    ...(opts.overseer ? { hiddenCount: row.hidden_count ?? 0 } : {}),
  };
}
