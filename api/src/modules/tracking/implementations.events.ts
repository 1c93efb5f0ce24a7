import { randomUUID } from 'node:crypto';
import type { Trx } from '../../db/database.ts';
import type { ImplementationSide } from '../../db/schema.ts';
import { recordAudit } from '../../lib/audit.ts';
import type { ChatHub } from '../chat/chat-hub.ts';
import * as chatRepo from '../chat/chat.repository.ts';
import { insertNotifications } from '../notifications/notifications.repository.ts';
import * as repo from './implementations.repository.ts';

/**
 * What an implementation's steps tell people, written in the step's transaction:
 * a system message in the existing private channel of the sub-topic × team (the
 * channel both sides already use, so the conversation and the milestones sit in one
 * place), in-app notifications to the side that has to act, and the audit record.
 * Live delivery to connected sockets happens after commit (`deliver`).
 */
export interface ImplRef {
  id: string;
  title: string;
  edition_id: string;
  demand_id: string;
  team_id: string;
  enterprise_org_id: string;
}

export interface Posted {
  channelId: string;
  messageId: string;
}

export async function announce(
  trx: Trx,
  impl: ImplRef,
  event: {
    actorId: string;
    action: string;
    message: string;
    /** Who is told (in-app notification): a side, the committee, or nobody. */
    notify?: ImplementationSide | 'committee' | 'both' | (ImplementationSide | 'committee')[] | null;
    data?: Record<string, unknown>;
  },
): Promise<Posted> {
  const channelId = await chatRepo.ensureChannel(trx, {
    kind: 'private',
    editionId: impl.edition_id,
    demandId: impl.demand_id,
    teamId: impl.team_id,
  });
  const seq = await chatRepo.nextSeq(trx, channelId);
  const { id: messageId } = await chatRepo.insertMessage(trx, {
    channel_id: channelId,
    seq,
    sender_id: null,
    sender_side: 'system',
    client_id: `impl:${randomUUID()}`,
    text: `【落地实施】${event.message}`,
  });
  if (event.notify) {
    const targets =
      event.notify === 'both' ? (['enterprise', 'team'] as const) : Array.isArray(event.notify) ? event.notify : [event.notify];
    const members = await repo.sideMemberIds(trx, impl.enterprise_org_id, impl.team_id);
    const userIds: string[] = [];
    for (const target of targets) userIds.push(...(target === 'committee' ? await repo.committeeIds(trx) : members[target]));
    await insertNotifications(
      trx,
      userIds.filter((id) => id !== event.actorId),
      {
        kind: `implementation.${event.action}`,
        title: `落地实施「${impl.title}」`,
        body: event.message.slice(0, 200),
        link: `/workspace/implementations/${impl.id}`,
        data: { implementationId: impl.id },
      },
    );
  }
  await recordAudit(trx, {
    actorId: event.actorId,
    action: `implementation.${event.action}`,
    entityType: 'implementation',
    entityId: impl.id,
    data: event.data ?? {},
  });
  return { channelId, messageId };
}

export function deliver(hub: ChatHub | undefined, posted: Posted[]) {
  for (const p of posted) hub?.published(p.channelId, p.messageId, 'new');
}
